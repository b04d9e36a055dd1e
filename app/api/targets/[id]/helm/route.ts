import { releaseHelmRoute, takeHelmRoute } from "@/lib/server/guardrails/routes";

export const dynamic = "force-dynamic";

/** Body { force?, reason? } → { ok, auditId, helm }; 409 helm_held names the holder unless force. */
export const POST = takeHelmRoute();
/** Releases the helm (holder only). */
export const DELETE = releaseHelmRoute();
