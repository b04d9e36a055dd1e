// The OOM signal's wording. Pure.
import type { OomEvent, OomStatementSource } from "@/lib/snapshot";
import { formatDateTime } from "@/lib/format";

/** "OOM kill on db1: postgres pid 4123 at 2026-03-21 10:00:03" — the victim may be unknown when the kernel log is not readable. */
export function oomHeadline(hostName: string, e: OomEvent): string {
  const victim = e.victimCommand ?? "unknown process";
  const pid = e.victimPid === null ? "" : ` pid ${e.victimPid}`;
  const at = Date.parse(e.at);
  return `OOM kill on ${hostName}: ${victim}${pid} at ${Number.isNaN(at) ? e.at : formatDateTime(at)}`;
}

/** Where the banner's query comes from: the last poll may show an earlier statement than the one that allocated. */
export function statementSourceText(source: OomStatementSource | null | undefined): string {
  if (source === "postgres_log") return "from PostgreSQL's log: the statement it was running when killed";
  return "from the last poll: it may have moved on to the statement that allocated (PostgreSQL's log not read yet)";
}
