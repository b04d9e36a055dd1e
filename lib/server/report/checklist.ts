// The runbook checklist as an incident left it: every step of lib/runbook.ts, the newest check of each. Pure.
import type { ChecklistItem } from "../../report";
import { evidenceKinds, runbookSections, runbookSteps, type Evidence } from "../../runbook";

export interface StepRow {
  stepKey: string;
  checked: boolean;
  note: string | null;
  by: string;
  at: Date;
  evidence: unknown;
}

const isEvidence = (v: unknown): v is Evidence => {
  const e = v as Evidence;
  return !!e && typeof e === "object" && (evidenceKinds as readonly string[]).includes(e.kind) && ["ok", "bad", "unknown"].includes(e.status) && typeof e.text === "string";
};

/** The stored evidence as a list: an array of items, or an object holding one under `evidence`/`items`. */
export function evidenceOf(v: unknown): Evidence[] {
  const list = Array.isArray(v) ? v : v && typeof v === "object" ? ((v as Record<string, unknown>).evidence ?? (v as Record<string, unknown>).items) : null;
  if (isEvidence(v)) return [v];
  return Array.isArray(list) ? list.filter(isEvidence).map(({ kind, status, text }) => ({ kind, status, text })) : [];
}

export function buildChecklist(rows: StepRow[]): ChecklistItem[] {
  const newest = new Map<string, StepRow>();
  for (const r of rows) {
    const seen = newest.get(r.stepKey);
    if (!seen || r.at.getTime() >= seen.at.getTime()) newest.set(r.stepKey, r);
  }
  const sectionTitle = new Map(runbookSections.map((s) => [s.key, s.title]));
  return runbookSteps.map((s) => {
    const r = newest.get(s.key);
    return {
      key: s.key,
      section: s.section,
      sectionTitle: sectionTitle.get(s.section) ?? s.section,
      title: s.title,
      checked: r?.checked ?? false,
      by: r?.by ?? null,
      at: r?.at.toISOString() ?? null,
      note: r?.note ?? null,
      evidence: r ? evidenceOf(r.evidence) : [],
    };
  });
}
