import { listRoute, openRoute } from "@/lib/server/incidents/routes";

export const dynamic = "force-dynamic";

/** ?status=open|all (default all)&checklist=1 → { incidents, checklist? } (newest first). */
export const GET = listRoute();
/** Body { title, severity: sev1..sev4 } → { ok, id, auditId, incident }; 409 incident_open names the open one. */
export const POST = openRoute();
