import { alertsRoute } from "@/lib/server/alerts/routes";

export const dynamic = "force-dynamic";

/** → { firing: [{ rule, message, value, threshold, since }], recent: last 20 AlertEvent rows } (sessions.read). */
export const GET = alertsRoute();
