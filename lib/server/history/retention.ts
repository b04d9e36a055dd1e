// Deletes metric history older than the retention in chunks, so no single statement holds a huge delete.
import type { Db } from "../store/prisma";

export const PRUNE_CHUNK = 5000;

/**
 * Rows deleted. Each chunk is its own short statement (and transaction); `stopping` is checked
 * between chunks, so a shutdown waits for one chunk at most (the rest goes next time).
 */
export async function pruneHistory(db: Db, olderThan: Date, chunk = PRUNE_CHUNK, stopping: () => boolean = () => false): Promise<number> {
  let deleted = 0;
  while (!stopping()) {
    const n = await db.$executeRaw`DELETE FROM "MetricSample" WHERE ctid IN (SELECT ctid FROM "MetricSample" WHERE "at" < ${olderThan} LIMIT ${chunk})`;
    deleted += n;
    if (n < chunk) break;
  }
  return deleted;
}
