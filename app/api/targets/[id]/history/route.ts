import { historyRoute } from "@/lib/server/history/routes";

export const dynamic = "force-dynamic";

/** ?range=15m|1h|6h|24h|7d|14d or ?since=ISO&until=ISO → { since, until, bucketMs, points } (sessions.read). */
export const GET = historyRoute();
