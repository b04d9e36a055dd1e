// Reading rows back exactly as they were hashed: bigints and the µs timestamp as text, jsonb parsed by us.
import type { AuditActor, AuditEntry, AuditOutcome } from "../../audit";
import type { ChainRow } from "./canonical";

export interface StoredRow extends ChainRow {
  hash: string;
}

/** The select list for a StoredRow; subject comes as text so its numbers and strings are JSON.parse's. */
// Output names shadow the columns: ORDER BY must say "AuditEvent"."id", or it sorts the id as text.
export const ROW_COLUMNS = `"id"::text AS "id", to_char("at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "at",
  "phase", "intentId"::text AS "intentId", "action", "targetId", "userId", "username", "role", "via", "sessionId", "tokenId",
  "clientAddr", "userAgent", "subject"::text AS "subject", "sql", "reason", "outcome", "message", "durationMs", "prevHash", "hash"`;

export function parseStored(raw: Record<string, unknown>): StoredRow {
  const r = raw as unknown as StoredRow & { subject: string | null; durationMs: number | bigint | null };
  return {
    ...r,
    subject: r.subject === null ? null : JSON.parse(r.subject),
    durationMs: r.durationMs === null ? null : Number(r.durationMs),
  };
}

export function toEntry(r: ChainRow): AuditEntry {
  const actor: AuditActor = {
    userId: r.userId,
    username: r.username,
    role: r.role,
    via: r.via === "token" || r.via === "system" ? r.via : "session",
    clientAddr: r.clientAddr,
    userAgent: r.userAgent,
  };
  if (r.sessionId !== null) actor.sessionId = r.sessionId;
  if (r.tokenId !== null) actor.tokenId = r.tokenId;
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    phase: r.phase,
    intentId: r.intentId,
    action: r.action,
    targetId: r.targetId,
    actor,
    subject: (r.subject ?? null) as AuditEntry["subject"],
    sql: r.sql,
    reason: r.reason,
    outcome: r.outcome as AuditOutcome | null,
    message: r.message,
    durationMs: r.durationMs,
  };
}
