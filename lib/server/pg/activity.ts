// Maps the monitor's raw rows to the snapshot's shapes. Pure: unit-tested with recorded rows.
import type { DatabaseRates, DatabaseStats, MemorySettings, Session } from "../../snapshot";

export interface ActivityRow {
  pid: number;
  backend_start: string | null;
  usename: string | null;
  datname: string | null;
  application_name: string | null;
  client_addr: string | null;
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  xact_start: string | null;
  query_start: string | null;
  state_change: string | null;
  backend_xid: string | null;
  backend_xmin: string | null;
  backend_type: string | null;
  leader_pid: number | null;
  query: string | null;
  blocked_by: number[] | null;
  query_ms: number | null;
  xact_ms: number | null;
  state_ms: number | null;
}

const roundMs = (v: number | null) => (v === null ? null : Math.max(0, Math.round(v)));

export function toSession(row: ActivityRow, consolePids: ReadonlySet<number>): Session {
  return {
    pid: row.pid,
    backendStart: row.backend_start,
    user: row.usename,
    database: row.datname,
    applicationName: row.application_name ?? "",
    clientAddr: row.client_addr,
    state: row.state,
    waitEventType: row.wait_event_type,
    waitEvent: row.wait_event,
    xactStart: row.xact_start,
    queryStart: row.query_start,
    stateChange: row.state_change,
    backendXid: row.backend_xid,
    backendXmin: row.backend_xmin,
    backendType: row.backend_type,
    leaderPid: row.leader_pid,
    query: row.query ?? "",
    blockedBy: row.blocked_by ?? [],
    queryMs: roundMs(row.query_ms),
    xactMs: roundMs(row.xact_ms),
    stateMs: roundMs(row.state_ms),
    isTriage: consolePids.has(row.pid),
    memory: null,
  };
}

export interface DatabaseRow {
  datname: string;
  numbackends: number;
  xact_commit: number;
  xact_rollback: number;
  temp_files: number;
  temp_bytes: number;
  deadlocks: number;
  blks_read: number;
  blks_hit: number;
  stats_reset: string | null;
}

export interface DatabaseSample {
  row: DatabaseRow;
  /** Server clock, epoch ms. */
  atMs: number;
}

/** Rates from two samples of the same database; null when a counter went back (stats reset) or no time passed. */
export function databaseRates(prev: DatabaseSample | undefined, cur: DatabaseSample): DatabaseRates | null {
  if (!prev || prev.row.stats_reset !== cur.row.stats_reset) return null;
  const seconds = (cur.atMs - prev.atMs) / 1000;
  if (seconds <= 0) return null;
  const keys = ["xact_commit", "xact_rollback", "temp_files", "temp_bytes", "blks_read", "blks_hit", "deadlocks"] as const;
  const d: Record<(typeof keys)[number], number> = {} as never;
  for (const k of keys) {
    const delta = cur.row[k] - prev.row[k];
    if (delta < 0) return null;
    d[k] = delta / seconds;
  }
  return {
    commitsPerSec: d.xact_commit,
    rollbacksPerSec: d.xact_rollback,
    tempFilesPerSec: d.temp_files,
    tempBytesPerSec: d.temp_bytes,
    blksReadPerSec: d.blks_read,
    blksHitPerSec: d.blks_hit,
    deadlocksPerSec: d.deadlocks,
  };
}

export function toDatabaseStats(row: DatabaseRow, rates: DatabaseRates | null): DatabaseStats {
  return {
    datname: row.datname,
    numbackends: row.numbackends,
    xactCommit: row.xact_commit,
    xactRollback: row.xact_rollback,
    tempFiles: row.temp_files,
    tempBytes: row.temp_bytes,
    deadlocks: row.deadlocks,
    blksRead: row.blks_read,
    blksHit: row.blks_hit,
    rates,
  };
}

export interface SettingRow {
  name: string;
  setting: string;
  unit: string | null;
}

const UNIT_BYTES: Record<string, number> = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };
const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/** A pg_settings value in base units: bytes for memory ("8kB" pages too), milliseconds for time. */
export function settingValue(row: SettingRow): number {
  const n = Number(row.setting);
  if (!row.unit) return n;
  const m = /^(\d+)?\s*(B|kB|MB|GB|TB|us|ms|s|min|h|d)$/.exec(row.unit);
  if (!m) throw new Error(`unknown unit ${row.unit} for ${row.name}`);
  const multiple = m[1] ? Number(m[1]) : 1;
  const scale = UNIT_BYTES[m[2]] ?? UNIT_MS[m[2]];
  return n * multiple * scale;
}

export function toMemorySettings(rows: SettingRow[], readAt: Date): MemorySettings {
  const byName = new Map(rows.map((r) => [r.name, settingValue(r)]));
  const need = (name: string) => {
    const v = byName.get(name);
    if (v === undefined) throw new Error(`setting ${name} missing from pg_settings`);
    return v;
  };
  return {
    sharedBuffersBytes: need("shared_buffers"),
    workMemBytes: need("work_mem"),
    // hash_mem_multiplier appeared in PostgreSQL 13; before it, hash nodes used work_mem alone.
    hashMemMultiplier: byName.get("hash_mem_multiplier") ?? 1,
    maintenanceWorkMemBytes: need("maintenance_work_mem"),
    maxConnections: need("max_connections"),
    superuserReservedConnections: need("superuser_reserved_connections"),
    reservedConnections: byName.get("reserved_connections") ?? null,
    effectiveCacheSizeBytes: need("effective_cache_size"),
    statementTimeoutMs: need("statement_timeout"),
    idleInTransactionSessionTimeoutMs: need("idle_in_transaction_session_timeout"),
    readAt: readAt.toISOString(),
  };
}
