// One MetricSample row from what the console already holds: the monitor's latest snapshot, the host
// probe and the verification checks. Pure, so it is unit tested.
import { idleInTransactionTotal } from "../../session-stats";
import type { HostSnapshot, Snapshot } from "../../snapshot";
import type { VerificationState } from "../../verification";
import type { MetricSample } from "../store/generated/client";

/** A row exactly as the store's model has it (prisma/schema.prisma). */
export type MetricSampleRow = MetricSample;

const big = (n: number) => BigInt(Math.round(n));

/** host: the freshest host probe (null: no host configured); a down host records only hostUp=false. */
export function sampleOf(targetId: string, at: Date, snap: Snapshot | null, host: HostSnapshot | null, verification: VerificationState | null): MetricSampleRow {
  const pg = snap?.postgres;
  const up = pg?.status === "up";
  const c = up ? pg.summary : null;
  const h = host?.status === "up" ? host : null;
  return {
    targetId,
    at,
    postgresUp: up,
    hostUp: host ? host.status === "up" : null,
    memTotalBytes: h ? big(h.memTotalBytes) : null,
    memAvailableBytes: h ? big(h.memAvailableBytes) : null,
    swapTotalBytes: h ? big(h.swapTotalBytes) : null,
    swapFreeBytes: h ? big(h.swapFreeBytes) : null,
    swapInPerSec: h?.swapInPerSec ?? null,
    swapOutPerSec: h?.swapOutPerSec ?? null,
    psiSomeAvg10: h?.psi?.someAvg10 ?? null,
    psiFullAvg10: h?.psi?.fullAvg10 ?? null,
    oomKills: h ? h.oomKills : null,
    active: c ? c.active : null,
    idle: c ? c.idle : null,
    // Aborted ones hold their snapshot and locks too.
    idleInTransaction: c ? idleInTransactionTotal(c) : null,
    waitingOnLocks: c ? c.waitingOnLock : null,
    total: c ? c.clientBackends : null,
    maxConnections: up ? (pg.settings?.maxConnections ?? null) : null,
    tempBytes: up && pg.databases.length ? big(pg.databases.reduce((s, d) => s + d.tempBytes, 0)) : null,
    cronBacklog: verification?.cronBacklog?.overdue ?? null,
    odooHttpStatus: verification?.odooHttp?.status ?? null,
    odooHttpMs: verification?.odooHttp?.latencyMs ?? null,
  };
}
