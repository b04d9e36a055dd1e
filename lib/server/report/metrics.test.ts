import { describe, expect, it } from "vitest";
import { toMetricPoints, type HistoryBucket } from "../../metric-history";
import { chartPoints, oomKillsDuring } from "./metrics";

const GiB = 1024 ** 3;
const T0 = Date.UTC(2026, 10, 26, 10, 0, 0);
const B = 5000;
// A bucket as lib/server/history/query.ts returns it (gauges averaged, counters at their maximum).
const bucket = (i: number, o: Partial<HistoryBucket> = {}): HistoryBucket => ({
  t: T0 + i * B,
  samples: 1,
  postgresUp: 1,
  hostUp: 1,
  memTotalBytes: 8 * GiB,
  memAvailableBytes: 2 * GiB,
  swapTotalBytes: null,
  swapFreeBytes: null,
  swapInPerSec: 0,
  swapOutPerSec: 0,
  psiSomeAvg10: null,
  psiFullAvg10: null,
  oomKills: 5,
  active: 3,
  idle: 0,
  idleInTransaction: 1,
  total: 4,
  maxConnections: 100,
  tempBytes: null,
  cronBacklog: null,
  odooHttpStatus: null,
  odooHttpMs: null,
  ...o,
});
const points = (buckets: HistoryBucket[]) => toMetricPoints(buckets, B);

describe("chartPoints", () => {
  it("gives MemAvailable as a percentage and OOM kills counted from the first bucket", () => {
    const p = chartPoints(points([bucket(0), bucket(1, { oomKills: 7, memAvailableBytes: GiB })]));
    expect(p.map((x) => [x.memAvailablePct, x.oomKills])).toEqual([[25, 0], [12.5, 2]]);
  });
  it("keeps nulls as gaps (host down) and breaks the lines where the console was not recording", () => {
    const p = chartPoints(points([bucket(0, { memTotalBytes: null, memAvailableBytes: null, oomKills: null }), bucket(1), bucket(10)]));
    expect(p[0].memAvailablePct).toBeNull();
    expect(p[0].oomKills).toBeNull();
    expect(p[1].oomKills).toBe(0);
    expect(p[2]).toMatchObject({ t: T0 + 2 * B, memAvailablePct: null, active: null, oomKills: null });
    expect(p).toHaveLength(4);
  });
});

describe("oomKillsDuring", () => {
  const open = T0 + 2 * B + 1000; // inside bucket 2
  it("counts from the counter at the open, ignoring the rises before it", () => {
    const p = points([bucket(0, { oomKills: 1 }), bucket(1, { oomKills: 4 }), bucket(2, { oomKills: 5 }), bucket(3, { oomKills: 9 })]);
    expect(oomKillsDuring(p, B, open, 4)).toBe(5);
  });
  it("without the counter at the open, counts from the last bucket wholly before it", () => {
    const p = points([bucket(0, { oomKills: 1 }), bucket(1, { oomKills: 4 }), bucket(2, { oomKills: 5 }), bucket(3, { oomKills: 9 })]);
    expect(oomKillsDuring(p, B, open, null)).toBe(5);
  });
  it("survives a reboot that reset the counter during the incident", () => {
    const p = points([bucket(1, { oomKills: 4 }), bucket(2, { oomKills: 6 }), bucket(3, { oomKills: 1 }), bucket(4, { oomKills: 2 })]);
    expect(oomKillsDuring(p, B, open, 4)).toBe(4);
  });
  it("is 0 when nothing rose, unknown without any host data", () => {
    expect(oomKillsDuring(points([bucket(2), bucket(3)]), B, open, 5)).toBe(0);
    expect(oomKillsDuring(points([bucket(2, { oomKills: null })]), B, open, null)).toBeNull();
  });
});
