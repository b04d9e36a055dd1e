import { describe, expect, it } from "vitest";
import { cronTrend } from "./trend";

const T0 = Date.parse("2026-11-26T10:00:00Z");
/** One sample every 30 s: counts[i] at T0 + 30 s * i. */
const series = (counts: (number | null)[]) => counts.map((overdue, i) => ({ at: new Date(T0 + i * 30_000).toISOString(), overdue }));
const trendAt = (counts: (number | null)[]) => {
  const s = series(counts);
  return cronTrend(s.slice(0, -1), s[s.length - 1]);
};

describe("cronTrend", () => {
  it("is null until there is about five minutes of history", () => {
    expect(trendAt([40])).toBeNull();
    expect(trendAt([40, 38, 36, 30, 28, 25, 20, 18])).toBeNull(); // 3.5 min
  });
  it("compares with the count about five minutes earlier", () => {
    // 11 samples: the first is exactly 5 min before the last.
    expect(trendAt([40, 41, 42, 43, 44, 45, 30, 30, 30, 30, 12])).toBe("down");
    expect(trendAt([12, 40, 40, 40, 40, 40, 40, 40, 40, 40, 30])).toBe("up");
    expect(trendAt([30, 0, 0, 0, 0, 0, 0, 0, 0, 0, 30])).toBe("flat");
  });
  it("uses the sample nearest to five minutes back", () => {
    // 12 samples: index 1 (5 min back) is 50; index 0 (5.5 min) is 5 and index 2 (4.5 min) is 9.
    expect(trendAt([5, 50, 9, 9, 9, 9, 9, 9, 9, 9, 9, 20])).toBe("down");
  });
  it("skips failed reads, and has no trend when the current read failed", () => {
    // 5 min back failed: 5.5 min (9) and 4.5 min (30) are as near; the newer one wins.
    expect(trendAt([9, null, 30, 9, 9, 9, 9, 9, 9, 9, 9, 20])).toBe("down");
    expect(trendAt([10, 10, 10, 10, 10, 10, 10, 10, 10, 10, null])).toBeNull();
  });
  it("has no trend after a gap longer than two windows", () => {
    const old = { at: new Date(T0).toISOString(), overdue: 10 };
    expect(cronTrend([old], { at: new Date(T0 + 11 * 60_000).toISOString(), overdue: 3 })).toBeNull();
    expect(cronTrend([old], { at: new Date(T0 + 9 * 60_000).toISOString(), overdue: 3 })).toBe("down");
  });
});
