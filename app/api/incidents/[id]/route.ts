import { detailRoute } from "@/lib/server/incidents/routes";

export const dynamic = "force-dynamic";

/** → { incident, checklist (each runbook step with its latest check and live evidence), notes, evidenceAt }. */
export const GET = detailRoute();
