// Part 1: the cost of one poll cycle (the monitor's exact pollSql() on a connection made by
// lib/server/pg/connection.ts connect(), as TargetMonitor does) against a bare
// `select * from pg_stat_activity`, client wall time and database time (pg_stat_statements).
import pg from "pg";
import type { LocalCluster } from "../lib/server/local-cluster";
import { connect } from "../lib/server/pg/connection";
import { pollSql } from "../lib/server/pg/sql";
import { countBackends, pollPart, resetStatements, statementsOf, totalMs, type StatementStat } from "./pg-stats";
import { openClient, ROLES } from "./backends";
import { pct } from "./table";

export const BARE_SQL = "select * from pg_stat_activity";
/** The scan alone, no rows out: the floor any reader of pg_stat_activity pays (pg_activity 3× a refresh). */
export const FLOOR_SQL = "select count(*) from pg_stat_activity";

/** TargetMonitor's limits at a 1 s interval: deadline max(3 × 1000, 5000) ms. */
export const MONITOR_LIMITS = { statementTimeoutMs: 4000, lockTimeoutMs: 1000, workMem: "4MB", connectTimeoutMs: 4500 };

export interface PollCost {
  backends: number;
  clientBackends: number;
  rows: number;
  polls: number;
  bareWall: number[];
  monitorWall: number[];
  /** Database ms per call of the bare select. */
  bareDbMs: number;
  /** Database ms per call of FLOOR_SQL. */
  floorDbMs: number;
  /** Database ms per poll: the three statements of pollSql() together. */
  monitorDbMs: number;
  parts: Record<"state" | "activity" | "databases", number>;
}

const perCall = (s: StatementStat[], calls: number) => (calls > 0 ? totalMs(s) / calls : NaN);

export async function measurePollCost(admin: pg.Client, cluster: LocalCluster, polls = 30): Promise<PollCost> {
  const monitor = await connect(cluster.urlFor("postgres", ROLES.triage), MONITOR_LIMITS, "pg-triage-bench");
  const bare = await openClient(cluster.urlFor("postgres", ROLES.bare), "bench-bare");
  try {
    let rows = 0;
    const runMonitor = async () => {
      const t = performance.now();
      const results = (await monitor.query(pollSql())) as unknown as pg.QueryResult[];
      rows = results[1].rowCount ?? 0;
      return performance.now() - t;
    };
    const runBare = async () => {
      const t = performance.now();
      await bare.query(BARE_SQL);
      return performance.now() - t;
    };
    for (let i = 0; i < 3; i++) await runMonitor().then(runBare).then(() => bare.query(FLOOR_SQL)); // warm caches
    await resetStatements(admin, ROLES.triage);
    await resetStatements(admin, ROLES.bare);
    const bareWall: number[] = [];
    const monitorWall: number[] = [];
    for (let i = 0; i < polls; i++) {
      // alternate the order so neither side always runs right after the other
      if (i % 2 === 0) {
        monitorWall.push(await runMonitor());
        bareWall.push(await runBare());
      } else {
        bareWall.push(await runBare());
        monitorWall.push(await runMonitor());
      }
      await bare.query(FLOOR_SQL);
    }
    const mon = await statementsOf(admin, ROLES.triage);
    const bar = await statementsOf(admin, ROLES.bare);
    const parts = { state: 0, activity: 0, databases: 0 };
    for (const s of mon) {
      const p = pollPart(s.query);
      if (p !== "other") parts[p] += s.totalMs / polls;
    }
    const bareStmt = bar.filter((s) => /select \* from pg_stat_activity/i.test(s.query));
    const floorStmt = bar.filter((s) => /count\(\*\)/i.test(s.query));
    const { rows: backends, clients } = await countBackends(admin);
    return {
      backends,
      clientBackends: clients,
      rows,
      polls,
      bareWall,
      monitorWall,
      bareDbMs: perCall(bareStmt, bareStmt[0]?.calls ?? 0),
      floorDbMs: perCall(floorStmt, floorStmt[0]?.calls ?? 0),
      monitorDbMs: totalMs(mon) / polls,
      parts,
    };
  } finally {
    await monitor.end().catch(() => {});
    await bare.end().catch(() => {});
  }
}

export const summarizeWall = (xs: number[]) => ({ p50: pct(xs, 50), p95: pct(xs, 95) });
