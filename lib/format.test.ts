import { describe, it, expect } from "vitest";
import { formatAge, formatBytes, formatClock, formatDuration, formatRate, formatTimeout } from "./format";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe("formatBytes", () => {
  it("uses binary units with one decimal below 100", () => {
    expect(formatBytes(0)).toBe("0 B");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.5 KiB");
    expect(formatBytes(4 * MiB)).toBe("4 MiB");
    expect(formatBytes(1.5 * GiB)).toBe("1.5 GiB");
    expect(formatBytes(128 * MiB)).toBe("128 MiB");
    expect(formatBytes(2 * 1024 * GiB)).toBe("2 TiB");
  });

  it("moves to the next unit when rounding would print 1024", () => {
    expect(formatBytes(1023.6 * 1024)).toBe("1 MiB");
    expect(formatBytes(1023)).toBe("1023 B");
  });

  it("handles negatives and missing values", () => {
    expect(formatBytes(-2048)).toBe("-2 KiB");
    expect(formatBytes(null)).toBe("—");
    expect(formatBytes(Number.NaN)).toBe("—");
  });
});

describe("formatDuration", () => {
  it("is compact at every scale", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(42_400)).toBe("42 s");
    expect(formatDuration((3 * 60 + 7) * 1000)).toBe("3m 07s");
    expect(formatDuration((2 * 3600 + 5 * 60 + 59) * 1000)).toBe("2h 05m");
    expect(formatDuration((3 * 86400 + 4 * 3600 + 30 * 60) * 1000)).toBe("3d 04h");
  });

  it("reads clock skew as zero and null as a dash", () => {
    expect(formatDuration(-250)).toBe("0 ms");
    expect(formatDuration(null)).toBe("—");
  });

  it("switches unit exactly at the boundaries", () => {
    expect(formatDuration(999)).toBe("999 ms");
    expect(formatDuration(1000)).toBe("1 s");
    expect(formatDuration(60_000)).toBe("1m 00s");
    expect(formatDuration(3_600_000)).toBe("1h 00m");
    expect(formatDuration(86_400_000)).toBe("1d 00h");
  });
});

describe("formatAge", () => {
  it("shows tenths while fresh and compact durations after", () => {
    expect(formatAge(400)).toBe("0.4 s ago");
    expect(formatAge(9_940)).toBe("9.9 s ago");
    expect(formatAge(12_000)).toBe("12 s ago");
    expect(formatAge(125_000)).toBe("2m 05s ago");
    expect(formatAge(null)).toBe("never");
  });
});

describe("formatRate", () => {
  it("formats counts and byte rates", () => {
    expect(formatRate(0)).toBe("0/s");
    expect(formatRate(0.25)).toBe("0.3/s");
    expect(formatRate(42.4)).toBe("42/s");
    expect(formatRate(1250)).toBe("1.3k/s");
    expect(formatRate(3 * MiB, "bytes")).toBe("3 MiB/s");
    expect(formatRate(null)).toBe("—");
  });
});

describe("formatClock and formatTimeout", () => {
  it("prints local HH:MM:SS with zero padding", () => {
    const t = new Date(2026, 2, 21, 7, 5, 9).getTime();
    expect(formatClock(t)).toBe("07:05:09");
  });

  it("says when a timeout is disabled", () => {
    expect(formatTimeout(0)).toBe("0 (disabled)");
    expect(formatTimeout(60_000)).toBe("1m 00s");
  });
});
