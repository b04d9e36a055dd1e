// Counters and chart points derived from one snapshot's sessions. Pure, so they are unit tested.
// The monitor computes them ONCE per poll (snapshot.postgres.summary): the cards, checklist evidence,
// verification, alerts and history all read that one result, so no two places disagree.
import type { HistoryPoint, Session, Snapshot } from "@/lib/snapshot";

/** A session named by a card or a check: enough to find its row (pid + backend_start) and say how long. */
export interface SessionRef {
  pid: number;
  backendStart: string | null;
  ms: number;
}

const refOf = (s: Session, ms: number): SessionRef => ({ pid: s.pid, backendStart: s.backendStart, ms });

export interface SessionCounts {
  active: number;
  idle: number;
  idleInTransaction: number;
  idleInTransactionAborted: number;
  waitingOnLock: number;
  clientBackends: number;
  /** The running query that has run longest; lock waiters are left out (they are victims, not culprits). */
  longestActive: SessionRef | null;
  /** The session whose transaction has been open longest. */
  oldestTransaction: SessionRef | null;
  /** The session idle in a transaction (aborted or not) for longest, by time since its last statement. */
  oldestIdleInTransaction: SessionRef | null;
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
    oldestIdleInTransaction: null,
  };
  // Client backends only, and not the console's own connections.
  for (const s of sessions) {
    if (s.backendType !== "client backend" || s.isTriage) continue;
    c.clientBackends++;
    const waiting = s.waitEventType === "Lock";
    if (waiting) c.waitingOnLock++;
    if (s.xactMs != null && s.xactMs > (c.oldestTransaction?.ms ?? -1)) c.oldestTransaction = refOf(s, s.xactMs);
    if (s.state === "active") {
      c.active++;
      if (!waiting && s.queryMs != null && s.queryMs > (c.longestActive?.ms ?? -1)) c.longestActive = refOf(s, s.queryMs);
    } else if (s.state === "idle") c.idle++;
    else if (s.state === "idle in transaction" || s.state === "idle in transaction (aborted)") {
      if (s.state === "idle in transaction") c.idleInTransaction++;
      else c.idleInTransactionAborted++;
      if (s.stateMs != null && s.stateMs > (c.oldestIdleInTransaction?.ms ?? -1)) c.oldestIdleInTransaction = refOf(s, s.stateMs);
    }
  }
  return c;
}

/** Sessions idle in a transaction, aborted or not: what the runbook's 3.2, the alerts, history and checklist count. */
export const idleInTransactionTotal = (c: SessionCounts): number => c.idleInTransaction + c.idleInTransactionAborted;

/** The chart point for a snapshot; null when postgres was down (a gap, not a drop to zero). */
export function historyPointOf(snapshot: Snapshot): HistoryPoint | null {
  if (snapshot.postgres.status !== "up") return null;
  const c = snapshot.postgres.summary ?? countSessions(snapshot.postgres.sessions);
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
