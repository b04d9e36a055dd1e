import { describe, expect, it } from "vitest";
import { fixtureLines } from "./fixtures/read";
import { parseMeminfo } from "./meminfo";
import { parseLoadavg } from "./loadavg";

describe("parseMeminfo", () => {
  it("reads the recorded /proc/meminfo in bytes", () => {
    const m = parseMeminfo(fixtureLines("meminfo.txt"));
    expect(m.memTotalBytes).toBe(24731708 * 1024);
    expect(m.memAvailableBytes).toBe(23631964 * 1024);
    expect(m.buffersBytes).toBe(235372 * 1024);
    expect(m.cachedBytes).toBe(4708544 * 1024);
    expect(m.anonBytes).toBe(387912 * 1024);
    expect(m.commitLimitBytes).toBe(12365852 * 1024);
    expect(m.swapTotalBytes).toBe(0);
  });

  it("estimates MemAvailable on kernels without it, and refuses output without MemTotal", () => {
    const m = parseMeminfo(["MemTotal: 1000 kB", "MemFree: 100 kB", "Buffers: 10 kB", "Cached: 200 kB"]);
    expect(m.memAvailableBytes).toBe(310 * 1024);
    expect(() => parseMeminfo(["garbage"])).toThrow(/MemTotal/);
  });
});

describe("parseLoadavg", () => {
  it("reads the recorded /proc/loadavg", () => {
    const [a, b, c] = parseLoadavg(fixtureLines("loadavg.txt"));
    expect([a, b, c].every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    expect(parseLoadavg(["0.52 0.58 0.59 1/467 12345"])).toEqual([0.52, 0.58, 0.59]);
    expect(() => parseLoadavg([])).toThrow();
  });
});
