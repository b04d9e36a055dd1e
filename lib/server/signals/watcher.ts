// Reads each target's configured log files (and PostgreSQL's own log) for incident signals, in the
// background: every ~12 s per target, one source after another, never on a viewer's request.
import type { TriageConfig } from "../config";
import { historySettings } from "../history/settings";
import type { TargetMonitor } from "../monitor/target-monitor";
import { consolePids } from "../monitors";
import { getPrisma } from "../store/store";
import type { WorkflowService } from "../workflow";
import { pgLogSession } from "./pg-log-reader";
import { clearSourceStatuses, setSourceStatuses } from "./sources";
import { pruneSignals } from "./signal-store";
import { TargetSignals } from "./target-signals";

export interface SignalWatcherOptions {
  intervalMs?: number;
  /** Before the first round: lets the host monitor make its first kernel-log read. */
  firstDelayMs?: number;
  pruneEveryMs?: number;
  /** How long stop() waits for a round in progress (a host read cannot be interrupted). */
  stopWaitMs?: number;
}

/** stop() gives up waiting after 2 s: server.ts must still have time to stop the store before its forced exit. */
const DEFAULTS = { intervalMs: 12_000, firstDelayMs: 2_000, pruneEveryMs: 3_600_000, stopWaitMs: 2_000 };

export function startSignalWatchers(config: TriageConfig, monitors: Map<string, TargetMonitor>, log: (line: string) => void, opts: SignalWatcherOptions = {}): WorkflowService {
  const o = { ...DEFAULTS, ...opts };
  const { retentionDays } = historySettings();
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  const readers: TargetSignals[] = [];
  const later = (ms: number, work: () => Promise<unknown>) => {
    if (stopped) return;
    const t = setTimeout(() => {
      timers.delete(t);
      if (stopped) return;
      const p = work().finally(() => inFlight.delete(p));
      inFlight.add(p);
    }, ms);
    t.unref();
    timers.add(t);
  };

  for (const target of config.targets) {
    const monitor = monitors.get(target.id);
    if (!monitor) continue;
    const reader = new TargetSignals({
      config: target,
      host: monitor.hostMonitor,
      pg: () => pgLogSession(monitor.postgresUrl, consolePids()),
      db: getPrisma,
      retentionDays,
    });
    readers.push(reader);
    setSourceStatuses(target.id, reader.sources());
    const round = async () => {
      try {
        const statuses = await reader.readOnce();
        if (!stopped) setSourceStatuses(target.id, statuses);
      } catch (e) {
        log(`signals: ${target.id}: ${(e as Error).message}`);
      }
      later(o.intervalMs, round);
    };
    later(o.firstDelayMs, round);
  }

  const prune = async () => {
    try {
      const n = await pruneSignals(getPrisma(), new Date(Date.now() - retentionDays * 86_400_000), undefined, () => stopped);
      if (n > 0) log(`signals: pruned ${n} lines older than ${retentionDays} days`);
    } catch (e) {
      log(`signals: prune failed: ${(e as Error).message}`);
    }
    later(o.pruneEveryMs, prune);
  };
  later(o.firstDelayMs, prune);

  return {
    stop: async () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const r of readers) r.stop();
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, o.stopWaitMs)));
      await Promise.race([Promise.allSettled([...inFlight]), waited]);
      clearTimeout(timer);
      for (const t of config.targets) clearSourceStatuses(t.id);
    },
  };
}
