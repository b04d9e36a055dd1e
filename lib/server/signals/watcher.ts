// Reads each target's configured log files (and PostgreSQL's own log) for incident signals, in the
// background: every ~12 s per target, one source after another, never on a viewer's request.
import { actionConnectionFor } from "../actions/registry";
import type { TriageConfig } from "../config";
import type { TargetMonitor } from "../monitor/target-monitor";
import { getPrisma } from "../store/store";
import type { WorkflowService } from "../workflow";
import { clearSourceStatuses, setSourceStatuses } from "./sources";
import { historyDays, pruneSignals } from "./signal-store";
import { TargetSignals } from "./target-signals";

export interface SignalWatcherOptions {
  intervalMs?: number;
  /** Before the first round: lets the host monitor make its first kernel-log read. */
  firstDelayMs?: number;
  pruneEveryMs?: number;
}

const DEFAULTS = { intervalMs: 12_000, firstDelayMs: 2_000, pruneEveryMs: 3_600_000 };

export function startSignalWatchers(config: TriageConfig, monitors: Map<string, TargetMonitor>, log: (line: string) => void, opts: SignalWatcherOptions = {}): WorkflowService {
  const o = { ...DEFAULTS, ...opts };
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
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
      pg: () => actionConnectionFor({ id: target.id, name: target.name, url: monitor.postgresUrl, monitor }),
      db: getPrisma,
    });
    setSourceStatuses(target.id, reader.sources());
    const round = async () => {
      try {
        setSourceStatuses(target.id, await reader.readOnce());
      } catch (e) {
        log(`signals: ${target.id}: ${(e as Error).message}`);
      }
      later(o.intervalMs, round);
    };
    later(o.firstDelayMs, round);
  }

  const prune = async () => {
    try {
      const n = await pruneSignals(getPrisma(), new Date(Date.now() - historyDays() * 86_400_000));
      if (n > 0) log(`signals: pruned ${n} lines older than ${historyDays()} days`);
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
      await Promise.allSettled([...inFlight]);
      for (const t of config.targets) clearSourceStatuses(t.id);
    },
  };
}
