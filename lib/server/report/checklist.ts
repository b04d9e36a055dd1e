// The runbook checklist as an incident left it: the live checklist's builder (lib/server/incidents/checklist.ts)
// without live evidence, each step with the evidence stored at its newest check. Pure.
import type { ChecklistItem } from "../../report";
import { runbookSections } from "../../runbook";
import { buildChecklist, type StepRow } from "../incidents/checklist";

export { evidenceOf } from "../incidents/checklist";

const sectionTitle = new Map(runbookSections.map((s) => [s.key, s.title]));

export function reportChecklist(rows: StepRow[]): ChecklistItem[] {
  return buildChecklist(rows, null).map((s) => ({
    key: s.key,
    section: s.section,
    sectionTitle: sectionTitle.get(s.section) ?? s.section,
    title: s.title,
    checked: s.checked,
    by: s.by,
    at: s.at,
    note: s.note,
    evidence: s.evidenceAtCheck ?? [],
  }));
}
