// Revert one guardrail (or all, newest first): restore the exact prior text at that scope, or RESET
// when there was none. A value changed outside the console since the apply is a conflict: answered
// with both values and left alone unless the caller says force (the expiry timer never forces).
import type { AuditActor } from "../../audit";
import { AuditUnavailableError, audited } from "../audit/write";
import { actionConnectionFor, resolveTarget } from "../actions/registry";
import { describeError } from "../pg/connection";
import type { GuardrailSetting } from "../pg/sql";
import type { Db } from "../store/prisma";
import { checkHelm } from "./helm";
import { fail, isSqlState, pgFailure, refuseWith, type GuardrailFailure, type GuardrailReply } from "./outcomes";
import { batchSql, currentValue, readScope, runBatch, scopeLabel } from "./scope";
import { withTargetLock } from "./target-lock";

export interface RevertOptions {
  actor: AuditActor;
  db: Db;
  force?: boolean;
  reason?: string | null;
  /** The expiry timer: no helm needed, records status "expired", marks a conflict instead of retrying it. */
  expiry?: boolean;
}

export interface RevertResult {
  id: string;
  status: "reverted" | "expired";
  role: string;
  database: string | null;
  setting: string;
  /** What was in force just before the revert. */
  before: string | null;
  /** What is in force now (the prior value; null: RESET). */
  after: string | null;
}

export async function revertGuardrail(targetId: string, guardrailId: string, o: RevertOptions): Promise<GuardrailReply<RevertResult>> {
  const target = resolveTarget(targetId);
  if (!target) return fail("not_found", `unknown target "${targetId}"`);
  const action = o.expiry ? "guardrail.expire" : "guardrail.revert";
  const base = { actor: o.actor, targetId, action, reason: o.reason ?? null };
  const g = await o.db.guardrail.findFirst({ where: { id: guardrailId, targetId } });
  if (!g) return fail("not_found", `guardrail ${guardrailId} does not exist on ${targetId}`);
  const subject = { guardrailId, role: g.role, database: g.database, setting: g.setting, applied: g.value, prior: g.prior };
  if (g.status !== "active") return fail("not_active", `guardrail ${guardrailId} is ${g.status}, not active`);
  if (!o.expiry) {
    const why = await checkHelm(o.db, targetId, o.actor);
    if (why) return refuseWith(o.db, { ...base, subject }, "not_helm_holder", why);
  }
  return withTargetLock(targetId, async () => {
    const conn = actionConnectionFor(target);
    const fresh = await o.db.guardrail.findUnique({ where: { id: guardrailId } });
    if (fresh?.status !== "active") return fail("not_active", `guardrail ${guardrailId} is ${fresh?.status ?? "gone"}, not active`);
    let scope;
    try {
      scope = await readScope(conn, g.role, g.database);
    } catch (e) {
      const message = `cannot reach ${target.name}: ${describeError(e)}`;
      // The timer retries on its next tick; writing a refusal every 5 s while the target is down helps no one.
      return o.expiry ? fail("target_unavailable", message) : refuseWith(o.db, { ...base, subject }, "target_unavailable", message);
    }
    if (!scope.roleExists) return refuseWith(o.db, { ...base, subject }, "unknown_role", `role: ${JSON.stringify(g.role)} no longer exists on ${target.name}`);
    if (!scope.databaseExists) return refuseWith(o.db, { ...base, subject }, "unknown_database", `database: ${JSON.stringify(g.database)} no longer exists on ${target.name}`);
    const before = currentValue(scope, g.setting);
    if (before !== g.value && !o.force) {
      const details = { applied: g.value, current: before, prior: g.prior };
      const message = `${g.setting} for ${scopeLabel(g.role, g.database)} was changed outside pg-triage since the guardrail was applied (applied ${g.value}, now ${before ?? "not set"}); revert with force: true to restore ${g.prior ?? "the default (RESET)"}`;
      if (o.expiry) await o.db.guardrail.update({ where: { id: g.id }, data: { expiryBlockedAt: new Date() } });
      return refuseWith(o.db, { ...base, subject: { ...subject, before } }, "conflict", message, details);
    }
    const sql = batchSql([{ role: g.role, database: g.database, setting: g.setting as GuardrailSetting, value: g.prior }]);
    const status = o.expiry ? ("expired" as const) : ("reverted" as const);
    try {
      const a = await audited(o.db, { ...base, subject: { ...subject, before, after: g.prior, forced: !!o.force && before !== g.value }, sql }, async () => {
        await runBatch(conn, sql);
        await o.db.guardrail.update({ where: { id: g.id }, data: { status, endedAt: new Date(), endedBy: o.actor.username } });
        return { outcome: "ok" as const, result: null };
      });
      return { ok: true, auditId: a.auditId, result: { id: g.id, status, role: g.role, database: g.database, setting: g.setting, before, after: g.prior } };
    } catch (e) {
      if (e instanceof AuditUnavailableError) return fail("audit_unavailable", e.message);
      if (isSqlState(e)) return pgFailure(e, scopeLabel(g.role, g.database));
      return fail("target_unavailable", `reverting on ${target.name} failed: ${describeError(e)}`);
    }
  });
}

export type RevertAllItem = { id: string; ok: true; auditId: string; result: RevertResult } | ({ id: string } & GuardrailFailure);

/** The runbook's backout plan: every active guardrail of the target, newest first, each audited on its own. */
export async function revertAll(targetId: string, o: RevertOptions): Promise<GuardrailReply<{ results: RevertAllItem[] }>> {
  if (!resolveTarget(targetId)) return fail("not_found", `unknown target "${targetId}"`);
  const why = await checkHelm(o.db, targetId, o.actor);
  if (why) return refuseWith(o.db, { actor: o.actor, targetId, action: "guardrail.revert_all", subject: {}, reason: o.reason ?? null }, "not_helm_holder", why);
  const active = await o.db.guardrail.findMany({ where: { targetId, status: "active" }, orderBy: { appliedAt: "desc" } });
  const results: RevertAllItem[] = [];
  for (const g of active) {
    const r = await revertGuardrail(targetId, g.id, o);
    results.push({ id: g.id, ...r });
  }
  const firstOk = results.find((r): r is Extract<RevertAllItem, { ok: true }> => r.ok);
  return { ok: true, auditId: firstOk?.auditId ?? "", result: { results } };
}
