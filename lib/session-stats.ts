// Counters and chart points derived from one snapshot's sessions. Pure, so they are unit tested.
import type { HistoryPoint, Session, Snapshot } from "@/lib/snapshot";

export interface SessionCounts {
  active: number;
  idle: number;
  idleInTransaction: number;
  idleInTransactionAborted: number;
  waitingOnLock: number;
  clientBackends: number;
  /** The active session whose query has run longest. */
  longestActive: Session | null;
  /** The session whose transaction has been open longest. */
  oldestTransaction: Session | null;
}

export function countSessions(sessions: readonly Session[]): SessionCounts {
  const c: SessionCounts = {
    active: 0,
    idle: 0,
    idleInTransaction: 0,
    idleInTransactionAborted: 0,
    waitingOnLock: 0,
    clientBackends: 0,
    longestActive: null,
    oldestTransaction: null,
  };
  // Client backends only, as the server's history does, so live points and history agree.
  for (const s of sessions) {
    if (s.backendType !== "client backend") continue;
    c.clientBackends++;
    if (s.waitEventType === "Lock") c.waitingOnLock++;
    if (s.xactMs != null && s.xactMs > (c.oldestTransaction?.xactMs ?? -1)) c.oldestTransaction = s;
    if (s.state === "active") {
      c.active++;
      if (s.queryMs != null && s.queryMs > (c.longestActive?.queryMs ?? -1)) c.longestActive = s;
    } else if (s.state === "idle") c.idle++;
    else if (s.state === "idle in transaction") c.idleInTransaction++;
    else if (s.state === "idle in transaction (aborted)") c.idleInTransactionAborted++;
  }
  return c;
}

/** Sessions idle in a transaction, aborted or not: what the runbook's 3.2, the alerts, history and checklist count. */
export const idleInTransactionTotal = (c: SessionCounts): number => c.idleInTransaction + c.idleInTransactionAborted;

/** The chart point for a snapshot; null when postgres was down (a gap, not a drop to zero). */
export function historyPointOf(snapshot: Snapshot): HistoryPoint | null {
  if (snapshot.postgres.status !== "up") return null;
  const c = countSessions(snapshot.postgres.sessions);
  return {
    t: Date.parse(snapshot.takenAt),
    active: c.active,
    idle: c.idle,
    idleInTransaction: c.idleInTransaction,
    idleInTransactionAborted: c.idleInTransactionAborted,
    waitingOnLock: c.waitingOnLock,
    total: c.clientBackends,
  };
}

/**
 * At most `max` points: consecutive points are bucketed and each series keeps its bucket maximum,
 * so a short spike (the thing an incident commander looks for) survives the thinning.
 */
export function downsample(points: readonly HistoryPoint[], max: number): HistoryPoint[] {
  if (points.length <= max) return points.slice();
  const out: HistoryPoint[] = [];
  const size = points.length / max;
  for (let b = 0; b < max; b++) {
    const bucket = points.slice(Math.floor(b * size), Math.floor((b + 1) * size));
    if (bucket.length === 0) continue;
    const top = (k: keyof Omit<HistoryPoint, "t">) => Math.max(...bucket.map((p) => p[k]));
    out.push({
      t: bucket[bucket.length - 1].t,
      active: top("active"),
      idle: top("idle"),
      idleInTransaction: top("idleInTransaction"),
      idleInTransactionAborted: top("idleInTransactionAborted"),
      waitingOnLock: top("waitingOnLock"),
      total: top("total"),
    });
  }
  return out;
}
