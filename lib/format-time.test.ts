import { describe, it, expect } from "vitest";
import { formatDateTime, parsePgTimestamp } from "./format";

describe("parsePgTimestamp", () => {
  it("reads PostgreSQL's text form with microseconds and short offsets", () => {
    expect(parsePgTimestamp("2026-03-21 10:00:00.123456+00")).toBe(Date.UTC(2026, 2, 21, 10, 0, 0, 123));
    expect(parsePgTimestamp("2026-03-21 15:30:00+05:30")).toBe(Date.UTC(2026, 2, 21, 10, 0, 0));
    expect(parsePgTimestamp("2026-03-21 05:00:00-05")).toBe(Date.UTC(2026, 2, 21, 10, 0, 0));
  });

  it("accepts ISO and refuses garbage", () => {
    expect(parsePgTimestamp("2026-03-21T10:00:00.000Z")).toBe(Date.UTC(2026, 2, 21, 10));
    expect(parsePgTimestamp("infinity")).toBeNull();
    expect(parsePgTimestamp(null)).toBeNull();
  });
});

describe("formatDateTime", () => {
  it("prints local date and 24 h time", () => {
    expect(formatDateTime(new Date(2026, 2, 1, 9, 5, 7).getTime())).toBe("2026-03-01 09:05:07");
  });
});
