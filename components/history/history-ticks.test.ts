import { expect, it } from "vitest";
import { historyTickLabel, historyTicks } from "./history-ticks";

it("14 days get a handful of ticks, not one per hour", () => {
  const to = Date.UTC(2026, 10, 26, 18, 0, 0);
  const ticks = historyTicks(to - 14 * 86_400_000, to);
  expect(ticks.length).toBeGreaterThan(2);
  expect(ticks.length).toBeLessThanOrEqual(6);
  expect(ticks.every((t, i) => i === 0 || t > ticks[i - 1])).toBe(true);
});

it("15 minutes use the live charts' ticks; labels carry the date beyond a day", () => {
  const to = Date.UTC(2026, 10, 26, 18, 0, 0);
  expect(historyTicks(to - 15 * 60_000, to).length).toBeLessThanOrEqual(6);
  expect(historyTickLabel(7 * 86_400_000)(to)).toMatch(/^\d\d-\d\d \d\d:\d\d$/);
  expect(historyTickLabel(3_600_000)(to)).toMatch(/^\d\d:\d\d:\d\d$/);
});
