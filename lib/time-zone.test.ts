import { describe, expect, it } from "vitest";
import { formatZoned, localInputValue, offsetMinutes, offsetText, zoneLabel } from "./time-zone";

const winter = Date.UTC(2026, 10, 26, 18, 4, 9);
const summer = Date.UTC(2026, 6, 1, 18, 4, 9);

describe("time with its zone", () => {
  it("says UTC in UTC mode", () => {
    expect(formatZoned(winter, { utc: true })).toBe("2026-11-26 18:04:09 UTC");
    expect(formatZoned(new Date(winter).toISOString(), { utc: true, timeZone: "Asia/Tokyo" })).toBe("2026-11-26 18:04:09 UTC");
  });

  it("shows local time with the zone's abbreviation and offset, DST included", () => {
    expect(formatZoned(winter, { timeZone: "America/New_York" })).toBe("2026-11-26 13:04:09 EST, UTC-05:00");
    expect(formatZoned(summer, { timeZone: "America/New_York" })).toBe("2026-07-01 14:04:09 EDT, UTC-04:00");
    expect(offsetMinutes(winter, "Asia/Kolkata")).toBe(330);
    expect(formatZoned(winter, { timeZone: "Asia/Kolkata" })).toBe("2026-11-26 23:34:09 UTC+05:30");
    expect(zoneLabel(winter, { timeZone: "Europe/Paris" })).toMatch(/UTC\+01:00$/);
  });

  it("names the offset plainly and refuses garbage", () => {
    expect(offsetText(0)).toBe("UTC");
    expect(offsetText(-570)).toBe("UTC-09:30");
    expect(formatZoned("not a time")).toBe("—");
  });

  it("gives a datetime-local value in the zone", () => {
    expect(localInputValue(winter, "Asia/Kolkata")).toBe("2026-11-26T23:34:09");
  });
});
