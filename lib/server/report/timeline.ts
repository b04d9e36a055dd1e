// An incident's timeline from the store: everything on its target inside [startedAt, closedAt ?? now]
// (audit actions: their outcome, or the intent alone as "outcome unknown" / "running"; signals, alerts, metric history; startedAt is before openedAt when the incident adopted
// what happened before it was opened) plus its own steps and notes, as one ordered list.
import type { AuditEntry } from "../../audit";
import type { IncidentInfo, IncidentTimeline, TimelineEvent } from "../../report";
import { runbookSteps } from "../../runbook";
import { iterateAuditEntries, partnersOf } from "../audit/query";
import { queryHistory } from "../history/query";
import { historySettings } from "../history/settings";
import { getMonitors } from "../monitors";
import type { Db } from "../store/prisma";
import { auditEvent, unfinishedEvent } from "./audit-events";
import { evidenceOf, reportChecklist } from "./checklist";
import { guardrailPriors } from "./guardrail-priors";
import { loadImpact } from "./impact";
import { chartPoints, oomKillsDuring } from "./metrics";

/** The chart starts this long before the open: the lead-up is part of the story. */
export const LEAD_IN_MS = 10 * 60_000;
export const MAX_SIGNAL_EVENTS = 200;
const MAX_AUDIT = 5000;
const MAX_ALERTS = 1000;

type IncidentRow = NonNullable<Awaited<ReturnType<typeof findIncident>>>;

const findIncident = (db: Db, id: string) =>
  db.incident.findUnique({ where: { id }, include: { steps: { orderBy: { at: "asc" } }, notes: { orderBy: { at: "asc" } } } });

export const targetName = (id: string) => getMonitors().get(id)?.name ?? id;

export function incidentInfo(i: Omit<IncidentRow, "steps" | "notes">): IncidentInfo {
  return {
    id: i.id,
    targetId: i.targetId,
    targetName: targetName(i.targetId),
    title: i.title,
    severity: i.severity,
    status: i.status,
    openedAt: i.openedAt.toISOString(),
    openedBy: i.openedBy,
    startedAt: i.startedAt.toISOString(),
    closedAt: i.closedAt?.toISOString() ?? null,
    closedBy: i.closedBy,
    summary: i.summary,
    oomKillsAtOpen: i.oomKillsAtOpen,
  };
}

const stepTitle = new Map(runbookSteps.map((s) => [s.key, s.title]));

/** Audit rows that the incident's own rows already tell better (its open/close, its steps and notes). */
function ownedByIncident(e: AuditEntry, own: Set<string>): boolean {
  if ((e.action === "incident.open" || e.action === "incident.close") && e.outcome === "ok") return true;
  if (e.action !== "incident.step" && e.action !== "incident.note") return false;
  const s = (e.subject ?? {}) as { stepId?: unknown; noteId?: unknown };
  return [e.intentId, s.stepId, s.noteId].some((k) => typeof k === "string" && own.has(k));
}

function incidentEvents(i: IncidentRow): TimelineEvent[] {
  const adopted = i.startedAt < i.openedAt;
  const ev: TimelineEvent[] = [
    ...(adopted ? [{ id: "incident:start", at: i.startedAt.toISOString(), kind: "incident" as const, actor: i.openedBy, title: "Incident starts (adopted when it was opened)", detail: null, outcome: null, code: null }] : []),
    { id: "incident:open", at: i.openedAt.toISOString(), kind: "incident", actor: i.openedBy, title: `Opened incident (${i.severity}): ${i.title}`, detail: null, outcome: null, code: null },
  ];
  if (i.closedAt) ev.push({ id: "incident:close", at: i.closedAt.toISOString(), kind: "incident", actor: i.closedBy, title: "Closed incident", detail: i.summary ? `summary: ${i.summary}` : null, outcome: null, code: null });
  for (const s of i.steps) {
    const lines = [s.note ? `note: ${s.note}` : "", ...evidenceOf(s.evidence).map((e) => `evidence ${e.kind}: ${e.status}, ${e.text}`)].filter(Boolean);
    ev.push({ id: `step:${s.id}`, at: s.at.toISOString(), kind: "step", actor: s.by, title: `${s.checked ? "Checked" : "Unchecked"} step ${s.stepKey}: ${stepTitle.get(s.stepKey) ?? "unknown step"}`, detail: lines.join("\n") || null, outcome: null, code: null });
  }
  for (const n of i.notes) ev.push({ id: `note:${n.id}`, at: n.at.toISOString(), kind: "note", actor: n.by, title: "Note", detail: n.text, outcome: null, code: null });
  return ev;
}

