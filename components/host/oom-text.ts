// The OOM signal's wording. Pure.
import type { OomEvent, OomStatementSource } from "@/lib/snapshot";
import { formatDateTime, formatDuration } from "@/lib/format";
import { OOM_QUIET_MS } from "@/lib/oom-state";

export interface OomHeadline {
  /** "OOM kill on db1: postgres" */
  victim: string;
  /** Rendered between the two as "pid 4123" (a link when it was a session the console saw). */
  pid: number | null;
  /** "at 2026-03-21 10:00:03" */
  at: string;
}

/** "OOM kill on db1: postgres pid 4123 at 2026-03-21 10:00:03" in parts — the victim may be unknown when the kernel log is not readable. */
export function oomHeadline(hostName: string, e: OomEvent): OomHeadline {
  const at = Date.parse(e.at);
  return { victim: `OOM kill on ${hostName}: ${e.victimCommand ?? "unknown process"}`, pid: e.victimPid, at: `at ${Number.isNaN(at) ? e.at : formatDateTime(at)}` };
}

/** "2 in the last 10m 00s" or "none in the last 10m 00s (quiet)": runbook 3.1's window, as the checklist counts it. */
export function quietWindowText(killsInWindow: number): string {
  const window = `in the last ${formatDuration(OOM_QUIET_MS)}`;
  return killsInWindow === 0 ? `none ${window} (quiet)` : `${killsInWindow} ${window}`;
}

/** Where the banner's query comes from: the last poll may show an earlier statement than the one that allocated. */
export function statementSourceText(source: OomStatementSource | null | undefined): string {
  if (source === "postgres_log") return "from PostgreSQL's log: the statement it was running when killed";
  return "from the last poll: it may have moved on to the statement that allocated (PostgreSQL's log not read yet)";
}
