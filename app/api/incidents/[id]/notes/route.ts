import { noteRoute } from "@/lib/server/incidents/routes";

export const dynamic = "force-dynamic";

/** Body { text } → { ok, auditId, note }; 409 incident_closed. */
export const POST = noteRoute();
