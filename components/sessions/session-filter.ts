// Filtering and sorting of the sessions table. Pure: 2000 rows go through here every second.
import type { Session } from "@/lib/snapshot";
import { sessionMemoryBytes } from "@/components/host/host-processes";

export interface SessionFilter {
  search: string;
  /** Exact state, "" for all. */
  state: string;
  /** Case-insensitive "contains" matches, "" for all. */
  database: string;
  user: string;
  application: string;
  /** Minimum running time of the current query, seconds; null for no minimum. */
  minDurationSec: number | null;
}

export const emptyFilter: SessionFilter = { search: "", state: "", database: "", user: "", application: "", minDurationSec: null };

export type SortKey = "pid" | "user" | "database" | "application" | "client" | "state" | "waitEvent" | "queryDuration" | "xactAge" | "memory" | "backendStart";
export interface SortOrder {
  key: SortKey;
  dir: "asc" | "desc";
}

export const defaultSort: SortOrder = { key: "queryDuration", dir: "desc" };

/** How long the current query has been running: only meaningful while it runs (idle rows keep the last query's start). */
export function runningMs(s: Session): number | null {
  return s.state === "active" || s.state === "fastpath function call" ? s.queryMs : null;
}

export function waitEventLabel(s: Session): string {
  if (!s.waitEventType && !s.waitEvent) return "";
  return s.waitEventType && s.waitEvent ? `${s.waitEventType}: ${s.waitEvent}` : (s.waitEventType ?? s.waitEvent ?? "");
}

const contains = (value: string | null, needle: string) => needle === "" || (value ?? "").toLowerCase().includes(needle);

/** One predicate for the filter, built once per filter (rows and parallel groups both use it). */
export function sessionMatcher(f: SessionFilter): (s: Session) => boolean {
  const search = f.search.trim().toLowerCase();
  const database = f.database.trim().toLowerCase();
  const user = f.user.trim().toLowerCase();
  const application = f.application.trim().toLowerCase();
  const minMs = f.minDurationSec === null ? null : f.minDurationSec * 1000;
  return (s) => {
    if (f.state !== "" && s.state !== f.state) return false;
    if (!contains(s.database, database) || !contains(s.user, user) || !contains(s.applicationName, application)) return false;
    if (minMs !== null && (runningMs(s) ?? -1) < minMs) return false;
    if (search === "") return true;
    const haystack = [String(s.pid), s.user, s.database, s.applicationName, s.clientAddr, s.state, waitEventLabel(s), s.backendType, s.query];
    return haystack.some((v) => contains(v, search));
  };
}

function sortValue(s: Session, key: SortKey): string | number | null {
  switch (key) {
    case "pid":
      return s.pid;
    case "user":
      return s.user;
    case "database":
      return s.database;
    case "application":
      return s.applicationName || null;
    case "client":
      return s.clientAddr;
    case "state":
      return s.state;
    case "waitEvent":
      return waitEventLabel(s) || null;
    case "queryDuration":
      return runningMs(s);
    case "xactAge":
      return s.xactMs;
    case "memory":
      return sessionMemoryBytes(s);
    case "backendStart":
      return s.backendStart;
  }
}

/** Sorted copy; empty values go last in both directions, ties fall back to pid so rows do not jump. */
export function sortSessions(sessions: readonly Session[], order: SortOrder): Session[] {
  const sign = order.dir === "asc" ? 1 : -1;
  return sessions.slice().sort((a, b) => {
    const va = sortValue(a, order.key);
    const vb = sortValue(b, order.key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
      return a.pid - b.pid;
    }
    const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
    return cmp !== 0 ? sign * cmp : a.pid - b.pid;
  });
}

/** The choices offered by the filter fields: what the current sessions hold, sorted. */
export function distinctValues(sessions: readonly Session[], pick: (s: Session) => string | null): string[] {
  const set = new Set<string>();
  for (const s of sessions) {
    const v = pick(s);
    if (v) set.add(v);
  }
  return [...set].sort((a, b) => a.localeCompare(b));
}

const LONG_RUNNING_TOP = 20;

/** Runbook step 1.2: state = 'active' and running longer than the threshold, longest first, top 20. */
export function longRunning(sessions: readonly Session[], thresholdSec: number): Session[] {
  const minMs = thresholdSec * 1000;
  return sessions
    .filter((s) => s.state === "active" && s.queryMs !== null && s.queryMs >= minMs)
    .sort((a, b) => (b.queryMs ?? 0) - (a.queryMs ?? 0))
    .slice(0, LONG_RUNNING_TOP);
}
