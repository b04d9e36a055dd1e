// What a command run leaves in the audit outcome message: a summary line (parsed back for "last run")
// and the tails of its output, bounded so the message stays under the trail's 4000-character cap.
import type { CommandLastRun } from "../../commands";
import { exitOfSummary, exitSummary } from "../../commands";
import type { AuditEntry } from "../../audit";
import type { ExecResult } from "../host/transport";

/** Characters of each stream kept in the audit (the full capture goes back to the caller only). */
export const AUDIT_TAIL_CHARS = 1500;

/** The end of a text, at most n characters, saying how much was left out. */
export function tailOf(text: string, n = AUDIT_TAIL_CHARS): { text: string; omitted: number } {
  const chars = Array.from(text); // whole code points: never half a surrogate pair
  return chars.length <= n ? { text, omitted: 0 } : { text: chars.slice(-n).join(""), omitted: chars.length - n };
}

function section(label: string, text: string): string {
  if (!text) return `${label}: (empty)`;
  const t = tailOf(text);
  return `${label}${t.omitted ? ` (last ${AUDIT_TAIL_CHARS} characters; ${t.omitted} before them left out)` : ""}:\n${t.text}`;
}

/** The outcome message of a run: summary line, then the stdout and stderr tails. */
export function auditMessage(r: ExecResult, timeoutSeconds: number): string {
  const lines = [exitSummary(r, timeoutSeconds)];
  if (r.truncated) lines.push("(output was cut at the capture cap on the host side)");
  lines.push(section("stdout", r.stdout), section("stderr", r.stderr));
  return lines.join("\n");
}

/** A "last run" from a command.run outcome row that had an intent (refusals never ran anything). */
export function lastRunOf(e: AuditEntry): { name: string; run: CommandLastRun } | null {
  const name = (e.subject as { name?: unknown } | null)?.name;
  if (e.phase !== "outcome" || e.intentId === null || typeof name !== "string" || e.outcome === null) return null;
  const summary = (e.message ?? "").split("\n")[0];
  return { name, run: { at: e.at, by: e.actor.username, ...exitOfSummary(summary), outcome: e.outcome, summary, durationMs: e.durationMs } };
}
