import { describe, expect, it } from "vitest";
import { recordedSnapshot, TAKEN_AT } from "./fixtures/recorded";
import { tempBytesOf, tempRateFalling } from "./evaluate-temp";

const MIN = 60_000;
const MiB = 1024 * 1024;
const now = TAKEN_AT;
/** A sample every 5 s from `from` minutes ago to now, the counter given by f(minutesAgo). */
const series = (from: number, f: (ago: number) => number) =>
  Array.from({ length: from * 12 }, (_, i) => from * MIN - i * 5000).map((ago) => ({ t: now - ago, value: f(ago / MIN) }));

describe("temp_rate_falling", () => {
  it("sums the recorded snapshot's databases (the counter MetricSample.tempBytes holds)", () => {
    expect(tempBytesOf(recordedSnapshot())).toBe(0);
    const s = recordedSnapshot();
    s.postgres.databases[0].tempBytes = 5 * MiB;
    s.postgres.databases[1].tempBytes = 1 * MiB;
    expect(tempBytesOf(s)).toBe(6 * MiB);
  });

  it("ok when the last 5 minutes spilled less than the 5 before", () => {
    // 100 MiB/min until 5 min ago, then 20 MiB/min.
    const f = (ago: number) => (ago >= 5 ? (11 - ago) * 100 * MiB : 600 * MiB + (5 - ago) * 20 * MiB);
    expect(tempRateFalling({ now, current: f(0), samples: series(11, f) })).toMatchObject({ status: "ok", text: expect.stringMatching(/^falling: 341 KiB\/s over the last 5 min, 1\.7 MiB\/s the 5 min before$/) });
  });

  it("bad when it rises", () => {
    const f = (ago: number) => (ago >= 5 ? (11 - ago) * 2 * MiB : 12 * MiB + (5 - ago) * 20 * MiB);
    expect(tempRateFalling({ now, current: f(0), samples: series(11, f) })).toMatchObject({ status: "bad", text: expect.stringContaining("not falling") });
  });

  it("ok when negligible even without 10 minutes; unknown without 5 minutes, after a reset, or without a live value", () => {
    expect(tempRateFalling({ now, current: 100, samples: series(6, () => 100) })).toMatchObject({ status: "ok", text: "0 B/s over the last 5 min (negligible)" });
    expect(tempRateFalling({ now, current: 300 * MiB, samples: series(6, (ago) => (6 - ago) * 50 * MiB) })).toMatchObject({ status: "unknown", text: expect.stringContaining("10 min of history needed") });
    expect(tempRateFalling({ now, current: 0, samples: series(3, () => 0) })).toMatchObject({ status: "unknown", text: expect.stringContaining("less than 5 min") });
    expect(tempRateFalling({ now, current: 0, samples: series(11, () => 50 * MiB) })).toMatchObject({ status: "unknown", text: expect.stringContaining("reset") });
    expect(tempRateFalling({ now, current: null, samples: [] }).status).toBe("unknown");
  });
});
