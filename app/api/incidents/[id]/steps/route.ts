import { stepRoute } from "@/lib/server/incidents/routes";

export const dynamic = "force-dynamic";

/** Body { stepKey, checked, note? } → { ok, auditId, step }; 400 unknown step, 409 incident_closed. */
export const POST = stepRoute();
