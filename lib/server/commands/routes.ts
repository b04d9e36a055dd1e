// Thin HTTP layer over the containment commands: apiRoute authenticates, checks Origin, authorizes and
// validates; the command's own role, the confirmation and the host are checked by runCommand.
import { actorOf } from "../actions/actor";
import { apiRoute } from "../http/api-route";
import { json } from "../http/respond";
import { getPrisma } from "../store/store";
import { listCommands } from "./list";
import { runCommand, type CommandFailure } from "./run";
import { runBodySchema, runParamsSchema, targetParamsSchema } from "./schemas";

const failed = (f: CommandFailure) => json({ error: { code: f.code, message: f.message, ...(f.auditId ? { auditId: f.auditId } : {}) } }, f.status);

/** Workflow data, readable by whoever may follow the incident (viewers too): incidents.read. */
export const listRoute = () =>
  apiRoute({ permission: "incidents.read", params: targetParamsSchema }, async ({ principal, params }) => {
    const r = await listCommands(params.id, principal.role, getPrisma());
    return r.ok ? r.view : failed(r);
  });

export const runRoute = () =>
  apiRoute({ permission: "commands.run", params: runParamsSchema, body: runBodySchema }, async ({ req, principal, params, body }) => {
    const r = await runCommand(params.id, params.name, { actor: actorOf(principal, req.headers), db: getPrisma(), reason: body.reason, confirm: body.confirm });
    return r.ok ? r.result : failed(r);
  });
