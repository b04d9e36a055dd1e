// Top processes by memory, joined to sessions by pid. Pure: runs on every probe.
import type { HostProcess, Session } from "@/lib/snapshot";

export type ProcessSortKey = "pid" | "command" | "kind" | "rss" | "pss" | "anon";
export interface ProcessSort {
  key: ProcessSortKey;
  dir: "asc" | "desc";
}
export const defaultProcessSort: ProcessSort = { key: "pss", dir: "desc" };

/** The memory a process holds, as fairly as the probe can tell: PSS shares shared_buffers out, RSS counts it in full. */
export const heldBytes = (p: { rssBytes: number; pssBytes?: number }) => p.pssBytes ?? p.rssBytes;

export interface ProcessRow extends HostProcess {
  /** The session with this pid, when the process is a postgres backend the snapshot knows. */
  session: Session | null;
}

export function joinSessions(processes: readonly HostProcess[], sessions: readonly Session[]): ProcessRow[] {
  const byPid = new Map(sessions.map((s) => [s.pid, s]));
  return processes.map((p) => ({ ...p, session: p.kind === "postgres" ? (byPid.get(p.pid) ?? null) : null }));
}

function value(p: HostProcess, key: ProcessSortKey): number | string | null {
  switch (key) {
    case "pid":
      return p.pid;
    case "command":
      return p.command;
    case "kind":
      return p.kind;
    case "rss":
      return p.rssBytes;
    // PSS falls back to RSS so a host without smaps_rollup access still sorts by memory.
    case "pss":
      return heldBytes(p);
    case "anon":
      return p.anonBytes ?? null;
  }
}

/** Sorted copy; missing values last in both directions, ties by pid so rows do not jump. */
export function sortProcesses<P extends HostProcess>(rows: readonly P[], order: ProcessSort): P[] {
  const sign = order.dir === "asc" ? 1 : -1;
  return rows.slice().sort((a, b) => {
    const va = value(a, order.key);
    const vb = value(b, order.key);
    if (va === null || vb === null) return va === vb ? a.pid - b.pid : va === null ? 1 : -1;
    const cmp = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
    return cmp !== 0 ? sign * cmp : a.pid - b.pid;
  });
}

export interface KindTotal {
  count: number;
  /** PSS where known, RSS otherwise. */
  bytes: number;
  /** How many of them had no PSS (their RSS overstates: shared_buffers counted per process). */
  rssOnly: number;
}

export function totalOf(processes: readonly HostProcess[], kind: HostProcess["kind"]): KindTotal {
  const t: KindTotal = { count: 0, bytes: 0, rssOnly: 0 };
  for (const p of processes) {
    if (p.kind !== kind) continue;
    t.count++;
    t.bytes += heldBytes(p);
    if (p.pssBytes === undefined) t.rssOnly++;
  }
  return t;
}

/** Odoo workers, biggest first. */
export const odooWorkers = (processes: readonly HostProcess[]) =>
  sortProcesses(processes.filter((p) => p.kind === "odoo"), defaultProcessSort);

/** The memory column of the sessions table: PSS when present, else RSS; null when unknown. */
export const sessionMemoryBytes = (s: Session): number | null => (s.memory ? heldBytes(s.memory) : null);
