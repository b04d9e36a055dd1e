import { describe, it, expect } from "vitest";
import type { HistoryPoint, Session, Snapshot } from "@/lib/snapshot";
import { countSessions, downsample, historyPointOf } from "./session-stats";
import { session } from "@/test/fixtures/session-fixture";

const sessions: Session[] = [
  session({ pid: 1, state: "active", queryMs: 5_000, xactMs: 5_000 }),
  session({ pid: 2, state: "active", queryMs: 90_000, xactMs: 90_000, waitEventType: "Lock", waitEvent: "transactionid", blockedBy: [3] }),
  session({ pid: 3, state: "idle in transaction", queryMs: 200_000, xactMs: 300_000 }),
  session({ pid: 4, state: "idle in transaction (aborted)", xactMs: 10_000 }),
  session({ pid: 5, state: "idle" }),
  session({ pid: 6, state: "idle" }),
  session({ pid: 7, state: null, backendType: "checkpointer", user: null, database: null }),
  session({ pid: 8, state: "active", queryMs: 900_000, xactMs: 900_000, backendType: "walsender" }),
];

describe("countSessions", () => {
  it("counts states, lock waiters and client backends, ignoring other backend types", () => {
    const c = countSessions(sessions);
    expect(c).toMatchObject({ active: 2, idle: 2, idleInTransaction: 1, idleInTransactionAborted: 1, waitingOnLock: 1, clientBackends: 6 });
  });

  it("finds the longest active query and the oldest open transaction", () => {
    const c = countSessions(sessions);
    // pid 3's query started earlier but it is not running, and pid 2 waits on a lock (a victim): only running queries count.
    expect(c.longestActive).toEqual({ pid: 1, backendStart: expect.anything(), ms: 5_000 });
    expect(c.oldestTransaction?.pid).toBe(3);
    expect(c.oldestTransaction?.ms).toBe(300_000);
  });

  it("names the session idle in a transaction longest, aborted ones included, and leaves out the console's own", () => {
    const list = [
      session({ pid: 10, state: "idle in transaction", stateMs: 30_000, xactMs: 40_000 }),
      session({ pid: 11, state: "idle in transaction (aborted)", stateMs: 90_000, xactMs: 95_000 }),
      session({ pid: 12, state: "active", queryMs: 500_000, isTriage: true }),
    ];
    const c = countSessions(list);
    expect(c.oldestIdleInTransaction?.pid).toBe(11);
    expect(c.longestActive).toBeNull();
    expect(c.clientBackends).toBe(2);
  });

  it("returns nulls for an empty list", () => {
    expect(countSessions([])).toMatchObject({ active: 0, longestActive: null, oldestTransaction: null });
  });
});

function snapshot(status: "up" | "down", list: Session[]): Snapshot {
  return {
    targetId: "default",
    takenAt: "2026-03-21T10:00:00.000Z",
    intervalMs: 1000,
    host: null,
    postgres: {
      status,
      summary: null,
      suspects: [],
      cancelsTried: {},
      serverTime: null,
      serverVersion: null,
      serverVersionNum: null,
      inRecovery: false,
      sessions: list,
      databases: [],
      settings: null,
      pollMs: 3,
      lastPollAt: null,
    },
  };
}

describe("historyPointOf", () => {
  it("turns a good snapshot into a chart point at takenAt", () => {
    expect(historyPointOf(snapshot("up", sessions))).toEqual({
      t: Date.parse("2026-03-21T10:00:00.000Z"),
      active: 2,
      idle: 2,
      idleInTransaction: 1,
      idleInTransactionAborted: 1,
      waitingOnLock: 1,
      total: 6,
    });
  });

  it("leaves a gap when postgres is down", () => {
    expect(historyPointOf(snapshot("down", []))).toBeNull();
  });
});

describe("downsample", () => {
  const point = (t: number, active = 1): HistoryPoint => ({ t, active, idle: 0, idleInTransaction: 0, idleInTransactionAborted: 0, waitingOnLock: 0, total: active });

  it("returns the points unchanged when under the limit", () => {
    const pts = [point(1), point(2)];
    expect(downsample(pts, 600)).toEqual(pts);
  });

  it("caps the count and keeps a one-point spike", () => {
    const pts = Array.from({ length: 900 }, (_, i) => point(i * 1000, i === 451 ? 80 : 2));
    const out = downsample(pts, 600);
    expect(out.length).toBeLessThanOrEqual(600);
    expect(out.length).toBeGreaterThan(590);
    expect(Math.max(...out.map((p) => p.active))).toBe(80);
    expect(out[out.length - 1].t).toBe(899_000);
    expect(out.every((p, i) => i === 0 || p.t > out[i - 1].t)).toBe(true);
  });
});
