import { describe, it, expect } from "vitest";
import type { HistoryPoint, Snapshot } from "@/lib/snapshot";
import { freshnessOf } from "./freshness";
import { HISTORY_WINDOW_MS, initialStreamState, mergeHistory, streamReducer, type StreamState } from "./stream-state";
import { session } from "@/test/fixtures/session-fixture";

const point = (t: number, active = 0): HistoryPoint => ({ t, active, idle: 0, idleInTransaction: 0, idleInTransactionAborted: 0, waitingOnLock: 0, total: active });

function snap(takenAt: string, status: "up" | "down", error?: string): Snapshot {
  return {
    targetId: "default",
    takenAt,
    intervalMs: 1000,
    host: null,
    postgres: {
      status,
      summary: null,
      suspects: [],
      cancelsTried: {},
      error,
      serverTime: null,
      serverVersion: null,
      serverVersionNum: null,
      inRecovery: null,
      sessions: status === "up" ? [session({ pid: 42, state: "active", queryMs: 10 })] : [],
      databases: [],
      settings: null,
      pollMs: null,
      lastPollAt: null,
    },
  };
}

describe("mergeHistory", () => {
  it("appends newer points and caps at the newest", () => {
    let h: HistoryPoint[] = [];
    for (let t = 1; t <= 5; t++) h = mergeHistory(h, [point(t)], 3);
    expect(h.map((p) => p.t)).toEqual([3, 4, 5]);
  });

  it("keeps only the last 15 minutes", () => {
    const start = 1_000_000;
    let h: HistoryPoint[] = [];
    for (let i = 0; i <= 1000; i++) h = mergeHistory(h, [point(start + i * 1000)]);
    expect(h[h.length - 1].t - h[0].t).toBe(HISTORY_WINDOW_MS);
    expect(h).toHaveLength(901);
  });

  it("merges a late server history with local points, one per timestamp", () => {
    const local = [point(4, 9), point(5, 9)];
    const server = [point(1), point(2), point(3), point(4, 1)];
    const h = mergeHistory(local, server);
    expect(h.map((p) => p.t)).toEqual([1, 2, 3, 4, 5]);
    expect(h[3].active).toBe(1);
  });
});

describe("streamReducer", () => {
  const up1 = snap("2026-03-21T10:00:00.000Z", "up");
  const down = snap("2026-03-21T10:00:01.000Z", "down", "connect ECONNREFUSED 127.0.0.1:5432");

  it("keeps the last good postgres data when a snapshot says down", () => {
    let s: StreamState = streamReducer(initialStreamState, { type: "connected" });
    s = streamReducer(s, { type: "snapshot", snapshot: up1, receivedAt: 1000 });
    s = streamReducer(s, { type: "snapshot", snapshot: down, receivedAt: 2000 });
    expect(s.lastGood).toBe(up1);
    expect(s.lastGoodAt).toBe(1000);
    expect(s.latest).toBe(down);
    expect(s.updates).toBe(1);
    expect(s.history).toHaveLength(1);
    expect(s.history[0].active).toBe(1);
  });

  it("records the socket error on disconnect and clears it on reconnect", () => {
    let s = streamReducer(initialStreamState, { type: "disconnected", reason: "socket transport close" });
    expect(s).toMatchObject({ connected: false, socketError: "socket transport close" });
    s = streamReducer(s, { type: "connected" });
    expect(s).toMatchObject({ connected: true, socketError: null });
  });
});

describe("freshnessOf", () => {
  const up = snap("2026-03-21T10:00:00.000Z", "up");
  const base: StreamState = { ...initialStreamState, connected: true, latest: up, lastGood: up, lastGoodAt: 10_000, updates: 1 };

  it("is fresh within two intervals and stale after", () => {
    expect(freshnessOf(base, 11_900)).toMatchObject({ ageMs: 1900, stale: false, disconnected: false, connecting: false });
    expect(freshnessOf(base, 12_001)).toMatchObject({ ageMs: 2001, stale: true, disconnected: false });
  });

  it("says disconnected with the postgres error when the target is down", () => {
    const down = snap("2026-03-21T10:00:05.000Z", "down", "terminating connection due to administrator command");
    const f = freshnessOf({ ...base, latest: down }, 15_000);
    expect(f).toMatchObject({ disconnected: true, stale: true, reason: "terminating connection due to administrator command" });
  });

  it("says disconnected when the socket drops, but not while first connecting", () => {
    expect(freshnessOf(initialStreamState, 0)).toMatchObject({ connecting: true, disconnected: false, stale: false });
    const f = freshnessOf({ ...base, connected: false, socketError: "socket transport close" }, 10_500);
    expect(f).toMatchObject({ disconnected: true, stale: false, reason: "socket transport close" });
  });
});
