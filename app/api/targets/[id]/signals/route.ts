import { signalsRoute } from "@/lib/server/signals/routes";

export const dynamic = "force-dynamic";

/** ?minutes=1..1440 (default 20) → { since, until, sources, counts, latest } (lib/signals.ts SignalsView). */
export const GET = signalsRoute();
