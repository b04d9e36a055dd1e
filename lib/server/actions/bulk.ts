// Bulk containment by filter: a preview lists exactly which sessions (pid + backend_start) match
// now; the confirmation acts on that list only, re-checking each one against the filter atomically.
import type { AuditSubject } from "../../audit";
import { audited } from "../audit/write";
import { describeError } from "../pg/connection";
import { exclusionReason, lookupBackends, matchingBackends, runSignal, sameInstant, signalStatement, terminateWarnings, toSubject, type Backend } from "../pg/backends";
import type { SignalKind } from "../pg/sql";
import { consolePids } from "../monitors";
import { getPrisma } from "../store/store";
import { cancelMemory } from "./cancel-memory";
import { sincePreview, type PreviewedSession, type SincePreview } from "./bulk-marks";
import { waitForEffect, type EffectWatch } from "./effect";
import { auditUnavailable, failure, refuse, type ActionContext, type ActionFailure, type ActionReply } from "./outcomes";
import { isLinkFailure } from "./action-connection";
import { actionConnectionFor, resolveTarget } from "./registry";
import { MAX_BULK, type SessionFilter } from "./schemas";
import { explainMissing, notThereMessage, REUSED_MESSAGE } from "./single";

export interface PreviewSession extends AuditSubject {
  clientAddr: string | null;
  warnings: string[];
}

export interface BulkPreview {
  sessions: PreviewSession[];
  /** Matched the filter but will not be signalled, with why (own connection, non-client, superuser). */
  excluded: Array<AuditSubject & { reason: string }>;
  /** Matching sessions beyond the first MAX_BULK (oldest first), left for a second round. */
  more: number;
}

export interface BulkItemResult {
  pid: number;
  backendStart: string;
  /** gone: left before the confirmation; pid_reused: backend_start differs (another session); changed: no longer matches. None of these is signalled. */
  outcome: "ok" | "gone" | "pid_reused" | "changed" | "refused" | "error";
  message?: string;
  auditId?: string;
  goneAfter?: boolean | null;
  /** Its state or query changed since the preview (still signalled when it still matches the filter). */
  sincePreview?: SincePreview;
}

export type PreviewReply = { ok: true; result: BulkPreview } | ActionFailure;

/** Not audited: it changes nothing. */
export async function previewBulk(targetId: string, kind: SignalKind, filter: SessionFilter): Promise<PreviewReply> {
  const target = resolveTarget(targetId);
  if (!target) return failure("not_found", `unknown target "${targetId}"`);
  let rows: Backend[];
  try {
    rows = await matchingBackends(actionConnectionFor(target), filter, consolePids());
  } catch (e) {
    return failure("target_unavailable", `cannot reach ${target.name}: ${describeError(e)}`);
  }
  const preview: BulkPreview = { sessions: [], excluded: [], more: 0 };
  for (const b of rows) {
    const reason = exclusionReason(b);
    if (reason) preview.excluded.push({ ...toSubject(b.session), reason });
    else if (preview.sessions.length >= MAX_BULK) preview.more++;
    else preview.sessions.push({ ...toSubject(b.session), clientAddr: b.session.clientAddr, warnings: kind === "terminate" ? terminateWarnings(b.session) : [] });
  }
  return { ok: true, result: preview };
}

