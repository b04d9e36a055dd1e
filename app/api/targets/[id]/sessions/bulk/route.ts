import { bulkRoute } from "@/lib/server/actions/routes";

export const dynamic = "force-dynamic";

/** Body { action, filter, dryRun, sessions?, reason? }: dryRun → { sessions, excluded }; confirm → { ok, auditId, results }. */
export const POST = bulkRoute();
