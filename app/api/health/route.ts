import { collectHealth } from "@/lib/server/health/reporters";
import { reduceHealth } from "@/lib/server/health/status";
import { principalOf } from "@/lib/server/http/api-route";
import { json } from "@/lib/server/http/respond";
import { storeUnavailable } from "@/lib/server/store/supervisor";
import { listTargets } from "@/lib/server/targets";

export const dynamic = "force-dynamic";

const AUTH_TIMEOUT_MS = 1500;

/** The caller, when the store can say who it is quickly; else anonymous (health must answer anyway). */
async function caller(req: Request) {
  if (storeUnavailable()) return null;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), AUTH_TIMEOUT_MS)));
  return Promise.race([principalOf(req).catch(() => null), late]).finally(() => clearTimeout(timer));
}

/**
 * For load balancers and people: ok | degraded | down from the registered health reporters' cached
 * states (no store round trip beyond the caller's session lookup), 503 when down (the console's store
 * is unavailable). Anonymous callers get only the status; a logged-in user or token also gets the
 * components and each target's state.
 */
export async function GET(req: Request): Promise<Response> {
  const components = collectHealth();
  const status = reduceHealth(components);
  const code = status === "down" ? 503 : 200;
  if (!(await caller(req))) return json({ status }, code);
  const targets = listTargets().map(({ id, postgres, host, lastPollAt }) => ({ id, postgres, host, lastPollAt }));
  return json({ status, components, targets }, code);
}