export async function confirmBulk(
  targetId: string,
  kind: SignalKind,
  filter: SessionFilter,
  list: PreviewedSession[],
  ctx: ActionContext,
): Promise<ActionReply<{ results: BulkItemResult[] }>> {
  const target = resolveTarget(targetId);
  if (!target) return failure("not_found", `unknown target "${targetId}"`);
  const db = ctx.db ?? getPrisma();
  const conn = actionConnectionFor(target);
  const unique = [...new Map(list.map((s) => [s.pid, s])).values()];
  const base = { actor: ctx.actor, targetId, reason: ctx.reason ?? null };
  const perSession = { ...base, action: `session.${kind}` };
  const template = signalStatement(kind, 0, "", filter).sql;
  const watches: Array<{ i: number; w: EffectWatch }> = [];

  const run = async (): Promise<BulkItemResult[]> => {
    const found = new Map((await lookupBackends(conn, unique.map((s) => s.pid), consolePids(), filter)).map((b) => [b.session.pid, b]));
    const results: BulkItemResult[] = [];
    let auditDown: string | null = null;
    // After a signal lost to a dead or half-open link, the rest are not tried: each would wait its own deadline.
    let linkDown: string | null = null;
    for (const item of unique) {
      const b = found.get(item.pid);
      const marks = b && sameInstant(b.session.backendStart, item.backendStart) ? sincePreview(item, b.session) : null;
      const r = (outcome: BulkItemResult["outcome"] | "not_found", message?: string, auditId?: string): BulkItemResult => ({
        pid: item.pid,
        backendStart: item.backendStart,
        outcome: outcome === "not_found" ? "gone" : outcome,
        ...(message ? { message } : {}),
        ...(auditId ? { auditId } : {}),
        ...(marks ? { sincePreview: marks } : {}),
      });
      if (auditDown || linkDown) {
        results.push(r("error", `not signalled: ${auditDown ?? linkDown}`));
        continue;
      }
      const subject = b ? toSubject(b.session) : { pid: item.pid, backendStart: item.backendStart };
      const skip = async (code: BulkItemResult["outcome"] | "not_found", message: string) => {
        const f = await refuse(db, { ...perSession, subject: marks ? { ...subject, sincePreview: marks } : subject }, code, message);
        results.push(r(code, f.message, f.auditId));
      };
      if (!b) await skip("not_found", `${notThereMessage(item.pid, target)}: gone since the preview, not signalled`);
      else if (!sameInstant(b.session.backendStart, item.backendStart)) await skip("pid_reused", `${REUSED_MESSAGE} (backend_start changed since the preview): not signalled`);
      else if (!b.matches) await skip("changed", `pid ${item.pid} no longer matches the filter (state now ${b.session.state ?? "unknown"})`);
      else if (exclusionReason(b)) await skip("refused", exclusionReason(b)!);
      else {
        const st = signalStatement(kind, item.pid, item.backendStart, filter);
        try {
          const a = await audited(db, { ...perSession, subject: marks ? { ...subject, sincePreview: marks } : subject, sql: st.auditText }, async () => {
            const o = await runSignal(conn, st, () => explainMissing(conn, target, item.pid, item.backendStart, true));
            return { outcome: o.outcome, ...(o.signalled ? {} : { message: o.message }), result: o };
          });
          if (a.result.signalled) {
            if (kind === "cancel") cancelMemory().note(targetId, item.pid, b.session.backendStart);
            watches.push({ i: results.length, w: { kind, before: b.session } });
            results.push(r("ok", undefined, a.auditId));
          } else results.push(r(a.result.code, a.result.message, a.auditId));
        } catch (e) {
          const down = auditUnavailable(e);
          if (down) auditDown = down.message;
          else if (isLinkFailure(e)) linkDown = `${target.name} stopped answering (${describeError(e)})`;
          results.push(r("error", down ? `not signalled: ${down.message}` : describeError(e)));
        }
      }
    }
    return results;
  };

  let summary;
  try {
    summary = await audited(db, { ...base, action: `sessions.bulk_${kind}`, subject: { filter, sessions: unique }, sql: template }, async () => {
      const results = await run();
      const done = results.filter((x) => x.outcome === "ok").length;
      return { outcome: "ok" as const, message: `${done} of ${results.length} signalled, ${results.length - done} skipped`, result: results };
    });
  } catch (e) {
    const down = auditUnavailable(e);
    if (down) return down;
    return failure("target_unavailable", `bulk ${kind} on ${target.name} failed: ${describeError(e)}`);
  }
  const results = summary.result;
  const gone = await waitForEffect(target.monitor, watches.map((x) => x.w));
  watches.forEach((x, k) => (results[x.i].goneAfter = gone[k]));
  return { ok: true, auditId: summary.auditId, result: { results } };
}
