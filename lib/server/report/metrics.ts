// The incident chart and its OOM count from the store's SQL-bucketed metric history (lib/server/history/query.ts). Pure.
import type { MetricPoint as HistoryPoint } from "../../metric-history";
import type { MetricPoint } from "../../report";
import { killsSince, runningKills } from "./oom-kills";

const val = (v: number | null | undefined) => (v == null ? null : v);
const pct1 = (v: number | null | undefined) => (v == null ? null : Math.round(v * 10) / 10);

/** History points (oldest first; gap points carry no values, so the lines break) to chart points, OOM kills counted from the first bucket. */
export function chartPoints(points: readonly HistoryPoint[]): MetricPoint[] {
  const kills = runningKills(null, points.map((p) => val(p.oomKills)));
  return points.map((p, i) => ({
    t: p.t,
    memAvailablePct: pct1(p.memAvailablePercent),
    swapInPerSec: val(p.swapInPerSec),
    swapOutPerSec: val(p.swapOutPerSec),
    active: val(p.active),
    idleInTransaction: val(p.idleInTransaction),
    oomKills: kills[i],
  }));
}

/**
 * OOM kills from the open to the window's end, from the buckets' counters (each a bucket's maximum).
 * Base: the counter at the open, else the last bucket wholly before it; then the buckets reaching past it.
 */
export function oomKillsDuring(points: readonly HistoryPoint[], bucketMs: number, openedAt: number, atOpen: number | null): number | null {
  const before = points.filter((p) => p.t + bucketMs <= openedAt && p.oomKills != null);
  const base = atOpen ?? (before.length ? before[before.length - 1].oomKills! : null);
  return killsSince(base, points.filter((p) => p.t + bucketMs > openedAt).map((p) => val(p.oomKills)));
}
