// What each guardrail apply found before it, from the store's Guardrail rows (keyed by the apply's audit
// intent): the report's fallback when an audit subject does not carry its "before" value.
import type { AuditEntry } from "../../audit";
import type { Db } from "../store/prisma";

export interface GuardrailPrior {
  role: string;
  database: string | null;
  setting: string;
  prior: string | null;
}

/** Audit intent id → the guardrail rows that apply wrote. */
export type GuardrailPriors = ReadonlyMap<string, GuardrailPrior[]>;

const APPLIES = new Set(["guardrail.apply", "guardrails.preset"]);

export async function guardrailPriors(db: Db, entries: readonly AuditEntry[]): Promise<GuardrailPriors> {
  const ids = [...new Set(entries.filter((e) => APPLIES.has(e.action) && e.intentId).map((e) => e.intentId!))];
  if (!ids.length) return new Map();
  const rows = await db.guardrail.findMany({ where: { auditId: { in: ids } }, select: { auditId: true, role: true, database: true, setting: true, prior: true } });
  const out = new Map<string, GuardrailPrior[]>();
  for (const { auditId, ...g } of rows) out.set(auditId, [...(out.get(auditId) ?? []), g]);
  return out;
}
