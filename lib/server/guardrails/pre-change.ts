// Sessions still on the old settings (item 4): ALTER ROLE SET reaches new sessions only, so the
// commander sees how many started before the change and may recycle the idle ones (audited).
import type { AuditActor } from "../../audit";
import { audited } from "../audit/write";
import type { ActionConnection } from "../actions/action-connection";
import { actionConnectionFor, resolveTarget } from "../actions/registry";
import { consolePids } from "../monitors";
import { describeError } from "../pg/connection";
import { preChangeSessionsSql, recycleIdleSql } from "../pg/sql";
import type { Db } from "../store/prisma";
import { fail, unavailableOrThrow, type GuardrailReply } from "./outcomes";
import type { PreChange } from "../../guardrails";

export type { PreChange };

/** at null (a dry run): every current session of the role predates the change. */
export async function preChangeSessions(conn: ActionConnection, role: string, database: string | null, at: string | null): Promise<PreChange> {
  const r = await conn.read<{ sessions: number; idle: number }>(preChangeSessionsSql(), [role, database, at ?? "infinity", [...consolePids()]]);
  return { sessions: r.rows[0].sessions, idle: r.rows[0].idle };
}

export interface RecycleResult {
  terminated: { pid: number; backendStart: string }[];
  skipped: number;
  remaining: PreChange;
}

/** Terminates the idle sessions of the guardrail's role that started before it was applied. Needs no helm. */
export async function recycleIdle(targetId: string, guardrailId: string, o: { actor: AuditActor; db: Db; reason?: string | null }): Promise<GuardrailReply<RecycleResult>> {
  const target = resolveTarget(targetId);
  if (!target) return fail("not_found", `unknown target "${targetId}"`);
  const g = await o.db.guardrail.findFirst({ where: { id: guardrailId, targetId } });
  if (!g) return fail("not_found", `guardrail ${guardrailId} does not exist on ${targetId}`);
  if (!g.appliedAtTarget) return fail("not_active", `guardrail ${guardrailId} has no recorded apply time`);
  const conn = actionConnectionFor(target);
  const params = [g.role, g.database, g.appliedAtTarget, [...consolePids()]];
  const subject = { guardrailId, role: g.role, database: g.database, setting: g.setting, before: g.appliedAtTarget };
  try {
    const a = await audited(o.db, { actor: o.actor, targetId, action: "guardrail.recycle_idle", subject, sql: recycleIdleSql(), reason: o.reason ?? null }, async () => {
      const r = await conn.query<{ pid: number; backend_start: string; terminated: boolean }>(recycleIdleSql(), params);
      const terminated = r.rows.filter((x) => x.terminated).map((x) => ({ pid: x.pid, backendStart: x.backend_start }));
      return { outcome: "ok" as const, message: `terminated ${terminated.length} idle session(s) started before the change`, result: { terminated, skipped: r.rows.length - terminated.length } };
    });
    const remaining = await preChangeSessions(conn, g.role, g.database, g.appliedAtTarget).catch(() => ({ sessions: -1, idle: -1 }));
    return { ok: true, auditId: a.auditId, result: { ...a.result, remaining } };
  } catch (e) {
    if ((e as Error).name === "AuditUnavailableError") return unavailableOrThrow(e);
    return fail("target_unavailable", `recycling sessions on ${target.name} failed: ${describeError(e)}`);
  }
}
