// The audit trail as one row per action: an intent and its outcome paired (a refusal is an outcome
// alone), with its state. Pure and isomorphic: the audit page pairs what it loaded and what arrives live.
import type { AuditEntry } from "./audit";

/** The longest an action may legitimately run: a command's 600 s deadline plus its kill grace, and a margin. */
export const NO_OUTCOME_AFTER_MS = 11 * 60_000;

export type ActionState = "done" | "interrupted" | "pending" | "no_outcome";

export interface AuditActionRow {
  /** The intent's id, or the lone outcome's (a refusal has no intent). */
  key: string;
  intent: AuditEntry | null;
  outcome: AuditEntry | null;
}

/** The row's representative entry: the intent when there is one (when it was asked), else the outcome. */
export const firstOf = (r: AuditActionRow): AuditEntry => (r.intent ?? r.outcome)!;

/**
 * done: has its outcome; interrupted: the console stopped while it ran (recorded at its restart), result
 * unknown; pending: an intent still within NO_OUTCOME_AFTER_MS; no_outcome: past it.
 */
export function actionState(r: AuditActionRow, now: number): ActionState {
  if (r.outcome) return r.outcome.outcome === "interrupted" ? "interrupted" : "done";
  return now - Date.parse(r.intent!.at) > NO_OUTCOME_AFTER_MS ? "no_outcome" : "pending";
}

/** Rows in any order (duplicates allowed) → one per action, newest first (by the first row's id). */
export function pairEntries(entries: Iterable<AuditEntry>): AuditActionRow[] {
  const rows = new Map<string, AuditActionRow>();
  for (const e of entries) {
    const key = e.phase === "outcome" && e.intentId ? e.intentId : e.id;
    const row = rows.get(key) ?? { key, intent: null, outcome: null };
    if (e.phase === "intent") row.intent = e;
    else row.outcome = e;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => (BigInt(b.key) > BigInt(a.key) ? 1 : BigInt(b.key) < BigInt(a.key) ? -1 : 0));
}
