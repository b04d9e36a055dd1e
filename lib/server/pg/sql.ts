// The ONLY place where SQL text is assembled. Values go as $n parameters wherever PostgreSQL
// allows; identifiers and literals that cannot be parameters go through ident()/literal().
import { GUARDRAIL_SETTINGS, type GuardrailSetting } from "../../guardrails";

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

/** leader_pid appeared in PostgreSQL 13; older servers (or an unknown version) get NULL. */
export const LEADER_PID_SINCE = 130000;
const leaderPidColumn = (serverVersionNum: number | null) =>
  serverVersionNum !== null && serverVersionNum >= LEADER_PID_SINCE ? "leader_pid" : "null::int as leader_pid";

/**
 * pg_stat_activity, every row (idle ones too). pg_blocking_pids() is expensive, so it runs only
 * for sessions that wait on a heavyweight lock. Works on PostgreSQL 10+ (backend_type, backend_xid).
 */
export function activitySql(serverVersionNum: number | null = null): string {
  return `select pid, backend_start::text as backend_start, usename, datname, application_name,
  host(client_addr) as client_addr, state, wait_event_type, wait_event,
  xact_start::text as xact_start, query_start::text as query_start, state_change::text as state_change,
  backend_xid::text as backend_xid, backend_xmin::text as backend_xmin, backend_type, ${leaderPidColumn(serverVersionNum)}, query,
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
export function pollSql(serverVersionNum: number | null = null, withTempFiles = false): string {
  const statements = [serverStateSql(), activitySql(serverVersionNum), databaseStatsSql()];
  if (withTempFiles) statements.push(tempFilesByPidSql());
  return statements.join(";\n");
}

/**
 * Temp-file bytes on disk per backend, from the files' names (pgsql_tmp<pid>.<n>, default tablespace):
 * which sessions are spilling right now. pg_ls_tmpdir() needs pg_monitor (PostgreSQL 12+); the monitor
 * probes it once per connection and leaves it out where it fails.
 */
export function tempFilesByPidSql(): string {
  return `select (regexp_match(name, '^pgsql_tmp(\\d+)\\.'))[1]::int as pid, sum(size)::float8 as bytes
  from pg_ls_tmpdir() where name ~ '^pgsql_tmp\\d+\\.' group by 1`;
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

/** The action connection's liveness check (a kept connection would otherwise report "up" over a dead link). */
export function pingSql(): string {
  return "select 1 as ok";
}

// ---- connection slots during a storm (lib/server/pg/lockout.ts) ----

/**
 * The console role's way past a full server: max_connections, the reserves, and whether its role
 * may use them. reserved_connections and pg_use_reserved_connections exist from PostgreSQL 16 (NULL
 * before); 'usage' because the login check wants the role's privileges, not bare (NOINHERIT) membership.
 */
export function connectionReserveSql(): string {
  return `select current_user as role, r.rolsuper as superuser, r.rolconnlimit as connection_limit,
  current_setting('server_version_num')::int as server_version_num,
  current_setting('max_connections')::int as max_connections,
  current_setting('superuser_reserved_connections')::int as superuser_reserved,
  current_setting('reserved_connections', true)::int as reserved,
  case when exists (select 1 from pg_roles where rolname = 'pg_use_reserved_connections')
    then pg_has_role(current_user, 'pg_use_reserved_connections', 'usage') end as reserved_role_usable
from pg_roles r where r.rolname = current_user`;
}

/** Shown to the operator (16+): lets the console's role into the reserved_connections slots. */
export function grantReservedConnectionsSql(role: string): string {
  return `grant pg_use_reserved_connections to ${ident(role)}`;
}

/** Shown to the operator: both are postmaster settings, so they take a restart. */
export function setReservedConnectionsSql(setting: "reserved_connections" | "superuser_reserved_connections", n: number): string {
  if (setting !== "reserved_connections" && setting !== "superuser_reserved_connections") throw new Error(`not a reserve setting: ${setting}`);
  if (!Number.isInteger(n) || n < 0 || n > 1000) throw new Error(`bad ${setting} ${n}`);
  return `alter system set ${setting} = ${n}`;
}

// ---- cancel / terminate (lib/server/pg/backends.ts) ----

/** Bulk-action criteria over pg_stat_activity's own columns (validated by the caller's zod schema). */
export interface SessionFilterCriteria {
  state?: string;
  minQuerySeconds?: number;
  minXactSeconds?: number;
  database?: string;
  user?: string;
  /** A glob: `*` (or `%`) matches any run of characters, everything else is literal; case-sensitive. */
  application?: string;
  queryContains?: string;
  /** Seconds since backend_start. */
  minConnectionSeconds?: number;
  /** An address or a CIDR block, validated before it gets here (sent as $n::inet). */
  clientAddr?: string;
}

/** A glob as a LIKE pattern: `*` and `%` match any run, `_` and `\` are literal (escaped). */
export function likePattern(pattern: string): string {
  return pattern.replace(/[\\_]/g, (c) => `\\${c}`).replace(/\*/g, "%");
}

/**
 * The filter as a predicate on unqualified pg_stat_activity columns, values as $first.. parameters.
 * Every criterion is ANDed; an empty filter is "true" (callers refuse it before getting here).
 */
export function sessionFilterSql(f: SessionFilterCriteria, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${first + params.length - 1}`;
  };
  if (f.state !== undefined) parts.push(`state = ${p(f.state)}`);
  if (f.minQuerySeconds !== undefined) parts.push(`state in ('active', 'fastpath function call') and query_start <= now() - make_interval(secs => ${p(f.minQuerySeconds)}::float8)`);
  if (f.minXactSeconds !== undefined) parts.push(`xact_start <= now() - make_interval(secs => ${p(f.minXactSeconds)}::float8)`);
  if (f.database !== undefined) parts.push(`datname = ${p(f.database)}`);
  if (f.user !== undefined) parts.push(`usename = ${p(f.user)}`);
  if (f.application !== undefined) parts.push(`application_name like ${p(likePattern(f.application))}`);
  if (f.queryContains !== undefined) parts.push(`strpos(lower(query), lower(${p(f.queryContains)})) > 0`);
  if (f.minConnectionSeconds !== undefined) parts.push(`backend_start <= now() - make_interval(secs => ${p(f.minConnectionSeconds)}::float8)`);
  if (f.clientAddr !== undefined) parts.push(`client_addr <<= ${p(f.clientAddr)}::inet`);
  return { sql: parts.length ? parts.join(" and ") : "true", params };
}

