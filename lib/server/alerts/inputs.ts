// The measured values the alert rules compare, from one snapshot. Pure; null: not measured this time.
import { idleInTransactionTotal, type SessionRef } from "../../session-stats";
import type { Snapshot } from "../../snapshot";

export interface AlertInputs {
  memAvailablePercent: number | null;
  swapInPerSec: number | null;
  psiFullAvg10: number | null;
  oomKills: number | null;
  idleInTransactionCount: number | null;
  /** The longest a client session has been idle in transaction, seconds. */
  idleInTransactionMaxSeconds: number | null;
  /** That session, so a firing age alert can name its pid. */
  oldestIdleInTransaction: SessionRef | null;
  connectionsPercent: number | null;
  tempBytesPerSec: number | null;
}

export function alertInputsOf(s: Snapshot): AlertInputs {
  const pg = s.postgres.status === "up" ? s.postgres : null;
  const host = s.host?.status === "up" ? s.host : null;
  // The poll's one summary: the same counts and oldest session the checklist and the verification show.
  const c = pg?.summary ?? null;
  const rates = pg?.databases.map((d) => d.rates).filter((r) => r !== null) ?? [];
  const maxConn = pg?.settings?.maxConnections ?? null;
  return {
    memAvailablePercent: host && host.memTotalBytes > 0 ? (100 * host.memAvailableBytes) / host.memTotalBytes : null,
    swapInPerSec: host?.swapInPerSec ?? null,
    psiFullAvg10: host?.psi?.fullAvg10 ?? null,
    oomKills: host ? host.oomKills : null,
    idleInTransactionCount: c ? idleInTransactionTotal(c) : null,
    idleInTransactionMaxSeconds: c ? (c.oldestIdleInTransaction?.ms ?? 0) / 1000 : null,
    oldestIdleInTransaction: c?.oldestIdleInTransaction ?? null,
    connectionsPercent: c && maxConn ? (100 * c.clientBackends) / maxConn : null,
    tempBytesPerSec: rates.length ? rates.reduce((sum, r) => sum + r!.tempBytesPerSec, 0) : null,
  };
}
