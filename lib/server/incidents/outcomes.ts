// Incident answers: ok with the audit id, or a failure with its HTTP status (refusals are audited first).
import type { AuditActor } from "../../audit";
import { AuditUnavailableError, recordRefusal } from "../audit/write";
import type { Db } from "../store/prisma";

export type IncidentFailure = { ok: false; status: number; code: string; message: string; auditId?: string; details?: Record<string, unknown> };
export type IncidentReply<T> = { ok: true; auditId: string; result: T } | IncidentFailure;

const STATUS: Record<string, number> = { not_found: 404, unknown_step: 400, incident_open: 409, incident_closed: 409, audit_unavailable: 503 };

export function fail(code: string, message: string, extra: { auditId?: string; details?: Record<string, unknown> } = {}): IncidentFailure {
  return { ok: false, status: STATUS[code] ?? 400, code, message, ...extra };
}

/** An AuditUnavailableError as a 503 (nothing was done); anything else is rethrown. */
export function unavailableOrThrow(e: unknown): IncidentFailure {
  if (e instanceof AuditUnavailableError) return fail("audit_unavailable", e.message);
  throw e;
}

export interface Refused {
  actor: AuditActor;
  targetId: string;
  action: string;
  subject: Record<string, unknown>;
}

/** Records the refused attempt (one outcome row), then answers with the failure; fails closed without the store. */
export async function refuse(db: Db, r: Refused, code: string, message: string, details?: Record<string, unknown>): Promise<IncidentFailure> {
  try {
    const row = await recordRefusal(db, { ...r, outcome: "refused", message });
    return fail(code, message, { auditId: row.id, ...(details ? { details } : {}) });
  } catch (e) {
    return unavailableOrThrow(e);
  }
}

/** The store's unique violation (Prisma P2002, or the driver's 23505 passed through the adapter). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: { code?: string; originalCode?: string } } | null;
  return err?.code === "P2002" || err?.code === "23505" || err?.cause?.originalCode === "23505" || /Incident_one_open_per_target|unique constraint/i.test(err?.message ?? "");
}
