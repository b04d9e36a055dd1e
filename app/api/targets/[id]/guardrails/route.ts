import { applyRoute, listRoute } from "@/lib/server/guardrails/routes";

export const dynamic = "force-dynamic";

/** → { settings, roles, guardrails, helm } */
export const GET = listRoute();
/** Body { role, database?, setting, value, expiresInMinutes?, reason? } → { ok, guardrail: { id, prior, value, expiresAt }, auditId, sessionsBeforeChange } */
export const POST = applyRoute();
