// The audit list: filters, newest first, keyset-paginated by id (stable while rows are appended).
import type { AuditEntry } from "../../audit";
import type { Db } from "../store/prisma";
import { DEFAULT_LIMIT, type AuditFilter } from "./filters";
import { parseStored, ROW_COLUMNS, toEntry } from "./rows";

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as cursor= for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** LIKE pattern for a literal substring: the user's % and _ are not wildcards. */
export const likeContains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** WHERE clause and its parameters; values only ever travel as $n. */
export function whereOf(f: AuditFilter & { cursor?: string }): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conds: string[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (f.cursor) conds.push(`"id" < ${p(f.cursor)}::bigint`);
  if (f.target) conds.push(`"targetId" = ${p(f.target)}`);
  if (f.actor) conds.push(`"username" = ${p(f.actor.toLowerCase())}`);
  if (f.action) conds.push(`"action" = ${p(f.action)}`);
  if (f.outcome) conds.push(`"outcome" = ${p(f.outcome)}`);
  if (f.phase) conds.push(`"phase" = ${p(f.phase)}`);
  if (f.since) conds.push(`"at" >= ${p(f.since.toISOString())}::timestamptz`);
  if (f.until) conds.push(`"at" <= ${p(f.until.toISOString())}::timestamptz`);
  if (f.q) {
    const like = p(likeContains(f.q));
    // ->> gives the query text unescaped; ::text covers the other subject fields (JSON-escaped).
    conds.push(`("sql" ILIKE ${like} OR "reason" ILIKE ${like} OR "message" ILIKE ${like} OR "subject"->>'query' ILIKE ${like} OR "subject"::text ILIKE ${like})`);
  }
  return { sql: conds.length ? `WHERE ${conds.join(" AND ")}` : "", params };
}

async function fetchRows(db: Db, f: AuditFilter & { cursor?: string }, limit: number): Promise<AuditEntry[]> {
  const w = whereOf(f);
  const raw = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${ROW_COLUMNS} FROM "AuditEvent" ${w.sql} ORDER BY "AuditEvent"."id" DESC LIMIT ${Math.floor(limit)}`,
    ...w.params,
  );
  return raw.map((r) => toEntry(parseStored(r)));
}

export async function listAuditEntries(db: Db, f: AuditFilter, opts: { limit?: number; cursor?: string } = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(1, opts.limit ?? DEFAULT_LIMIT), 1000);
  const rows = await fetchRows(db, { ...f, cursor: opts.cursor }, limit + 1);
  const entries = rows.slice(0, limit);
  return rows.length > limit ? { entries, nextCursor: entries[entries.length - 1].id } : { entries };
}

/**
 * The other half of each action on a page that the page lacks (an intent whose outcome did not match the
 * filters or is on a newer page, an outcome whose intent is older): fetched by id, whatever the filters.
 */
export async function partnersOf(db: Db, entries: readonly AuditEntry[]): Promise<AuditEntry[]> {
  const have = new Set(entries.map((e) => e.id));
  const paired = new Set(entries.filter((e) => e.intentId).map((e) => e.intentId!));
  const intents = [...new Set(entries.filter((e) => e.intentId && !have.has(e.intentId)).map((e) => e.intentId!))];
  const lonely = entries.filter((e) => e.phase === "intent" && !paired.has(e.id)).map((e) => e.id);
  if (!intents.length && !lonely.length) return [];
  const raw = await db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT ${ROW_COLUMNS} FROM "AuditEvent" WHERE "AuditEvent"."id" = ANY($1::bigint[]) OR "intentId" = ANY($2::bigint[]) ORDER BY "AuditEvent"."id" DESC`,
    intents,
    lonely,
  );
  return raw.map((r) => toEntry(parseStored(r))).filter((e) => !have.has(e.id));
}

/** Every matching entry (or at most `max`), newest first, in batches: for the CSV export. */
export async function* iterateAuditEntries(db: Db, f: AuditFilter, opts: { max?: number; cursor?: string } = {}): AsyncGenerator<AuditEntry> {
  let cursor = opts.cursor;
  let left = opts.max ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const batch = await fetchRows(db, { ...f, cursor }, Math.min(1000, left));
    for (const e of batch) yield e;
    left -= batch.length;
    if (batch.length < 1000) return;
    cursor = batch[batch.length - 1].id;
  }
}
