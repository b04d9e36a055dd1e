// A simulated Odoo deployment against a PostgreSQL database prepared by prepareOdooDatabase():
// web workers, a cron worker, a report that spills to temp files, a session idle in transaction,
// a session blocked by it, a long-running query, and periodic connection bursts.
// Every session survives cancel/terminate/restart and comes back after a short delay.
import { Client } from "pg";
import { cronWorkerName, webWorkerName } from "./app-names";
import { runBursts, type BurstOptions, type BurstStats } from "./connection-burst";
import { cronWorker, idleInTransaction, lockWaiter, longQuery, reportSession, webWorker, type DataRange } from "./roles";
import { runSession, type RunningSession, type SessionSpec, type SessionStats } from "./session-runner";
import { Stopper } from "./stopper";
import { odooAccessLine, odooFailureLines, OdooLog } from "./odoo-log";
import { pidLike } from "./app-names";

export interface OdooWorkloadOptions {
  /** The application's URL: role odoo on database odoo (prepareOdooDatabase().odooUrl). */
  url: string;
  /** HTTP workers running short queries (default 20). */
  webWorkers?: number;
  /** Think time between a web worker's requests, ms (default [100, 600]). */
  thinkMs?: [number, number];
  /** Cron worker polling ir_cron every pollMs (default 10 s); false to leave it out. */
  cron?: false | { pollMs?: number };
  /** Repeated report: work_mem '1MB', periods 48 (~10-20 s here), pauseMs 15 s between runs. */
  report?: false | { workMem?: string; periods?: number; pauseMs?: number };
  /** A session idle in transaction holding sale_order 1 locked, and one request blocked behind it. */
  idleInTransaction?: boolean;
  lockWaiter?: boolean;
  /** A long-running query (pg_sleep of `seconds`, default 300). */
  longQuery?: false | { seconds?: number };
  /** Connection bursts (default 30 connections for 5 s every 45 s). */
  bursts?: false | Partial<BurstOptions>;
  /** Wait before an idle-in-transaction, long-query or report session comes back after a cancel or terminate (default 20 s). */
  restartDelayMs?: number;
  /** Odoo's log file: failures (and some successful requests) are written to it in Odoo's format. */
  logFile?: string;
  /** While this file exists the cron worker runs no job (the demo's "pause-cron" command creates it). */
  cronPausedFile?: string;
}

export interface OdooWorkloadStats {
  sessions: SessionStats[];
  bursts: BurstStats | null;
  queries: number;
  connected: number;
  cancelled: number;
  terminated: number;
}

export interface OdooWorkload {
  stats(): OdooWorkloadStats;
  /** Human-readable list of what runs, for a banner. */
  describe(): string[];
  /** Ends every session (terminating in-flight queries first) and waits for the loops to finish. */
  stop(): Promise<void>;
}

async function readRange(url: string): Promise<DataRange> {
  const c = new Client({ connectionString: url, application_name: "pg-triage-demo-setup", connectionTimeoutMillis: 5000 });
  c.on("error", () => {});
  await c.connect();
  try {
    const { rows } = await c.query("SELECT (SELECT max(id) FROM res_partner) AS partners, (SELECT max(id) FROM sale_order) AS orders");
    if (!rows[0].partners || !rows[0].orders) throw new Error("the odoo tables are empty: run prepareOdooDatabase() first");
    return { partners: Number(rows[0].partners), orders: Number(rows[0].orders) };
  } finally {
    await c.end().catch(() => {});
  }
}

/** Ends the backends of our own sessions so no query (a 300 s pg_sleep, a report) outlives the workload. */
async function terminateOwn(url: string, pids: number[]): Promise<void> {
  if (pids.length === 0) return;
  const c = new Client({ connectionString: url, application_name: "pg-triage-demo-setup", connectionTimeoutMillis: 3000 });
  c.on("error", () => {});
  try {
    await c.connect();
    await c.query("SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid", [pids]);
  } catch {
    // the database is already down: nothing is left to end
  } finally {
    await c.end().catch(() => {});
  }
}

