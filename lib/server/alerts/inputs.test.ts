import { expect, it } from "vitest";
import type { Session, Snapshot } from "../../snapshot";
import { countSessions } from "../../session-stats";
import { alertInputsOf } from "./inputs";

const s = (state: string, stateMs: number, backendType = "client backend") => ({ pid: stateMs, backendStart: "b", state, stateMs, backendType }) as Session;
const sessions = [s("active", 10), s("idle in transaction", 5000), s("idle in transaction (aborted)", 90_000), s("idle", 1), s("idle in transaction", 999_999, "walsender")];
const rates = (tempBytesPerSec: number) => ({ tempBytesPerSec });
const snap = (over: Partial<Snapshot> = {}) =>
  ({
    takenAt: "2026-11-26T18:00:00Z",
    postgres: {
      status: "up",
      sessions,
      summary: countSessions(sessions),
      databases: [{ rates: rates(100) }, { rates: null }, { rates: rates(50) }],
      settings: { maxConnections: 8 },
    },
    host: { status: "up", memTotalBytes: 1000, memAvailableBytes: 50, swapInPerSec: 7, psi: { fullAvg10: 3 }, oomKills: 4 },
    ...over,
  }) as unknown as Snapshot;

it("measures every rule's input from one snapshot, client backends only", () => {
  expect(alertInputsOf(snap())).toEqual({
    memAvailablePercent: 5,
    swapInPerSec: 7,
    psiFullAvg10: 3,
    oomKills: 4,
    idleInTransactionCount: 2,
    idleInTransactionMaxSeconds: 90,
    oldestIdleInTransaction: { pid: 90_000, backendStart: "b", ms: 90_000 },
    connectionsPercent: 50,
    tempBytesPerSec: 150,
  });
});

it("a down host or PostgreSQL gives nulls (no data), not zeros", () => {
  const down = snap({ host: { status: "down" } as never, postgres: { status: "down", summary: null, sessions: [], databases: [] } as never });
  expect(Object.values(alertInputsOf(down)).every((v) => v === null)).toBe(true);
});
