// The helm (runbook step 0.3): per target, one operator at a time may change parameters. Taking it
// from someone is explicit and audited; it lapses after inactivity so a forgotten tab frees it.
import type { AuditActor } from "../../audit";
import { audited, recordRefusal } from "../audit/write";
import type { Db } from "../store/prisma";
import { fail, unavailableOrThrow, type GuardrailReply } from "./outcomes";
import type { HelmState } from "../../guardrails";

export type { HelmState };

/** Inactivity after which the helm is free again (TRIAGE_HELM_IDLE_MS for tests; default 15 min). */
export function helmLapseMs(): number {
  const v = Number(process.env.TRIAGE_HELM_IDLE_MS);
  return Number.isFinite(v) && v > 0 ? v : 15 * 60_000;
}

type HelmRow = { targetId: string; holderUserId: string; holderUsername: string; since: Date; lastActiveAt: Date };

const live = (row: HelmRow | null, now = Date.now()): row is HelmRow => !!row && now - row.lastActiveAt.getTime() < helmLapseMs();

const toState = (row: HelmRow): HelmState => ({
  holder: row.holderUsername,
  holderUserId: row.holderUserId,
  since: row.since.toISOString(),
  lastActiveAt: row.lastActiveAt.toISOString(),
});

/** Who holds the helm now, or null (nobody, or the holder's hold lapsed). */
export async function getHelm(db: Db, targetId: string): Promise<HelmState | null> {
  const row = await db.helm.findUnique({ where: { targetId } });
  return live(row) ? toState(row) : null;
}

export async function takeHelm(db: Db, targetId: string, actor: AuditActor, force: boolean, reason?: string | null): Promise<GuardrailReply<HelmState>> {
  const row = await db.helm.findUnique({ where: { targetId } });
  const before = live(row) ? toState(row) : null;
  const fromOther = before !== null && before.holderUserId !== actor.userId;
  const action = fromOther ? "helm.force_take" : "helm.take";
  if (fromOther && !force) {
    const message = `${before.holder} holds the helm since ${before.since}; take it with force: true (audited)`;
    try {
      const r = await recordRefusal(db, { actor, targetId, action: "helm.take", subject: { before, after: before }, message });
      return fail("helm_held", message, { auditId: r.id, details: { holder: before.holder, since: before.since } });
    } catch (e) {
      return unavailableOrThrow(e);
    }
  }
  const now = new Date();
  const since = before && !fromOther ? new Date(before.since) : now;
  const after: HelmState = { holder: actor.username, holderUserId: actor.userId, since: since.toISOString(), lastActiveAt: now.toISOString() };
  try {
    const a = await audited(db, { actor, targetId, action, subject: { before, after }, reason: reason ?? null }, async () => {
      const data = { holderUserId: actor.userId, holderUsername: actor.username, since, lastActiveAt: now };
      // Compare-and-set on the row we read: two operators taking at once cannot both win.
      if (row) {
        const n = await db.helm.updateMany({ where: { targetId, holderUserId: row.holderUserId, lastActiveAt: row.lastActiveAt }, data });
        if (n.count === 0) return { outcome: "refused" as const, message: "the helm changed hands meanwhile", result: false };
      } else {
        try {
          await db.helm.create({ data: { targetId, ...data } });
        } catch {
          return { outcome: "refused" as const, message: "the helm changed hands meanwhile", result: false };
        }
      }
      return { outcome: "ok" as const, result: true };
    });
    if (!a.result) return fail("helm_held", "the helm changed hands meanwhile; try again", { auditId: a.auditId });
    return { ok: true, auditId: a.auditId, result: after };
  } catch (e) {
    return unavailableOrThrow(e);
  }
}

export async function releaseHelm(db: Db, targetId: string, actor: AuditActor): Promise<GuardrailReply<null>> {
  const row = await db.helm.findUnique({ where: { targetId } });
  if (!live(row) || row.holderUserId !== actor.userId) {
    return fail("not_helm_holder", live(row) ? `${row.holderUsername} holds the helm, not you` : "nobody holds the helm");
  }
  try {
    const a = await audited(db, { actor, targetId, action: "helm.release", subject: { before: toState(row), after: null } }, async () => {
      await db.helm.deleteMany({ where: { targetId, holderUserId: actor.userId } });
      return { outcome: "ok" as const, result: null };
    });
    return { ok: true, auditId: a.auditId, result: null };
  } catch (e) {
    return unavailableOrThrow(e);
  }
}

/** null when the actor holds the helm (and marks it active); else the reason they may not change parameters. */
export async function checkHelm(db: Db, targetId: string, actor: AuditActor): Promise<string | null> {
  const row = await db.helm.findUnique({ where: { targetId } });
  if (!live(row)) return "take the helm first: nobody holds it for this target";
  if (row.holderUserId !== actor.userId) return `${row.holderUsername} holds the helm for this target; only the holder may change guardrails`;
  await db.helm.updateMany({ where: { targetId, holderUserId: actor.userId }, data: { lastActiveAt: new Date() } });
  return null;
}
