// Runs the verification checks that need their own loop: the Odoo HTTP check and the ir_cron backlog.
// Each target gets two timers of its own; a check never overlaps itself and never waits on the poll.
import type { CronBacklog, OdooHttpCheck } from "../../verification";
import type { TriageConfig, TargetConfig } from "../config";
import { HistoryRing } from "../monitor/history";
import type { TargetMonitor } from "../monitor/target-monitor";
import { consolePids } from "../monitors";
import type { WorkflowService } from "../workflow";
import { cronTarget, readCronBacklog } from "./cron-backlog";
import { checkOdooHttp } from "./odoo-http";
import { setVerification } from "./state";
import { cronTrend } from "./trend";

export interface VerifyOptions {
  httpEveryMs: number;
  cronEveryMs: number;
}

const HOUR_MS = 60 * 60 * 1000;
const envMs = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v >= 200 ? v : fallback;
};

/** 15 s and 30 s; TRIAGE_VERIFY_HTTP_MS / TRIAGE_VERIFY_CRON_MS shorten them for tests and demos. */
export const defaultVerifyOptions = (): VerifyOptions => ({
  httpEveryMs: envMs("TRIAGE_VERIFY_HTTP_MS", 15_000),
  cronEveryMs: envMs("TRIAGE_VERIFY_CRON_MS", 30_000),
});

/** A check in flight is bounded by its own deadline; shutdown waits for it only this long. */
const STOP_WAIT_MS = 1000;

/** Calls `run` now and then `everyMs` after each run ends; stop() waits briefly for a run in flight. */
function every(everyMs: number, run: () => Promise<void>): WorkflowService {
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let running = true;
  const tick = () => {
    inFlight = run()
      .catch(() => {})
      .finally(() => {
        inFlight = null;
        if (running) timer = setTimeout(tick, everyMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    stop: async () => {
      running = false;
      if (timer) clearTimeout(timer);
      if (inFlight) await Promise.race([inFlight, new Promise((r) => setTimeout(r, STOP_WAIT_MS).unref())]);
    },
  };
}

/** One target's checks: about an hour of results each, published after every check. */
export function startTargetChecks(target: TargetConfig, opts: VerifyOptions, log: (line: string) => void): WorkflowService {
  const http = new HistoryRing<OdooHttpCheck>(Math.ceil(HOUR_MS / opts.httpEveryMs));
  const cron = new HistoryRing<CronBacklog>(Math.ceil(HOUR_MS / opts.cronEveryMs));
  let lastHttp: OdooHttpCheck | null = null;
  let lastCron: CronBacklog | null = null;
  const publish = () =>
    setVerification(target.id, { odooHttp: lastHttp, odooHttpHistory: http.toArray(), cronBacklog: lastCron, cronBacklogHistory: cron.toArray() });

  const services: WorkflowService[] = [];
  const odooUrl = target.odoo?.url;
  if (odooUrl) {
    services.push(
      every(opts.httpEveryMs, async () => {
        const r = await checkOdooHttp(odooUrl);
        // Logged when the answer changes (ok ↔ failing, or another failure), not at every check.
        const describe = (c: OdooHttpCheck | null) => (c ? (c.ok ? "ok" : (c.error ?? `HTTP ${c.status}`)) : null);
        if (describe(r) !== describe(lastHttp)) log(`verify: ${target.id}: Odoo login page ${r.url}: ${describe(r)}`);
        http.push(r);
        lastHttp = r;
        publish();
      }),
    );
  }
  // Only where Odoo is configured: elsewhere it would open a connection to the monitored database every
  // 30 s (an OOM incident is the worst time for that) only to learn there is no ir_cron.
  if (target.odoo) {
    let where: ReturnType<typeof cronTarget> | null = null;
    try {
      where = cronTarget(target.postgres.url, target.odoo?.database);
    } catch {
      log(`verify: ${target.id}: postgres.url cannot be parsed as a URL: no cron backlog check`);
    }
    services.push(
      every(opts.cronEveryMs, async () => {
        const at = new Date().toISOString();
        const read = where ? await readCronBacklog(where.url, consolePids()) : { overdue: null, error: "postgres.url cannot be parsed as a URL" };
        const sample = { at, overdue: read.overdue };
        const r: CronBacklog = { at, ...read, trend: cronTrend(cron.toArray(), sample), ...(where?.database ? { database: where.database } : {}) };
        if ((r.error ?? null) !== (lastCron?.error ?? null)) log(`verify: ${target.id}: cron backlog${r.database ? ` in ${r.database}` : ""}: ${r.error ?? "readable again"}`);
        cron.push(r);
        lastCron = r;
        publish();
      }),
    );
  }
  return { stop: async () => void (await Promise.allSettled(services.map((s) => s.stop()))) };
}

export function startVerificationChecks(
  config: TriageConfig,
  _monitors: Map<string, TargetMonitor>,
  log: (line: string) => void,
  opts: VerifyOptions = defaultVerifyOptions(),
): WorkflowService {
  const services = config.targets.map((t) => startTargetChecks(t, opts, log));
  return { stop: async () => void (await Promise.allSettled(services.map((s) => s.stop()))) };
}
