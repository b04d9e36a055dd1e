import { timelineRoute } from "@/lib/server/report/routes";

export const dynamic = "force-dynamic";

/** → { incident, events, metrics, guardrailsInForce, checklist, signals, oomKillsDuring, generatedAt } (lib/report.ts). */
export const GET = timelineRoute();
