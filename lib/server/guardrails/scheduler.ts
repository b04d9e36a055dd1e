// Expiry: a timer over the store (not memory), so guardrails due while the console was down are
// reverted on the next start. Conflicts are never forced: the guardrail is flagged for a person.
import type { AuditActor } from "../../audit";
import { registered, register, unregister } from "../registry";
import type { Db } from "../store/prisma";
import { getPrisma } from "../store/store";
import { revertGuardrail } from "./revert";

export const EXPIRY_ACTOR: AuditActor = { userId: "system", username: "pg-triage (expiry)", role: "system", via: "system", clientAddr: "local", userAgent: null };

export interface GuardrailScheduler {
  /** One pass now (tests, and the first pass at start). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

const KEY = "guardrailScheduler";

export function startGuardrailScheduler(opts: { db?: Db; intervalMs?: number } = {}): GuardrailScheduler {
  registered<GuardrailScheduler>(KEY)?.stop();
  const db = () => opts.db ?? getPrisma();
  let running: Promise<void> | null = null;
  let stopped = false;
  const failing = new Set<string>();

  const pass = async () => {
    const due = await db().guardrail.findMany({ where: { status: "active", expiresAt: { lte: new Date() }, expiryBlockedAt: null }, orderBy: { expiresAt: "asc" } });
    for (const g of due) {
      if (stopped) return;
      const r = await revertGuardrail(g.targetId, g.id, { actor: EXPIRY_ACTOR, db: db(), expiry: true, reason: "expired" }).catch((e: Error) => ({ ok: false as const, code: "error", message: e.message }));
      // Log a failing guardrail once, not every tick (an unknown target, the target down).
      if (!r.ok && !failing.has(g.id)) console.error(`pg-triage: guardrail ${g.id} expiry: ${r.message}`);
      if (r.ok) failing.delete(g.id);
      else failing.add(g.id);
    }
  };
  const tick = () => (running ??= pass().catch((e) => console.error("pg-triage: guardrail expiry pass failed:", (e as Error).message)).finally(() => (running = null)));
  const timer = setInterval(() => void tick(), opts.intervalMs ?? 5000);
  timer.unref();
  void tick();
  const s: GuardrailScheduler = {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      if (registered(KEY) === s) unregister(KEY);
    },
  };
  return register(KEY, s);
}

export async function stopGuardrailScheduler(): Promise<void> {
  await registered<GuardrailScheduler>(KEY)?.stop();
}
