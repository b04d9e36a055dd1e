// Metric history downsampled in SQL on the store (never a monitored database): one row per bucket,
// gauges averaged, counters at their maximum; rates and gaps are derived in lib/metric-history.ts.
import { bucketMsFor, toMetricPoints, type HistoryBucket, type HistoryResponse } from "../../metric-history";
import type { Db } from "../store/prisma";

type Row = { [K in keyof HistoryBucket]: HistoryBucket[K] };

export async function queryHistory(db: Db, targetId: string, since: Date, until: Date, recordIntervalMs: number): Promise<HistoryResponse> {
  const bucketMs = bucketMsFor(until.getTime() - since.getTime(), recordIntervalMs);
  const rows = await db.$queryRaw<Row[]>`
    SELECT (floor(extract(epoch FROM "at") * 1000 / ${bucketMs}::float8) * ${bucketMs}::float8)::float8 AS "t",
           count(*)::int AS "samples",
           avg(CASE WHEN "postgresUp" THEN 1 ELSE 0 END)::float8 AS "postgresUp",
           avg(CASE WHEN "hostUp" THEN 1 WHEN NOT "hostUp" THEN 0 END)::float8 AS "hostUp",
           avg("memTotalBytes")::float8 AS "memTotalBytes",
           avg("memAvailableBytes")::float8 AS "memAvailableBytes",
           avg("swapTotalBytes")::float8 AS "swapTotalBytes",
           avg("swapFreeBytes")::float8 AS "swapFreeBytes",
           avg("swapInPerSec")::float8 AS "swapInPerSec",
           avg("swapOutPerSec")::float8 AS "swapOutPerSec",
           avg("psiSomeAvg10")::float8 AS "psiSomeAvg10",
           avg("psiFullAvg10")::float8 AS "psiFullAvg10",
           max("oomKills")::float8 AS "oomKills",
           avg("active")::float8 AS "active",
           avg("idle")::float8 AS "idle",
           avg("idleInTransaction")::float8 AS "idleInTransaction",
           avg("total")::float8 AS "total",
           max("maxConnections")::float8 AS "maxConnections",
           max("tempBytes")::float8 AS "tempBytes",
           avg("cronBacklog")::float8 AS "cronBacklog",
           max("odooHttpStatus")::float8 AS "odooHttpStatus",
           avg("odooHttpMs")::float8 AS "odooHttpMs"
      FROM "MetricSample"
     WHERE "targetId" = ${targetId} AND "at" >= ${since} AND "at" < ${until}
     GROUP BY 1
     ORDER BY 1`;
  return { since: since.toISOString(), until: until.toISOString(), bucketMs, points: toMetricPoints(rows, bucketMs) };
}
