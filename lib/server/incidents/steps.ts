// Checking a runbook step and adding a note: people's records on an open incident, each audited,
// each row stored with the audit intent's id. A step check keeps the evidence as shown at that moment.
import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit";
import type { ChecklistStep, IncidentNoteView } from "../../incidents";
import { runbookSteps } from "../../runbook";
import { audited } from "../audit/write";
import type { Db } from "../store/prisma";
import { evidenceForStep, sharedEvidence } from "./evidence";
import { fail, refuse, unavailableOrThrow, type IncidentReply } from "./outcomes";

type Incident = { id: string; targetId: string; title: string; status: string; startedAt: Date };

async function openIncidentOr(db: Db, incidentId: string, actor: AuditActor, action: string, subject: Record<string, unknown>) {
  const inc = await db.incident.findUnique({ where: { id: incidentId }, select: { id: true, targetId: true, title: true, status: true, startedAt: true } });
  if (!inc) return { failure: fail("not_found", `no incident ${incidentId}`) };
  if (inc.status !== "open") {
    return { failure: await refuse(db, { actor, targetId: inc.targetId, action, subject: { incidentId, title: inc.title, ...subject } }, "incident_closed", `incident "${inc.title}" is closed: nothing more can be recorded on it`) };
  }
  return { inc: inc as Incident };
}

export async function checkStep(db: Db, incidentId: string, actor: AuditActor, input: { stepKey: string; checked: boolean; note?: string | null }): Promise<IncidentReply<Pick<ChecklistStep, "key" | "checked" | "by" | "at" | "note" | "evidenceAtCheck">>> {
  const step = runbookSteps.find((s) => s.key === input.stepKey);
  if (!step) return fail("unknown_step", `stepKey: unknown step ${input.stepKey}`);
  const note = input.note ?? null;
  const found = await openIncidentOr(db, incidentId, actor, "incident.step", { stepKey: step.key, checked: input.checked, note });
  if (found.failure) return found.failure;
  const inc = found.inc;
  const evidence = evidenceForStep(step, await sharedEvidence(db, inc.targetId, inc.startedAt));
  const id = randomUUID();
  const subject = { incidentId, title: inc.title, stepId: id, stepKey: step.key, stepTitle: step.title, checked: input.checked, note, evidence };
  try {
    const a = await audited(db, { actor, targetId: inc.targetId, action: "incident.step", subject }, async (auditId) => {
      // Only while still open: a close that won the race keeps the record consistent.
      const still = await db.incident.count({ where: { id: incidentId, status: "open" } });
      if (!still) return { outcome: "refused" as const, message: "the incident was closed meanwhile", result: null };
      return { outcome: "ok" as const, result: await db.incidentStep.create({ data: { id, incidentId, stepKey: step.key, checked: input.checked, note, by: actor.username, evidence: evidence as unknown as object[], auditId } }) };
    });
    if (!a.result) return fail("incident_closed", "the incident was closed meanwhile", { auditId: a.auditId });
    return { ok: true, auditId: a.auditId, result: { key: step.key, checked: input.checked, by: actor.username, at: a.result.at.toISOString(), note, evidenceAtCheck: evidence } };
  } catch (e) {
    return unavailableOrThrow(e);
  }
}

export async function addNote(db: Db, incidentId: string, actor: AuditActor, text: string): Promise<IncidentReply<IncidentNoteView>> {
  const found = await openIncidentOr(db, incidentId, actor, "incident.note", { text });
  if (found.failure) return found.failure;
  const inc = found.inc;
  const id = randomUUID();
  try {
    const a = await audited(db, { actor, targetId: inc.targetId, action: "incident.note", subject: { incidentId, title: inc.title, noteId: id, text } }, async (auditId) => {
      const still = await db.incident.count({ where: { id: incidentId, status: "open" } });
      if (!still) return { outcome: "refused" as const, message: "the incident was closed meanwhile", result: null };
      return { outcome: "ok" as const, result: await db.incidentNote.create({ data: { id, incidentId, text, by: actor.username, auditId } }) };
    });
    if (!a.result) return fail("incident_closed", "the incident was closed meanwhile", { auditId: a.auditId });
    return { ok: true, auditId: a.auditId, result: { id, text, by: actor.username, at: a.result.at.toISOString() } };
  } catch (e) {
    return unavailableOrThrow(e);
  }
}
