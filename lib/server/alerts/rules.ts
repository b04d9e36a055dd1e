// The alert rules as data and their evaluation: a pure function of the config, one snapshot's inputs,
// the previous state and the time, so crossing, staying, clearing and OOM kills are unit tested.
import type { AlertRule } from "../../alerts";
import { formatDuration } from "../../format";
import { OOM_QUIET_MS, oomQuietAt } from "../../oom-state";
import type { AlertsConfig } from "../config";
import type { AlertInputs } from "./inputs";

/** The inputs a threshold compares (the others say what an alert is about). */
type MeasuredInput = { [K in keyof AlertInputs]: AlertInputs[K] extends number | null ? K : never }[keyof AlertInputs];

interface RuleSpec {
  rule: AlertRule;
  input: MeasuredInput;
  direction: "above" | "below";
  threshold: number;
  /** How far back past the threshold the value must go to clear, so a value hovering on it does not flap. */
  hysteresis: number;
  /** The firing text: "MemAvailable 6 % < 10 %". */
  describe: (value: number, threshold: number) => string;
  /** What is measured, for the cleared text: "cleared: <measure> now <value>, threshold <threshold>". */
  measure: string;
  unit: (value: number) => string;
  /** The session the rule is about, when it is about one (its pid is shown as a link). */
  subject?: (inputs: AlertInputs) => number | null;
}

/** "cleared: longest idle in transaction now 0 s, threshold 300 s": what it is now, not the firing text again. */
export const clearedText = (s: Pick<RuleSpec, "measure" | "unit">, value: number, threshold: number) =>
  `cleared: ${s.measure} now ${s.unit(value)}, threshold ${s.unit(threshold)}`;

/** An OOM kill alert resolves after OOM_QUIET_MS without another kill, as the checklist's 3.1 evidence. */
export { OOM_QUIET_MS };
const HYSTERESIS = 0.05;

const n1 = (v: number) => (Math.round(v * 10) / 10).toString();
const mb = (v: number) => `${n1(v / 1_048_576)} MB/s`;
const pct = (v: number) => `${n1(v)} %`;
const seconds = (v: number) => `${Math.round(v)} s`;

export function ruleSpecs(c: AlertsConfig): RuleSpec[] {
  const specs: RuleSpec[] = [];
  const add = (t: number | undefined, s: Omit<RuleSpec, "threshold" | "hysteresis">, count = false) => {
    if (t !== undefined) specs.push({ ...s, threshold: t, hysteresis: count ? 0 : t * HYSTERESIS });
  };
  add(c.memAvailablePercentBelow, { rule: "mem_available_low", input: "memAvailablePercent", direction: "below", measure: "MemAvailable", unit: pct, describe: (v, t) => `MemAvailable ${n1(v)} % < ${t} %` });
  add(c.swapInPerSecAbove, { rule: "swap_in_high", input: "swapInPerSec", direction: "above", measure: "swap-in", unit: (v) => `${n1(v)} pages/s`, describe: (v, t) => `swap-in ${n1(v)} pages/s > ${t} pages/s` });
  add(c.psiFullAvg10Above, { rule: "psi_full_high", input: "psiFullAvg10", direction: "above", measure: "memory PSI full avg10", unit: n1, describe: (v, t) => `memory PSI full avg10 ${n1(v)} > ${t}` });
  add(c.idleInTransactionCountAbove, { rule: "idle_in_transaction_count", input: "idleInTransactionCount", direction: "above", measure: "sessions idle in transaction", unit: String, describe: (v, t) => `sessions idle in transaction: ${v} > ${t}` }, true);
  add(c.idleInTransactionSecondsAbove, {
    rule: "idle_in_transaction_age",
    input: "idleInTransactionMaxSeconds",
    direction: "above",
    measure: "longest idle in transaction",
    unit: seconds,
    describe: (v, t) => `a session idle in transaction for ${Math.round(v)} s > ${t} s`,
    subject: (i) => i.oldestIdleInTransaction?.pid ?? null,
  });
  add(c.connectionsPercentAbove, { rule: "connections_high", input: "connectionsPercent", direction: "above", measure: "connections (% of max_connections)", unit: pct, describe: (v, t) => `connections at ${n1(v)} % of max_connections > ${t} %` });
  add(c.tempBytesPerSecAbove, { rule: "temp_bytes_rate_high", input: "tempBytesPerSec", direction: "above", measure: "temp file writes", unit: mb, describe: (v, t) => `temp files written at ${mb(v)} > ${mb(t)}` });
  return specs;
}

