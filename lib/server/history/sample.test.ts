import { expect, it } from "vitest";
import type { HostSnapshot, Session, Snapshot } from "../../snapshot";
import { countSessions } from "../../session-stats";
import { sampleOf } from "./sample";

const session = (state: string, backendType = "client backend", waitEventType: string | null = null) => ({ pid: 1, state, backendType, waitEventType }) as Session;
const sessions = [session("active"), session("idle"), session("idle"), session("idle in transaction"), session("idle in transaction (aborted)"), session("active", "autovacuum worker", "Lock"), session("active", "client backend", "Lock")];
const snap = {
  targetId: "t",
  takenAt: "2026-11-26T18:00:00.000Z",
  intervalMs: 1000,
  postgres: {
    status: "up",
    sessions,
    summary: countSessions(sessions),
    databases: [{ tempBytes: 1000 }, { tempBytes: 24 }],
    settings: { maxConnections: 100 },
  },
  host: null,
} as unknown as Snapshot;
const host = { status: "up", memTotalBytes: 8e9, memAvailableBytes: 2e9, swapTotalBytes: 1e9, swapFreeBytes: 5e8, swapInPerSec: 3, swapOutPerSec: 4, psi: { someAvg10: 1.5, fullAvg10: 0.5 }, oomKills: 2 } as HostSnapshot;

it("counts client sessions by state, sums temp bytes, and takes host and verification values", () => {
  const at = new Date();
  const r = sampleOf("t", at, snap, host, { odooHttp: { status: 200, latencyMs: 42 }, cronBacklog: { overdue: 3 } } as never);
  expect(r).toMatchObject({ targetId: "t", at, postgresUp: true, hostUp: true, active: 2, idle: 2, idleInTransaction: 2, waitingOnLocks: 1, total: 6, maxConnections: 100, tempBytes: 1024n });
  expect(r).toMatchObject({ memTotalBytes: 8_000_000_000n, memAvailableBytes: 2_000_000_000n, swapInPerSec: 3, psiFullAvg10: 0.5, oomKills: 2, odooHttpStatus: 200, odooHttpMs: 42, cronBacklog: 3 });
});

it("PostgreSQL down and host down: only the up flags, no made-up zeros", () => {
  const down = { ...snap, postgres: { ...snap.postgres, status: "down" } } as Snapshot;
  const r = sampleOf("t", new Date(), down, { ...host, status: "down" }, null);
  expect(r).toMatchObject({ postgresUp: false, hostUp: false, active: null, waitingOnLocks: null, total: null, tempBytes: null, memTotalBytes: null, oomKills: null, cronBacklog: null });
  expect(sampleOf("t", new Date(), down, null, null).hostUp).toBeNull();
});
