import { listTargets } from "@/lib/server/targets";

export const dynamic = "force-dynamic";

/** Liveness for load balancers and the demo: "degraded" as soon as one target's postgres is down. */
export function GET() {
  const targets = listTargets().map(({ id, postgres, host, lastPollAt }) => ({ id, postgres, host, lastPollAt }));
  const status = targets.some((t) => t.postgres === "down") ? "degraded" : "ok";
  return Response.json({ status, targets }, { headers: { "Cache-Control": "no-store" } });
}
