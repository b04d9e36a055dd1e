// One monitor per target: ONE dedicated connection, a poll every pollMs that never overlaps the
// previous one, a client-side deadline on every poll, reconnect with capped backoff.
import { EventEmitter } from "node:events";
import type pg from "pg";
import type { ConsoleAccess, HostHistoryPoint, HostSnapshot, MemorySettings, PostgresSnapshot, Session, Snapshot, TargetSummary } from "../../snapshot";
import type { TargetConfig } from "../config";
import { connect, describeError, destroy } from "../pg/connection";
import { toDatabaseStats, toMemorySettings, toSession, type ActivityRow, type DatabaseRow, type SettingRow } from "../pg/activity";
import { DatabaseRateWindow } from "../pg/database-rate-window";
import { countSessions, historyPointOf } from "../../session-stats";
import { rankSuspects, sessionKey } from "../../triage";
import { cancelMemory } from "../actions/cancel-memory";
import { actionHealthOf } from "../actions/action-health";
import { decideLockout, readReserveFacts } from "../pg/lockout";
import { MEMORY_SETTING_NAMES, pollSql, serverInfoSql, settingsSql, tempFilesByPidSql } from "../pg/sql";
import { HistoryRing, historyCapacity } from "./history";
import { createHostTransport } from "../host/create-transport";
import { HostMonitor, odooLimitsOf } from "../host/host-monitor";

export interface MonitorOptions {
  pollMs: number;
  /** How often the memory settings are re-read (default 30 s). */
  settingsEveryMs?: number;
  /** Pids of the console's own connections, shared by every monitor and action path. */
  consolePids: Set<number>;
}

const BACKOFF_MS = [250, 500, 1000, 2000, 4000]; // capped: never more than 5 s between tries

class DeadlineError extends Error {}

/** The remembered cancels of the sessions in this snapshot only: the rest is no viewer's business. */
function triedAmong(sessions: Session[], tried: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  if (tried.size === 0) return out;
  for (const s of sessions) {
    const at = tried.get(sessionKey(s.pid, s.backendStart));
    if (at) out[sessionKey(s.pid, s.backendStart)] = at;
  }
  return out;
}

export interface MonitorEvents {
  snapshot: [Snapshot];
}

export class TargetMonitor extends EventEmitter<MonitorEvents> {
  readonly id: string;
  readonly name: string;
  /** Counters for tests and the benchmark. */
  readonly stats = { polls: 0, activityReads: 0, connects: 0, failures: 0 };

  private client: pg.Client | null = null;
  private backendPid: number | null = null;
  private serverVersion: string | null = null;
  private serverVersionNum: number | null = null;
  private settings: MemorySettings | null = null;
  private settingsReadAt = 0;
  /** pg_ls_tmpdir() works for this role and server (probed once per connection). */
  private tempFilesReadable = false;
  /** Whether the console gets in during a connection storm (read once per connection). */
  private access: ConsoleAccess | null = null;
  private readonly databaseRates = new DatabaseRateWindow();
  private latestSnapshot: Snapshot | null = null;
  private lastPollAt: string | null = null;
  private lastError: string | undefined;
  private readonly ring: HistoryRing;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private failuresInARow = 0;
  private loop: Promise<void> | null = null;
  private readonly deadlineMs: number;
  /** Bumped when a poll is abandoned at its deadline, so its late work neither connects nor publishes. */
  private generation = 0;
  /** The host probe, its own loop: never awaited by the PostgreSQL poll. null when no host is configured. */
  readonly hostMonitor: HostMonitor | null;
  /** The last few session lists (references, no copies), for linking an OOM victim to its session. */
  private recentSessions: Session[][] = [];

  constructor(
    private readonly target: TargetConfig,
    private readonly opts: MonitorOptions,
  ) {
    super();
    this.id = target.id;
    this.name = target.name;
    this.ring = new HistoryRing(historyCapacity(opts.pollMs));
    this.deadlineMs = Math.max(3 * opts.pollMs, 5000);
    const transport = createHostTransport(target.host);
    this.hostMonitor = transport
      ? new HostMonitor(transport, { label: target.id, pollMs: opts.pollMs, recentSessions: () => this.recentSessions, historyCapacity: historyCapacity(opts.pollMs), odooLimits: odooLimitsOf(target.odoo) })
      : null;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.hostMonitor?.start();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.loop?.catch(() => {});
    this.dropConnection();
    await this.hostMonitor?.stop();
  }

