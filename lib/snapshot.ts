// The data the server streams to the browser. Isomorphic: no Node imports.
import type { SessionCounts } from "./session-stats";
import type { Suspect } from "./triage";

/** One row of pg_stat_activity, camelCased, plus what the monitor derives from it. */
export interface Session {
  pid: number;
  /** backend_start exactly as PostgreSQL printed it (microseconds kept): the identity of a session with its pid. */
  backendStart: string | null;
  user: string | null;
  database: string | null;
  applicationName: string;
  clientAddr: string | null;
  state: string | null;
  waitEventType: string | null;
  waitEvent: string | null;
  xactStart: string | null;
  queryStart: string | null;
  stateChange: string | null;
  backendXid: string | null;
  backendXmin: string | null;
  backendType: string | null;
  /** pg_stat_activity.leader_pid (PostgreSQL 13+; null on 12): a parallel worker's leader. A leader may show its own pid. */
  leaderPid: number | null;
  query: string;
  /** pids holding the lock this session waits for; only filled when waitEventType is 'Lock'. */
  blockedBy: number[];
  /** Milliseconds since query_start / xact_start / state_change, measured on the database clock. */
  queryMs: number | null;
  xactMs: number | null;
  stateMs: number | null;
  /** The console's own connection: shown, never offered as the target of an action. */
  isTriage: boolean;
  /** Per-backend memory from the host probe, joined by pid; null when unknown (no host configured, or not readable). */
  memory: { rssBytes: number; pssBytes?: number } | null;
}

export interface DatabaseRates {
  commitsPerSec: number;
  rollbacksPerSec: number;
  tempFilesPerSec: number;
  tempBytesPerSec: number;
  blksReadPerSec: number;
  blksHitPerSec: number;
  deadlocksPerSec: number;
}

/** One row of pg_stat_database (the shared-objects row with datname NULL is left out). */
export interface DatabaseStats {
  datname: string;
  numbackends: number;
  xactCommit: number;
  xactRollback: number;
  tempFiles: number;
  tempBytes: number;
  deadlocks: number;
  blksRead: number;
  blksHit: number;
  /** Per-second rates over the last ~20 s of polls (RATE_WINDOW_MS); null on the first poll or right after a stats reset. */
  rates: DatabaseRates | null;
}

/** The memory-related settings of runbook step 1.3, in base units (bytes, milliseconds, counts). */
export interface MemorySettings {
  sharedBuffersBytes: number;
  workMemBytes: number;
  hashMemMultiplier: number;
  maintenanceWorkMemBytes: number;
  maxConnections: number;
  superuserReservedConnections: number;
  /** PostgreSQL 16+ only. */
  reservedConnections: number | null;
  effectiveCacheSizeBytes: number;
  /** 0 means disabled. */
  statementTimeoutMs: number;
  idleInTransactionSessionTimeoutMs: number;
  /** When these were read (ISO, console clock). */
  readAt: string;
}

export interface PostgresSnapshot {
  status: "up" | "down";
  /** Counts and the sessions the cards name, computed once per poll on the server (null when down). */
  summary: SessionCounts | null;
  /** Suspects ranked by cause (lib/triage.ts), computed once per poll on the server ([] when down). */
  suspects: Suspect[];
  /** When a cancel was last sent to a session still in `sessions`, by sessionKey(pid, backendStart) (ISO). */
  cancelsTried: Record<string, string>;
  /** The last error, when down (never contains credentials). */
  error?: string;
  /** Server clock at the poll (ISO). */
  serverTime: string | null;
  serverVersion: string | null;
  serverVersionNum: number | null;
  inRecovery: boolean | null;
  sessions: Session[];
  databases: DatabaseStats[];
  settings: MemorySettings | null;
  /** How long the poll took, milliseconds. */
  pollMs: number | null;
  /** When data was last read successfully (ISO), so a down target can say how old its last data is. */
  lastPollAt: string | null;
  /** The kept action connection's health (absent where no action connection was opened). */
  actionConnection?: ActionConnectionHealth | null;
  /** Whether the console can get in during a connection storm (read once per monitor connection). */
  access?: ConsoleAccess | null;
}

/** The action connection (cancel, terminate, bulk, guardrails): opened at start, kept, reopened with capped backoff. */
export interface ActionConnectionHealth {
  status: "starting" | "up" | "down";
  /** When the status last changed (ISO, console clock). */
  since: string;
  /** Why it is down (never contains credentials). */
  error?: string;
  /** Failed attempts in a row while down. */
  retries: number;
}

