// SQL of the incident signals' PostgreSQL source: the server's own log through pg_current_logfile(),
// read with pg_read_binary_file (pg_read_file's bytes form: a log line in another encoding cannot fail it).
import { ident } from "./sql";

/** The functions currentLogChunkSql calls, by signature; EXECUTE on each is revoked from PUBLIC. */
export const LOG_FUNCTIONS = ["pg_current_logfile()", "pg_stat_file(text, boolean)", "pg_read_binary_file(text, bigint, bigint, boolean)"] as const;

/**
 * May this role read the log? has_function_privilege never fails (so it writes no error into the
 * target's log, unlike calling a function it may not); to_regprocedure makes an absent function null.
 * One boolean (or null: not on this server) per LOG_FUNCTIONS entry, in order.
 */
export function logAccessSql(): string {
  const checks = LOG_FUNCTIONS.map((f, i) => `has_function_privilege(to_regprocedure('pg_catalog.${f}'), 'execute') as f${i}`);
  return `select current_user as role, ${checks.join(", ")}`;
}

/** The statements an administrator runs to let `role` read the log (shown, never run by the console). */
export function logGrantsSql(role: string, functions: readonly string[]): string {
  return functions.map((f) => `GRANT EXECUTE ON FUNCTION pg_catalog.${f} TO ${ident(role)};`).join("\n");
}

/**
 * One round trip: the current log file, its size, where to start and the bytes from there.
 * $1 the previous file (null on the first read), $2 the offset after its last complete line,
 * $3 bytes per read, $4 how far behind before jumping to the tail. The start follows the rule of
 * lib/server/signals/log-chunk.ts. path is null when logging_collector is off; size is null
 * when the file is gone. Needs EXECUTE on pg_current_logfile, pg_stat_file and
 * pg_read_binary_file (superusers have it), and pg_read_server_files for a log outside the data directory.
 */
export function currentLogChunkSql(): string {
  return `select f.path, s.size, x.start, pg_read_binary_file(f.path, x.start, $3::bigint, true) as chunk
from (select pg_current_logfile() as path) f
left join lateral (select (pg_stat_file(f.path, true)).size) s(size) on true
left join lateral (select case when $1::text is null or s.size - c.start0 > $4::bigint then greatest(s.size - $3::bigint, 0) else c.start0 end
  from (select case when f.path = $1::text and s.size >= $2::bigint then $2::bigint else 0 end) c(start0)) x(start) on true`;
}