export async function loadTimeline(db: Db, incidentId: string, now = new Date()): Promise<IncidentTimeline | null> {
  const i = await findIncident(db, incidentId);
  if (!i) return null;
  const from = i.startedAt;
  const to = i.closedAt ?? now;
  const inWindow = { targetId: i.targetId, at: { gte: from, lte: to } };

  const rows: AuditEntry[] = [];
  for await (const e of iterateAuditEntries(db, { target: i.targetId, since: from, until: to }, { max: MAX_AUDIT })) rows.push(e);
  // An intent's outcome may be later than the window (recorded after a restart): it still tells what happened.
  const late = (await partnersOf(db, rows)).filter((e) => e.phase === "outcome");
  const audit = [...rows.filter((e) => e.phase === "outcome"), ...late].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const answered = new Set(audit.map((e) => e.intentId));
  const unfinished = rows.filter((e) => e.phase === "intent" && !answered.has(e.id)).reverse();
  const running = new Set((await db.commandRun.findMany({ where: { targetId: i.targetId } })).map((r) => r.intentId?.toString() ?? r.runId));
  // Matched by the row's id in the audit subject, or by its audit intent.
  const own = new Set([...i.steps.flatMap((s) => [s.id, s.auditId]), ...i.notes.flatMap((n) => [n.id, n.auditId])].filter(Boolean));

  const { intervalMs } = historySettings();
  const [signals, signalCounts, alerts, history, guardrails, impact, priors] = await Promise.all([
    db.signalLine.findMany({ where: inWindow, orderBy: [{ at: "desc" }, { id: "desc" }], take: MAX_SIGNAL_EVENTS }),
    db.signalLine.groupBy({ by: ["kind"], where: inWindow, _count: { _all: true } }),
    db.alertEvent.findMany({ where: inWindow, orderBy: { at: "asc" }, take: MAX_ALERTS }),
    // Bucketed in SQL (≤ 600 rows whatever the incident's length); +1 ms: the query's end is exclusive.
    queryHistory(db, i.targetId, new Date(from.getTime() - LEAD_IN_MS), new Date(to.getTime() + 1), intervalMs),
    db.guardrail.findMany({ where: { targetId: i.targetId, status: "active" }, orderBy: { appliedAt: "asc" } }),
    loadImpact(db, i.targetId, from, to, intervalMs),
    guardrailPriors(db, audit),
  ]);

  const events: TimelineEvent[] = [
    ...incidentEvents(i),
    ...audit.reverse().filter((e) => !ownedByIncident(e, own)).map((e) => auditEvent(e, priors)),
    ...unfinished.filter((e) => !ownedByIncident(e, own)).map((e) => unfinishedEvent(e, running.has(e.id) || running.has(String((e.subject as { runId?: unknown } | null)?.runId)))),
    ...signals.slice().reverse().map((s): TimelineEvent => ({ id: `signal:${s.id}`, at: s.at.toISOString(), kind: "signal", actor: null, title: `${s.source} log: ${s.kind}`, detail: null, outcome: null, code: s.line })),
    ...alerts.map((a): TimelineEvent => ({
      id: `alert:${a.id}`,
      at: a.at.toISOString(),
      kind: "alert",
      actor: null,
      title: `Alert ${a.rule} ${a.state}`,
      detail: [a.message, a.value !== null ? `value ${a.value}${a.threshold !== null ? `, threshold ${a.threshold}` : ""}` : "", `webhook ${a.webhook}${a.webhookError ? `: ${a.webhookError}` : ""}`].filter(Boolean).join("\n"),
      outcome: a.state,
      code: null,
    })),
    // Stable sort: at the same instant, the order above (incident rows, then audit by id) holds.
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const byKind: Record<string, number> = {};
  for (const c of signalCounts) byKind[c.kind] = c._count._all;
  const total = Object.values(byKind).reduce((a, b) => a + b, 0);

  return {
    incident: incidentInfo(i),
    events,
    metrics: chartPoints(history.points),
    guardrailsInForce: guardrails.map((g) => ({
      id: g.id,
      role: g.role,
      database: g.database,
      setting: g.setting,
      value: g.value,
      prior: g.prior,
      appliedAt: g.appliedAt.toISOString(),
      appliedBy: g.appliedBy,
      expiresAt: g.expiresAt?.toISOString() ?? null,
    })),
    checklist: reportChecklist(i.steps),
    signals: { byKind, total, shown: signals.length },
    impact,
    // The counter at open is the base only when the incident starts at its open.
    oomKillsDuring: oomKillsDuring(history.points, history.bucketMs, from.getTime(), i.startedAt < i.openedAt ? null : i.oomKillsAtOpen),
    generatedAt: now.toISOString(),
  };
}
