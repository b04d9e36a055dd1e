import { runRoute } from "@/lib/server/commands/routes";

export const dynamic = "force-dynamic";

/** Body { confirm: <name>, reason? } → { ok, auditId, exitCode, timedOut, stdout, stderr, truncated, durationMs }. */
export const POST = runRoute();
