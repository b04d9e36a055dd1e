import { closeRoute } from "@/lib/server/incidents/routes";

export const dynamic = "force-dynamic";

/** Body { summary } → { ok, auditId, incident }; 409 incident_closed when already closed. */
export const POST = closeRoute();