/**
 * The subject of an action: activitySql()'s columns (so toSession() maps it) plus whether the
 * backend's role and the console's role are superusers, for the pg_signal_backend refusal.
 * leader_pid is NULL here: actions do not need it, and the column does not exist before PostgreSQL 13.
 * `where` is a predicate built here (pid list or filter); `extra` adds columns such as `matches`.
 */
export function backendSubjectSql(where: string, extra = ""): string {
  return `select pid, backend_start::text as backend_start, usename, datname, application_name,
  host(client_addr) as client_addr, state, wait_event_type, wait_event,
  xact_start::text as xact_start, query_start::text as query_start, state_change::text as state_change,
  backend_xid::text as backend_xid, backend_xmin::text as backend_xmin, backend_type, query,
  null::int[] as blocked_by, null::int as leader_pid,
  ${ageMs("query_start")} as query_ms, ${ageMs("xact_start")} as xact_ms, ${ageMs("state_change")} as state_ms,
  coalesce((select rolsuper from pg_roles r where r.oid = usesysid), false) as rolsuper,
  coalesce((select rolsuper from pg_roles r where r.rolname = current_user), false) as console_superuser${extra}
from pg_stat_activity
where ${where}`;
}

/** Looks up backends by pid ($1 int[]); with a filter, also says whether each one matches it now. */
export function backendsByPidSql(filter?: SessionFilterCriteria): { sql: string; params: unknown[] } {
  if (!filter) return { sql: backendSubjectSql("pid = any($1::int[])"), params: [] };
  const f = sessionFilterSql(filter, 2);
  return { sql: backendSubjectSql("pid = any($1::int[])", `,\n  coalesce(${f.sql}, false) as matches`), params: f.params };
}

