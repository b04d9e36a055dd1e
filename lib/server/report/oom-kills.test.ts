import { describe, expect, it } from "vitest";
import { killsSince, runningKills } from "./oom-kills";

describe("killsSince", () => {
  it("is the newest value minus the base while the counter only grows", () => {
    expect(killsSince(5, [5, 6, 9, 12])).toBe(7);
  });
  it("sums the rises across a reboot that reset the counter", () => {
    // 5 → 8 (+3), reboot, 0 → 1 → 2 (+2)
    expect(killsSince(5, [8, 1, 2])).toBe(5);
    expect(killsSince(5, [8, 0, 0])).toBe(3);
  });
  it("skips unknown values (host down) without losing the count", () => {
    expect(killsSince(3, [null, 4, null, 6])).toBe(3);
  });
  it("counts from the first known value without a base", () => {
    expect(killsSince(null, [null, 3, 5])).toBe(2);
  });
  it("is 0 with a base and no value since, unknown with neither", () => {
    expect(killsSince(3, [])).toBe(0);
    expect(killsSince(3, [null])).toBe(0);
    expect(killsSince(null, [null])).toBeNull();
  });
});

describe("runningKills", () => {
  it("gives the count so far at each value, null where unknown", () => {
    expect(runningKills(null, [2, null, 3, 1, 4])).toEqual([0, null, 1, 2, 5]);
  });
});
