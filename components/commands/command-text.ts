// Words for a command's result, shared by the row (last run) and the dialog (this run). Pure.
import { exitSummary, type CommandLastRun, type CommandRunResult } from "@/lib/commands";
import { formatDuration } from "@/lib/format";

/** exitSummary for a person: "Exit 0 — succeeded", "Killed after 30 s (timeout)". */
export function exitText(r: Pick<CommandRunResult, "exitCode" | "timedOut">, timeoutSeconds: number): string {
  const s = exitSummary(r, timeoutSeconds);
  const text = s.charAt(0).toUpperCase() + s.slice(1);
  return r.timedOut || r.exitCode === null ? text : `${text} — ${r.exitCode === 0 ? "succeeded" : "failed"}`;
}

export type Tone = "ok" | "bad" | "neutral";

export const toneOf = (r: Pick<CommandRunResult, "exitCode" | "timedOut">): Tone => (r.exitCode === 0 && !r.timedOut ? "ok" : "bad");

/** The row's last-run line, e.g. "exit 0 in 120 ms by oscar". */
export function lastRunText(l: CommandLastRun): string {
  const took = l.durationMs === null ? "" : ` in ${formatDuration(l.durationMs)}`;
  return `${l.summary || l.outcome}${took} by ${l.by}`;
}

/** "running… 4 s" while a run is in flight (elapsed from the click). */
export const runningText = (elapsedMs: number) => `running… ${elapsedMs < 60_000 ? `${Math.floor(elapsedMs / 1000)} s` : formatDuration(elapsedMs)}`;
