// temp_rate_falling: the temp-bytes counter (summed over pg_stat_database) over the last 5 minutes
// against the 5 minutes before, from stored samples plus the live value. Pure.
import { formatRate } from "../../format";
import type { Evidence } from "../../runbook";
import type { Snapshot } from "../../snapshot";
import type { CounterSample } from "./evaluate-host";
import { SAMPLE_TOLERANCE_MS, TEMP_RATE_NEGLIGIBLE_BYTES_PER_SEC, TEMP_WINDOW_MS } from "./thresholds";

/** The counter MetricSample.tempBytes also holds; null when postgres is down. */
export function tempBytesOf(snap: Snapshot | null): number | null {
  if (!snap || snap.postgres.status !== "up") return null;
  return snap.postgres.databases.reduce((sum, d) => sum + d.tempBytes, 0);
}

/** The newest point at or before t, when it is close enough to stand for t. */
function valueAt(points: CounterSample[], t: number): CounterSample | null {
  let best: CounterSample | null = null;
  for (const p of points) if (p.t <= t && (!best || p.t > best.t)) best = p;
  return best && t - best.t <= SAMPLE_TOLERANCE_MS ? best : null;
}

export interface TempRateInput {
  now: number;
  /** The live counter (tempBytesOf the latest snapshot), null when unknown. */
  current: number | null;
  samples: CounterSample[];
}

export function tempRateFalling({ now, current, samples }: TempRateInput): Evidence {
  const kind = "temp_rate_falling";
  if (current === null) return { kind, status: "unknown", text: "no live temp-bytes counter (PostgreSQL down or not polled)" };
  const points = [...samples, { t: now, value: current }];
  const mid = valueAt(points, now - TEMP_WINDOW_MS);
  const old = valueAt(points, now - 2 * TEMP_WINDOW_MS);
  if (!mid) return { kind, status: "unknown", text: "temp bytes: less than 5 min of stored history" };
  if (current < mid.value || (old && mid.value < old.value)) return { kind, status: "unknown", text: "temp bytes counter was reset (pg_stat_reset?)" };
  const recent = ((current - mid.value) * 1000) / (now - mid.t);
  const recentText = `${formatRate(recent, "bytes")} over the last 5 min`;
  if (recent < TEMP_RATE_NEGLIGIBLE_BYTES_PER_SEC) return { kind, status: "ok", text: `${recentText} (negligible)` };
  if (!old) return { kind, status: "unknown", text: `${recentText}; 10 min of history needed to compare` };
  const prior = ((mid.value - old.value) * 1000) / (mid.t - old.t);
  const both = `${recentText}, ${formatRate(prior, "bytes")} the 5 min before`;
  return recent < prior ? { kind, status: "ok", text: `falling: ${both}` } : { kind, status: "bad", text: `not falling: ${both}` };
}
