// Records each target's metrics to the store every few seconds and prunes what is older than the retention.
import type { TriageConfig } from "../config";
import type { TargetMonitor } from "../monitor/target-monitor";
import type { Db } from "../store/prisma";
import { getPrisma } from "../store/store";
import { getVerification } from "../verify/state";
import type { WorkflowService } from "../workflow";
import { BUFFER_MS, OutageBuffer } from "./outage-buffer";
import { pruneHistory } from "./retention";
import { sampleOf } from "./sample";
import { historySettings, type HistorySettings } from "./settings";

const PRUNE_EVERY_MS = 3_600_000;
const LOG_EVERY_MS = 60_000;
/** Rows per insert when the samples kept during an outage go in. */
const MAX_BATCH = 1000;
/** stop() gives up waiting after this: server.ts must still have time to stop the store before its forced exit. */
const STOP_WAIT_MS = 2000;

export interface RecorderOptions {
  /** The store (default: the one server.ts opened). */
  db?: () => Db;
  settings?: HistorySettings;
  /** Rows per prune statement (tests). */
  pruneChunk?: number;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from the store within ${ms} ms`)), ms)));
  work.catch(() => {}); // the loser of the race must not surface as unhandled
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** Reads monitor.latest() only: never waits on, or adds work to, a poll. */
export function startMetricRecorder(_config: TriageConfig, monitors: Map<string, TargetMonitor>, log: (line: string) => void, opts: RecorderOptions = {}): WorkflowService {
  const db = opts.db ?? getPrisma;
  const settings = opts.settings ?? historySettings();
  for (const p of settings.problems) log(`metric history: ${p}`);
  let lastLogged = 0;
  const failed = (what: string, e: unknown) => {
    // A store outage would otherwise print a line per tick.
    if (Date.now() - lastLogged < LOG_EVERY_MS) return;
    lastLogged = Date.now();
    const kept = what === "recording" ? `; samples are kept up to ${BUFFER_MS / 60_000} min until the store answers` : "";
    log(`metric history: ${what} failed (logged at most once a minute${kept}): ${(e as Error)?.message ?? e}`);
  };

  // An unreachable store can hang a connect for minutes: give up on the write, keep recording.
  const writeTimeoutMs = Math.max(3 * settings.intervalMs, 10_000);
  const pending = new OutageBuffer(Math.ceil(BUFFER_MS / settings.intervalMs) * Math.max(1, monitors.size));
  let writing: Promise<unknown> | null = null;
  let unavailable = false;
  const record = () => {
    const at = new Date();
    const rows = [...monitors.values()]
      .filter((m) => m.latest() !== null) // not polled yet: nothing to say
      .map((m) => sampleOf(m.id, at, m.latest(), m.hostMonitor?.current() ?? null, getVerification(m.id)));
    pending.add(rows);
    if (writing || pending.size === 0) return; // the store is slow or away: the rows wait in the buffer, never a queue of writes
    const batch = pending.batch(MAX_BATCH);
    // skipDuplicates: a write that timed out here may still have landed, and is retried.
    writing = withTimeout(Promise.resolve().then(() => db().metricSample.createMany({ data: batch, skipDuplicates: true })), writeTimeoutMs)
      .then(() => {
        pending.written(batch);
        if (!unavailable) return;
        unavailable = false;
        log(`metric history: the store answers again; writing the samples kept meanwhile${pending.dropped ? ` (${pending.dropped} older than ${BUFFER_MS / 60_000} min were dropped)` : ""}`);
        pending.dropped = 0;
      })
      .catch((e) => {
        unavailable = true;
        failed("recording", e);
      })
      .finally(() => (writing = null));
  };

  let stopping = false;
  let pruning: Promise<unknown> | null = null;
  const prune = () => {
    if (pruning || stopping) return;
    const cutoff = new Date(Date.now() - settings.retentionDays * 86_400_000);
    pruning = Promise.resolve()
      .then(() => pruneHistory(db(), cutoff, opts.pruneChunk, () => stopping))
      .then((n) => n > 0 && log(`metric history: pruned ${n} samples older than ${settings.retentionDays} days`))
      .catch((e) => failed("pruning", e))
      .finally(() => (pruning = null));
  };

  prune();
  const recordTimer = setInterval(record, settings.intervalMs);
  const pruneTimer = setInterval(prune, PRUNE_EVERY_MS);
  recordTimer.unref();
  pruneTimer.unref();
  return {
    stop: async () => {
      stopping = true;
      clearInterval(recordTimer);
      clearInterval(pruneTimer);
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS)));
      await Promise.race([Promise.allSettled([writing, pruning]), waited]);
      clearTimeout(timer);
    },
  };
}