/** Reserved connection slots the console's role may use when the application fills all the others. */
export interface ConsoleAccess {
  /** "warning": an application connection storm could lock the console out. */
  level: "ok" | "warning";
  role: string;
  serverVersionNum: number;
  /** Slots beyond the application's reach that the console's role may use. */
  reserve: number;
  /** The settings that reserve them (superuser_reserved_connections, reserved_connections). */
  reservedBy: string[];
  summary: string;
  /** Exact statements that would fix it, in order (empty when ok). */
  statements: string[];
  notes: string[];
}

export interface Snapshot {
  targetId: string;
  /** When this snapshot was assembled (ISO, console clock). */
  takenAt: string;
  /** The poll interval, so a viewer knows when data is stale (older than two intervals). */
  intervalMs: number;
  postgres: PostgresSnapshot;
  /** Host memory from the target's host probe; null when the target has no host configured. */
  host: HostSnapshot | null;
}

/** One point of the in-memory history that feeds the sessions-by-state chart. */
export interface HistoryPoint {
  /** Epoch milliseconds. */
  t: number;
  active: number;
  idle: number;
  idleInTransaction: number;
  idleInTransactionAborted: number;
  waitingOnLock: number;
  total: number;
}

export interface TargetSummary {
  id: string;
  name: string;
  postgres: "up" | "down" | "starting";
  host: "up" | "down" | "none";
  lastPollAt: string | null;
  error?: string;
}

/** A process on the database host that holds memory (postgres and Odoo processes, plus the top others). */
export interface HostProcess {
  pid: number;
  command: string;
  kind: "postgres" | "odoo" | "other";
  rssBytes: number;
  /** From /proc/<pid>/smaps_rollup where readable: RSS counts shared_buffers once per backend, PSS does not. */
  pssBytes?: number;
  anonBytes?: number;
  /** Virtual size (ps vsz): what Odoo compares with limit_memory_soft/hard (RLIMIT_AS), not RSS. */
  vmsBytes?: number;
}

/** Odoo's own per-worker limits from the target's config (odoo.limitMemorySoft/Hard), in bytes. */
export interface OdooMemoryLimits {
  softBytes: number | null;
  hardBytes: number | null;
}

export interface PressureStall {
  someAvg10: number;
  someAvg60: number;
  someAvg300: number;
  fullAvg10: number;
  fullAvg60: number;
  fullAvg300: number;
}

/** An OOM kill seen on the host: the oom_kill counter went up, with the kernel's line when readable. */
export interface OomEvent {
  at: string;
  victimPid: number | null;
  victimCommand: string | null;
  /** The kernel log line, as text (untrusted). */
  line: string | null;
  /** The victim's last session snapshot, when it was a postgres backend the monitor had seen. */
  session: Session | null;
  /** What the victim was running, and from where: PostgreSQL's own log ("Failed process was running", the truth) or the last poll (maybe an earlier statement). */
  statement?: string | null;
  statementSource?: OomStatementSource | null;
}

export type OomStatementSource = "postgres_log" | "last_poll";

export interface HostSnapshot {
  status: "up" | "down";
  /** Why it is down, or what could not be read (never contains key material). */
  error?: string;
  transport: "ssh" | "local";
  /** When this probe finished (ISO, console clock). */
  takenAt: string;
  lastProbeAt: string | null;
  probeMs: number | null;
  memTotalBytes: number;
  memAvailableBytes: number;
  buffersBytes: number;
  cachedBytes: number;
  shmemBytes: number;
  anonBytes: number;
  committedAsBytes: number;
  commitLimitBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
  /** Pages per second from /proc/vmstat deltas; null on the first probe. */
  swapInPerSec: number | null;
  swapOutPerSec: number | null;
  majorFaultsPerSec: number | null;
  /** /proc/pressure/memory; null where the kernel has no PSI (psiUnavailable says why). */
  psi: PressureStall | null;
  psiUnavailable?: string;
  /** Set when the kernel log (dmesg / journalctl -k) cannot be read, so OOM victims are guessed from vanished processes. */
  kernelLogUnavailable?: string;
  loadAvg: [number, number, number];
  /** The kernel's oom_kill counter (since boot). */
  oomKills: number;
  /** OOM kills seen while the console watched, newest first (bounded). */
  oomEvents: OomEvent[];
  /** cgroup v2 of the PostgreSQL service, when it runs in one. */
  cgroup: { memoryCurrentBytes: number; memoryMaxBytes: number | null; oomKills: number } | null;
  processes: HostProcess[];
  /** Present when the target's config sets an Odoo memory limit (not a secret). */
  odooLimits?: OdooMemoryLimits;
}

/** One point of the host memory history (charts). */
export interface HostHistoryPoint {
  t: number;
  memUsedBytes: number;
  memAvailableBytes: number;
  cachedBytes: number;
  swapInPerSec: number | null;
  swapOutPerSec: number | null;
  psiSomeAvg10: number | null;
  psiFullAvg10: number | null;
}
