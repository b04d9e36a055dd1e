// The ONLY place where SQL text is assembled. Values go as $n parameters wherever PostgreSQL
// allows; identifiers and literals that cannot be parameters go through ident()/literal().

/** Quotes an identifier: "we""ird role". */
export function ident(name: string): string {
  if (name.length === 0) throw new Error("identifier must not be empty");
  if (name.includes("\0")) throw new Error("identifier must not contain NUL");
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quotes a string literal with standard_conforming_strings semantics: 'it''s'. */
export function literal(value: string): string {
  if (value.includes("\0")) throw new Error("literal must not contain NUL");
  return `'${value.replace(/'/g, "''")}'`;
}

/** Milliseconds between the poll's now() and a timestamp column, measured on the server clock. */
const ageMs = (column: string) => `1000 * date_part('epoch', now() - ${column})`;

/**
 * pg_stat_activity, every row (idle ones too). pg_blocking_pids() is expensive, so it runs only
 * for sessions that wait on a heavyweight lock. Works on PostgreSQL 10+ (backend_type, backend_xid).
 */
export function activitySql(): string {
  return `select pid, backend_start::text as backend_start, usename, datname, application_name,
  host(client_addr) as client_addr, state, wait_event_type, wait_event,
  xact_start::text as xact_start, query_start::text as query_start, state_change::text as state_change,
  backend_xid::text as backend_xid, backend_xmin::text as backend_xmin, backend_type, query,
  case when wait_event_type = 'Lock' then pg_blocking_pids(pid) end as blocked_by,
  ${ageMs("query_start")} as query_ms, ${ageMs("xact_start")} as xact_ms, ${ageMs("state_change")} as state_ms
from pg_stat_activity`;
}

export function databaseStatsSql(): string {
  return `select datname, numbackends, xact_commit, xact_rollback, temp_files, temp_bytes, deadlocks,
  blks_read, blks_hit, stats_reset::text as stats_reset
from pg_stat_database where datname is not null`;
}

export function serverStateSql(): string {
  return `select now()::text as now, 1000 * date_part('epoch', now()) as now_ms, pg_is_in_recovery() as in_recovery`;
}

/**
 * One tick in one round trip: the simple-query protocol runs the three statements in one implicit
 * transaction, so they share now() and one snapshot of the backend status array.
 */
export function pollSql(): string {
  return `${serverStateSql()};\n${activitySql()};\n${databaseStatsSql()}`;
}

/** The memory settings of runbook step 1.3 (names missing on older servers are simply absent). */
export const MEMORY_SETTING_NAMES = [
  "shared_buffers",
  "work_mem",
  "hash_mem_multiplier",
  "maintenance_work_mem",
  "max_connections",
  "superuser_reserved_connections",
  "reserved_connections",
  "effective_cache_size",
  "statement_timeout",
  "idle_in_transaction_session_timeout",
] as const;

/**
 * reset_val, not setting: the console's own session runs with its own limits (sessionLimitsSql),
 * and the commander needs the values the application's sessions get.
 */
export function settingsSql(): string {
  return `select name, reset_val as setting, unit from pg_settings where name = any($1::text[])`;
}

/** The monitor's own session limits, set after connecting so they do not show as the server's values. */
export function sessionLimitsSql(limits: { statementTimeoutMs: number; lockTimeoutMs: number; idleInTransactionMs: number; workMem: string }): string {
  const ms = (v: number) => {
    if (!Number.isInteger(v) || v < 0) throw new Error(`bad timeout ${v}`);
    return literal(`${v}ms`);
  };
  if (!/^\d+(kB|MB)$/.test(limits.workMem)) throw new Error(`bad work_mem ${limits.workMem}`);
  return [
    `set statement_timeout = ${ms(limits.statementTimeoutMs)}`,
    `set lock_timeout = ${ms(limits.lockTimeoutMs)}`,
    `set idle_in_transaction_session_timeout = ${ms(limits.idleInTransactionMs)}`,
    `set work_mem = ${literal(limits.workMem)}`,
  ].join(";\n");
}

export function serverInfoSql(): string {
  return `select current_setting('server_version') as server_version,
  current_setting('server_version_num')::int as server_version_num, pg_backend_pid() as pid`;
}