  /** The target as configured (commands, log paths, Odoo, alerts). */
  get config(): TargetConfig {
    return this.target;
  }

  /** The target's PostgreSQL URL, for the action connection (server-side only; never sent to viewers). */
  get postgresUrl(): string {
    return this.target.postgres.url;
  }

  latest(): Snapshot | null {
    return this.latestSnapshot;
  }

  history() {
    return this.ring.toArray();
  }

  hostHistory(): HostHistoryPoint[] | undefined {
    return this.hostMonitor?.history();
  }

  private hostNow(): HostSnapshot | null {
    return this.hostMonitor?.current() ?? null;
  }

  summary(): TargetSummary {
    const pg = this.latestSnapshot?.postgres;
    return {
      id: this.id,
      name: this.name,
      postgres: pg ? pg.status : "starting",
      host: this.hostMonitor ? this.hostMonitor.current().status : "none",
      lastPollAt: this.lastPollAt,
      ...(pg?.status === "down" && pg.error ? { error: pg.error } : {}),
    };
  }

  private schedule(delayMs: number) {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.loop = this.tick().finally(() => (this.loop = null));
    }, delayMs);
  }

  private async tick(): Promise<void> {
    const started = Date.now();
    try {
      await this.withDeadline(this.poll(started));
      this.failuresInARow = 0;
      this.schedule(Math.max(0, this.opts.pollMs - (Date.now() - started)));
    } catch (e) {
      this.stats.failures++;
      this.lastError = e instanceof DeadlineError ? `poll did not finish within ${this.deadlineMs} ms` : describeError(e);
      this.dropConnection();
      this.publish(this.downSnapshot());
      const wait = BACKOFF_MS[Math.min(this.failuresInARow, BACKOFF_MS.length - 1)];
      this.failuresInARow++;
      this.schedule(wait);
    }
  }

  private async withDeadline<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.generation++;
        // Unblocks a query stuck on a half-open socket; the poll then rejects too.
        if (this.client) destroy(this.client);
        reject(new DeadlineError());
      }, this.deadlineMs);
    });
    try {
      return await Promise.race([work, deadline]);
    } finally {
      clearTimeout(timer);
      work.catch(() => {}); // the loser of the race must not surface as unhandled
    }
  }

  private async ensureConnected(gen: number): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = await connect(this.target.postgres.url, {
      statementTimeoutMs: this.deadlineMs - 1000,
      lockTimeoutMs: 1000,
      workMem: "4MB",
      connectTimeoutMs: this.deadlineMs - 500,
    });
    this.stats.connects++;
    const info = await client.query(serverInfoSql()).catch((e) => {
      destroy(client);
      throw e;
    });
    if (gen !== this.generation) {
      destroy(client); // a connection that came up after its poll was given up would leak
      throw new DeadlineError();
    }
    this.serverVersion = info.rows[0].server_version;
    this.serverVersionNum = info.rows[0].server_version_num;
    this.backendPid = info.rows[0].pid;
    this.opts.consolePids.add(this.backendPid!);
    // Without pg_monitor (or before PostgreSQL 12) it fails: then the poll leaves it out, rather than failing each tick.
    this.tempFilesReadable = await client.query(tempFilesByPidSql()).then(
      () => true,
      () => false,
    );
    // Best effort: a role that cannot read pg_roles still gets its sessions shown, just no lockout verdict.
    this.access = await readReserveFacts(client).then(decideLockout).catch(() => null);
    this.client = client;
    this.settingsReadAt = 0; // after a restart the settings may have changed
    return client;
  }

  private dropConnection() {
    if (this.backendPid !== null) this.opts.consolePids.delete(this.backendPid);
    this.backendPid = null;
    if (this.client) destroy(this.client);
    this.client = null;
  }

  private async poll(started: number): Promise<void> {
    const gen = this.generation;
    const client = await this.ensureConnected(gen);
    if (Date.now() - this.settingsReadAt >= (this.opts.settingsEveryMs ?? 30_000)) {
      const r = await client.query<SettingRow>(settingsSql(), [MEMORY_SETTING_NAMES]);
      this.settings = toMemorySettings(r.rows, new Date());
      this.settingsReadAt = Date.now();
    }
    // Three statements, one round trip: server state, activity, databases.
    const results = (await client.query(pollSql(this.serverVersionNum, this.tempFilesReadable))) as unknown as pg.QueryResult[];
    this.stats.polls++;
    this.stats.activityReads++;
    const [state, activity, databases, tempFiles] = results;
    const nowMs: number = state.rows[0].now_ms;
    const sessions = (activity.rows as ActivityRow[]).map((r) => toSession(r, this.opts.consolePids));
    this.joinHostMemory(sessions);
    const dbRows = databases.rows as DatabaseRow[];
    const dbStats = dbRows.map((row) => toDatabaseStats(row, this.databaseRates.add({ row, atMs: nowMs })));
    this.databaseRates.keepOnly(new Set(dbRows.map((r) => r.datname)));
    const takenAt = new Date();
    this.lastPollAt = takenAt.toISOString();
    this.lastError = undefined;
    const tempBytesByPid = new Map<number, number>((tempFiles?.rows ?? []).map((r: { pid: number; bytes: number }) => [r.pid, r.bytes]));
    const cancelsTried = cancelMemory().forTarget(this.id);
    const postgres: PostgresSnapshot = {
      status: "up",
      summary: countSessions(sessions),
      suspects: rankSuspects(sessions, { tempBytesByPid, cancelsTried }),
      cancelsTried: triedAmong(sessions, cancelsTried),
      serverTime: state.rows[0].now,
      serverVersion: this.serverVersion,
      serverVersionNum: this.serverVersionNum,
      inRecovery: state.rows[0].in_recovery,
      sessions,
      databases: dbStats,
      settings: this.settings,
      pollMs: Date.now() - started,
      lastPollAt: this.lastPollAt,
      actionConnection: actionHealthOf(this.id),
      access: this.access,
    };
    const snapshot: Snapshot = { targetId: this.id, takenAt: this.lastPollAt, intervalMs: this.opts.pollMs, postgres, host: this.hostNow() };
    if (gen !== this.generation) return; // given up at the deadline: a late "up" must not follow the "down"
    this.ring.push(historyPointOf(snapshot)!);
    this.publish(snapshot);
  }

  private downSnapshot(): Snapshot {
    return {
      targetId: this.id,
      takenAt: new Date().toISOString(),
      intervalMs: this.opts.pollMs,
      postgres: {
        status: "down",
        summary: null,
        suspects: [],
        cancelsTried: {},
        error: this.lastError,
        serverTime: null,
        serverVersion: this.serverVersion,
        serverVersionNum: this.serverVersionNum,
        inRecovery: null,
        sessions: [],
        databases: [],
        settings: this.settings,
        pollMs: null,
        lastPollAt: this.lastPollAt,
        actionConnection: actionHealthOf(this.id),
        access: this.access,
      },
      host: this.hostNow(),
    };
  }

  /** Session.memory from the latest host probe: one map lookup per session, no waiting on the host. */
  private joinHostMemory(sessions: Session[]) {
    if (!this.hostMonitor) return;
    this.recentSessions = [sessions, ...this.recentSessions.slice(0, 2)];
    const byPid = this.hostMonitor.processByPid();
    if (byPid.size === 0) return;
    for (const s of sessions) {
      const p = byPid.get(s.pid);
      if (p) s.memory = p.pssBytes === undefined ? { rssBytes: p.rssBytes } : { rssBytes: p.rssBytes, pssBytes: p.pssBytes };
    }
  }

  /** Each listener on its own: one that throws (an alert rule, the hub) must not stop the poll or the others. */
  private publish(s: Snapshot) {
    this.latestSnapshot = s;
    for (const listener of this.listeners("snapshot")) {
      try {
        listener(s);
      } catch (e) {
        console.error(`pg-triage: ${this.id}: a snapshot listener failed:`, e);
      }
    }
  }
}
