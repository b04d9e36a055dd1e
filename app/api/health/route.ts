import { principalOf } from "@/lib/server/http/api-route";
import { json } from "@/lib/server/http/respond";
import { listTargets } from "@/lib/server/targets";

export const dynamic = "force-dynamic";

/**
 * Liveness for load balancers: anonymous callers get only the overall status; a logged-in user or
 * token also gets each target's state. "degraded" as soon as one target's postgres is down.
 */
export async function GET(req: Request): Promise<Response> {
  const targets = listTargets().map(({ id, postgres, host, lastPollAt }) => ({ id, postgres, host, lastPollAt }));
  const status = targets.some((t) => t.postgres === "down") ? "degraded" : "ok";
  const principal = await principalOf(req).catch(() => null);
  return json(principal ? { status, targets } : { status });
}
