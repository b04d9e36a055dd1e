import { describe, expect, it } from "vitest";
import { chartPoints, downsample, oomKillsBetween, type SampleRow } from "./metrics";

const GiB = 1024n ** 3n;
const row = (s: number, o: Partial<SampleRow> = {}): SampleRow => ({
  at: new Date(Date.UTC(2026, 10, 26, 10, 0, s)),
  memTotalBytes: 8n * GiB,
  memAvailableBytes: 2n * GiB,
  swapInPerSec: 0,
  swapOutPerSec: 0,
  active: 3,
  idleInTransaction: 1,
  oomKills: 5,
  ...o,
});

describe("chartPoints", () => {
  it("gives MemAvailable as a percentage and OOM kills counted from the first sample", () => {
    const p = chartPoints([row(0), row(5, { oomKills: 7, memAvailableBytes: GiB })]);
    expect(p.map((x) => [x.memAvailablePct, x.oomKills])).toEqual([[25, 0], [12.5, 2]]);
  });
  it("keeps nulls as gaps (host down)", () => {
    const p = chartPoints([row(0, { memTotalBytes: null, memAvailableBytes: null, oomKills: null }), row(5)]);
    expect(p[0].memAvailablePct).toBeNull();
    expect(p[0].oomKills).toBeNull();
    expect(p[1].oomKills).toBe(0);
  });
});

describe("downsample", () => {
  it("caps the points and keeps the worst value of each bucket", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(i, { active: i === 1234 ? 99 : 3, memAvailableBytes: i === 2222 ? GiB / 10n : 2n * GiB }));
    const p = chartPoints(rows, 600);
    expect(p.length).toBeLessThanOrEqual(600);
    expect(p.length).toBeGreaterThan(550);
    expect(Math.max(...p.map((x) => x.active ?? 0))).toBe(99);
    expect(Math.min(...p.map((x) => x.memAvailablePct ?? 100))).toBe(1.2);
    expect(p[0].t).toBe(rows[0].at.getTime());
  });
  it("leaves a short series alone", () => {
    const p = chartPoints([row(0), row(1)]);
    expect(downsample(p, 600)).toBe(p);
  });
});

describe("oomKillsBetween", () => {
  it("counts rises of the counter inside the window from the value at open", () => {
    const rows = [row(0, { oomKills: 5 }), row(10, { oomKills: 6 }), row(20, { oomKills: 9 }), row(30, { oomKills: 12 })];
    expect(oomKillsBetween(rows, rows[1].at.getTime(), rows[2].at.getTime(), 5)).toBe(4);
  });
  it("survives a reboot that resets the counter", () => {
    const rows = [row(0, { oomKills: 5 }), row(10, { oomKills: 1 }), row(20, { oomKills: 2 })];
    expect(oomKillsBetween(rows, 0, Date.now() * 2, 5)).toBe(2);
  });
  it("is unknown without any host data", () => {
    expect(oomKillsBetween([row(0, { oomKills: null })], 0, Date.now() * 2, null)).toBeNull();
  });
});
