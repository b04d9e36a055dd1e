// Suspects, ranked by cause rather than symptom (DESIGN.md, "The first screen"): sessions that block
// others first (with everyone waiting behind them, never above them), then memory, temp files, long
// running queries, long idle transactions. Pure and isomorphic: the monitor runs it once per poll.
import type { Session } from "./snapshot";

export type SuspectReason =
  | { kind: "blocker"; waiters: number; longestWaitMs: number | null }
  | { kind: "memory"; bytes: number; measure: "pss" | "rss" }
  | { kind: "temp_files"; bytes: number }
  | { kind: "long_query"; ms: number }
  | { kind: "idle_in_transaction"; ms: number };

export interface SuspectWaiter {
  pid: number;
  backendStart: string | null;
  /** How long it has waited (since its query started), milliseconds. */
  waitMs: number | null;
}

export interface Suspect {
  pid: number;
  backendStart: string | null;
  /** Every reason it is suspect, the one that ranks it first. */
  reasons: SuspectReason[];
  /** Sessions waiting behind it, directly or down a chain (at most WAITERS_SHOWN; waiterCount has all). */
  waiters: SuspectWaiter[];
  waiterCount: number;
  /** The action that can end the harm: a cancel cannot end an idle transaction, and once tried it has failed. */
  action: "cancel" | "terminate";
  /** Why terminate is offered first, when it is. */
  actionWhy: string | null;
  /** When a cancel was last sent to this very session (pid + backend_start), from the audit trail. */
  cancelTriedAt: string | null;
}

export interface TriageThresholds {
  memoryBytes: number;
  longQueryMs: number;
  idleInTransactionMs: number;
}

export const TRIAGE_THRESHOLDS: TriageThresholds = {
  memoryBytes: 256 * 2 ** 20,
  longQueryMs: 60_000,
  idleInTransactionMs: 60_000,
};

export const MAX_SUSPECTS = 20;
export const WAITERS_SHOWN = 50;
/** A cancel older than this that left the query running counts as failed: terminate is next (runbook 2.2). */
export const CANCEL_FAILED_AFTER_MS = 5_000;

export interface TriageInput {
  /** Temp-file bytes per backend pid now on disk (pg_ls_tmpdir); empty when not readable. */
  tempBytesByPid?: ReadonlyMap<number, number>;
  /** Last cancel per session key (sessionKey()), ISO time. */
  cancelsTried?: ReadonlyMap<string, string>;
  /** Console clock, epoch ms (to age cancels). */
  nowMs?: number;
  thresholds?: TriageThresholds;
}

export const sessionKey = (pid: number, backendStart: string | null) => `${pid}:${backendStart ?? ""}`;

const TIER: Record<SuspectReason["kind"], number> = { blocker: 0, memory: 1, temp_files: 2, long_query: 3, idle_in_transaction: 4 };

const isIdleInTransaction = (s: Session) => s.state === "idle in transaction" || s.state === "idle in transaction (aborted)";

/** Each root blocker (blocks others, waits on nobody present) with everyone waiting behind it. */
export function lockTrees(sessions: readonly Session[]): Map<number, Session[]> {
  const byPid = new Map(sessions.map((s) => [s.pid, s]));
  const waitersOf = new Map<number, Session[]>();
  for (const s of sessions) {
    for (const b of s.blockedBy) {
      if (!waitersOf.has(b)) waitersOf.set(b, []);
      waitersOf.get(b)!.push(s);
    }
  }
  const trees = new Map<number, Session[]>();
  for (const pid of waitersOf.keys()) {
    const blocker = byPid.get(pid);
    if (!blocker || blocker.blockedBy.some((b) => byPid.has(b) && b !== pid)) continue; // a waiter itself: under its root
    const seen = new Set<number>([pid]);
    const queue = [...waitersOf.get(pid)!];
    const all: Session[] = [];
    while (queue.length) {
      const w = queue.shift()!;
      if (seen.has(w.pid)) continue;
      seen.add(w.pid);
      all.push(w);
      queue.push(...(waitersOf.get(w.pid) ?? []));
    }
    trees.set(pid, all);
  }
  return trees;
}

