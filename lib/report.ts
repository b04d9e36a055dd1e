// An incident's timeline and report: the shapes the API returns and the pages draw. Isomorphic: plain
// JSON only (ISO strings, numbers), so a server page can hand it to a client view as is.
import type { IncidentView } from "./incidents";
import type { Evidence, RunbookSectionKey } from "./runbook";

export const eventKinds = ["incident", "action", "guardrail", "helm", "command", "step", "note", "signal", "alert", "other"] as const;
export type EventKind = (typeof eventKinds)[number];

export interface TimelineEvent {
  /** Stable within one timeline, e.g. "audit:42", "step:<uuid>", "signal:7". */
  id: string;
  at: string;
  kind: EventKind;
  /** Who did it (username), or null for what the console saw (signals, alerts). */
  actor: string | null;
  /** One line, untrusted parts included as text. */
  title: string;
  /** One or more lines (before → after values, pid/user/application, messages); untrusted text. */
  detail: string | null;
  /** ok | not_found | refused | error | interrupted (audit outcomes; "running" / "outcome unknown" for an intent without one), firing | resolved (alerts); null otherwise. */
  outcome: string | null;
  /** Code or log text shown as a block: a query excerpt, a log line, command output. */
  code: string | null;
}

/** The incident as the timeline and report show it: the API's view without its audit id, plus the target's name. */
export interface IncidentInfo extends Omit<IncidentView, "auditId"> {
  targetName: string;
}

/** One chart point: a bucket of the metric history (gauges averaged, counters at their maximum); all null: a gap in the recording. */
export interface MetricPoint {
  /** Epoch ms. */
  t: number;
  memAvailablePct: number | null;
  swapInPerSec: number | null;
  swapOutPerSec: number | null;
  active: number | null;
  idleInTransaction: number | null;
  /** OOM kills counted since the chart's first bucket (the counter's rises, a reboot's reset counted from 0). */
  oomKills: number | null;
}

export interface GuardrailInForce {
  id: string;
  role: string;
  database: string | null;
  setting: string;
  value: string;
  /** What a revert restores; null: RESET (nothing was set at that scope). */
  prior: string | null;
  appliedAt: string;
  appliedBy: string;
  expiresAt: string | null;
}

export interface ChecklistItem {
  key: string;
  section: RunbookSectionKey;
  sectionTitle: string;
  title: string;
  checked: boolean;
  /** The newest check or uncheck of the step; null: never touched. */
  by: string | null;
  at: string | null;
  note: string | null;
  /** The evidence stored with that check (as it was shown then). */
  evidence: Evidence[];
}

export interface SignalSummary {
  /** Lines per kind in the window, e.g. { out_of_memory: 3, fatal: 12 }. */
  byKind: Record<string, number>;
  total: number;
  /** Lines in the event list (the newest ones); total - shown were left out. */
  shown: number;
}

export const impactKeys = ["memAvailable", "swapIn", "active", "idleInTransaction", "waitingOnLocks", "tempBytesPerSec"] as const;
export type ImpactKey = (typeof impactKeys)[number];

/** One metric before the incident's start, at its worst during it, and over its last samples; null: no samples. */
export interface ImpactRow {
  key: ImpactKey;
  before: number | null;
  worst: number | null;
  after: number | null;
}

export interface ImpactWindow {
  from: string;
  to: string;
  samples: number;
}

/** From the stored metric samples (raw, not bucketed); MemAvailable also as % of MemTotal. */
export interface ImpactTable {
  /** The IMPACT_BEFORE_MS just before the effective start (averages). */
  before: ImpactWindow;
  /** The incident's window (minimum MemAvailable, maximum of the rest). */
  during: ImpactWindow;
  /** The last IMPACT_AFTER_MS of the window, up to its end (averages). */
  after: ImpactWindow;
  rows: ImpactRow[];
  memAvailablePct: { before: number | null; worst: number | null; after: number | null };
}

export interface IncidentTimeline {
  incident: IncidentInfo;
  /** Oldest first. */
  events: TimelineEvent[];
  metrics: MetricPoint[];
  /** Active pg-triage guardrails on the target NOW (not at the end of the window). */
  guardrailsInForce: GuardrailInForce[];
  checklist: ChecklistItem[];
  signals: SignalSummary;
  /** Before / worst / after for the runbook's memory and session metrics. */
  impact: ImpactTable;
  /** OOM kills during the window from the host counter; null: no host data. */
  oomKillsDuring: number | null;
  /** When this was assembled (the window's end while the incident is open). */
  generatedAt: string;
}

/** "2026-11-26 18:04:09 UTC": reports are read across time zones, so one zone, said out loud. */
export function utcText(iso: string | null): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : `${d.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** The incident's duration so far (open) or in all (closed), e.g. "1h 05m". */
export function incidentDurationMs(i: IncidentInfo, generatedAt: string): number {
  return Date.parse(i.closedAt ?? generatedAt) - Date.parse(i.openedAt);
}

/** Events that are something a person (or the console's timer) did, for the "what was done" list. */
export const isAction = (e: TimelineEvent) => !["signal", "alert", "step", "note"].includes(e.kind) && !/^incident:(open|close|start)$/.test(e.id);

/** Happened before the incident was opened, and was adopted by it. */
export const isAdopted = (e: TimelineEvent, i: Pick<IncidentInfo, "openedAt">) => Date.parse(e.at) < Date.parse(i.openedAt);

export const IMPACT_LABELS: Record<ImpactKey, string> = {
  memAvailable: "MemAvailable",
  swapIn: "Swap-in (pages/s)",
  active: "Active sessions",
  idleInTransaction: "Idle in transaction",
  waitingOnLocks: "Waiting on locks",
  tempBytesPerSec: "Temp bytes/s",
};
