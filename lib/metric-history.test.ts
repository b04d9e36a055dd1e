import { describe, expect, it } from "vitest";
import { bucketMsFor, MAX_HISTORY_POINTS, toMetricPoints, windowOf, type HistoryBucket } from "./metric-history";

const bucket = (t: number, over: Partial<HistoryBucket> = {}): HistoryBucket => ({
  t, samples: 1, postgresUp: 1, hostUp: 1, memTotalBytes: 1000, memAvailableBytes: 250, swapTotalBytes: 100, swapFreeBytes: 40,
  swapInPerSec: 0, swapOutPerSec: 0, psiSomeAvg10: 0, psiFullAvg10: 0, oomKills: 3, active: 1, idle: 2, idleInTransaction: 0,
  total: 3, maxConnections: 100, tempBytes: 0, cronBacklog: null, odooHttpStatus: null, odooHttpMs: null, ...over,
});

describe("bucketMsFor", () => {
  it("keeps every range at or under the point cap, in whole seconds, never under the recording interval", () => {
    for (const span of [15 * 60_000, 3_600_000, 86_400_000, 14 * 86_400_000]) {
      const b = bucketMsFor(span, 5000);
      expect(Math.ceil(span / b) + 1).toBeLessThanOrEqual(MAX_HISTORY_POINTS);
      expect(b % 1000).toBe(0);
      expect(b).toBeGreaterThanOrEqual(5000);
    }
    expect(bucketMsFor(14 * 86_400_000, 5000)).toBe(2_020_000);
    expect(bucketMsFor(15 * 60_000, 1000)).toBe(2000);
  });
});

describe("toMetricPoints", () => {
  it("derives temp bytes/s and OOM kills from consecutive buckets, and percentages from each", () => {
    const p = toMetricPoints([bucket(0, { tempBytes: 1000 }), bucket(5000, { tempBytes: 6000, oomKills: 4 })], 5000);
    expect(p).toHaveLength(2);
    expect(p[0]).toMatchObject({ memAvailablePercent: 25, swapUsedBytes: 60, tempBytesPerSec: null, oomKillsDelta: null });
    expect(p[1]).toMatchObject({ tempBytesPerSec: 1000, oomKillsDelta: 1 });
  });

  it("a counter that went down (stats reset) gives no rate rather than a negative one", () => {
    const p = toMetricPoints([bucket(0, { tempBytes: 9000, oomKills: 5 }), bucket(5000, { tempBytes: 10, oomKills: 0 })], 5000);
    expect(p[1]).toMatchObject({ tempBytesPerSec: null, oomKillsDelta: null });
  });

  it("marks a gap where buckets are missing for longer than three buckets, and no rate across it", () => {
    const p = toMetricPoints([bucket(0), bucket(10_000), bucket(60_000, { tempBytes: 5000 })], 5000);
    expect(p.map((x) => x.t)).toEqual([0, 10_000, 15_000, 60_000]);
    expect(p[2]).toEqual({ t: 15_000, gap: true });
    expect(p[3].tempBytesPerSec).toBeNull();
    expect(p[1].gap).toBeUndefined();
  });

  it("no host: nulls stay nulls", () => {
    const p = toMetricPoints([bucket(0, { memTotalBytes: null, memAvailableBytes: null, swapTotalBytes: null, swapFreeBytes: null })], 5000);
    expect(p[0]).toMatchObject({ memAvailablePercent: null, swapUsedBytes: null });
  });
});

it("windowOf: a range ends now", () => {
  expect(windowOf({ range: "15m" }, 1_000_000_000)).toEqual({ since: new Date(1_000_000_000 - 900_000), until: new Date(1_000_000_000) });
});