/** Every backend matching the filter now (the bulk preview); exclusions are decided by the caller. */
export function backendsMatchingSql(filter: SessionFilterCriteria): { sql: string; params: unknown[] } {
  const f = sessionFilterSql(filter, 1);
  return { sql: backendSubjectSql(`${f.sql}\norder by backend_start, pid`), params: f.params };
}

export type SignalKind = "cancel" | "terminate";

/**
 * ONE statement that re-checks the session's identity (pid AND backend_start, compared as timestamptz
 * so microseconds count) — and for bulk, that it still matches the filter — and signals it.
 * $1 pid, $2 backend_start as text, filter params from $3. 0 rows: gone, reused or changed.
 */
export function signalSql(kind: SignalKind, filter?: SessionFilterCriteria): { sql: string; params: unknown[] } {
  const fn = kind === "cancel" ? "pg_cancel_backend" : "pg_terminate_backend";
  const f = filter ? sessionFilterSql(filter, 3) : null;
  const sql = `select ${fn}(pid) as signalled
from pg_stat_activity
where pid = $1 and backend_start = $2::timestamptz${f ? `\n  and ${f.sql}` : ""}`;
  return { sql, params: f ? f.params : [] };
}

// ---- guardrails (lib/server/guardrails) ----

export { GUARDRAIL_SETTINGS, type GuardrailSetting };

/** One change at one scope; value null means RESET (there was no value at that scope). */
export interface RoleSettingChange {
  role: string;
  database: string | null;
  setting: GuardrailSetting;
  value: string | null;
}

function guardrailSetting(name: string): GuardrailSetting {
  if (!(GUARDRAIL_SETTINGS as readonly string[]).includes(name)) throw new Error(`setting ${JSON.stringify(name)} is not in the guardrail allowlist`);
  return name as GuardrailSetting;
}

/** ALTER ROLE "r" [IN DATABASE "d"] SET setting = 'value' | RESET setting; connection_limit: ALTER ROLE "r" CONNECTION LIMIT n. */
export function alterRoleSetSql(c: RoleSettingChange): string {
  if (c.setting === "connection_limit") return alterRoleConnectionLimitSql(c.role, c.database, c.value);
  const scope = `alter role ${ident(c.role)}${c.database === null ? "" : ` in database ${ident(c.database)}`}`;
  const name = guardrailSetting(c.setting);
  return c.value === null ? `${scope} reset ${name}` : `${scope} set ${name} = ${literal(c.value)}`;
}

/** CONNECTION LIMIT takes an integer constant, not a parameter: only an integer (-1 = no limit) reaches the text. */
export function alterRoleConnectionLimitSql(role: string, database: string | null, value: string | null): string {
  if (database !== null) throw new Error("a connection limit is per role, not per database");
  const n = value === null ? "-1" : value.trim();
  if (!/^-?\d{1,7}$/.test(n) || Number(n) < -1) throw new Error(`bad connection limit ${JSON.stringify(value)}`);
  return `alter role ${ident(role)} connection limit ${Number(n)}`;
}

/**
 * Every change in ONE implicit transaction (simple-query protocol): all apply or none do. SET LOCAL
 * lock_timeout so a held catalog lock fails fast (55P03) instead of hanging; the last statement
 * returns the target's clock after the ALTERs (sessions that started before it keep the old values).
 */
