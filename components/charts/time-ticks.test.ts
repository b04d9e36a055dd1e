import { describe, it, expect } from "vitest";
import { timeTicks } from "./time-ticks";

describe("timeTicks", () => {
  const base = new Date(2026, 2, 21, 10, 0, 0).getTime();

  it("puts at most maxTicks round times inside the range", () => {
    const ticks = timeTicks(base + 7_000, base + 15 * 60_000, 8);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks[0]).toBeGreaterThanOrEqual(base + 7_000);
    expect(ticks[ticks.length - 1]).toBeLessThanOrEqual(base + 15 * 60_000);
    // 15 minutes at most 8 ticks: every 2 minutes, on the local minute.
    expect(ticks.map((t) => new Date(t).getSeconds())).toEqual(ticks.map(() => 0));
    expect(ticks[1] - ticks[0]).toBe(120_000);
  });

  it("uses short steps for a short history", () => {
    const ticks = timeTicks(base + 1_200, base + 40_000, 8);
    expect(ticks[1] - ticks[0]).toBe(5_000);
    expect(new Date(ticks[0]).getSeconds() % 5).toBe(0);
  });

  it("copes with a single point", () => {
    expect(timeTicks(base, base)).toEqual([base]);
  });
});
