import { recycleRoute } from "@/lib/server/guardrails/routes";

export const dynamic = "force-dynamic";

/** Body { reason? }: terminates the role's idle sessions that started before the guardrail (still on the old values). */
export const POST = recycleRoute();
