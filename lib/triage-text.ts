// What the Suspects list says about each suspect: why it is there, in the words of the runbook.
import { formatBytes, formatDuration } from "./format";
import type { SuspectReason } from "./triage";

export function reasonText(r: SuspectReason): string {
  switch (r.kind) {
    case "blocker":
      return `blocks ${r.waiters} ${r.waiters === 1 ? "session" : "sessions"}${r.longestWaitMs !== null ? ` (longest wait ${formatDuration(r.longestWaitMs)})` : ""}`;
    case "memory":
      return `${r.measure.toUpperCase()} ${formatBytes(r.bytes)}`;
    case "temp_files":
      return `temp files ${formatBytes(r.bytes)}`;
    case "long_query":
      return `running ${formatDuration(r.ms)}`;
    case "idle_in_transaction":
      return `idle in transaction ${formatDuration(r.ms)}`;
  }
}

/** How the list is ordered, said once above it. */
export const RANKING_EXPLAINED =
  "Ranked by cause: sessions blocking others (waiters listed under them), then memory, temp files, long-running queries, long idle transactions.";
