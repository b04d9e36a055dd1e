// pg_stat_statements, per role: each measured party connects as its own role.
import type pg from "pg";

export interface StatementStat {
  query: string;
  calls: number;
  totalMs: number;
}

export async function resetStatements(admin: pg.Client, role: string): Promise<void> {
  await admin.query("select pg_stat_statements_reset((select oid from pg_roles where rolname = $1))", [role]);
}

export async function statementsOf(admin: pg.Client, role: string): Promise<StatementStat[]> {
  const r = await admin.query(
    `select query, calls::float8 as calls, total_exec_time::float8 as total_ms
     from pg_stat_statements s join pg_roles r on r.oid = s.userid
     where r.rolname = $1 order by total_exec_time desc`,
    [role],
  );
  return r.rows.map((row) => ({ query: row.query, calls: Number(row.calls), totalMs: Number(row.total_ms) }));
}

export const totalMs = (s: StatementStat[]) => s.reduce((a, x) => a + x.totalMs, 0);
export const totalCalls = (s: StatementStat[]) => s.reduce((a, x) => a + x.calls, 0);

/** The statements of pollSql(), recognised by the relation they read. */
export function pollPart(query: string): "activity" | "databases" | "state" | "other" {
  if (/from\s+pg_stat_activity/i.test(query)) return "activity";
  if (/from\s+pg_stat_database/i.test(query)) return "databases";
  if (/pg_is_in_recovery\(\)/i.test(query)) return "state";
  return "other";
}

export const oneLine = (q: string, max = 70) => {
  const s = q.replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

export async function countBackends(admin: pg.Client): Promise<{ rows: number; clients: number }> {
  const r = await admin.query(
    "select count(*)::int as rows, count(*) filter (where backend_type = 'client backend')::int as clients from pg_stat_activity",
  );
  return r.rows[0];
}

/** Connections of the console (application_name 'pg-triage'), as the target sees them. */
export async function triageConnections(admin: pg.Client): Promise<number> {
  const r = await admin.query("select count(*)::int as n from pg_stat_activity where application_name = 'pg-triage'");
  return r.rows[0].n;
}
