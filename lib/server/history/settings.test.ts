import { expect, it } from "vitest";
import { historySettings } from "./settings";

it("defaults: 5 s and 14 days", () => {
  expect(historySettings({})).toEqual({ intervalMs: 5000, retentionDays: 14, problems: [] });
  expect(historySettings({ TRIAGE_HISTORY_INTERVAL_MS: "2000", TRIAGE_HISTORY_DAYS: "30" })).toMatchObject({ intervalMs: 2000, retentionDays: 30, problems: [] });
});

it("a bad value falls back to its default and is named", () => {
  const s = historySettings({ TRIAGE_HISTORY_INTERVAL_MS: "200", TRIAGE_HISTORY_DAYS: "x" });
  expect(s).toMatchObject({ intervalMs: 5000, retentionDays: 14 });
  expect(s.problems[0]).toMatch(/^TRIAGE_HISTORY_INTERVAL_MS="200" must be at least 1000 ms; using 5000$/);
  expect(s.problems[1]).toMatch(/^TRIAGE_HISTORY_DAYS="x" .*; using 14$/);
});

it("a fraction of a day is kept as it is (the signals' retention reads the same value)", () => {
  expect(historySettings({ TRIAGE_HISTORY_DAYS: "0.5" })).toMatchObject({ retentionDays: 0.5, problems: [] });
});
