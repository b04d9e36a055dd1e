// Thin HTTP layer over the guardrails: apiRoute authenticates, checks Origin, authorizes (permission)
// and validates; the helm and everything on the target are checked by the functions below.
import { actorOf } from "../actions/actor";
import { apiRoute } from "../http/api-route";
import { json } from "../http/respond";
import { getPrisma } from "../store/store";
import { applyGuardrails } from "./apply";
import { releaseHelm, takeHelm } from "./helm";
import { applyPreset } from "./preset";
import type { GuardrailFailure } from "./outcomes";
import { recycleIdle } from "./pre-change";
import { invalidateGuardrailsView, sharedGuardrailsView } from "./shared-view";
import { revertAll, revertGuardrail, type RevertAllItem } from "./revert";
import { applyBodySchema, guardrailParamsSchema, helmBodySchema, presetBodySchema, recycleBodySchema, revertBodySchema, targetParamsSchema } from "./schemas";

/** A write through the console: the shared view is stale once it settles, whatever the outcome. */
const changing = <T>(targetId: string, work: Promise<T>): Promise<T> => work.finally(() => invalidateGuardrailsView(targetId));

const failed = (f: GuardrailFailure) =>
  json({ error: { code: f.code, message: f.message, ...(f.auditId ? { auditId: f.auditId } : {}), ...(f.details ?? {}) } }, f.status);

export const listRoute = () =>
  apiRoute({ permission: "guardrails.read", params: targetParamsSchema }, async ({ params }) => {
    const r = await sharedGuardrailsView(params.id, getPrisma());
    return r.ok ? r.view : failed(r);
  });

export const applyRoute = () =>
  apiRoute({ permission: "guardrails.write", params: targetParamsSchema, body: applyBodySchema }, async ({ req, principal, params, body }) => {
    const { role, database, setting, value, expiresInMinutes, reason, confirmRaise } = body;
    const o = { actor: actorOf(principal, req.headers), db: getPrisma(), expiresInMinutes, reason, confirmRaise, action: "guardrail.apply" };
    const r = await changing(params.id, applyGuardrails(params.id, [{ role, database, setting, value }], o));
    if (!r.ok) return failed(r);
    const g = r.result.guardrails[0];
    const { effective, direction } = r.result.diff[0];
    return { ok: true, guardrail: { id: g.id, prior: g.prior, value: g.value, expiresAt: g.expiresAt }, effective, direction, auditId: r.auditId, appliedAt: r.result.appliedAt, sessionsBeforeChange: r.result.sessionsBeforeChange, note: r.result.note };
  });

export const presetRoute = () =>
  apiRoute({ permission: "guardrails.write", params: targetParamsSchema, body: presetBodySchema }, async ({ req, principal, params, body }) => {
    const r = await changing(params.id, applyPreset(params.id, body, { actor: actorOf(principal, req.headers), db: getPrisma(), expiresInMinutes: body.expiresInMinutes, reason: body.reason }));
    if (!r.ok) return failed(r);
    const { dryRun, diff, guardrails, appliedAt, sessionsBeforeChange, note } = r.result;
    const needsConfirmation = diff.some((d) => d.needsConfirmation);
    return { ok: true, dryRun, diff, needsConfirmation, guardrails, appliedAt, sessionsBeforeChange, note, ...(dryRun ? {} : { auditId: r.auditId }) };
  });

export const revertRoute = () =>
  apiRoute({ permission: "guardrails.write", params: guardrailParamsSchema, body: revertBodySchema }, async ({ req, principal, params, body }) => {
    const o = { actor: actorOf(principal, req.headers), db: getPrisma(), force: body.force, reason: body.reason };
    if (params.guardrailId === "all") {
      const r = await changing(params.id, revertAll(params.id, o));
      return r.ok ? { ok: r.result.results.every((x) => x.ok), results: r.result.results.map(resultOf) } : failed(r);
    }
    const r = await changing(params.id, revertGuardrail(params.id, params.guardrailId, o));
    return r.ok ? { ok: true, auditId: r.auditId, guardrail: r.result } : failed(r);
  });

const resultOf = (x: RevertAllItem) =>
  x.ok ? { id: x.id, ok: true, auditId: x.auditId, guardrail: x.result } : { id: x.id, ok: false, error: { code: x.code, message: x.message, ...(x.details ?? {}) } };

export const recycleRoute = () =>
  apiRoute({ permission: "sessions.terminate", params: guardrailParamsSchema, body: recycleBodySchema }, async ({ req, principal, params, body }) => {
    if (params.guardrailId === "all") return json({ error: { code: "invalid_input", message: "guardrailId: recycle needs one guardrail" } }, 400);
    const r = await changing(params.id, recycleIdle(params.id, params.guardrailId, { actor: actorOf(principal, req.headers), db: getPrisma(), reason: body.reason }));
    return r.ok ? { ok: true, auditId: r.auditId, ...r.result } : failed(r);
  });

export const takeHelmRoute = () =>
  apiRoute({ permission: "helm.take", params: targetParamsSchema, body: helmBodySchema }, async ({ req, principal, params, body }) => {
    const r = await changing(params.id, takeHelm(getPrisma(), params.id, actorOf(principal, req.headers), body.force ?? false, body.reason));
    return r.ok ? { ok: true, auditId: r.auditId, helm: r.result } : failed(r);
  });

export const releaseHelmRoute = () =>
  apiRoute({ permission: "helm.take", params: targetParamsSchema }, async ({ req, principal, params }) => {
    const r = await changing(params.id, releaseHelm(getPrisma(), params.id, actorOf(principal, req.headers)));
    return r.ok ? { ok: true, auditId: r.auditId } : failed(r);
  });
