// GET /api/targets/:id/verification: the monitor's latest snapshot, the checks' latest results and
// the open incident from the store. Nothing here queries the monitored database or calls Odoo.
import { countSessions, idleInTransactionTotal } from "../../session-stats";
import type { HostSnapshot, Snapshot } from "../../snapshot";
import type { PostgresHealth, VerificationView } from "../../verification";
import type { TargetMonitor } from "../monitor/target-monitor";
import { counterRise } from "../report/oom-kills";
import type { Db } from "../store/prisma";
import { getVerification } from "./state";

/** What the API returns of each history: the last ~60 checks (15 min of HTTP, 30 min of cron). */
export const VIEW_HISTORY = 60;

export function postgresHealth(snap: Snapshot | null): PostgresHealth {
  if (!snap) return { status: "starting", inRecovery: null, active: null, idleInTransaction: null, lastPollAt: null };
  const pg = snap.postgres;
  const c = pg.status === "up" ? countSessions(pg.sessions) : null;
  return {
    status: pg.status,
    ...(pg.error ? { error: pg.error } : {}),
    inRecovery: pg.status === "up" ? pg.inRecovery : null,
    active: c?.active ?? null,
    idleInTransaction: c ? idleInTransactionTotal(c) : null,
    lastPollAt: pg.lastPollAt,
  };
}

/**
 * Kills counted by the host's counter since the open. null: no incident, no counter then, host not
 * up now, or the counter went back (the host rebooted, so the difference means nothing).
 */
export function oomKillsSince(atOpen: number | null | undefined, host: HostSnapshot | null): number | null {
  if (atOpen == null || !host || host.status !== "up") return null;
  // One reading after a reset cannot tell the kills before the reboot: unknown here (the report sums the history).
  const r = counterRise(atOpen, host.oomKills);
  return r.reset ? null : r.rise;
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
