// Evaluates each target's alert thresholds on its snapshots; banner state and webhook with cool-down.
// The snapshot handler only evaluates (pure, synchronous): rows and webhooks run in the background.
import { setMaxListeners } from "node:events";
import type { Snapshot } from "../../snapshot";
import type { AlertsConfig, TriageConfig } from "../config";
import type { TargetMonitor } from "../monitor/target-monitor";
import type { Db } from "../store/prisma";
import { getPrisma } from "../store/store";
import type { WorkflowService } from "../workflow";
import { alertInputsOf } from "./inputs";
import { CoolDown, notify, type NotifyContext } from "./notify";
import { evaluateAlerts, initialAlertState } from "./rules";
import { setAlertState } from "./state";
import type { DeliveryOptions } from "./webhook";

/** A target without an `alerts` section still gets the default: any OOM kill, no webhook. */
const DEFAULTS: AlertsConfig = { oomKill: true, cooldownSeconds: 300 };
const LOG_EVERY_MS = 60_000;

export interface AlertsOptions {
  db?: () => Db;
  delivery?: Omit<DeliveryOptions, "signal">;
}

export function startAlerts(_config: TriageConfig, monitors: Map<string, TargetMonitor>, log: (line: string) => void, opts: AlertsOptions = {}): WorkflowService {
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per delivery in flight: many alerts at once are expected
  const inFlight = new Set<Promise<void>>();
  let lastLogged = 0;
  const ctx: NotifyContext = {
    db: opts.db ?? getPrisma,
    coolDown: new CoolDown(),
    delivery: { ...opts.delivery, signal: abort.signal },
    log,
    storeFailed: (e) => {
      if (Date.now() - lastLogged < LOG_EVERY_MS) return;
      lastLogged = Date.now();
      log(`alerts: writing to the store failed (logged at most once a minute): ${(e as Error)?.message ?? e}`);
    },
  };
  const detach: Array<() => void> = [];
  for (const m of monitors.values()) {
    const cfg = m.config.alerts ?? DEFAULTS;
    let state = initialAlertState();
    const onSnapshot = (s: Snapshot) => {
      let r: ReturnType<typeof evaluateAlerts>;
      try {
        r = evaluateAlerts(cfg, alertInputsOf(s), state, Date.parse(s.takenAt) || Date.now());
      } catch (e) {
        return log(`alerts: ${m.id}: evaluating the rules failed: ${(e as Error)?.message ?? e}`);
      }
      state = r.state;
      setAlertState(m.id, state);
      for (const t of r.transitions) {
        const p = notify(ctx, { id: m.id, name: m.name }, cfg, t).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
    };
    m.on("snapshot", onSnapshot);
    detach.push(() => m.off("snapshot", onSnapshot));
  }
  return {
    stop: async () => {
      for (const d of detach) d();
      abort.abort(); // pending retries give up now and are recorded failed
      await Promise.allSettled([...inFlight]);
    },
  };
}