export function alterRoleBatchSql(changes: RoleSettingChange[], lockTimeoutMs: number): string {
  if (changes.length === 0) throw new Error("no changes");
  if (!Number.isInteger(lockTimeoutMs) || lockTimeoutMs < 1) throw new Error(`bad lock_timeout ${lockTimeoutMs}`);
  return [
    `set local lock_timeout = ${literal(`${lockTimeoutMs}ms`)}`,
    ...changes.map(alterRoleSetSql),
    "select clock_timestamp()::text as applied_at",
  ].join(";\n");
}

/** Whether $1 role and $2 database (null: role-wide) exist, the role's attributes and setconfig at that scope. */
export function roleScopeSql(): string {
  return `select r.oid is not null as role_exists, r.rolsuper as role_superuser, r.rolconnlimit as connection_limit,
  ($2::text is null or d.oid is not null) as database_exists,
  (select s.setconfig from pg_db_role_setting s
    where s.setrole = r.oid and s.setdatabase = case when $2::text is null then 0 else d.oid end) as setconfig
from (select 1) one
left join pg_roles r on r.rolname = $1
left join pg_database d on d.datname = $2`;
}

/** Every per-role setconfig (role-wide: database null); ALTER DATABASE-only rows (setrole 0) are left out. */
export function roleSettingsSql(): string {
  return `select r.rolname as role, d.datname as database, s.setconfig
from pg_db_role_setting s
join pg_roles r on r.oid = s.setrole
left join pg_database d on d.oid = s.setdatabase
where s.setrole <> 0
order by r.rolname, d.datname nulls first`;
}

/** Login roles (not the built-in pg_* ones) with their CONNECTION LIMIT and current session count. */
export function loginRolesSql(): string {
  return `select r.rolname as role, r.rolconnlimit as connection_limit, r.rolsuper as superuser,
  (select count(*) from pg_stat_activity a where a.usesysid = r.oid)::int as sessions
from pg_roles r
where r.rolcanlogin and r.rolname !~ '^pg_'
order by r.rolname`;
}

/**
 * Sessions of $1 role (in $2 database, null: any) that started before $3 (the change) and so still
 * run with the old values; the console's own pids ($4) are not counted.
 */
const PRE_CHANGE = `usename = $1 and ($2::text is null or datname = $2) and backend_start < $3::timestamptz
  and pid <> all($4::int[]) and pid <> pg_backend_pid()`;

export function preChangeSessionsSql(): string {
  return `select count(*)::int as sessions, (count(*) filter (where state = 'idle'))::int as idle
from pg_stat_activity where ${PRE_CHANGE}`;
}

/** Terminates the idle pre-change sessions (superuser ones only when the console is superuser). */
export function recycleIdleSql(): string {
  return `select pid, backend_start::text as backend_start, pg_terminate_backend(pid) as terminated
from pg_stat_activity
where ${PRE_CHANGE} and state = 'idle'
  and (coalesce((select rolsuper from pg_roles where rolname = current_user), false)
       or not coalesce((select rolsuper from pg_roles r where r.oid = usesysid), false))`;
}

/**
 * The pg_db_role_setting rows that decide what $1 role gets in any database, and the console's own
 * (current_user) rows: role null = every role (setrole 0), database null = every database (setdatabase 0).
 */
export function settingLevelsSql(): string {
  return `select r.rolname as role, d.datname as database, s.setconfig
from pg_db_role_setting s
left join pg_roles r on r.oid = s.setrole
left join pg_database d on d.oid = s.setdatabase
where s.setrole = 0 or r.rolname = $1 or r.rolname = current_user`;
}

/** The server's values of $1 settings (reset_val: the console's SETs do not show) and who the console is. */
export function serverSettingsSql(): string {
  return `select name, reset_val, boot_val, unit, current_user as console_role, current_database() as console_database
from pg_settings where name = any($1::text[])`;
}

/** The config file's applied values of $1 settings (needs pg_read_all_settings, part of pg_monitor). */
export function fileSettingsSql(): string {
  return `select name, setting from pg_file_settings where name = any($1::text[]) and applied and error is null`;
}
