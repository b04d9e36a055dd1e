// Metric history rows to chart points, downsampled to a cap by time buckets. Pure.
import type { MetricPoint } from "../../report";

/** DESIGN: charts capped at ~600 points. */
export const MAX_POINTS = 600;

/** The MetricSample columns the chart needs (bigints as the store gives them). */
export interface SampleRow {
  at: Date;
  memTotalBytes: bigint | number | null;
  memAvailableBytes: bigint | number | null;
  swapInPerSec: number | null;
  swapOutPerSec: number | null;
  active: number | null;
  idleInTransaction: number | null;
  oomKills: number | null;
}

const num = (v: bigint | number | null) => (v === null ? null : Number(v));

export function toPoint(r: SampleRow, oomBase: number | null): MetricPoint {
  const total = num(r.memTotalBytes);
  const avail = num(r.memAvailableBytes);
  return {
    t: r.at.getTime(),
    memAvailablePct: total && avail !== null ? Math.round((avail / total) * 1000) / 10 : null,
    swapInPerSec: r.swapInPerSec,
    swapOutPerSec: r.swapOutPerSec,
    active: r.active,
    idleInTransaction: r.idleInTransaction,
    // A counter that went down means the host rebooted: count from zero again rather than go negative.
    oomKills: r.oomKills === null || oomBase === null ? null : Math.max(0, r.oomKills - oomBase),
  };
}

type Key = Exclude<keyof MetricPoint, "t">;
// Per bucket keep the worst value: the lowest MemAvailable, the highest of everything else.
const WORST: Record<Key, (a: number, b: number) => number> = {
  memAvailablePct: Math.min,
  swapInPerSec: Math.max,
  swapOutPerSec: Math.max,
  active: Math.max,
  idleInTransaction: Math.max,
  oomKills: Math.max,
};

function merge(a: MetricPoint, b: MetricPoint): MetricPoint {
  const out = { ...a };
  for (const k of Object.keys(WORST) as Key[]) {
    const x = a[k];
    const y = b[k];
    out[k] = x === null ? y : y === null ? x : WORST[k](x, y);
  }
  return out;
}

/** Oldest first in, oldest first out; at most `max` points, each bucket stamped with its first sample's time. */
export function downsample(points: MetricPoint[], max = MAX_POINTS): MetricPoint[] {
  if (points.length <= max) return points;
  const from = points[0].t;
  const span = points[points.length - 1].t - from || 1;
  const out: MetricPoint[] = [];
  let bucket = -1;
  for (const p of points) {
    const b = Math.min(max - 1, Math.floor(((p.t - from) / span) * max));
    if (b === bucket) out[out.length - 1] = merge(out[out.length - 1], p);
    else {
      out.push(p);
      bucket = b;
    }
  }
  return out;
}

/** Samples (oldest first) to at most MAX_POINTS chart points; OOM kills counted from the first known value. */
export function chartPoints(rows: SampleRow[], max = MAX_POINTS): MetricPoint[] {
  const base = rows.find((r) => r.oomKills !== null)?.oomKills ?? null;
  return downsample(rows.map((r) => toPoint(r, base)), max);
}

/** OOM kills between two instants, from the counter (reboots reset it: count each rise). */
export function oomKillsBetween(rows: SampleRow[], from: number, to: number, atOpen: number | null): number | null {
  let last = atOpen;
  let kills = 0;
  let seen = atOpen !== null;
  for (const r of rows) {
    const t = r.at.getTime();
    if (t < from || t > to || r.oomKills === null) continue;
    if (last !== null) kills += r.oomKills >= last ? r.oomKills - last : r.oomKills;
    last = r.oomKills;
    seen = true;
  }
  return seen ? kills : null;
}
