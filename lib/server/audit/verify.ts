// Walks the trail by id, recomputing each row's HMAC and its link to the row before. Reports the first
// break only: everything after it is suspect anyway. A deleted row shows as an id gap (ids are gap-free);
// a deleted tail is NOT detectable from the chain alone (nothing after it to notice).
import type { AuditVerifyResult } from "../../audit";
import type { Db } from "../store/prisma";
import { GENESIS_HASH, rowHash } from "./canonical";
import { getAuditKey } from "./key";
import { parseStored, ROW_COLUMNS, type StoredRow } from "./rows";

const BATCH = 1000;

/** Why row r breaks the chain after prev (null: r is the first row), or null when it is sound. */
export function checkRow(key: Buffer, r: StoredRow, prev: StoredRow | null, checked: number): string | null {
  const id = BigInt(r.id);
  const expectedId = prev ? BigInt(prev.id) + 1n : 1n;
  if (id !== expectedId) {
    return prev
      ? `missing row before ${r.id}: ids jump from ${prev.id} to ${r.id} (row ${expectedId}${id - expectedId > 1n ? `–${id - 1n}` : ""} deleted)`
      : `missing row before ${r.id}: the trail starts at id ${r.id}, not 1 (earlier rows deleted)`;
  }
  if (rowHash(key, r) !== r.hash) {
    // On the very first row a wrong key looks the same as an altered row: say so.
    return checked === 0 ? "hash mismatch: row altered (or the audit key is not the one the trail was written with)" : "hash mismatch: row altered";
  }
  const expectedPrev = prev ? prev.hash : GENESIS_HASH;
  if (r.prevHash !== expectedPrev) return prev ? `prevHash does not match row ${prev.id}` : "prevHash of the first row is not the genesis hash";
  return null;
}

/** key: the process's (getAuditKey()) unless given, e.g. by the CLI, which must not create one. */
export async function verifyChain(db: Db, key: Buffer = getAuditKey()): Promise<AuditVerifyResult> {
  let prev: StoredRow | null = null;
  let checked = 0;
  for (;;) {
    const raw = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT ${ROW_COLUMNS} FROM "AuditEvent" WHERE "id" > $1::bigint ORDER BY "AuditEvent"."id" LIMIT ${BATCH}`,
      prev?.id ?? "0",
    );
    for (const row of raw) {
      const r = parseStored(row);
      const reason = checkRow(key, r, prev, checked);
      checked++;
      if (reason) return { ok: false, checked, firstBroken: { id: r.id, reason } };
      prev = r;
    }
    if (raw.length < BATCH) return { ok: true, checked };
  }
}
