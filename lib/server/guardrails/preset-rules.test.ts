import { describe, expect, it } from "vitest";
import type { Resolved } from "./effective";
import { presetValue } from "./preset-rules";
import { settingMagnitude } from "./values";

const e = (value: string, level: Resolved["level"] = "server", setting: "work_mem" | "statement_timeout" = "work_mem"): Resolved => ({ value, level, magnitude: settingMagnitude(setting, value) });

describe("the emergency profile never proposes a raise", () => {
  it("work_mem: half the value in force, at most 16MB, at least 1MB, never above the value in force", () => {
    expect(presetValue("work_mem", e("4MB"))).toEqual({ value: "2MB", how: "half of the 4MB in force (server), at most 16MB, at least 1MB" });
    expect(presetValue("work_mem", e("64MB", "role_in_database"))).toMatchObject({ value: "16MB", how: expect.stringMatching(/16MB cap .*64MB in force \(role in database\)/) });
    expect(presetValue("work_mem", e("1536kB"))).toMatchObject({ value: "1MB", how: expect.stringMatching(/1MB floor/) });
    expect(presetValue("work_mem", e("512kB", "role"))).toMatchObject({ value: "512kB", how: expect.stringMatching(/^kept at the 512kB in force \(role/) });
    expect(presetValue("work_mem", e("2049"))).toMatchObject({ value: "1MB" }); // half of 2049kB, rounded down
    for (const v of ["64kB", "1MB", "3MB", "33MB", "1GB", "1025"]) {
      const p = presetValue("work_mem", e(v));
      expect(settingMagnitude("work_mem", p.value)!, v).toBeLessThanOrEqual(settingMagnitude("work_mem", v)!);
    }
  });

  it("timeouts: the runbook's cap unless a stricter value is in force (0 = no limit)", () => {
    expect(presetValue("statement_timeout", e("0", "server", "statement_timeout"))).toMatchObject({ value: "60s", how: expect.stringMatching(/no limit/) });
    expect(presetValue("statement_timeout", e("30s", "role", "statement_timeout"))).toMatchObject({ value: "30s", how: expect.stringMatching(/would loosen it/) });
    expect(presetValue("statement_timeout", e("5min", "database", "statement_timeout"))).toMatchObject({ value: "60s" });
  });

  it("an unreadable value in force: the runbook's value, flagged so the server asks for confirmation", () => {
    expect(presetValue("work_mem", { value: "lots", level: "role", magnitude: null })).toMatchObject({ value: "16MB", how: expect.stringMatching(/could not be compared/) });
  });
});
