// The thin HTTP layer over the actions: apiRoute authenticates, checks Origin, authorizes and
// validates; these map the action's reply to `{ ok: true, ... }` or `{ error: { code, message } }`.
import { can, deniedReason, type Permission } from "../../permissions";
import { apiRoute } from "../http/api-route";
import { json } from "../http/respond";
import { actorOf } from "./actor";
import { confirmBulk, previewBulk } from "./bulk";
import type { ActionFailure } from "./outcomes";
import { bulkBodySchema, sessionParamsSchema, signalBodySchema, targetParamsSchema } from "./schemas";
import { cancelSession, terminateSession } from "./single";

const failed = (f: ActionFailure) => json({ error: { code: f.code, message: f.message, ...(f.auditId ? { auditId: f.auditId } : {}) } }, f.status);

export function signalRoute(kind: "cancel" | "terminate") {
  const act = kind === "cancel" ? cancelSession : terminateSession;
  return apiRoute({ permission: `sessions.${kind}`, params: sessionParamsSchema, body: signalBodySchema }, async ({ req, principal, params, body }) => {
    const r = await act(params.id, params.pid, body.backendStart, { actor: actorOf(principal, req.headers), reason: body.reason });
    return r.ok ? { ok: true, auditId: r.auditId, result: r.result } : failed(r);
  });
}

export const bulkRoute = () =>
  apiRoute({ permission: "sessions.bulk", params: targetParamsSchema, body: bulkBodySchema }, async ({ req, principal, params, body }) => {
    const needed: Permission = `sessions.${body.action}`;
    if (!can(principal.role, needed)) return json({ error: { code: "forbidden", message: `${deniedReason(principal.role, needed)}: ${needed} is not allowed.` } }, 403);
    if (body.dryRun) {
      const p = await previewBulk(params.id, body.action, body.filter);
      return p.ok ? p.result : failed(p);
    }
    const r = await confirmBulk(params.id, body.action, body.filter, body.sessions!, { actor: actorOf(principal, req.headers), reason: body.reason });
    return r.ok ? { ok: true, auditId: r.auditId, results: r.result.results } : failed(r);
  });
