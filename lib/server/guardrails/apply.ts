// Apply one guardrail or the emergency preset: validate the scope on the target, record the exact
// prior value, then ONE audited ALTER batch (all or nothing). The store rows are written before the
// ALTER so a store failure afterwards can never leave an applied guardrail without its rollback.
import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit";
import { AuditUnavailableError, audited } from "../audit/write";
import { actionConnectionFor, resolveTarget } from "../actions/registry";
import { describeError } from "../pg/connection";
import type { GuardrailSetting, RoleSettingChange } from "../pg/sql";
import type { Db } from "../store/prisma";
import { RAISE_GUARDED_SETTINGS, type Direction, type EffectiveValue } from "../../guardrails";
import { levelText } from "./effective";
import { connectionLimitEffective, readEffective } from "./effective-read";
import { checkHelm } from "./helm";
import { fail, isSqlState, pgFailure, refuseWith, unavailableOrThrow, type GuardrailReply } from "./outcomes";
import { preChangeSessions, type PreChange } from "./pre-change";
import { batchSql, currentValue, readScope, runBatch, scopeLabel, type ScopeState } from "./scope";
import { directionOf, settingMagnitude } from "./values";
import { withTargetLock } from "./target-lock";

export interface GuardrailChange {
  role: string;
  database: string | null;
  setting: GuardrailSetting;
  /** Canonical text from parseSettingValue(). */
  value: string;
  /** How the value was chosen (the preset's computation, or "entered by you"). */
  how?: string;
}

export interface DiffRow extends GuardrailChange {
  /** The raw value at that scope now (null: none there). */
  before: string | null;
  /** The value the revert will restore (the baseline before the console's first change). */
  prior: string | null;
  /** The active guardrail this one replaces at the same scope, if any. */
  supersedes: string | null;
  /** The value a new session of that role (in that database) gets now, and the level it comes from. */
  effective: EffectiveValue;
  direction: Direction;
  /** A raise (or an uncomparable value) that needs confirmRaise. */
  needsConfirmation: boolean;
}

export interface AppliedGuardrail {
  id: string;
  role: string;
  database: string | null;
  setting: GuardrailSetting;
  prior: string | null;
  value: string;
  expiresAt: string | null;
}

export interface ApplyResult {
  dryRun: boolean;
  diff: DiffRow[];
  guardrails: AppliedGuardrail[];
  /** The target's clock right after the ALTER; null on a dry run. */
  appliedAt: string | null;
  /** Sessions of the role(s) that started before the change and keep the old values. */
  sessionsBeforeChange: PreChange;
  note: string;
}

export interface ApplyOptions {
  actor: AuditActor;
  db: Db;
  expiresInMinutes?: number;
  reason?: string | null;
  dryRun?: boolean;
  /** "guardrail.apply" or "guardrails.preset". */
  action: string;
  /** The caller confirmed raising above the value in force. */
  confirmRaise?: boolean;
  /** The preset: a raise of ANY setting needs the confirmation; otherwise only the memory ones (RAISE_GUARDED_SETTINGS). */
  guardEverySetting?: boolean;
}

export const NEW_SESSIONS_NOTE = "ALTER ROLE ... SET applies to new sessions only: sessions that started before the change keep their old values until they reconnect.";