export interface RuleState {
  since: number;
  value: number;
  threshold: number;
  message: string;
  /** The session the alert is about now (idle-in-transaction age: the oldest one), else absent. */
  pid?: number;
}

export interface AlertState {
  /** Rules firing now. */
  firing: Partial<Record<AlertRule, RuleState>>;
  /** The oom_kill counter last seen (null until the host answered once). */
  oomKills: number | null;
  lastOomKillAt: number | null;
}

export interface Transition {
  rule: AlertRule;
  state: "firing" | "resolved";
  value: number;
  threshold: number;
  message: string;
  at: number;
}

export const initialAlertState = (): AlertState => ({ firing: {}, oomKills: null, lastOomKillAt: null });

const crossed = (s: RuleSpec, v: number) => (s.direction === "above" ? v > s.threshold : v < s.threshold);
const cleared = (s: RuleSpec, v: number) => (s.direction === "above" ? v <= s.threshold - s.hysteresis : v >= s.threshold + s.hysteresis);

/** A value not measured this time (host or PostgreSQL down) changes nothing: no data neither fires nor clears. */
export function evaluateAlerts(c: AlertsConfig, inputs: AlertInputs, prev: AlertState, now: number): { state: AlertState; transitions: Transition[] } {
  const firing = { ...prev.firing };
  const transitions: Transition[] = [];
  for (const s of ruleSpecs(c)) {
    const v = inputs[s.input];
    if (v === null) continue;
    const was = firing[s.rule];
    const pid = s.subject?.(inputs) ?? null;
    const about = pid === null ? {} : { pid };
    if (!was && crossed(s, v)) {
      firing[s.rule] = { since: now, value: v, threshold: s.threshold, message: s.describe(v, s.threshold), ...about };
      transitions.push({ rule: s.rule, state: "firing", value: v, threshold: s.threshold, message: s.describe(v, s.threshold), at: now });
    } else if (was && cleared(s, v)) {
      delete firing[s.rule];
      transitions.push({ rule: s.rule, state: "resolved", value: v, threshold: s.threshold, message: clearedText(s, v, s.threshold), at: now });
    } else if (was) {
      firing[s.rule] = { since: was.since, value: v, threshold: was.threshold, message: s.describe(v, s.threshold), ...about };
    }
  }
  const oom = evaluateOom(c, inputs.oomKills, prev, firing, now, transitions);
  return { state: { firing, ...oom }, transitions };
}

function evaluateOom(c: AlertsConfig, kills: number | null, prev: AlertState, firing: AlertState["firing"], now: number, out: Transition[]) {
  if (kills === null) return { oomKills: prev.oomKills, lastOomKillAt: prev.lastOomKillAt };
  const increased = prev.oomKills !== null && kills > prev.oomKills; // a lower counter is a reboot: new baseline
  const lastOomKillAt = increased ? now : prev.lastOomKillAt;
  const was = firing.oom_kill;
  if (c.oomKill && increased) {
    const delta = kills - prev.oomKills!;
    const message = `OOM kill on the host: oom_kill counter ${kills} (+${delta})`;
    if (!was) out.push({ rule: "oom_kill", state: "firing", value: delta, threshold: 0, message, at: now });
    firing.oom_kill = { since: was?.since ?? now, value: (was?.value ?? 0) + delta, threshold: 0, message };
  } else if (was && (!c.oomKill || oomQuietAt(lastOomKillAt, now))) {
    delete firing.oom_kill;
    const message = `cleared: no OOM kill for ${formatDuration(OOM_QUIET_MS)} (${was.value} while it fired)`;
    out.push({ rule: "oom_kill", state: "resolved", value: was.value, threshold: 0, message, at: now });
  }
  return { oomKills: kills, lastOomKillAt };
}
