import { describe, it, expect } from "vitest";
import type { HostHistoryPoint } from "@/lib/snapshot";
import { downsampleHost, hostHistoryPointOf } from "./host-history";
import { hostSnapshot } from "./host-fixture";

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const point = (t: number, over: Partial<HostHistoryPoint> = {}): HostHistoryPoint => ({
  t,
  memUsedBytes: 5.6 * GiB,
  memAvailableBytes: 2.1 * GiB,
  cachedBytes: 1.4 * GiB,
  swapInPerSec: 0,
  swapOutPerSec: 0,
  psiSomeAvg10: 0.5,
  psiFullAvg10: 0,
  ...over,
});

describe("hostHistoryPointOf", () => {
  it("derives used from MemTotal − MemAvailable and keeps rates and PSI avg10", () => {
    const p = hostHistoryPointOf(hostSnapshot(), 1_000);
    expect(p).toEqual({
      t: 1_000,
      memUsedBytes: 7.7 * GiB - 2.1 * GiB,
      memAvailableBytes: 2.1 * GiB,
      cachedBytes: 1.4 * GiB,
      swapInPerSec: 12,
      swapOutPerSec: 340,
      psiSomeAvg10: 4.21,
      psiFullAvg10: 1.05,
    });
  });

  it("gives null PSI on a kernel without /proc/pressure and null rates on the first probe", () => {
    const p = hostHistoryPointOf(hostSnapshot({ psi: null, psiUnavailable: "no /proc/pressure/memory", swapInPerSec: null, swapOutPerSec: null }), 5);
    expect(p).toMatchObject({ psiSomeAvg10: null, psiFullAvg10: null, swapInPerSec: null, swapOutPerSec: null });
  });
});

describe("downsampleHost", () => {
  it("returns short histories unchanged", () => {
    const pts = [point(1), point(2)];
    expect(downsampleHost(pts, 600)).toEqual(pts);
  });

  it("caps 15 minutes at 250 ms (3600 points) at 600 and keeps a one-probe swap-out spike and available dip", () => {
    const start = 1_763_000_000_000;
    const pts = Array.from({ length: 3600 }, (_, i) => point(start + i * 250));
    pts[1234] = point(start + 1234 * 250, { swapOutPerSec: 18_000, psiFullAvg10: 37.5, memAvailableBytes: 90 * MiB });
    const out = downsampleHost(pts, 600);
    expect(out).toHaveLength(600);
    expect(out[out.length - 1].t).toBe(pts[pts.length - 1].t);
    expect(Math.max(...out.map((p) => p.swapOutPerSec ?? 0))).toBe(18_000);
    expect(Math.max(...out.map((p) => p.psiFullAvg10 ?? 0))).toBe(37.5);
    expect(Math.min(...out.map((p) => p.memAvailableBytes))).toBe(90 * MiB);
    expect(out.every((p, i) => i === 0 || p.t > out[i - 1].t)).toBe(true);
  });

  it("keeps a gap where a whole bucket has no rate, and ignores nulls beside values", () => {
    const pts = [point(1, { swapInPerSec: null }), point(2, { swapInPerSec: null }), point(3, { swapInPerSec: null }), point(4, { swapInPerSec: 7 })];
    const out = downsampleHost(pts, 2);
    expect(out.map((p) => p.swapInPerSec)).toEqual([null, 7]);
  });
});
