// Appends one row to the hash chain. Appends are serialised across processes by an advisory lock held
// for the transaction: under it the last row is read, the next id is last + 1 (gap-free, so a missing id
// is a deleted row, not a rolled-back sequence value) and the row is inserted with its HMAC.
import type { AuditEntry } from "../../audit";
import type { Db } from "../store/prisma";
import { GENESIS_HASH, rowHash, storable, storableJson, type ChainRow } from "./canonical";
import { toEntry } from "./rows";

/** pg_advisory_xact_lock key of the audit trail ("pgtaudit" in ASCII, as a bigint). */
export const AUDIT_APPEND_LOCK = 0x7067746175646974n;

/** What a caller supplies; id, at, prevHash and hash are the chain's. */
export type NewRow = Omit<ChainRow, "id" | "at" | "prevHash">;

const UTC_US = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

const clean = (s: string | null | undefined) => (s === null || s === undefined ? null : storable(s));

/** The row as PostgreSQL will store it, so the hash we compute is the hash verify recomputes. */
function normalise(r: NewRow): NewRow {
  return {
    ...r,
    intentId: r.intentId ?? null,
    action: storable(r.action),
    targetId: clean(r.targetId),
    userId: storable(r.userId),
    username: storable(r.username),
    role: storable(r.role),
    via: storable(r.via),
    sessionId: clean(r.sessionId),
    tokenId: clean(r.tokenId),
    clientAddr: storable(r.clientAddr),
    userAgent: clean(r.userAgent),
    subject: storableJson(r.subject),
    sql: clean(r.sql),
    reason: clean(r.reason),
    outcome: r.outcome ?? null,
    message: clean(r.message),
    durationMs: r.durationMs === null || r.durationMs === undefined ? null : Math.max(0, Math.round(r.durationMs)),
  };
}

export function appendRow(db: Db, key: Buffer, input: NewRow): Promise<AuditEntry> {
  return append(db, key, input, false) as Promise<AuditEntry>;
}

/** An outcome row unless its intent already has one (then null): replaying it again is a no-op. */
export function appendOutcomeOnce(db: Db, key: Buffer, input: NewRow & { intentId: string }): Promise<AuditEntry | null> {
  return append(db, key, input, true);
}

async function append(db: Db, key: Buffer, input: NewRow, once: boolean): Promise<AuditEntry | null> {
  const r = normalise(input);
  return db.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${AUDIT_APPEND_LOCK})`); // (void columns do not deserialise)
      // Under the lock every append is serialised, so this check cannot race another writer.
      if (once && (await tx.$queryRawUnsafe<unknown[]>(`SELECT 1 AS found FROM "AuditEvent" WHERE "intentId" = $1::bigint`, r.intentId)).length) return null;
      // A statement of its own, after the lock: in READ COMMITTED it sees the previous holder's commit.
      const [last] = await tx.$queryRawUnsafe<{ id: string | null; hash: string | null; at: string }[]>(
        `SELECT l.id::text AS id, l.hash, to_char(clock_timestamp() AT TIME ZONE 'UTC', ${UTC_US}) AS at
           FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT id, hash FROM "AuditEvent" ORDER BY id DESC LIMIT 1) l ON true`,
      );
      const row: ChainRow = { ...r, id: String(BigInt(last.id ?? "0") + 1n), at: last.at, prevHash: last.hash ?? GENESIS_HASH };
      const hash = rowHash(key, row);
      await tx.$executeRawUnsafe(
        `INSERT INTO "AuditEvent" ("id", "at", "phase", "intentId", "action", "targetId", "userId", "username", "role", "via",
           "sessionId", "tokenId", "clientAddr", "userAgent", "subject", "sql", "reason", "outcome", "message", "durationMs", "prevHash", "hash")
         VALUES ($1::bigint, $2::timestamptz, $3, $4::bigint, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16, $17, $18, $19, $20::int, $21, $22)`,
        row.id,
        row.at,
        row.phase,
        row.intentId,
        row.action,
        row.targetId,
        row.userId,
        row.username,
        row.role,
        row.via,
        row.sessionId,
        row.tokenId,
        row.clientAddr,
        row.userAgent,
        row.subject === null ? null : JSON.stringify(row.subject),
        row.sql,
        row.reason,
        row.outcome,
        row.message,
        row.durationMs,
        row.prevHash,
        hash,
      );
      return toEntry(row);
    },
    // READ COMMITTED whatever the store's default: the last-row read needs a snapshot taken after the lock.
    // Waiting for a pool connection and for the lock behind other appends is bounded, so a hung store fails closed.
    { isolationLevel: "ReadCommitted", maxWait: 10_000, timeout: 15_000 },
  );
}
