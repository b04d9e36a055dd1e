import { describe, expect, it } from "vitest";
import type { DatabaseRow } from "./activity";
import { DatabaseRateWindow, RATE_WINDOW_MS } from "./database-rate-window";

// The pg_stat_database row recorded in activity.test.ts, polled once a second on the server clock.
const recorded: DatabaseRow = {
  datname: "odoo", numbackends: 5, xact_commit: 1000, xact_rollback: 2, temp_files: 10, temp_bytes: 10_485_760,
  deadlocks: 0, blks_read: 100, blks_hit: 9000, stats_reset: null,
};
const MiB = 1_048_576;

/** Polls second by second from t=0 s; `at(t)` gives the row then. Returns each poll's temp bytes/s. */
function poll(w: DatabaseRateWindow, seconds: number, at: (t: number) => Partial<DatabaseRow>, from = 0) {
  const out: (number | null)[] = [];
  for (let t = from; t < from + seconds; t++) out.push(w.add({ row: { ...recorded, ...at(t) }, atMs: t * 1000 })?.tempBytesPerSec ?? null);
  return out;
}

describe("DatabaseRateWindow", () => {
  it("spreads a spill over the 20 s window: N/20 bytes/s for the whole window, not a 1-s spike then 0", () => {
    expect(RATE_WINDOW_MS).toBeGreaterThanOrEqual(15_000);
    const w = new DatabaseRateWindow();
    const N = 200 * MiB;
    // A 200 MiB temp file closes at t=60 s: temp_bytes steps up once, temp_files by one.
    const rates = poll(w, 100, (t) => (t >= 60 ? { temp_bytes: recorded.temp_bytes + N, temp_files: 11 } : {}));
    expect(rates[0]).toBeNull();
    expect(rates.slice(1, 60).every((r) => r === 0)).toBe(true);
    expect(rates.slice(60, 80)).toEqual(Array(20).fill(N / 20));
    expect(rates.slice(80).every((r) => r === 0)).toBe(true);
  });

  it("a steady spill reads as its own rate once the window is full", () => {
    const w = new DatabaseRateWindow();
    // 4 MiB closed every 4 s: per poll that would be 0, 0, 0, 4 MiB/s.
    const rates = poll(w, 60, (t) => ({ temp_bytes: recorded.temp_bytes + Math.floor(t / 4) * 4 * MiB }));
    expect(rates.slice(40).every((r) => r !== null && Math.abs(r - MiB) <= MiB / 5)).toBe(true);
  });

  it("gives the other rates over the same window", () => {
    const w = new DatabaseRateWindow();
    let last = null;
    for (let t = 0; t <= 30; t++) last = w.add({ row: { ...recorded, xact_commit: recorded.xact_commit + 50 * t }, atMs: t * 1000 });
    expect(last).toMatchObject({ commitsPerSec: 50, tempBytesPerSec: 0 });
  });

  it("starts over after a stats reset or a counter that went back, and keeps a base when polls are further apart than the window", () => {
    const w = new DatabaseRateWindow();
    poll(w, 10, () => ({}));
    expect(w.add({ row: { ...recorded, stats_reset: "2026-11-26 10:00:00+00", temp_bytes: 0 }, atMs: 10_000 })).toBeNull();
    expect(w.add({ row: { ...recorded, stats_reset: "2026-11-26 10:00:00+00", temp_bytes: MiB }, atMs: 11_000 })?.tempBytesPerSec).toBe(MiB);
    expect(w.add({ row: { ...recorded, stats_reset: "2026-11-26 10:00:00+00", temp_bytes: 0 }, atMs: 12_000 })).toBeNull();
    expect(w.add({ row: { ...recorded, stats_reset: "2026-11-26 10:00:00+00", temp_bytes: 60 * MiB }, atMs: 72_000 })?.tempBytesPerSec).toBe(MiB);
  });

  it("forgets a dropped database", () => {
    const w = new DatabaseRateWindow();
    w.add({ row: recorded, atMs: 0 });
    w.keepOnly(new Set(["other"]));
    expect(w.add({ row: recorded, atMs: 1000 })).toBeNull();
  });
});
