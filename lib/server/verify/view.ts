// GET /api/targets/:id/verification: the monitor's latest snapshot, the checks' latest results and
// the open incident from the store. Nothing here queries the monitored database or calls Odoo.
import { oomKillsSince } from "../../oom-state";
import type { Snapshot } from "../../snapshot";
import type { PostgresHealth, VerificationView } from "../../verification";
import { sessionVerdict } from "../incidents/session-verdict";
import type { TargetMonitor } from "../monitor/target-monitor";
import type { Db } from "../store/prisma";
import { getVerification } from "./state";

/** What the API returns of each history: the last ~60 checks (15 min of HTTP, 30 min of cron). */
export const VIEW_HISTORY = 60;

export function postgresHealth(snap: Snapshot | null): PostgresHealth {
  if (!snap) return { status: "starting", inRecovery: null, sessions: null, lastPollAt: null };
  const pg = snap.postgres;
  const up = pg.status === "up";
  return {
    status: pg.status,
    ...(pg.error ? { error: pg.error } : {}),
    inRecovery: up ? pg.inRecovery : null,
    sessions: up && pg.summary ? sessionVerdict(pg.summary, pg.settings?.maxConnections ?? null) : null,
    lastPollAt: pg.lastPollAt,
  };
}

export async function verificationView(monitor: TargetMonitor, db: Db): Promise<VerificationView> {
  const incident = await db.incident.findFirst({
    where: { targetId: monitor.id, status: "open" },
    orderBy: { openedAt: "desc" },
    select: { id: true, openedAt: true, oomKillsAtOpen: true },
  });
  const host = monitor.hostMonitor?.current() ?? null;
  const v = getVerification(monitor.id);
  return {
    incident: incident ? { id: incident.id, openedAt: incident.openedAt.toISOString() } : null,
    oomKillsSinceOpen: incident ? oomKillsSince(incident.oomKillsAtOpen, host) : null,
    host: host ? host.status : "none",
    postgres: postgresHealth(monitor.latest()),
    odooUrlConfigured: Boolean(monitor.config.odoo?.url),
    odooConfigured: Boolean(monitor.config.odoo),
    odooHttp: v?.odooHttp ?? null,
    odooHttpHistory: (v?.odooHttpHistory ?? []).slice(-VIEW_HISTORY),
    cronBacklog: v?.cronBacklog ?? null,
    cronBacklogHistory: (v?.cronBacklogHistory ?? []).slice(-VIEW_HISTORY),
  };
}
