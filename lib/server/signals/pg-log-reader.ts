// PostgreSQL's own log over SQL (pg_current_logfile + pg_read_binary_file), for targets without
// postgres.logPath. Each round has its own short-lived connection: never the action connection
// (a cancel must not queue behind megabytes of log) nor the monitor's poll connection.
import type { QueryResultRow } from "pg";
import { describeError, type ConnectionLimits } from "../pg/connection";
import { ShortLivedConnection } from "../pg/short-lived";
import { currentLogChunkSql, LOG_FUNCTIONS, logAccessSql, logGrantsSql } from "../pg/sql-logs";
import { READ_BYTES, SKIP_BYTES, takeLines, type LogCursor, type ReadOutcome } from "./log-chunk";

export interface LogReadConnection {
  query<R extends QueryResultRow>(text: string, values: unknown[]): Promise<{ rows: R[] }>;
}

/** A round's connection: closed after the round (or at once on shutdown). */
export interface LogSession extends LogReadConnection {
  close(): void;
}

/** A read moves at most READ_BYTES: 5 s is ample, and bounds a stuck one. */
const LIMITS: ConnectionLimits = { statementTimeoutMs: 5000, lockTimeoutMs: 1000, workMem: "4MB", connectTimeoutMs: 3000 };

/** Opens on its first read, as application_name pg-triage, its pid in `ownPids` while open. */
export function pgLogSession(url: string, ownPids: Set<number>): LogSession {
  return new ShortLivedConnection(url, ownPids, LIMITS);
}

interface Row {
  path: string | null;
  size: number | null;
  start: number | null;
  chunk: Buffer | null;
}

export const PG_READ_DENIED = "pg_read_file needs superuser or pg_read_server_files";
export const COLLECTOR_OFF =
  "pg_current_logfile() is empty: logging_collector is off, so PostgreSQL's log is not a file it can read back (set postgres.logPath in the config, or turn logging_collector on)";

/**
 * What this role may read, asked once without calling the functions themselves: a role without
 * the grants would otherwise write "permission denied for function ..." into the target's log
 * every round. Null when it may read; else the unreadable outcome naming the GRANTs that fix it.
 */
export async function checkPgLogAccess(db: LogReadConnection): Promise<ReadOutcome | null> {
  let row: Record<string, unknown>;
  try {
    row = (await db.query<Record<string, unknown>>(logAccessSql(), [])).rows[0];
  } catch (e) {
    return { status: "error", error: describeError(e) };
  }
  const absent = LOG_FUNCTIONS.filter((_, i) => row[`f${i}`] === null);
  if (absent.length) return { status: "not_configured", error: `this PostgreSQL has no ${absent.join(", ")}: its log cannot be read over SQL (set postgres.logPath in the config)` };
  const denied = LOG_FUNCTIONS.filter((_, i) => row[`f${i}`] === false);
  if (!denied.length) return null;
  return {
    status: "unreadable",
    error: `role ${String(row.role)} may not execute ${denied.join(", ")}: not read, and not tried again until granted (checked every ${ACCESS_RECHECK_MS / 60_000} minutes, quietly)`,
    fix: logGrantsSql(String(row.role), denied),
  };
}

/** A role without the grants is asked again this often (has_function_privilege logs nothing), so a GRANT takes effect without a restart. */
export const ACCESS_RECHECK_MS = 5 * 60_000;

export async function readPgLog(db: LogReadConnection, cursor: LogCursor | null): Promise<ReadOutcome> {
  let row: Row;
  try {
    row = (await db.query<Row>(currentLogChunkSql(), [cursor?.fileId ?? null, cursor?.offset ?? 0, READ_BYTES, SKIP_BYTES])).rows[0];
  } catch (e) {
    if ((e as { code?: string }).code === "42501") {
      // checkPgLogAccess said yes, yet the server refused (e.g. a grant revoked since): not tried again until the next check.
      return { status: "unreadable", error: `${PG_READ_DENIED} and EXECUTE on ${LOG_FUNCTIONS.join(", ")}: ${describeError(e)}` };
    }
    return { status: "error", error: describeError(e) };
  }
  if (!row?.path) return { status: "not_configured", error: COLLECTOR_OFF };
  if (row.size === null || row.chunk === null) return { status: "missing", file: row.path, error: `${row.path}: No such file or directory` };
  return { status: "ok", file: row.path, chunk: takeLines(row.chunk, { id: row.path, size: row.size, start: row.start ?? 0 }, cursor) };
}
