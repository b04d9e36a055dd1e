// Parallel workers under their leader, background processes apart. Pure: 2000 rows a second go through here.
import type { Session } from "@/lib/snapshot";
import { sessionMatcher, sortSessions, type SessionFilter, type SortOrder } from "./session-filter";
import { sessionKey as sessionKeyOf } from "@/lib/triage";

/** A top-level row of the table: a session and the parallel workers working for it. */
export interface SessionGroup {
  leader: Session;
  workers: Session[];
}

/** A session's identity (pid + backend_start), the same key the server uses (lib/triage.ts). */
export const sessionKey = (s: Session) => sessionKeyOf(s.pid, s.backendStart);

/** autovacuum, walwriter, checkpointer, parallel workers...: not a client's connection. */
export const isBackground = (s: Session) => s.backendType !== null && s.backendType !== "client backend";

/** A worker whose leader is in the list joins it; a leader may name itself (leaderPid === pid) and stays on top. */
export function groupParallelWorkers(sessions: readonly Session[]): SessionGroup[] {
  const byPid = new Map<number, SessionGroup>();
  const groups: SessionGroup[] = [];
  for (const s of sessions) {
    if (s.leaderPid !== null && s.leaderPid !== s.pid) continue;
    const g = { leader: s, workers: [] };
    byPid.set(s.pid, g);
    groups.push(g);
  }
  for (const s of sessions) {
    if (s.leaderPid === null || s.leaderPid === s.pid) continue;
    const leader = byPid.get(s.leaderPid);
    // A worker that outlived its leader's row (one poll at most) has no one to sit under: it stays
    // a top-level row, and as a background process it is hidden with the others by default.
    if (leader) leader.workers.push(s);
    else groups.push({ leader: s, workers: [] });
  }
  for (const g of groups) if (g.workers.length > 1) g.workers.sort((a, b) => a.pid - b.pid);
  return groups;
}

export interface VisibleGroups {
  groups: SessionGroup[];
  /** Top-level background processes, shown or not: the toggle's count. */
  backgroundCount: number;
}

/** Background toggle, then the filter (a group stays when its leader or one of its workers matches), then the sort on leaders. */
export function visibleGroups(all: readonly SessionGroup[], showBackground: boolean, filter: SessionFilter, order: SortOrder): VisibleGroups {
  const matches = sessionMatcher(filter);
  let backgroundCount = 0;
  const kept = new Map<Session, SessionGroup>();
  for (const g of all) {
    const background = isBackground(g.leader);
    if (background) backgroundCount++;
    if (background && !showBackground) continue;
    if (matches(g.leader) || g.workers.some(matches)) kept.set(g.leader, g);
  }
  const groups = sortSessions([...kept.keys()], order).map((s) => kept.get(s)!);
  return { groups, backgroundCount };
}

/** Where a pid sits: its group (a worker's is its leader's) and whether it is a worker. */
export function findPid(all: readonly SessionGroup[], pid: number): { group: SessionGroup; session: Session; isWorker: boolean } | null {
  for (const group of all) {
    if (group.leader.pid === pid) return { group, session: group.leader, isWorker: false };
    const worker = group.workers.find((w) => w.pid === pid);
    if (worker) return { group, session: worker, isWorker: true };
  }
  return null;
}

/** One line of the table: a top-level session (maybe gone, maybe with workers) or a worker under its leader. */
export interface DisplayRow {
  key: string;
  session: Session;
  depth: 0 | 1;
  /** Parallel workers of this leader (0 for workers and lone sessions). */
  workers: number;
  gone: boolean;
}

/** The table's lines: each group, then its workers when the group is expanded (a gone group shows none). */
export function displayRows(groups: ReadonlyArray<{ item: SessionGroup; gone: boolean }>, expandedGroups: ReadonlySet<string>): DisplayRow[] {
  const rows: DisplayRow[] = [];
  for (const { item: g, gone } of groups) {
    const key = sessionKey(g.leader);
    rows.push({ key, session: g.leader, depth: 0, workers: g.workers.length, gone });
    if (gone || g.workers.length === 0 || !expandedGroups.has(key)) continue;
    for (const w of g.workers) rows.push({ key: sessionKey(w), session: w, depth: 1, workers: 0, gone: false });
  }
  return rows;
}
