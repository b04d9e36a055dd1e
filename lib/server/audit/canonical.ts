// The exact bytes each row's HMAC covers. Pure, so it is unit-tested; any change here breaks every
// existing trail, hence the version tag inside the serialisation.
import { createHmac } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);
const VERSION = "pg-triage-audit-v1";

/** Every stored column but `hash`, as the store returns it (bigints and the µs timestamp as text). */
export interface ChainRow {
  id: string;
  /** UTC, microseconds: "2026-11-26T17:00:00.123456Z" (timestamptz(6), not a JS Date's milliseconds). */
  at: string;
  phase: "intent" | "outcome";
  intentId: string | null;
  action: string;
  targetId: string | null;
  userId: string;
  username: string;
  role: string;
  via: string;
  sessionId: string | null;
  tokenId: string | null;
  clientAddr: string;
  userAgent: string | null;
  subject: unknown;
  sql: string | null;
  reason: string | null;
  outcome: string | null;
  message: string | null;
  durationMs: number | null;
  prevHash: string;
}

/** JSON with object keys sorted at every level: jsonb does not keep the order it was given. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
}

/** A fixed-order JSON array: unambiguous (no field can run into the next) and independent of column order. */
export function serializeRow(r: ChainRow): string {
  return JSON.stringify([
    VERSION,
    r.id,
    r.at,
    r.phase,
    r.intentId,
    r.action,
    r.targetId,
    r.userId,
    r.username,
    r.role,
    r.via,
    r.sessionId,
    r.tokenId,
    r.clientAddr,
    r.userAgent,
    r.subject === null || r.subject === undefined ? null : canonicalJson(r.subject),
    r.sql,
    r.reason,
    r.outcome,
    r.message,
    r.durationMs,
    r.prevHash,
  ]);
}

export function rowHash(key: Buffer, r: ChainRow): string {
  return createHmac("sha256", key).update(serializeRow(r), "utf8").digest("hex");
}

// Lone surrogates would be stored as U+FFFD (and hash differently on read); NUL is refused by text and jsonb.
const BAD_CHARS = /[\u0000]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The string as PostgreSQL will store and return it. */
export const storable = (s: string) => s.replace(BAD_CHARS, "\uFFFD");

/** A JSON value as jsonb will return it: through JSON (dates become strings, undefined goes), strings storable. */
export function storableJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return storable(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [storable(k), walk(x)]));
    return v;
  };
  return walk(JSON.parse(JSON.stringify(value)));
}
