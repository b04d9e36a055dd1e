// Open, close and list incidents. One open incident per target: checked first (a clear 409), and
// enforced by the partial unique index "Incident_one_open_per_target" when two opens race.
import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit";
import type { IncidentView } from "../../incidents";
import type { Severity } from "../../runbook";
import { audited } from "../audit/write";
import { getMonitors } from "../monitors";
import type { Db } from "../store/prisma";
import { fail, isUniqueViolation, refuse, unavailableOrThrow, type IncidentReply } from "./outcomes";
import { incidentView } from "./view";

const openOf = (db: Db, targetId: string) => db.incident.findFirst({ where: { targetId, status: "open" } });

const conflict = (o: { id: string; title: string; openedBy: string; openedAt: Date }) => ({
  message: `incident "${o.title}" (${o.id}) is open on this target since ${o.openedAt.toISOString()} (opened by ${o.openedBy}); close it first`,
  details: { incident: { id: o.id, title: o.title, openedBy: o.openedBy, openedAt: o.openedAt.toISOString() } },
});

export function isKnownTarget(targetId: string): boolean {
  return getMonitors().has(targetId);
}

/** The host's oom_kill counter now, when the host probe is up. */
function oomKillsNow(targetId: string): number | null {
  const host = getMonitors().get(targetId)?.hostMonitor?.current();
  return host?.status === "up" ? host.oomKills : null;
}

/** adoptSince: the incident's effective start, earlier than now; what happened on the target since then is part of it. */
export async function openIncident(db: Db, targetId: string, actor: AuditActor, input: { title: string; severity: Severity; adoptSince?: Date }): Promise<IncidentReply<IncidentView>> {
  if (!isKnownTarget(targetId)) return fail("not_found", `unknown target ${targetId}`);
  const id = randomUUID();
  const oomKillsAtOpen = oomKillsNow(targetId);
  const adoptSince = input.adoptSince ?? null;
  const subject = { incidentId: id, title: input.title, severity: input.severity, oomKillsAtOpen, adoptSince: adoptSince?.toISOString() ?? null };
  const existing = await openOf(db, targetId);
  if (existing) {
    const c = conflict(existing);
    return refuse(db, { actor, targetId, action: "incident.open", subject: { ...subject, openIncidentId: existing.id } }, "incident_open", c.message, c.details);
  }
  try {
    const a = await audited(db, { actor, targetId, action: "incident.open", subject }, async (auditId) => {
      try {
        const openedAt = new Date();
        // A start "in the future" within the allowed clock skew is the open itself.
        const startedAt = adoptSince && adoptSince < openedAt ? adoptSince : openedAt;
        const row = await db.incident.create({ data: { id, targetId, title: input.title, severity: input.severity, status: "open", openedBy: actor.username, openedAt, startedAt, oomKillsAtOpen, auditId } });
        return { outcome: "ok" as const, result: row };
      } catch (e) {
        if (!isUniqueViolation(e)) throw e;
        const winner = await openOf(db, targetId);
        return { outcome: "refused" as const, message: winner ? conflict(winner).message : "another incident was opened meanwhile", result: winner };
      }
    });
    if (a.outcome !== "ok" || !a.result) {
      const c = a.result ? conflict(a.result) : { message: a.message ?? "another incident was opened meanwhile", details: undefined };
      return fail("incident_open", c.message, { auditId: a.auditId, ...(c.details ? { details: c.details } : {}) });
    }
    return { ok: true, auditId: a.auditId, result: incidentView(a.result) };
  } catch (e) {
    return unavailableOrThrow(e);
  }
}

export async function closeIncident(db: Db, incidentId: string, actor: AuditActor, summary: string): Promise<IncidentReply<IncidentView>> {
  const inc = await db.incident.findUnique({ where: { id: incidentId } });
  if (!inc) return fail("not_found", `no incident ${incidentId}`);
  const subject = { incidentId, title: inc.title, severity: inc.severity, summary };
  const refusal = { actor, targetId: inc.targetId, action: "incident.close", subject };
  if (inc.status !== "open") return refuse(db, refusal, "incident_closed", `incident "${inc.title}" was already closed by ${inc.closedBy} at ${inc.closedAt?.toISOString()}`);
  try {
    const a = await audited(db, { actor, targetId: inc.targetId, action: "incident.close", subject }, async () => {
      const n = await db.incident.updateMany({ where: { id: incidentId, status: "open" }, data: { status: "closed", closedAt: new Date(), closedBy: actor.username, summary } });
      return n.count ? { outcome: "ok" as const, result: true } : { outcome: "refused" as const, message: "closed meanwhile by someone else", result: false };
    });
    if (!a.result) return fail("incident_closed", `incident "${inc.title}" was closed meanwhile`, { auditId: a.auditId });
    return { ok: true, auditId: a.auditId, result: incidentView((await db.incident.findUnique({ where: { id: incidentId } }))!) };
  } catch (e) {
    return unavailableOrThrow(e);
  }
}

/** Newest first. */
export async function listIncidents(db: Db, targetId: string, status: "open" | "all"): Promise<IncidentView[]> {
  const rows = await db.incident.findMany({ where: { targetId, ...(status === "open" ? { status: "open" } : {}) }, orderBy: { openedAt: "desc" }, take: 200 });
  return rows.map(incidentView);
}
