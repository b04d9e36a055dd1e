// What is in force (item 1): every allowlisted per-role setting in pg_db_role_setting, marked
// "pg-triage" when it is exactly what an active guardrail applied and "external" otherwise.
import { actionConnectionFor, resolveTarget } from "../actions/registry";
import { describeError } from "../pg/connection";
import { loginRolesSql, roleSettingsSql } from "../pg/sql";
import type { Db } from "../store/prisma";
import type { ActiveGuardrail, GuardrailsView, InForceSetting } from "../../guardrails";
import { getHelm } from "./helm";
import { fail, type GuardrailFailure } from "./outcomes";
import { preChangeSessions } from "./pre-change";
export type { ActiveGuardrail, GuardrailsView, InForceSetting };
import { isGuardrailSetting, splitConfigEntry } from "./values";

const key = (role: string, database: string | null, setting: string) => `${role}\0${database ?? ""}\0${setting}`;

export async function readGuardrails(targetId: string, db: Db): Promise<{ ok: true; view: GuardrailsView } | GuardrailFailure> {
  const target = resolveTarget(targetId);
  if (!target) return fail("not_found", `unknown target "${targetId}"`);
  const conn = actionConnectionFor(target);
  const [active, helm] = await Promise.all([db.guardrail.findMany({ where: { targetId, status: "active" }, orderBy: { appliedAt: "asc" } }), getHelm(db, targetId)]);
  let rows, roleRows;
  try {
    rows = (await conn.read<{ role: string; database: string | null; setconfig: string[] | null }>(roleSettingsSql(), [])).rows;
    roleRows = (await conn.read<{ role: string; connection_limit: number; superuser: boolean; sessions: number }>(loginRolesSql(), [])).rows;
  } catch (e) {
    return fail("target_unavailable", `cannot reach ${target.name}: ${describeError(e)}`);
  }
  const byScope = new Map(active.map((g) => [key(g.role, g.database, g.setting), g]));
  const current = new Map<string, string>();
  const settings: InForceSetting[] = [];
  for (const r of rows) {
    for (const entry of r.setconfig ?? []) {
      const kv = splitConfigEntry(entry);
      if (!kv || !isGuardrailSetting(kv[0])) continue;
      const [setting, value] = kv;
      current.set(key(r.role, r.database, setting), value);
      const g = byScope.get(key(r.role, r.database, setting));
      const ours = g && g.value === value;
      settings.push({ role: r.role, database: r.database, setting, value, source: ours ? "pg-triage" : "external", ...(ours ? { guardrailId: g.id, expiresAt: g.expiresAt?.toISOString() ?? null } : {}) });
    }
  }
  // CONNECTION LIMIT is a role attribute: shown like a role-wide setting when set (not -1) or ours.
  for (const r of roleRows) {
    const value = String(r.connection_limit);
    current.set(key(r.role, null, "connection_limit"), value);
    const g = byScope.get(key(r.role, null, "connection_limit"));
    const ours = g && g.value === value;
    if (r.connection_limit === -1 && !g) continue;
    settings.push({ role: r.role, database: null, setting: "connection_limit", value, source: ours ? "pg-triage" : "external", ...(ours ? { guardrailId: g.id, expiresAt: g.expiresAt?.toISOString() ?? null } : {}) });
  }
  const guardrails: ActiveGuardrail[] = [];
  for (const g of active) {
    const now = current.get(key(g.role, g.database, g.setting)) ?? null;
    const pre = g.appliedAtTarget ? await preChangeSessions(conn, g.role, g.database, g.appliedAtTarget).catch(() => null) : null;
    guardrails.push({
      id: g.id, role: g.role, database: g.database, setting: g.setting, value: g.value, prior: g.prior, current: now, changedOutside: now !== g.value,
      appliedAt: g.appliedAt.toISOString(), appliedBy: g.appliedBy, expiresAt: g.expiresAt?.toISOString() ?? null, expiryBlocked: g.expiryBlockedAt !== null, sessionsBeforeChange: pre,
    });
  }
  // Odoo's roles first: the runbook's subject.
  const odooFirst = <T extends { role: string }>(a: T, b: T) => Number(!/odoo/i.test(a.role)) - Number(!/odoo/i.test(b.role)) || a.role.localeCompare(b.role);
  const roles = roleRows.map((r) => ({ role: r.role, connectionLimit: r.connection_limit, superuser: r.superuser, sessions: r.sessions })).sort(odooFirst);
  return { ok: true, view: { settings: settings.sort(odooFirst), roles, guardrails, helm } };
}
