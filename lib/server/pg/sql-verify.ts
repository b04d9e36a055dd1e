// SQL of the verification checks (runbook step 3): Odoo's cron backlog, read on its own short-lived connection.

/** Whether the database is Odoo's (has ir_cron on the search path), and the connection's pid (kept out of actions). */
export function cronTableSql(): string {
  return `select pg_backend_pid() as pid, to_regclass('ir_cron') is not null as has_cron`;
}

/** Overdue active jobs. Odoo stores nextcall as UTC in a timestamp without time zone, so compare with UTC now. */
export function cronOverdueSql(): string {
  return `select count(*) as overdue from ir_cron where active and nextcall < (now() at time zone 'utc')`;
}
