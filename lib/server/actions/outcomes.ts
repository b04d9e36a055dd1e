// The answer shape of every action and the audited refusal: a refusal is recorded before it is
// returned, so the trail shows attempts that never ran too.
import type { AuditActor, AuditOutcome, AuditSubject } from "../../audit";
import { AuditUnavailableError, recordRefusal } from "../audit/write";
import type { Db } from "../store/prisma";

export type ActionReply<T> =
  | { ok: true; auditId: string; result: T }
  | { ok: false; status: number; code: string; message: string; auditId?: string };

export type ActionFailure = Extract<ActionReply<never>, { ok: false }>;

export interface ActionContext {
  actor: AuditActor;
  reason?: string | null;
  /** The store; defaults to the one server.ts opened. */
  db?: Db;
}

export interface RefusalEntry {
  actor: AuditActor;
  targetId: string;
  action: string;
  subject: AuditSubject | Record<string, unknown> | null;
  sql?: string | null;
  reason?: string | null;
}

const STATUS: Record<string, number> = { not_found: 404, pid_reused: 409, changed: 409, refused: 403, target_unavailable: 503 };

export const failure = (code: string, message: string, auditId?: string): ActionFailure => ({
  ok: false,
  status: STATUS[code] ?? 400,
  code,
  message,
  ...(auditId ? { auditId } : {}),
});

export function auditUnavailable(e: unknown): ActionFailure | null {
  if (!(e instanceof AuditUnavailableError)) return null;
  return { ok: false, status: 503, code: "audit_unavailable", message: e.message };
}

/** Records the refusal (outcome row only) and returns it; a store outage does not hide the reason. */
export async function refuse(db: Db, entry: RefusalEntry, code: string, message: string): Promise<ActionFailure> {
  const outcome: AuditOutcome = code === "not_found" ? "not_found" : code === "target_unavailable" ? "error" : "refused";
  try {
    const row = await recordRefusal(db, { ...entry, sql: entry.sql ?? null, reason: entry.reason ?? null, outcome, message });
    return failure(code, message, idOf(row));
  } catch (e) {
    console.error("pg-triage: could not audit a refusal:", (e as Error).message);
    return failure(code, `${message} (the refusal could not be audited: the store is unavailable)`);
  }
}

const idOf = (row: unknown): string | undefined => {
  const id = (row as { id?: unknown } | null)?.id ?? row;
  return typeof id === "string" || typeof id === "bigint" || typeof id === "number" ? String(id) : undefined;
};
