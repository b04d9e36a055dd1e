// The measured values the alert rules compare, from one snapshot. Pure; null: not measured this time.
import { countSessions, idleInTransactionTotal } from "../../session-stats";
import type { Snapshot } from "../../snapshot";

export interface AlertInputs {
  memAvailablePercent: number | null;
  swapInPerSec: number | null;
  psiFullAvg10: number | null;
  oomKills: number | null;
  idleInTransactionCount: number | null;
  /** The longest a client session has been idle in transaction, seconds. */
  idleInTransactionMaxSeconds: number | null;
  connectionsPercent: number | null;
  tempBytesPerSec: number | null;
}

export function alertInputsOf(s: Snapshot): AlertInputs {
  const pg = s.postgres.status === "up" ? s.postgres : null;
  const host = s.host?.status === "up" ? s.host : null;
  const c = pg ? countSessions(pg.sessions) : null;
  let idleMaxMs: number | null = null;
  if (pg) {
    idleMaxMs = 0;
    for (const x of pg.sessions) {
      if (x.backendType === "client backend" && x.state?.startsWith("idle in transaction") && x.stateMs != null) idleMaxMs = Math.max(idleMaxMs, x.stateMs);
    }
  }
  const rates = pg?.databases.map((d) => d.rates).filter((r) => r !== null) ?? [];
  const maxConn = pg?.settings?.maxConnections ?? null;
  return {
    memAvailablePercent: host && host.memTotalBytes > 0 ? (100 * host.memAvailableBytes) / host.memTotalBytes : null,
    swapInPerSec: host?.swapInPerSec ?? null,
    psiFullAvg10: host?.psi?.fullAvg10 ?? null,
    oomKills: host ? host.oomKills : null,
    idleInTransactionCount: c ? idleInTransactionTotal(c) : null,
    idleInTransactionMaxSeconds: idleMaxMs === null ? null : idleMaxMs / 1000,
    connectionsPercent: c && maxConn ? (100 * c.clientBackends) / maxConn : null,
    tempBytesPerSec: rates.length ? rates.reduce((sum, r) => sum + r!.tempBytesPerSec, 0) : null,
  };
}
