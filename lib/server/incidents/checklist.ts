// The runbook checklist of an incident (latest check row per step) with live evidence, and the detail view.
import type { ChecklistStep, IncidentDetail } from "../../incidents";
import { evidenceKinds, runbookSteps, type Evidence } from "../../runbook";
import type { Db } from "../store/prisma";
import { evidenceForStep, sharedEvidence, type EvidenceSet } from "./evidence";
import { incidentView } from "./view";

export type StepRow = { stepKey: string; checked: boolean; note: string | null; by: string; at: Date; evidence: unknown };

const isEvidence = (v: unknown): v is Evidence => {
  const e = v as Evidence;
  return !!e && typeof e === "object" && (evidenceKinds as readonly string[]).includes(e.kind) && ["ok", "bad", "unknown"].includes(e.status) && typeof e.text === "string";
};

/** Stored evidence (JSON) as a list of well-formed items: an array, one item, or an object holding them under `evidence`/`items`. */
export function evidenceOf(v: unknown): Evidence[] {
  if (isEvidence(v)) return [v];
  const list = Array.isArray(v) ? v : v && typeof v === "object" ? ((v as Record<string, unknown>).evidence ?? (v as Record<string, unknown>).items) : null;
  return Array.isArray(list) ? list.filter(isEvidence).map(({ kind, status, text }) => ({ kind, status, text })) : [];
}

/** Steps in runbook order; `rows` may hold many rows per step (append-only): the newest wins. The live page and the report both use it. */
export function buildChecklist(rows: StepRow[], live: EvidenceSet | null): ChecklistStep[] {
  const latest = new Map<string, StepRow>();
  for (const r of rows) {
    const prev = latest.get(r.stepKey);
    if (!prev || r.at >= prev.at) latest.set(r.stepKey, r);
  }
  return runbookSteps.map((s) => {
    const r = latest.get(s.key);
    return {
      key: s.key,
      section: s.section,
      title: s.title,
      detail: s.detail,
      checked: r?.checked ?? false,
      by: r?.by ?? null,
      at: r?.at.toISOString() ?? null,
      note: r?.note ?? null,
      evidence: live ? evidenceForStep(s, live) : [],
      evidenceAtCheck: r && r.evidence != null ? evidenceOf(r.evidence) : null,
    };
  });
}

/** The open incident's checklist (checks + live evidence), or the bare steps with live evidence when none is open. */
export async function targetChecklist(db: Db, targetId: string): Promise<ChecklistStep[]> {
  const open = await db.incident.findFirst({ where: { targetId, status: "open" }, include: { steps: true } });
  return buildChecklist(open?.steps ?? [], await sharedEvidence(db, targetId, open?.startedAt ?? null));
}

export async function incidentDetail(db: Db, incidentId: string): Promise<IncidentDetail | null> {
  const inc = await db.incident.findUnique({ where: { id: incidentId }, include: { steps: true, notes: { orderBy: { at: "asc" } } } });
  if (!inc) return null;
  // A closed incident shows what was recorded, not today's state.
  const live = inc.status === "open" ? await sharedEvidence(db, inc.targetId, inc.startedAt) : null;
  const { steps, notes, ...row } = inc;
  return {
    incident: incidentView(row),
    checklist: buildChecklist(steps, live),
    notes: notes.map((n) => ({ id: n.id, text: n.text, by: n.by, at: n.at.toISOString() })),
    evidenceAt: live ? new Date().toISOString() : null,
  };
}
