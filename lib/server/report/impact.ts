// The report's impact table from the raw metric samples in the store: before the incident's start
// (averages), the worst during it, and its last samples (averages). SQL from constants; values as $n.
import type { ImpactKey, ImpactTable } from "../../report";
import type { Db } from "../store/prisma";

/** The window just before the effective start that "before" averages. */
export const IMPACT_BEFORE_MS = 5 * 60_000;
/** The last samples that "after" averages. */
export const IMPACT_AFTER_MS = 60_000;

/** Per sample: the value, and whether lower (MemAvailable) or higher (the rest) is worse. */
const METRICS: ReadonlyArray<{ key: ImpactKey | "memPct"; expr: string; worse: "min" | "max" }> = [
  { key: "memAvailable", expr: `"memAvailableBytes"::float8`, worse: "min" },
  { key: "memPct", expr: `100 * "memAvailableBytes"::float8 / NULLIF("memTotalBytes", 0)::float8`, worse: "min" },
  { key: "swapIn", expr: `"swapInPerSec"`, worse: "max" },
  { key: "active", expr: `"active"::float8`, worse: "max" },
  { key: "idleInTransaction", expr: `"idleInTransaction"::float8`, worse: "max" },
  { key: "waitingOnLocks", expr: `"waitingOnLocks"::float8`, worse: "max" },
  // The temp-bytes counter's rise per second since the previous sample; none across a gap or a stats reset.
  {
    key: "tempBytesPerSec",
    expr: `CASE WHEN "at" - lag("at") OVER w <= $5::float8 * interval '1 millisecond' AND "tempBytes" >= lag("tempBytes") OVER w
           THEN ("tempBytes" - lag("tempBytes") OVER w)::float8 / NULLIF(extract(epoch FROM "at" - lag("at") OVER w), 0) END`,
    worse: "max",
  },
];

function impactSql(): string {
  const cols = METRICS.map((m, i) => `${m.expr} AS "m${i}"`).join(",\n    ");
  const aggs = METRICS.flatMap((m, i) => [
    `avg("m${i}") FILTER (WHERE "at" < $3) AS "b${i}"`,
    `${m.worse}("m${i}") FILTER (WHERE "at" >= $3) AS "w${i}"`,
    `avg("m${i}") FILTER (WHERE "at" >= $4) AS "a${i}"`,
  ]).join(",\n  ");
  return `WITH s AS (
  SELECT "at", ${cols}
    FROM "MetricSample" WHERE "targetId" = $1 AND "at" >= $2::timestamptz AND "at" <= $6::timestamptz
  WINDOW w AS (ORDER BY "at")
)
SELECT count(*) FILTER (WHERE "at" < $3)::int AS "nb", count(*) FILTER (WHERE "at" >= $3)::int AS "nd", count(*) FILTER (WHERE "at" >= $4)::int AS "na",
  ${aggs}
  FROM s`;
}
const SQL = impactSql();

type Row = Record<string, number | null>;

/** start: the incident's effective start; end: its close, or now. recordIntervalMs: gaps are 3 of them. */
export async function loadImpact(db: Db, targetId: string, start: Date, end: Date, recordIntervalMs: number): Promise<ImpactTable> {
  const beforeFrom = new Date(start.getTime() - IMPACT_BEFORE_MS);
  const afterFrom = new Date(Math.max(start.getTime(), end.getTime() - IMPACT_AFTER_MS));
  const iso = (d: Date) => d.toISOString();
  const [r] = await db.$queryRawUnsafe<Row[]>(SQL, targetId, iso(beforeFrom), iso(start), iso(afterFrom), 3 * recordIntervalMs, iso(end));
  const at = (i: number, p: "b" | "w" | "a") => (r[`${p}${i}`] == null ? null : Number(r[`${p}${i}`]));
  const pct = METRICS.findIndex((m) => m.key === "memPct");
  return {
    before: { from: iso(beforeFrom), to: iso(start), samples: Number(r.nb) },
    during: { from: iso(start), to: iso(end), samples: Number(r.nd) },
    after: { from: iso(afterFrom), to: iso(end), samples: Number(r.na) },
    rows: METRICS.flatMap((m, i) => (m.key === "memPct" ? [] : [{ key: m.key, before: at(i, "b"), worst: at(i, "w"), after: at(i, "a") }])),
    memAvailablePct: { before: at(pct, "b"), worst: at(pct, "w"), after: at(pct, "a") },
  };
}
