// Live evidence per runbook step, computed from what the console already holds: the monitor's cached
// snapshot and host history, the verification loop's results, and the store. Never a query on the
// monitored database; viewers share one computation per target for a second or two.
import type { Evidence, EvidenceKind, RunbookStep } from "../../runbook";
import { getHelm } from "../guardrails/helm";
import { getMonitors } from "../monitors";
import { singleton } from "../registry";
import type { Db } from "../store/prisma";
import { getVerification } from "../verify/state";
import { hostPressure, oomQuiet, type CounterSample } from "./evaluate-host";
import { memorySettings, pgHealth, sessionCounts } from "./evaluate-postgres";
import { tempBytesOf, tempRateFalling } from "./evaluate-temp";
import { actionsEvidence, cronBacklogEvidence, guardrailsEvidence, helmEvidence, odooHttpEvidence } from "./evaluate-workflow";
import { OOM_QUIET_MS, TEMP_WINDOW_MS } from "./thresholds";

export type EvidenceSet = Record<EvidenceKind, Evidence>;

const ACTIONS = ["session.cancel", "session.terminate", "sessions.bulk_cancel", "sessions.bulk_terminate"];
const HISTORY_MS = Math.max(OOM_QUIET_MS, 2 * TEMP_WINDOW_MS) + 60_000;

const unknown = (kind: EvidenceKind, text: string): Evidence => ({ kind, status: "unknown", text });
const storeDown = (kind: EvidenceKind) => unknown(kind, "the console's store is unavailable");

/** Every kind at once for one target; `since` (the open incident's effective start) scopes actions_taken. */
export async function computeEvidence(db: Db, targetId: string, since: Date | null, now = Date.now()): Promise<EvidenceSet> {
  const monitor = getMonitors().get(targetId);
  const snap = monitor?.latest() ?? null;
  const host = monitor?.hostMonitor ? monitor.hostMonitor.current() : null;
  const [helm, guardrails, actions, samples] = await Promise.allSettled([
    getHelm(db, targetId),
    db.guardrail.findMany({ where: { targetId, status: "active" }, select: { role: true, database: true, setting: true, value: true }, orderBy: { appliedAt: "asc" } }),
    since
      ? db.auditEvent.groupBy({ by: ["action"], where: { targetId, phase: "outcome", outcome: "ok", action: { in: ACTIONS }, at: { gte: since } }, _count: { _all: true } })
      : Promise.resolve(null),
    db.metricSample.findMany({ where: { targetId, at: { gte: new Date(now - HISTORY_MS) } }, select: { at: true, oomKills: true, tempBytes: true, hostUp: true }, orderBy: { at: "asc" } }),
  ]);
  const rows = samples.status === "fulfilled" ? samples.value : [];
  const oomSamples: CounterSample[] = rows.filter((r) => r.hostUp && r.oomKills !== null).map((r) => ({ t: r.at.getTime(), value: r.oomKills! }));
  const tempSamples: CounterSample[] = rows.filter((r) => r.tempBytes !== null).map((r) => ({ t: r.at.getTime(), value: Number(r.tempBytes) }));
  const hostHistory = monitor?.hostMonitor?.history() ?? [];
  const verification = getVerification(targetId);
  const set: EvidenceSet = {
    helm: helm.status === "fulfilled" ? helmEvidence(helm.value) : storeDown("helm"),
    host_pressure: monitor?.hostMonitor ? hostPressure(host) : unknown("host_pressure", "no host configured for this target"),
    session_counts: sessionCounts(snap, now),
    memory_settings: memorySettings(snap, host, now),
    actions_taken: actions.status === "fulfilled" ? actionsEvidence(actions.value && Object.fromEntries(actions.value.map((r) => [r.action, r._count._all]))) : storeDown("actions_taken"),
    guardrails_active: guardrails.status === "fulfilled" ? guardrailsEvidence(guardrails.value) : storeDown("guardrails_active"),
    oom_quiet: oomQuiet({ now, host, watchedSince: hostHistory[0]?.t ?? null, samples: oomSamples }),
    pg_health: pgHealth(snap, now),
    temp_rate_falling: tempRateFalling({ now, current: tempBytesOf(snap), samples: tempSamples }),
    odoo_http: odooHttpEvidence(verification, now),
    cron_backlog: cronBacklogEvidence(verification, now),
  };
  if (!monitor) for (const k of Object.keys(set) as EvidenceKind[]) if (!["helm", "guardrails_active", "actions_taken"].includes(k)) set[k] = unknown(k, "this target is not monitored");
  return set;
}

/** TRIAGE_EVIDENCE_VIEW_MS (default 1500; 0 computes every time, as the integration tests do). */
const maxAgeMs = () => {
  const v = Number(process.env.TRIAGE_EVIDENCE_VIEW_MS ?? 1500);
  return Number.isFinite(v) && v >= 0 ? v : 1500;
};
const cache = () => singleton("incidentEvidence", () => new Map<string, { at: number; set: Promise<EvidenceSet> }>());

/** computeEvidence shared by every viewer of the target for maxAgeMs. */
export function sharedEvidence(db: Db, targetId: string, since: Date | null): Promise<EvidenceSet> {
  const key = `${targetId}|${since?.toISOString() ?? ""}`;
  const hit = cache().get(key);
  if (hit && Date.now() - hit.at < maxAgeMs()) return hit.set;
  for (const [k, v] of cache()) if (Date.now() - v.at >= maxAgeMs()) cache().delete(k);
  const set = computeEvidence(db, targetId, since);
  cache().set(key, { at: Date.now(), set });
  set.catch(() => cache().delete(key));
  return set;
}

/** Rollback steps undo the guardrails: there "none in force" is the goal. */
const INVERTED: Record<string, EvidenceKind[]> = { "rollback.1": ["guardrails_active"] };

export function evidenceForStep(step: RunbookStep, set: EvidenceSet): Evidence[] {
  return step.evidence.map((kind) => {
    const e = set[kind];
    if (!INVERTED[step.key]?.includes(kind) || e.status === "unknown") return e;
    return { ...e, status: e.status === "ok" ? "bad" : "ok" };
  });
}
