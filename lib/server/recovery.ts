// Every action gets its outcome: every few seconds, replay the audit outbox into the store; once it is
// empty, keep this console's command runs fresh, settle runs whose console is gone, and (at start, then
// now and then) record "interrupted" for intents past their deadline.
import { interruptStaleIntents } from "./audit/interrupted";
import { getAuditKey } from "./audit/key";
import { outboxPath } from "./audit/outbox";
import { replayOutbox, type ReplayReport } from "./audit/outbox-replay";
import { writeQueuedOutcome } from "./audit/write";
import { heartbeat } from "./commands/claims";
import { reconcileRuns } from "./commands/reconcile";
import type { Db } from "./store/prisma";
import { getPrisma } from "./store/store";

export const RECOVERY_INTERVAL_MS = 3000;
/** Stale intents are looked for at start and then every this many passes (a scan of the intents). */
const STALE_EVERY = 100;

export interface RecoveryPass {
  replay: ReplayReport;
  /** False while the outbox still holds rows: nothing is taken for interrupted before its queued result lands. */
  reconciled: boolean;
  interrupted: string[];
}

/** One pass; throws when the store is down (or, in replay.error, says it failed amid the outbox); the next pass retries. */
export async function recoverOnce(db: Db, log: (line: string) => void, opts: { staleIntents: boolean }): Promise<RecoveryPass> {
  const replay = await replayOutbox(outboxPath(), getAuditKey(), (line) => writeQueuedOutcome(db, line), log);
  if (replay.written.length) log(`audit outbox: ${replay.written.length} queued outcome(s) written to the store (intents ${replay.written.join(", ")})`);
  if (replay.duplicates.length) log(`audit outbox: intents ${replay.duplicates.join(", ")} already had their outcome; the queued copy was dropped`);
  if (replay.remaining) return { replay, reconciled: false, interrupted: [] };
  await heartbeat(db);
  await reconcileRuns(db, log);
  const interrupted = opts.staleIntents ? (await interruptStaleIntents(db)).map((e) => e.intentId!) : [];
  if (interrupted.length) log(`audit: intents ${interrupted.join(", ")} had no outcome past their deadline: recorded as interrupted`);
  return { replay, reconciled: true, interrupted };
}

export function startRecovery(log: (line: string) => void): { stop(): Promise<void> } {
  let passes = 0;
  let staleDone = false;
  let lastError = "";
  let running: Promise<void> | null = null;
  const pass = async () => {
    try {
      const db = getPrisma();
      const staleIntents = !staleDone || passes % STALE_EVERY === 0;
      const r = await recoverOnce(db, log, { staleIntents });
      if (r.replay.error) throw new Error(r.replay.error);
      if (r.reconciled) (staleDone ||= staleIntents), passes++;
      lastError = "";
    } catch (e) {
      const why = (e as Error).message.split("\n").map((l) => l.trim()).filter(Boolean).pop() ?? String(e);
      if (why !== lastError) log(`audit recovery: the store is not answering (${why}); retrying every ${RECOVERY_INTERVAL_MS / 1000} s`);
      lastError = why;
    }
  };
  const tick = () => void (running ??= pass().finally(() => (running = null)));
  tick();
  const timer = setInterval(tick, RECOVERY_INTERVAL_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