function memoryReason(s: Session, t: TriageThresholds): SuspectReason | null {
  if (!s.memory) return null;
  const [bytes, measure] = s.memory.pssBytes !== undefined ? [s.memory.pssBytes, "pss" as const] : [s.memory.rssBytes, "rss" as const];
  return bytes >= t.memoryBytes ? { kind: "memory", bytes, measure } : null;
}

function reasonsOf(s: Session, waiters: Session[] | undefined, input: TriageInput, t: TriageThresholds): SuspectReason[] {
  const out: SuspectReason[] = [];
  if (waiters?.length) {
    const waits = waiters.map((w) => w.queryMs).filter((m): m is number => m !== null);
    out.push({ kind: "blocker", waiters: waiters.length, longestWaitMs: waits.length ? Math.max(...waits) : null });
  }
  const client = s.backendType === "client backend";
  if (!client) return out; // a background process is suspect only as a blocker
  const mem = memoryReason(s, t);
  if (mem) out.push(mem);
  const temp = input.tempBytesByPid?.get(s.pid) ?? 0;
  if (temp > 0) out.push({ kind: "temp_files", bytes: temp });
  if (s.state === "active" && s.waitEventType !== "Lock" && (s.queryMs ?? 0) >= t.longQueryMs) out.push({ kind: "long_query", ms: s.queryMs! });
  if (isIdleInTransaction(s) && (s.stateMs ?? 0) >= t.idleInTransactionMs) out.push({ kind: "idle_in_transaction", ms: s.stateMs! });
  return out;
}

function actionFor(s: Session, cancelTriedAt: string | null, nowMs: number): Pick<Suspect, "action" | "actionWhy"> {
  if (isIdleInTransaction(s)) {
    return { action: "terminate", actionWhy: "cancel cannot end an idle transaction: terminate rolls it back" };
  }
  if (cancelTriedAt && s.state === "active" && nowMs - Date.parse(cancelTriedAt) >= CANCEL_FAILED_AFTER_MS) {
    return { action: "terminate", actionWhy: "cancel already sent, still running" };
  }
  return { action: "cancel", actionWhy: null };
}

/** Score within a tier: larger first. */
function weight(r: SuspectReason): number {
  switch (r.kind) {
    case "blocker":
      return r.waiters * 1e9 + (r.longestWaitMs ?? 0);
    case "memory":
    case "temp_files":
      return r.bytes;
    default:
      return r.ms;
  }
}

export function rankSuspects(sessions: readonly Session[], input: TriageInput = {}): Suspect[] {
  const t = input.thresholds ?? TRIAGE_THRESHOLDS;
  const nowMs = input.nowMs ?? Date.now();
  const trees = lockTrees(sessions);
  const waiting = new Set<number>();
  for (const ws of trees.values()) for (const w of ws) waiting.add(w.pid);
  const ranked: Array<{ s: Suspect; tier: number; weight: number }> = [];
  for (const s of sessions) {
    if (s.isTriage || waiting.has(s.pid)) continue; // waiters are shown under their blocker, never above it
    const reasons = reasonsOf(s, trees.get(s.pid), input, t).sort((a, b) => TIER[a.kind] - TIER[b.kind]);
    if (!reasons.length) continue;
    const waiters = trees.get(s.pid) ?? [];
    const cancelTriedAt = input.cancelsTried?.get(sessionKey(s.pid, s.backendStart)) ?? null;
    ranked.push({
      s: {
        pid: s.pid,
        backendStart: s.backendStart,
        reasons,
        waiters: waiters.slice(0, WAITERS_SHOWN).map((w) => ({ pid: w.pid, backendStart: w.backendStart, waitMs: w.queryMs })),
        waiterCount: waiters.length,
        cancelTriedAt,
        ...actionFor(s, cancelTriedAt, nowMs),
      },
      tier: TIER[reasons[0].kind],
      weight: weight(reasons[0]),
    });
  }
  ranked.sort((a, b) => a.tier - b.tier || b.weight - a.weight || a.s.pid - b.s.pid);
  return ranked.slice(0, MAX_SUSPECTS).map((r) => r.s);
}
