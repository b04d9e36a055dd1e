// Thin HTTP layer over incidents: apiRoute authenticates, checks Origin, authorizes and validates.
import { actorOf } from "../actions/actor";
import { apiRoute, parseWith } from "../http/api-route";
import { json } from "../http/respond";
import { getPrisma } from "../store/store";
import { incidentDetail, targetChecklist } from "./checklist";
import { closeIncident, isKnownTarget, listIncidents, openIncident } from "./incidents";
import type { IncidentFailure } from "./outcomes";
import { closeBodySchema, incidentParamsSchema, listQuerySchema, noteBodySchema, openBodySchema, stepBodySchema, targetParamsSchema } from "./schemas";
import { addNote, checkStep } from "./steps";

const failed = (f: IncidentFailure) => json({ error: { code: f.code, message: f.message, ...(f.auditId ? { auditId: f.auditId } : {}), ...(f.details ?? {}) } }, f.status);
const notFound = (what: string) => json({ error: { code: "not_found", message: what } }, 404);

export const listRoute = () =>
  apiRoute({ permission: "incidents.read", params: targetParamsSchema }, async ({ req, params }) => {
    const q = parseWith(listQuerySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
    if (!isKnownTarget(params.id)) return notFound(`unknown target ${params.id}`);
    const db = getPrisma();
    const incidents = await listIncidents(db, params.id, q.status);
    return q.checklist === "1" ? { incidents, checklist: await targetChecklist(db, params.id) } : { incidents };
  });

export const openRoute = () =>
  apiRoute({ permission: "incidents.write", params: targetParamsSchema, body: openBodySchema }, async ({ req, principal, params, body }) => {
    const r = await openIncident(getPrisma(), params.id, actorOf(principal, req.headers), body);
    return r.ok ? { ok: true, id: r.result.id, auditId: r.auditId, incident: r.result } : failed(r);
  });

export const detailRoute = () =>
  apiRoute({ permission: "incidents.read", params: incidentParamsSchema }, async ({ params }) => {
    const d = await incidentDetail(getPrisma(), params.id);
    return d ?? notFound(`no incident ${params.id}`);
  });

export const closeRoute = () =>
  apiRoute({ permission: "incidents.write", params: incidentParamsSchema, body: closeBodySchema }, async ({ req, principal, params, body }) => {
    const r = await closeIncident(getPrisma(), params.id, actorOf(principal, req.headers), body.summary);
    return r.ok ? { ok: true, auditId: r.auditId, incident: r.result } : failed(r);
  });

export const stepRoute = () =>
  apiRoute({ permission: "incidents.write", params: incidentParamsSchema, body: stepBodySchema }, async ({ req, principal, params, body }) => {
    const r = await checkStep(getPrisma(), params.id, actorOf(principal, req.headers), body);
    return r.ok ? { ok: true, auditId: r.auditId, step: r.result } : failed(r);
  });

export const noteRoute = () =>
  apiRoute({ permission: "incidents.write", params: incidentParamsSchema, body: noteBodySchema }, async ({ req, principal, params, body }) => {
    const r = await addNote(getPrisma(), params.id, actorOf(principal, req.headers), body.text);
    return r.ok ? { ok: true, auditId: r.auditId, note: r.result } : failed(r);
  });
