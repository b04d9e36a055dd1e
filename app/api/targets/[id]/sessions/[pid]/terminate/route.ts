import { signalRoute } from "@/lib/server/actions/routes";

export const dynamic = "force-dynamic";

/** Body { backendStart, reason? } → { ok: true, auditId, result: { signalled, goneAfter, session, warnings } }. */
export const POST = signalRoute("terminate");
