// Host memory chart points: one per probe, thinned for the charts. Pure.
import type { HostHistoryPoint } from "@/lib/snapshot";
export { hostHistoryPointOf } from "@/lib/host-history";

type Series = Exclude<keyof HostHistoryPoint, "t">;
const SERIES: Series[] = ["memUsedBytes", "memAvailableBytes", "cachedBytes", "swapInPerSec", "swapOutPerSec", "psiSomeAvg10", "psiFullAvg10"];
/** Available memory is the one series where the dip is the alarm: its bucket keeps the minimum. */
const KEEP_MIN: ReadonlySet<Series> = new Set(["memAvailableBytes"]);

function pick(bucket: readonly HostHistoryPoint[], key: Series): number | null {
  let out: number | null = null;
  for (const p of bucket) {
    const v = p[key];
    if (v === null) continue;
    if (out === null || (KEEP_MIN.has(key) ? v < out : v > out)) out = v;
  }
  return out;
}

/**
 * At most `max` points. Each bucket keeps the worst value of every series (the spike of swap-out or
 * PSI, the dip of available memory), so thinning never hides what the commander looks for.
 * A bucket whose values are all null stays null (a gap, e.g. the first probe has no rates).
 */
export function downsampleHost(points: readonly HostHistoryPoint[], max: number): HostHistoryPoint[] {
  if (points.length <= max) return points.slice();
  const out: HostHistoryPoint[] = [];
  const size = points.length / max;
  for (let b = 0; b < max; b++) {
    const bucket = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (bucket.length === 0) continue;
    const p = { t: bucket[bucket.length - 1].t } as HostHistoryPoint;
    for (const k of SERIES) (p as unknown as Record<Series, number | null>)[k] = pick(bucket, k);
    out.push(p);
  }
  return out;
}
