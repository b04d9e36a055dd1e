import { describe, it, expect } from "vitest";
import type { HostSnapshot, Snapshot } from "@/lib/snapshot";
import { hostSnapshot } from "@/components/host/host-fixture";
import { hostHistoryPointOf } from "@/components/host/host-history";
import { initialStreamState, streamReducer, type StreamState } from "./stream-state";

const GiB = 1024 ** 3;

function snap(takenAt: string, pg: "up" | "down", host: HostSnapshot | null): Snapshot {
  return {
    targetId: "default",
    takenAt,
    intervalMs: 1000,
    host,
    postgres: {
      status: pg,
      summary: null,
      suspects: [],
      cancelsTried: {},
      error: pg === "down" ? "connect ECONNREFUSED 127.0.0.1:5432" : undefined,
      serverTime: null,
      serverVersion: null,
      serverVersionNum: null,
      inRecovery: null,
      sessions: [],
      databases: [],
      settings: null,
      pollMs: null,
      lastPollAt: null,
    },
  };
}

const at = (s: number) => `2026-03-21T10:00:0${s}.000Z`;
/** A probe taken at second `s`. */
const probe = (s: number, over: Partial<HostSnapshot> = {}) => hostSnapshot({ takenAt: at(s), lastProbeAt: at(s), ...over });

describe("host data in the stream", () => {
  it("keeps updating host memory and its chart while postgres is down", () => {
    let s: StreamState = streamReducer(initialStreamState, { type: "snapshot", snapshot: snap(at(0), "up", probe(0)), receivedAt: 1000 });
    const squeezed = probe(1, { memAvailableBytes: 0.3 * GiB, oomKills: 3 });
    s = streamReducer(s, { type: "snapshot", snapshot: snap(at(1), "down", squeezed), receivedAt: 2000 });
    expect(s.lastGoodAt).toBe(1000);
    expect(s.hostLastGood).toBe(squeezed);
    expect(s.hostLastGoodAt).toBe(2000);
    expect(s.hostHistory.map((p) => p.memAvailableBytes)).toEqual([2.1 * GiB, 0.3 * GiB]);
    expect(s.oomKillsAtOpen).toBe(2);
  });

  it("keeps the last good host probe (stale) while the host is down, postgres moving on", () => {
    const good = probe(0);
    let s = streamReducer(initialStreamState, { type: "snapshot", snapshot: snap(at(0), "up", good), receivedAt: 1000 });
    const down = probe(1, { status: "down", error: "ssh: connect ECONNREFUSED 10.0.0.5:22", memTotalBytes: 0, memAvailableBytes: 0 });
    s = streamReducer(s, { type: "snapshot", snapshot: snap(at(1), "up", down), receivedAt: 2000 });
    expect(s.hostLastGood).toBe(good);
    expect(s.hostLastGoodAt).toBe(1000);
    expect(s.latest?.host?.status).toBe("down");
    expect(s.lastGoodAt).toBe(2000);
    expect(s.hostHistory).toHaveLength(1);
  });

  it("ignores targets without a host and merges the server's host history on subscribe", () => {
    let s = streamReducer(initialStreamState, { type: "snapshot", snapshot: snap(at(5), "up", null), receivedAt: 1000 });
    expect(s.hostHistory).toEqual([]);
    const server = [1, 2, 3].map((i) => hostHistoryPointOf(probe(i), Date.parse(at(i))));
    s = streamReducer(s, { type: "history", points: [], hostPoints: server });
    s = streamReducer(s, { type: "snapshot", snapshot: snap(at(5), "up", probe(4)), receivedAt: 2000 });
    expect(s.hostHistory.map((p) => p.t)).toEqual([1, 2, 3, 4].map((i) => Date.parse(at(i))));
    // An old server without hostHistory leaves it alone.
    expect(streamReducer(s, { type: "history", points: [] }).hostHistory).toBe(s.hostHistory);
  });

  it("counts a probe once however many snapshots carry it, so a hung probe goes stale", () => {
    const p = probe(0);
    let s = streamReducer(initialStreamState, { type: "snapshot", snapshot: snap(at(0), "up", p), receivedAt: 1000 });
    s = streamReducer(s, { type: "snapshot", snapshot: snap(at(1), "up", { ...p }), receivedAt: 2000 });
    s = streamReducer(s, { type: "snapshot", snapshot: snap(at(2), "up", { ...p }), receivedAt: 3000 });
    expect(s.hostLastGoodAt).toBe(1000);
    expect(s.hostHistory).toHaveLength(1);
    s = streamReducer(s, { type: "snapshot", snapshot: snap(at(3), "up", probe(3)), receivedAt: 4000 });
    expect(s.hostLastGoodAt).toBe(4000);
    expect(s.hostHistory.map((x) => x.t)).toEqual([Date.parse(at(0)), Date.parse(at(3))]);
  });
});
