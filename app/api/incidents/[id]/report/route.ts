import { reportRoute } from "@/lib/server/report/routes";

export const dynamic = "force-dynamic";

/** ?format=md (default): the report as a Markdown attachment; ?format=json: the timeline it is made from. */
export const GET = reportRoute();
