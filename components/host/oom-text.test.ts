import { describe, it, expect } from "vitest";
import { oomHeadline, quietWindowText } from "./oom-text";

describe("oomHeadline", () => {
  it("names host, victim, pid and local time", () => {
    const at = new Date(2026, 2, 21, 10, 0, 3).toISOString();
    expect(oomHeadline("db1", { at, victimPid: 4123, victimCommand: "postgres", line: null, session: null })).toEqual({
      victim: "OOM kill on db1: postgres",
      pid: 4123,
      at: "at 2026-03-21 10:00:03",
    });
  });
  it("says unknown when the kernel log was not readable", () => {
    const at = new Date(2026, 2, 21, 10, 0, 3).toISOString();
    expect(oomHeadline("db1", { at, victimPid: null, victimCommand: null, line: null, session: null })).toEqual({ victim: "OOM kill on db1: unknown process", pid: null, at: "at 2026-03-21 10:00:03" });
  });
});

describe("quietWindowText", () => {
  it("counts the kills in runbook 3.1's ten minutes", () => {
    expect(quietWindowText(0)).toBe("none in the last 10m 00s (quiet)");
    expect(quietWindowText(2)).toBe("2 in the last 10m 00s");
  });
});
