// One target's signal sources, read one after another: the configured files over the host
// transport, PostgreSQL's own log over SQL when no file is configured, the kernel's OOM lines.
import type { SignalSource, SignalSourceStatus } from "../../signals";
import type { TargetConfig } from "../config";
import type { HostMonitor } from "../host/host-monitor";
import type { Db } from "../store/prisma";
import { backendCrashes } from "./crash-lines";
import { extractSignals } from "./extract";
import { readHostLog } from "./host-log-reader";
import { KernelLines } from "./kernel-source";
import type { LogCursor, ReadOutcome } from "./log-chunk";
import { ACCESS_RECHECK_MS, checkPgLogAccess, readPgLog, type LogSession } from "./pg-log-reader";
import { configuredSources } from "./sources";
import { saveSignals } from "./signal-store";
import { historySettings } from "../history/settings";

/** Reads per source and round: enough to catch up after a burst, bounded so one target cannot hog the host. */
const MAX_CHUNKS_PER_ROUND = 4;

export interface TargetSignalsDeps {
  config: TargetConfig;
  host: HostMonitor | null;
  /** A new connection for one round of PostgreSQL's own log (pgLogSession): closed after the round. */
  pg: () => LogSession;
  db: () => Db;
  /** Lines older than this are not stored (default: TRIAGE_HISTORY_DAYS, as the metric history). */
  retentionDays?: number;
}

export class TargetSignals {
  private readonly cursors = new Map<SignalSource, LogCursor | null>();
  private readonly kernel = new KernelLines();
  private statuses: SignalSourceStatus[];
  private readonly retentionDays: number;
  private stopping = false;
  private session: LogSession | null = null;
  private readonly lastFailure = new Map<SignalSource, string>();
  /** PostgreSQL's own log over SQL: checked once (and again after ACCESS_RECHECK_MS when refused); while refused, not read. */
  private pgAccess: { allowed: true } | { allowed: false; outcome: ReadOutcome; checkedAt: number } | null = null;
  /** For tests and the report: reads made, lines they returned, lines newly stored. */
  readonly stats = { reads: 0, lines: 0, stored: 0 };

  constructor(private readonly deps: TargetSignalsDeps) {
    this.statuses = configuredSources(deps.config);
    this.retentionDays = deps.retentionDays ?? historySettings().retentionDays;
  }

  /** Shutdown: no further source or chunk is read, and the PostgreSQL read in progress is dropped. */
  stop(): void {
    this.stopping = true;
    this.session?.close();
  }

  sources(): SignalSourceStatus[] {
    return this.statuses;
  }

  /** One round over every source; resolves with the source statuses it leaves. */
  async readOnce(): Promise<SignalSourceStatus[]> {
    const { config, host } = this.deps;
    if (config.postgres.logPath && host) await this.readFile("postgres", (c) => readHostLog(host.transport, config.postgres.logPath!, c, this.logFailure("postgres")));
    else if (!config.postgres.logPath) await this.readPostgresOverSql();
    if (config.odoo?.logPath && host) await this.readFile("odoo", (c) => readHostLog(host.transport, config.odoo!.logPath!, c, this.logFailure("odoo")));
    if (host && !this.stopping) {
      const at = new Date();
      const { outcome, lines } = this.kernel.take(host.kernelLogRead(), at);
      await this.store("kernel", outcome, lines, at);
    }
    return this.statuses;
  }

  /** The host error's detail goes to the server's log, once per change (not every round of an outage). */
  private logFailure(source: SignalSource) {
    return (detail: string) => {
      if (this.lastFailure.get(source) === detail) return;
      this.lastFailure.set(source, detail);
      console.error(`signals: ${this.deps.config.id}: ${source} log: the host connection failed: ${detail}`);
    };
  }

  private async readPostgresOverSql() {
    if (this.stopping) return;
    const a = this.pgAccess;
    if (a && !a.allowed && Date.now() - a.checkedAt < ACCESS_RECHECK_MS) {
      // Refused: no connection and no statement on the target (each would be an error line in its log); the status stays the check's.
      return;
    }
    const session = (this.session = this.deps.pg());
    try {
      if (!this.pgAccess?.allowed) {
        const refused = await checkPgLogAccess(session);
        if (refused?.status === "error") return void (await this.store("postgres", refused, [], new Date()));
        this.pgAccess = refused ? { allowed: false, outcome: refused, checkedAt: Date.now() } : { allowed: true };
        if (refused) return void (await this.store("postgres", refused, [], new Date()));
      }
      await this.readFile("postgres", async (c) => {
        const outcome = await readPgLog(session, c);
        // Refused despite the check (a grant revoked since): back to checking, quietly.
        if (outcome.status === "unreadable") this.pgAccess = { allowed: false, outcome, checkedAt: Date.now() };
        return outcome;
      });
    } finally {
      session.close();
      this.session = null;
    }
  }

  private async readFile(source: SignalSource, read: (c: LogCursor | null) => Promise<ReadOutcome>) {
    for (let i = 0; i < MAX_CHUNKS_PER_ROUND && !this.stopping; i++) {
      const at = new Date();
      const outcome = await read(this.cursors.get(source) ?? null);
      this.stats.reads++;
      this.stats.lines += outcome.chunk?.lines.length ?? 0;
      if (!(await this.store(source, outcome, outcome.chunk?.lines ?? [], at))) return;
      if (outcome.status !== "error") this.lastFailure.delete(source);
      if (outcome.chunk) this.cursors.set(source, outcome.chunk.cursor);
      // The statement a backend killed by signal 9 was running, for the host's OOM link (the log knows it, the last poll may not).
      if (source === "postgres" && outcome.chunk && this.deps.host) this.deps.host.noteBackendCrashes(backendCrashes(outcome.chunk.lines, at));
      if (!outcome.chunk?.behind) return;
    }
  }

  /** Stores the matching lines and sets the status; false when the store failed (the cursor then stays, to read them again). */
  private async store(source: SignalSource, outcome: ReadOutcome, lines: string[], at: Date): Promise<boolean> {
    let status: Pick<SignalSourceStatus, "status" | "error" | "fix"> = { status: outcome.status, ...(outcome.error ? { error: outcome.error } : {}), ...(outcome.fix ? { fix: outcome.fix } : {}) };
    let ok = true;
    try {
      // Lines older than the retention would only be pruned again within the hour.
      const cutoff = at.getTime() - this.retentionDays * 86_400_000;
      const records = extractSignals(source, lines, at).filter((r) => r.at.getTime() >= cutoff);
      if (records.length) this.stats.stored += await saveSignals(this.deps.db(), this.deps.config.id, records);
    } catch {
      ok = false;
      status = { status: "error", error: "read, but the console's store is unavailable: the lines are read again next time" };
    }
    this.statuses = this.statuses.map((s) =>
      s.source === source ? { source, origin: s.origin, ...status, ...(outcome.file ? { file: outcome.file } : {}), lastReadAt: at.toISOString() } : s,
    );
    return ok;
  }
}
