// Outcome "interrupted" for intents that will never get one: the console stopped while the action ran.
// Written once per intent (appendOutcomeOnce), after the outbox was replayed, so a queued result wins.
import type { AuditEntry } from "../../audit";
import type { Db } from "../store/prisma";
import { appendOutcomeOnce } from "./chain";
import { emitEntry } from "./events";
import { getAuditKey } from "./key";
import { parseStored, ROW_COLUMNS, type StoredRow } from "./rows";

/** An action other than a command that has not reported after this long never will (a bulk terminate takes seconds). */
export const ACTION_DEADLINE_S = 300;
/** A command's deadline: its timeout, `timeout -k 2`, exec's backstop and a margin. */
export const COMMAND_GRACE_S = 67;
const BATCH = 200;

export async function readIntent(db: Db, id: string): Promise<{ intent: StoredRow; hasOutcome: boolean } | null> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${ROW_COLUMNS}, EXISTS (SELECT 1 FROM "AuditEvent" o WHERE o."intentId" = "AuditEvent"."id") AS "hasOutcome"
       FROM "AuditEvent" WHERE "AuditEvent"."id" = $1::bigint AND "phase" = 'intent'`,
    id,
  );
  return rows[0] ? { intent: parseStored(rows[0]), hasOutcome: rows[0].hasOutcome === true } : null;
}

/** The command.run intent that carries this run id in its subject, if it was written. */
export async function findRunIntent(db: Db, targetId: string, runId: string): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id"::text AS "id" FROM "AuditEvent" WHERE "action" = 'command.run' AND "targetId" = $1 AND "phase" = 'intent' AND "subject"->>'runId' = $2 ORDER BY "AuditEvent"."id" DESC LIMIT 1`,
    targetId,
    runId,
  );
  return rows[0]?.id ?? null;
}

/** The intent's outcome "interrupted", repeating its actor and subject like every outcome; null if it has one already. */
export async function writeInterrupted(db: Db, i: StoredRow, message: string): Promise<AuditEntry | null> {
  const { id, at, prevHash, hash, ...fields } = i;
  void at, prevHash, hash;
  const entry = await appendOutcomeOnce(db, getAuditKey(), { ...fields, phase: "outcome", intentId: id, outcome: "interrupted", message, durationMs: null });
  if (entry) emitEntry(entry);
  return entry;
}

/**
 * Every intent past its deadline without an outcome gets "interrupted". Command runs still claimed
 * (a CommandRun row) are left to the commands reconciler, which first checks the host.
 */
export async function interruptStaleIntents(db: Db, deadlines = { actionS: ACTION_DEADLINE_S, commandGraceS: COMMAND_GRACE_S }): Promise<AuditEntry[]> {
  const written: AuditEntry[] = [];
  let after = "0";
  for (;;) {
    const rows = (
      await db.$queryRawUnsafe<Record<string, unknown>[]>(
        `SELECT ${ROW_COLUMNS} FROM "AuditEvent" i
          WHERE i."phase" = 'intent' AND i."id" > $1::bigint
            AND NOT EXISTS (SELECT 1 FROM "AuditEvent" o WHERE o."intentId" = i."id")
            AND NOT EXISTS (SELECT 1 FROM "CommandRun" c WHERE c."intentId" = i."id" OR c."runId" = i."subject"->>'runId')
            AND i."at" + make_interval(secs => CASE
                  WHEN i."action" <> 'command.run' THEN $2::int
                  WHEN i."subject"->>'timeoutSeconds' ~ '^[0-9]{1,5}$' THEN (i."subject"->>'timeoutSeconds')::int + $3::int
                  ELSE 600 + $3::int END) < now()
          ORDER BY i."id" LIMIT ${BATCH}`,
        after,
        Math.floor(deadlines.actionS),
        Math.floor(deadlines.commandGraceS),
      )
    ).map(parseStored);
    for (const r of rows) {
      const what = r.action === "command.run" ? "the command" : "the action";
      const e = await writeInterrupted(db, r, `no outcome was recorded: the console stopped while ${what} ran, or could not record its result; the result is unknown`);
      if (e) written.push(e);
    }
    if (rows.length < BATCH) return written;
    after = rows.at(-1)!.id;
  }
}
