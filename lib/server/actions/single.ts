// Cancel or terminate one session: look it up now, refuse (audited) what the console must not
// touch, then audit the intent and signal it with one statement that re-checks its identity.
import type { AuditSubject } from "../../audit";
import { audited, type CallbackResult } from "../audit/write";
import { describeError } from "../pg/connection";
import { exclusionReason, lookupBackends, runSignal, sameInstant, signalStatement, terminateWarnings, toSubject, type SignalOutcome } from "../pg/backends";
import type { SignalKind } from "../pg/sql";
import { consolePids } from "../monitors";
import { getPrisma } from "../store/store";
import { cancelMemory } from "./cancel-memory";
import { effectText, waitForEffect } from "./effect";
import { auditUnavailable, failure, refuse, type ActionContext, type ActionReply } from "./outcomes";
import { actionConnectionFor, resolveTarget, type ActionTarget } from "./registry";
import type { ActionConnection } from "./action-connection";

export interface SignalResult {
  signalled: boolean;
  /** Seen gone (terminate) / no longer running that query (cancel) on the monitor's next ticks; null: monitor down. */
  goneAfter: boolean | null;
  session: AuditSubject;
  warnings: string[];
}

export const cancelSession = (targetId: string, pid: number, backendStart: string, ctx: ActionContext) =>
  signalSession("cancel", targetId, pid, backendStart, ctx);

export const terminateSession = (targetId: string, pid: number, backendStart: string, ctx: ActionContext) =>
  signalSession("terminate", targetId, pid, backendStart, ctx);

export const notThereMessage = (pid: number, target: ActionTarget) => `pid ${pid} is not a session on ${target.name} any more`;
export const REUSED_MESSAGE = "pid now belongs to another session";

/** After a 0-row signal: was the session gone, its pid reused, or (bulk) no longer matching? */
export async function explainMissing(conn: ActionConnection, target: ActionTarget, pid: number, backendStart: string, hasFilter: boolean): Promise<SignalOutcome> {
  const [now] = await lookupBackends(conn, [pid], consolePids()).catch(() => []);
  if (!now) return { outcome: "not_found", signalled: false, code: "not_found", message: notThereMessage(pid, target) };
  if (!sameInstant(now.session.backendStart, backendStart)) return { outcome: "refused", signalled: false, code: "pid_reused", message: REUSED_MESSAGE };
  const message = hasFilter ? `pid ${pid} no longer matches the filter (state now ${now.session.state ?? "unknown"})` : `pid ${pid} changed before it was signalled`;
  return { outcome: "refused", signalled: false, code: "changed", message };
}

async function signalSession(kind: SignalKind, targetId: string, pid: number, backendStart: string, ctx: ActionContext): Promise<ActionReply<SignalResult>> {
  const target = resolveTarget(targetId);
  if (!target) return failure("not_found", `unknown target "${targetId}"`);
  const db = ctx.db ?? getPrisma();
  const action = `session.${kind}`;
  const base = { actor: ctx.actor, targetId, action, reason: ctx.reason ?? null };
  const conn = actionConnectionFor(target);

  let found;
  try {
    [found] = await lookupBackends(conn, [pid], consolePids());
  } catch (e) {
    return refuse(db, { ...base, subject: { pid, backendStart } }, "target_unavailable", `cannot reach ${target.name}: ${describeError(e)}`);
  }
  if (!found) return refuse(db, { ...base, subject: { pid, backendStart } }, "not_found", notThereMessage(pid, target));
  const subject = toSubject(found.session);
  if (!sameInstant(found.session.backendStart, backendStart)) return refuse(db, { ...base, subject: { ...subject, requestedBackendStart: backendStart } }, "pid_reused", REUSED_MESSAGE);
  const excluded = exclusionReason(found);
  if (excluded) return refuse(db, { ...base, subject }, "refused", excluded);

  const st = signalStatement(kind, pid, backendStart);
  let audit;
  try {
    audit = await audited(db, { ...base, subject, sql: st.auditText }, async (): Promise<CallbackResult<{ o: SignalOutcome; goneAfter: boolean | null }>> => {
      const o = await runSignal(conn, st, () => explainMissing(conn, target, pid, backendStart, false));
      if (!o.signalled) return { outcome: o.outcome, message: o.message, result: { o, goneAfter: null } };
      if (kind === "cancel") cancelMemory().note(targetId, pid, found.session.backendStart);
      // The outcome row records the effect seen on the next ticks ("query stopped", ...): the report reads it.
      const watch = { kind, before: found.session };
      const [goneAfter] = await waitForEffect(target.monitor, [watch]);
      return { outcome: o.outcome, message: effectText(watch, goneAfter, target.monitor.latest()), result: { o, goneAfter } };
    });
  } catch (e) {
    const unavailable = auditUnavailable(e);
    if (unavailable) return unavailable;
    return failure("target_unavailable", `signalling pid ${pid} on ${target.name} failed: ${describeError(e)}`);
  }
  const { o, goneAfter } = audit.result;
  if (!o.signalled) return failure(o.code, o.message, audit.auditId);
  const warnings = kind === "terminate" ? terminateWarnings(found.session) : [];
  return { ok: true, auditId: audit.auditId, result: { signalled: true, goneAfter, session: subject, warnings } };
}