export async function startOdooWorkload(opts: OdooWorkloadOptions): Promise<OdooWorkload> {
  const range = await readRange(opts.url);
  const restartDelayMs = opts.restartDelayMs ?? 20_000;
  const specs: SessionSpec[] = [];
  for (let i = 1; i <= (opts.webWorkers ?? 20); i++) specs.push(webWorker(`web-${i}`, webWorkerName(), range, opts.thinkMs ?? [100, 600]));
  if (opts.cron !== false) specs.push(cronWorker(cronWorkerName(1), range, opts.cron?.pollMs ?? 10_000, opts.cronPausedFile));
  const report = opts.report === false ? null : { workMem: "1MB", periods: 48, pauseMs: 15_000, ...opts.report };
  if (report) specs.push(reportSession(webWorkerName(), { ...report, restartDelayMs }));
  if (opts.idleInTransaction !== false) specs.push(idleInTransaction(webWorkerName(), restartDelayMs));
  if (opts.lockWaiter !== false) specs.push(lockWaiter(webWorkerName(), 5000));
  const long = opts.longQuery === false ? null : { seconds: 300, ...opts.longQuery };
  if (long) specs.push(longQuery(webWorkerName(), long.seconds, restartDelayMs));
  const burst = opts.bursts === false ? null : { size: 30, everyMs: 45_000, holdMs: 5000, firstAfterMs: 15_000, ...opts.bursts };

  if (opts.logFile) {
    const odooLog = new OdooLog(opts.logFile);
    for (const spec of specs) {
      const worker = Number(/^odoo-(\d+)$/.exec(spec.applicationName)?.[1] ?? pidLike());
      spec.onFailure = (kind, message) => odooLog.write(odooFailureLines(kind, worker, message));
    }
  }
  const stopper = new Stopper();
  const sessions: RunningSession[] = specs.map((s) => runSession(opts.url, s, stopper));
  const bursts = burst ? runBursts(opts.url, burst, stopper) : null;
  // A few successful requests in the log too, so the signals have noise to ignore.
  const access = opts.logFile ? setInterval(() => new OdooLog(opts.logFile!).write([odooAccessLine(pidLike())]), 5000) : null;
  access?.unref();
  let stopping: Promise<void> | null = null;

  return {
    stats() {
      const all = sessions.map((s) => ({ ...s.stats, failures: { ...s.stats.failures } }));
      return {
        sessions: all,
        bursts: bursts ? { ...bursts.stats } : null,
        queries: all.reduce((n, s) => n + s.queries, 0),
        connected: all.filter((s) => s.connected).length,
        cancelled: all.reduce((n, s) => n + s.failures.cancelled, 0),
        terminated: all.reduce((n, s) => n + s.failures.terminated, 0),
      };
    },
    describe() {
      const lines = [`${opts.webWorkers ?? 20} web workers (odoo-<pid>): short reads and write transactions`];
      if (opts.cron !== false) lines.push(`1 cron worker (${cronWorkerName(1)}): runs due ir_cron jobs`);
      if (report) lines.push(`1 report (Sales Analysis, work_mem ${report.workMem}): spills temp files, repeats every ${report.pauseMs / 1000} s`);
      if (opts.idleInTransaction !== false) lines.push("1 session idle in transaction, holding a row lock on sale_order 1");
      if (opts.lockWaiter !== false) lines.push("1 request blocked behind that lock");
      if (long) lines.push(`1 long-running query (pg_sleep ${long.seconds} s)`);
      if (burst) lines.push(`connection bursts: ${burst.size} connections for ${burst.holdMs / 1000} s every ${burst.everyMs / 1000} s`);
      return lines;
    },
    stop() {
      stopping ??= (async () => {
        stopper.stop();
        if (access) clearInterval(access);
        await terminateOwn(opts.url, sessions.map((s) => s.pid()).filter((p): p is number => p !== null));
        await Promise.all([...sessions.map((s) => s.done), bursts?.done]);
      })();
      return stopping;
    },
  };
}
