// Write-ahead audit: the intent row is committed before the action runs, the outcome row after it.
// No intent, no action (fail closed). See README.md for the contract lib/server/actions codes against.
import type { AuditAction, AuditActor, AuditEntry, AuditOutcome, AuditSubject } from "../../audit";
import type { Db } from "../store/prisma";
import { appendOutcomeOnce, appendRow, type NewRow } from "./chain";
import { emitEntry } from "./events";
import { getAuditKey } from "./key";
import { outboxPath, queueOutcome, type OutboxLine } from "./outbox";

export { auditEvents } from "./events";

export class AuditUnavailableError extends Error {
  readonly code = "audit_unavailable";
  constructor(why: string) {
    super(`the audit trail cannot be written: ${why}; nothing was done`);
    this.name = "AuditUnavailableError";
  }
}

export interface AuditIntent {
  actor: AuditActor;
  targetId?: string | null;
  action: AuditAction;
  subject?: AuditSubject | Record<string, unknown> | null;
  /** The exact SQL that will run. */
  sql?: string | null;
  reason?: string | null;
}

export interface CallbackResult<T> {
  /** "error" without throwing keeps the auditId for the caller (a command that exited non-zero). */
  outcome: AuditOutcome;
  message?: string | null;
  result: T;
}

export interface Audited<T> {
  /** The intent row's id. */
  auditId: string;
  /** null when the store could not take the outcome row after the action ran: it waits in the outbox (or, if even that failed, is logged). */
  outcomeId: string | null;
  outcome: AuditOutcome;
  message: string | null;
  result: T;
}

export interface Refusal extends AuditIntent {
  message: string;
  /** Default "refused". */
  outcome?: Exclude<AuditOutcome, "ok">;
}

const MAX_MESSAGE = 4000;

/** One line, bounded: the last line of a Prisma error is the driver's reason, without the invocation dump. */
function why(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split("\n").map((l) => l.trim()).filter(Boolean).pop() ?? "unknown error";
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

function rowOf(i: AuditIntent, phase: "intent" | "outcome"): NewRow {
  const a = i.actor;
  return {
    phase,
    intentId: null,
    action: i.action,
    targetId: i.targetId ?? null,
    userId: a.userId,
    username: a.username,
    role: a.role,
    via: a.via,
    sessionId: a.sessionId ?? null,
    tokenId: a.tokenId ?? null,
    clientAddr: a.clientAddr,
    userAgent: a.userAgent ?? null,
    subject: i.subject ?? null,
    sql: i.sql ?? null,
    reason: i.reason ?? null,
    outcome: null,
    message: null,
    durationMs: null,
  };
}

async function append(db: Db, row: NewRow): Promise<AuditEntry> {
  const entry = await appendRow(db, getAuditKey(), row);
  emitEntry(entry);
  return entry;
}

/** Each row repeats the subject, SQL and reason so it stands alone in a filtered list or an export. */
/** `fn` gets the intent's id, so what it stores can point at its audit row. */
export async function audited<T>(db: Db, intent: AuditIntent, fn: (auditId: string) => Promise<CallbackResult<T>>): Promise<Audited<T>> {
  let written: AuditEntry;
  try {
    written = await append(db, rowOf(intent, "intent"));
  } catch (e) {
    throw new AuditUnavailableError(why(e));
  }
  const started = performance.now();
  let outcome: AuditOutcome;
  let message: string | null;
  let result: T | undefined;
  let thrown: { error: unknown } | null = null;
  try {
    const r = await fn(written.id);
    ({ outcome, result } = r);
    message = r.message ?? null;
  } catch (e) {
    thrown = { error: e };
    outcome = "error";
    message = e instanceof Error ? e.message : String(e);
  }
  const durationMs = Math.round(performance.now() - started);
  if (message !== null && message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE)}…`;
  const row = { ...rowOf(intent, "outcome"), phase: "outcome" as const, intentId: written.id, outcome, message, durationMs };
  let outcomeId: string | null = null;
  try {
    outcomeId = (await append(db, row)).id;
  } catch (e) {
    // The action has run: hiding its result would be worse than a late outcome row; the replayer writes it.
    try {
      const file = outboxPath();
      queueOutcome(file, getAuditKey(), row);
      console.error(`pg-triage: audit outcome for intent ${written.id} queued in the outbox ${file} (the store: ${why(e)})`);
    } catch (q) {
      console.error(`pg-triage: AUDIT OUTCOME LOST for intent ${written.id} (${why(e)}; the outbox: ${why(q)}):`, JSON.stringify({ outcome, message, durationMs }));
    }
  }
  if (thrown) throw thrown.error;
  return { auditId: written.id, outcomeId, outcome, message, result: result as T };
}

/** The replayer's writer: a queued outcome, unless its intent has one already; says when it really ended. */
export async function writeQueuedOutcome(db: Db, line: OutboxLine): Promise<"written" | "duplicate"> {
  const note = `(recorded late from the outbox: the store was unavailable when this ended at ${line.queuedAt})`;
  const row = { ...line.row, message: line.row.message ? `${line.row.message}\n${note}` : note };
  const entry = await appendOutcomeOnce(db, getAuditKey(), row);
  if (!entry) return "duplicate";
  emitEntry(entry);
  return "written";
}

/** A single outcome row for an attempt refused before anything ran (pid reused, the console's own backend...). */
export async function recordRefusal(db: Db, entry: Refusal): Promise<AuditEntry> {
  const row: NewRow = { ...rowOf(entry, "outcome"), outcome: entry.outcome ?? "refused", message: entry.message };
  try {
    return await append(db, row);
  } catch (e) {
    throw new AuditUnavailableError(why(e));
  }
}
