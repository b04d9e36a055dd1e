// PostgreSQL's own log over SQL (pg_current_logfile + pg_read_binary_file), for targets without
// postgres.logPath. Each round has its own short-lived connection: never the action connection
// (a cancel must not queue behind megabytes of log) nor the monitor's poll connection.
import type { QueryResultRow } from "pg";
import { describeError, type ConnectionLimits } from "../pg/connection";
import { ShortLivedConnection } from "../pg/short-lived";
import { currentLogChunkSql } from "../pg/sql-logs";
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

export async function readPgLog(db: LogReadConnection, cursor: LogCursor | null): Promise<ReadOutcome> {
  let row: Row;
  try {
    row = (await db.query<Row>(currentLogChunkSql(), [cursor?.fileId ?? null, cursor?.offset ?? 0, READ_BYTES, SKIP_BYTES])).rows[0];
  } catch (e) {
    if ((e as { code?: string }).code === "42501") {
      return { status: "unreadable", error: `${PG_READ_DENIED} (with EXECUTE on pg_current_logfile, pg_stat_file and pg_read_binary_file): ${describeError(e)}` };
    }
    return { status: "error", error: describeError(e) };
  }
  if (!row?.path) return { status: "not_configured", error: COLLECTOR_OFF };
  if (row.size === null || row.chunk === null) return { status: "missing", file: row.path, error: `${row.path}: No such file or directory` };
  return { status: "ok", file: row.path, chunk: takeLines(row.chunk, { id: row.path, size: row.size, start: row.start ?? 0 }, cursor) };
}
