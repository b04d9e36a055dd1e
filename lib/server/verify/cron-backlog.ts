// Odoo's cron backlog (runbook 3.3, "cron backlog trends down"): overdue active ir_cron jobs.
// A short-lived connection per read, not a kept one: between reads (every 30 s) it holds no backend
// and no connection slot on a server short of memory, the monitor keeps its "one connection per
// target", and the poll's connection (lib/server/monitor) is never shared or waited on.
import type { CronBacklog } from "../../verification";
import { describeError } from "../pg/connection";
import { ShortLivedConnection } from "../pg/short-lived";
import { cronOverdueSql, cronTableSql } from "../pg/sql-verify";

const LIMITS = { statementTimeoutMs: 2000, lockTimeoutMs: 1000, workMem: "4MB", connectTimeoutMs: 3000 };
/** Client-side deadline over connect + both statements: a hung server cannot hold the loop. */
export const CRON_DEADLINE_MS = 6000;

export const NOT_ODOO = "not an Odoo database (no ir_cron table)";

/** The database name in a postgres:// URL (what the connection would use), or null when it names none. */
export function databaseOf(url: string): string | null {
  const u = new URL(url);
  const fromPath = decodeURIComponent(u.pathname.replace(/^\//, ""));
  return fromPath || u.searchParams.get("dbname") || null;
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  u.searchParams.delete("dbname");
  return u.href;
}

/** The database the backlog is read from: odoo.database when set, else postgres.url's. */
export function cronTarget(postgresUrl: string, odooDatabase?: string): { url: string; database: string | null } {
  if (odooDatabase) return { url: withDatabase(postgresUrl, odooDatabase), database: odooDatabase };
  return { url: postgresUrl, database: databaseOf(postgresUrl) };
}

export type CronRead = Pick<CronBacklog, "overdue" | "error">;

/** Never rejects. `ownPids` holds the connection's pid while it lives, so it is never offered to an action. */
export async function readCronBacklog(url: string, ownPids: Set<number>, deadlineMs = CRON_DEADLINE_MS): Promise<CronRead> {
  const conn = new ShortLivedConnection(url, ownPids, LIMITS);
  const work = (async (): Promise<CronRead> => {
    const t = (await conn.query<{ has_cron: boolean }>(cronTableSql())).rows[0];
    if (!t.has_cron) return { overdue: null, error: NOT_ODOO };
    const r = (await conn.query<{ overdue: number }>(cronOverdueSql())).rows[0];
    return { overdue: Number(r.overdue) };
  })();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CronRead>((resolve) => {
    timer = setTimeout(() => resolve({ overdue: null, error: `no answer within ${deadlineMs} ms` }), deadlineMs);
  });
  try {
    return await Promise.race([work.catch((e): CronRead => ({ overdue: null, error: describeError(e) })), deadline]);
  } finally {
    clearTimeout(timer);
    // Past the deadline the work may still be connecting: close() closes what it ends up with too.
    conn.close();
  }
}
