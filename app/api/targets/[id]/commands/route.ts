import { listRoute } from "@/lib/server/commands/routes";

export const dynamic = "force-dynamic";

/** → { commands: [{ name, label, run, role, timeoutSeconds, steps, allowed, deniedReason?, running, lastRun? }] } */
export const GET = listRoute();
