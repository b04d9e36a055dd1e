// Guardrail answers: the action reply shape plus HTTP statuses of their own and optional details
// (a conflict carries both values). Refusals that reached authorization are audited before returning.
import type { AuditActor } from "../../audit";
import { AuditUnavailableError, recordRefusal } from "../audit/write";
import type { Db } from "../store/prisma";
import { safeMessage } from "../pg/connection";

export type GuardrailFailure = { ok: false; status: number; code: string; message: string; auditId?: string; details?: Record<string, unknown> };
export type GuardrailReply<T> = { ok: true; auditId: string; result: T } | GuardrailFailure;

const STATUS: Record<string, number> = {
  invalid_input: 400,
  not_found: 404,
  unknown_role: 404,
  unknown_database: 404,
  not_helm_holder: 403,
  role_not_alterable: 403,
  helm_held: 409,
  conflict: 409,
  not_active: 409,
  raise_not_confirmed: 409,
  lock_timeout: 503,
  target_unavailable: 503,
  audit_unavailable: 503,
};

export function fail(code: string, message: string, extra: { auditId?: string; details?: Record<string, unknown> } = {}): GuardrailFailure {
  return { ok: false, status: STATUS[code] ?? 400, code, message, ...extra };
}

/** An AuditUnavailableError as a 503 (nothing was done); anything else is rethrown. */
export function unavailableOrThrow(e: unknown): GuardrailFailure {
  if (e instanceof AuditUnavailableError) return fail("audit_unavailable", e.message);
  throw e;
}

export interface RefusalOf {
  actor: AuditActor;
  targetId: string;
  action: string;
  subject: Record<string, unknown>;
  sql?: string | null;
  reason?: string | null;
}

/** Records the refused attempt (outcome row only), then returns the failure. Fails closed when the store is down. */
export async function refuseWith(db: Db, r: RefusalOf, code: string, message: string, details?: Record<string, unknown>): Promise<GuardrailFailure> {
  const outcome = code === "not_found" || code === "unknown_role" || code === "unknown_database" ? "not_found" : code === "target_unavailable" || code === "lock_timeout" ? "error" : "refused";
  try {
    const row = await recordRefusal(db, { ...r, sql: r.sql ?? null, reason: r.reason ?? null, outcome, message });
    return fail(code, message, { auditId: row.id, ...(details ? { details } : {}) });
  } catch (e) {
    if (e instanceof AuditUnavailableError) return fail(code, `${message} (the refusal could not be audited: the store is unavailable)`, details ? { details } : {});
    throw e;
  }
}

/** PostgreSQL's answer to an ALTER ROLE, as a failure naming the problem. */
export function pgFailure(e: unknown, what: string): GuardrailFailure {
  const err = e as { code?: string; message?: string };
  const msg = safeMessage(e);
  switch (err.code) {
    case "42501":
      return fail("role_not_alterable", `the console may not alter ${what}: ${msg} (42501; ALTER ROLE needs CREATEROLE, or superuser for superuser roles)`);
    case "42704":
      return fail("unknown_role", `${what}: ${msg}`);
    case "3D000":
      return fail("unknown_database", `${what}: ${msg}`);
    case "55P03":
      return fail("lock_timeout", `${what}: a lock was held too long (${msg}); nothing was changed, try again`);
    case "57014":
      return fail("lock_timeout", `${what}: the statement timed out (${msg}); nothing was changed`);
    default:
      return fail("target_unavailable", `${what} failed: ${msg}${err.code ? ` (${err.code})` : ""}`);
  }
}

/** A PostgreSQL error (SQLSTATE), as opposed to a lost connection or a deadline. */
export const isSqlState = (e: unknown) => {
  const code = (e as { code?: unknown }).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57P0)/.test(code);
};
