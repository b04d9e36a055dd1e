import { describe, expect, it } from "vitest";
import type { Session, Snapshot } from "../../snapshot";
import { countSessions } from "../../session-stats";
import { postgresHealth } from "./view";

const session = (state: string, stateMs = 0, backendType = "client backend") => ({ pid: 100 + stateMs, backendStart: "b", state, stateMs, backendType }) as Session;
/** As the monitor builds it: the summary computed once from the sessions. */
const snap = (postgres: Partial<Snapshot["postgres"]>) =>
  ({
    postgres: { status: "up", inRecovery: false, sessions: [], lastPollAt: "2026-11-26T10:00:00.000Z", settings: { maxConnections: 100 }, ...postgres, summary: postgres.status === "down" ? null : countSessions(postgres.sessions ?? []) },
  }) as Snapshot;

describe("postgresHealth", () => {
  it("judges the poll's summary as the checklist does and says whether the server is in recovery", () => {
    const h = postgresHealth(snap({ inRecovery: true, sessions: [session("active"), session("active"), session("idle in transaction", 4000), session("idle"), session(null as never, 0, "checkpointer")] }));
    expect(h).toEqual({
      status: "up",
      inRecovery: true,
      sessions: { status: "ok", active: 2, idleInTransaction: 1, oldestIdleInTransaction: { pid: 4100, backendStart: "b", ms: 4000 }, text: "2 active of max_connections 100, 1 idle in transaction, oldest 4 s" },
      lastPollAt: "2026-11-26T10:00:00.000Z",
    });
  });
  it("is bad with the oldest session's age once one has idled in a transaction past the threshold", () => {
    const h = postgresHealth(snap({ sessions: [session("idle in transaction", 120_000), session("idle in transaction (aborted)", 5000)] }));
    expect(h.sessions).toMatchObject({ status: "bad", idleInTransaction: 2, oldestIdleInTransaction: { pid: 120_100 }, text: "0 active of max_connections 100, 2 idle in transaction, oldest 2m 00s (over 1m 00s)" });
  });
  it("has no counts while down or before the first poll", () => {
    expect(postgresHealth(snap({ status: "down", error: "connection refused" }))).toMatchObject({ status: "down", error: "connection refused", sessions: null, inRecovery: null });
    expect(postgresHealth(null)).toMatchObject({ status: "starting", lastPollAt: null });
  });
});
