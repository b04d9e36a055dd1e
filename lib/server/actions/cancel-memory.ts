// Which sessions a cancel was sent to, per target, known on the server rather than per browser: the
// triage offers terminate first once a cancel has failed (runbook 2.2). Fed by the cancel paths (single
// and bulk) as they signal; seeded from the audit trail at start, so a restart forgets nothing.
import type { Db } from "../store/prisma";
import { singleton } from "../registry";
import { sessionKey } from "../../triage";

/** Cancels older than this are forgotten: by then the pid has long been reused or the session dealt with. */
const KEEP_MS = 6 * 3600_000;
const MAX_PER_TARGET = 5000;

class CancelMemory {
  private readonly byTarget = new Map<string, Map<string, string>>();

  note(targetId: string, pid: number, backendStart: string | null, at: Date = new Date()): void {
    let m = this.byTarget.get(targetId);
    if (!m) this.byTarget.set(targetId, (m = new Map()));
    const key = sessionKey(pid, backendStart);
    m.delete(key); // re-insert: the Map's order is then oldest first, for the cap below
    m.set(key, at.toISOString());
    if (m.size > MAX_PER_TARGET) m.delete(m.keys().next().value!);
  }

  forTarget(targetId: string): ReadonlyMap<string, string> {
    const m = this.byTarget.get(targetId);
    if (!m) return new Map();
    const oldest = Date.now() - KEEP_MS;
    for (const [k, at] of m) {
      if (Date.parse(at) >= oldest) break;
      m.delete(k);
    }
    return m;
  }
}

export const cancelMemory = () => singleton("cancelMemory", () => new CancelMemory());

/** The cancels of the last hours from the audit trail (successful outcome rows, single or bulk). */
export async function seedCancelMemory(db: Db): Promise<number> {
  const rows = await db.auditEvent.findMany({
    where: { phase: "outcome", action: "session.cancel", outcome: "ok", at: { gte: new Date(Date.now() - KEEP_MS) } },
    select: { at: true, targetId: true, subject: true },
    orderBy: { id: "asc" },
  });
  const memory = cancelMemory();
  for (const r of rows) {
    const s = r.subject as { pid?: unknown; backendStart?: unknown } | null;
    if (!r.targetId || typeof s?.pid !== "number") continue;
    memory.note(r.targetId, s.pid, typeof s.backendStart === "string" ? s.backendStart : null, r.at);
  }
  return rows.length;
}
