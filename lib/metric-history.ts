// Metric history as the API and the UI see it: ranges, bucket sizes, and the rates and gaps derived
// from consecutive downsampled buckets. Isomorphic and pure: no Node imports.

export const HISTORY_RANGES = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 24 * 3_600_000,
  "7d": 7 * 86_400_000,
  "14d": 14 * 86_400_000,
} as const;
export type HistoryRange = keyof typeof HISTORY_RANGES;
export const HISTORY_RANGE_KEYS = Object.keys(HISTORY_RANGES) as HistoryRange[];

/** Charts stay smooth at this many points (DESIGN: charts capped at ~600 points). */
export const MAX_HISTORY_POINTS = 600;

/** One downsampled bucket from the store: gauges averaged, counters (oomKills, tempBytes) at their maximum. */
export interface HistoryBucket {
  /** Bucket start, epoch milliseconds. */
  t: number;
  samples: number;
  /** Fraction of the bucket's samples with PostgreSQL up (0..1). */
  postgresUp: number;
  /** Fraction with the host up; null when no host is configured. */
  hostUp: number | null;
  memTotalBytes: number | null;
  memAvailableBytes: number | null;
  swapTotalBytes: number | null;
  swapFreeBytes: number | null;
  swapInPerSec: number | null;
  swapOutPerSec: number | null;
  psiSomeAvg10: number | null;
  psiFullAvg10: number | null;
  oomKills: number | null;
  active: number | null;
  idle: number | null;
  idleInTransaction: number | null;
  total: number | null;
  maxConnections: number | null;
  tempBytes: number | null;
  cronBacklog: number | null;
  odooHttpStatus: number | null;
  odooHttpMs: number | null;
}

/** A chart point: the bucket plus what is derived from its neighbour. `gap` points carry no values (the console was down). */
export interface MetricPoint extends Partial<Omit<HistoryBucket, "t">> {
  t: number;
  gap?: true;
  memAvailablePercent?: number | null;
  swapUsedBytes?: number | null;
  /** Temp bytes written per second since the previous bucket; null after a gap or a stats reset. */
  tempBytesPerSec?: number | null;
  /** OOM kills since the previous bucket. */
  oomKillsDelta?: number | null;
}

export interface HistoryResponse {
  since: string;
  until: string;
  bucketMs: number;
  points: MetricPoint[];
}

/**
 * Buckets no smaller than the recording interval (an empty bucket is not a gap) and few enough for
 * the charts: a window not aligned to bucket edges touches one bucket more than span / bucket.
 */
export function bucketMsFor(spanMs: number, recordIntervalMs: number, maxPoints = MAX_HISTORY_POINTS): number {
  const raw = Math.max(Math.ceil(spanMs / (maxPoints - 1)), recordIntervalMs, 1000);
  return Math.ceil(raw / 1000) * 1000; // whole seconds: buckets line up across refreshes
}

/** Consecutive buckets further apart than this mean the console (or its recorder) was not running. */
export const gapThresholdMs = (bucketMs: number) => 3 * bucketMs;

const ratio = (a: number | null, b: number | null) => (a == null || b == null || b <= 0 ? null : (100 * a) / b);

/** A counter's increase per second between two buckets; null when it went down (stats reset, reboot). */
function perSecond(prev: number | null, cur: number | null, dtMs: number): number | null {
  if (prev == null || cur == null || dtMs <= 0 || cur < prev) return null;
  return (cur - prev) / (dtMs / 1000);
}

/**
 * Chart points from the store's buckets (ascending t): percentages, counter rates from consecutive
 * buckets, and a gap point wherever buckets are missing for longer than the gap threshold, so the
 * lines break there instead of joining across the outage.
 */
export function toMetricPoints(buckets: readonly HistoryBucket[], bucketMs: number): MetricPoint[] {
  const out: MetricPoint[] = [];
  let prev: HistoryBucket | null = null;
  for (const b of buckets) {
    const dt = prev ? b.t - prev.t : 0;
    const afterGap = prev !== null && dt > gapThresholdMs(bucketMs);
    if (afterGap) out.push({ t: prev!.t + bucketMs, gap: true });
    const near = prev !== null && !afterGap;
    const oomDelta = near && prev!.oomKills != null && b.oomKills != null && b.oomKills >= prev!.oomKills ? b.oomKills - prev!.oomKills : null;
    out.push({
      ...b,
      memAvailablePercent: ratio(b.memAvailableBytes, b.memTotalBytes),
      swapUsedBytes: b.swapTotalBytes == null || b.swapFreeBytes == null ? null : Math.max(0, b.swapTotalBytes - b.swapFreeBytes),
      tempBytesPerSec: near ? perSecond(prev!.tempBytes, b.tempBytes, dt) : null,
      oomKillsDelta: oomDelta,
    });
    prev = b;
  }
  return out;
}

export type RangeQuery = { range: HistoryRange } | { since: Date; until: Date };

/** The window a query asks for; `now` is the console clock. */
export function windowOf(q: RangeQuery, now: number): { since: Date; until: Date } {
  if ("range" in q) return { since: new Date(now - HISTORY_RANGES[q.range]), until: new Date(now) };
  return { since: q.since, until: q.until };
}
