import { presetRoute } from "@/lib/server/guardrails/routes";

export const dynamic = "force-dynamic";

/** Body { role, database, values?, expiresInMinutes?, dryRun?, reason? } → { ok, dryRun, diff, guardrails, sessionsBeforeChange, auditId? } */
export const POST = presetRoute();
