import { revertRoute } from "@/lib/server/guardrails/routes";

export const dynamic = "force-dynamic";

/** Body { force?, reason? }; guardrailId "all" reverts every active guardrail, newest first. 409 conflict when changed outside. */
export const POST = revertRoute();