export async function applyGuardrails(targetId: string, changes: GuardrailChange[], o: ApplyOptions): Promise<GuardrailReply<ApplyResult>> {
  const target = resolveTarget(targetId);
  if (!target) return fail("not_found", `unknown target "${targetId}"`);
  const base = { actor: o.actor, targetId, action: o.action, reason: o.reason ?? null };
  const expiresAt = o.expiresInMinutes ? new Date(Date.now() + o.expiresInMinutes * 60_000) : null;
  const requested = { changes, expiresAt: expiresAt?.toISOString() ?? null };
  if (!o.dryRun) {
    const why = await checkHelm(o.db, targetId, o.actor);
    if (why) return refuseWith(o.db, { ...base, subject: requested }, "not_helm_holder", why);
  }
  return withTargetLock(targetId, async () => {
    const conn = actionConnectionFor(target);
    const diff: DiffRow[] = [];
    for (const c of changes) {
      let scope: ScopeState;
      let effective: EffectiveValue & { magnitude: number | null };
      try {
        scope = await readScope(conn, c.role, c.database);
        effective = c.setting === "connection_limit" ? connectionLimitEffective(scope.connectionLimit) : (await readEffective(conn, c.role, c.database, [c.setting])).get(c.setting)!;
      } catch (e) {
        return refuseWith(o.db, { ...base, subject: requested }, "target_unavailable", `cannot reach ${target.name}: ${describeError(e)}`);
      }
      if (!scope.roleExists) return refuseWith(o.db, { ...base, subject: requested }, "unknown_role", `role: ${JSON.stringify(c.role)} does not exist on ${target.name}`);
      if (!scope.databaseExists) return refuseWith(o.db, { ...base, subject: requested }, "unknown_database", `database: ${JSON.stringify(c.database)} does not exist on ${target.name}`);
      const before = currentValue(scope, c.setting);
      const active = await o.db.guardrail.findFirst({
        where: { targetId, role: c.role, database: c.database, setting: c.setting, status: "active" },
        orderBy: { appliedAt: "desc" },
      });
      // Stacked on our own guardrail: keep its baseline so one revert goes back to before the incident.
      const prior = active && active.value === before ? active.prior : before;
      const direction = directionOf(effective.magnitude, settingMagnitude(c.setting, c.value));
      const guarded = o.guardEverySetting || RAISE_GUARDED_SETTINGS.includes(c.setting);
      const { magnitude: _m, ...shown } = effective;
      diff.push({ ...c, before, prior, supersedes: active?.id ?? null, effective: shown, direction, needsConfirmation: guarded && (direction === "raise" || direction === "unknown") });
    }
    const raises = diff.filter((d) => d.needsConfirmation);
    if (raises.length > 0 && !o.dryRun && !o.confirmRaise) {
      const what = raises.map((d) => `${d.setting} ${d.value} is ${d.direction === "raise" ? "above" : "not comparable with"} the ${d.effective.value ?? "unknown value"} in force (${levelText(d.effective)})`).join("; ");
      const message = `${raises.map((d) => d.setting).join(", ")}: refusing to raise during a memory incident for ${scopeLabel(changes[0].role, changes[0].database)}: ${what}. Send confirmRaise: true to raise it anyway.`;
      const details = { raises: raises.map((d) => ({ setting: d.setting, effective: d.effective, proposed: d.value, direction: d.direction })) };
      return refuseWith(o.db, { ...base, subject: { ...requested, raises: details.raises } }, "raise_not_confirmed", message, details);
    }
    const roles = [...new Map(changes.map((c) => [`${c.role}\0${c.database}`, c])).values()];
    if (o.dryRun) {
      const pre = await countPreChange(conn, roles, null);
      return { ok: true, auditId: "", result: { dryRun: true, diff, guardrails: [], appliedAt: null, sessionsBeforeChange: pre, note: NEW_SESSIONS_NOTE } };
    }
    const sql = batchSql(changes.map(({ role, database, setting, value }): RoleSettingChange => ({ role, database, setting, value })));
    const batchId = changes.length > 1 ? randomUUID() : null;
    const subject = {
      diff: diff.map(({ role, database, setting, before, value, prior, effective, direction, how }) => ({ role, database, setting, before, after: value, prior, effective, direction, ...(how ? { how } : {}) })),
      expiresAt: requested.expiresAt,
      ...(raises.length > 0 ? { raiseConfirmed: true } : {}),
    };
    let ids: string[] = [];
    try {
      const a = await audited(o.db, { ...base, subject, sql }, async () => {
        ids = await recordRows(o.db, targetId, diff, o.actor.username, expiresAt, batchId);
        let appliedAt: string;
        try {
          appliedAt = await runBatch(conn, sql);
        } catch (e) {
          await undoRows(o.db, ids, diff);
          throw e;
        }
        await o.db.guardrail.updateMany({ where: { id: { in: ids } }, data: { appliedAtTarget: appliedAt } }).catch((e) => {
          console.error("pg-triage: could not record a guardrail's apply time:", (e as Error).message);
        });
        return { outcome: "ok" as const, result: appliedAt };
      });
      const appliedAt = a.result;
      await o.db.guardrail.updateMany({ where: { id: { in: ids } }, data: { auditId: a.auditId } }).catch(() => {});
      const pre = await countPreChange(conn, roles, appliedAt);
      const guardrails = diff.map((d, i) => ({ id: ids[i], role: d.role, database: d.database, setting: d.setting, prior: d.prior, value: d.value, expiresAt: expiresAt?.toISOString() ?? null }));
      return { ok: true, auditId: a.auditId, result: { dryRun: false, diff, guardrails, appliedAt, sessionsBeforeChange: pre, note: NEW_SESSIONS_NOTE } };
    } catch (e) {
      if (e instanceof AuditUnavailableError) return unavailableOrThrow(e);
      if (isSqlState(e)) return pgFailure(e, changes.length === 1 ? scopeLabel(changes[0].role, changes[0].database) : "the preset");
      return fail("target_unavailable", `applying on ${target.name} failed: ${describeError(e)}`);
    }
  });
}

async function recordRows(db: Db, targetId: string, diff: DiffRow[], by: string, expiresAt: Date | null, batchId: string | null): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const ids: string[] = [];
    for (const d of diff) {
      if (d.supersedes) await tx.guardrail.update({ where: { id: d.supersedes }, data: { status: "superseded", endedAt: new Date(), endedBy: by } });
      const row = await tx.guardrail.create({
        data: { targetId, role: d.role, database: d.database, setting: d.setting, value: d.value, prior: d.prior, status: "active", appliedBy: by, expiresAt, batchId, auditId: "pending" },
      });
      ids.push(row.id);
    }
    return ids;
  });
}

/** The ALTER failed (nothing changed on the target): forget the new rows, reinstate what they superseded. */
async function undoRows(db: Db, ids: string[], diff: DiffRow[]): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.guardrail.deleteMany({ where: { id: { in: ids } } });
    for (const d of diff) if (d.supersedes) await tx.guardrail.update({ where: { id: d.supersedes }, data: { status: "active", endedAt: null, endedBy: null } });
  });
}

async function countPreChange(conn: Parameters<typeof preChangeSessions>[0], scopes: GuardrailChange[], at: string | null): Promise<PreChange> {
  const total: PreChange = { sessions: 0, idle: 0 };
  for (const s of scopes) {
    const n = await preChangeSessions(conn, s.role, s.database, at).catch(() => null);
    if (n) {
      total.sessions += n.sessions;
      total.idle += n.idle;
    }
  }
  return total;
}
