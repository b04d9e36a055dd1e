// Signal lines in the store: written once per line (the hash), read back per time window, pruned.
import type { SignalKind, SignalLineView, SignalSource } from "../../signals";
import { LATEST_LIMIT } from "../../signals";
import type { Db } from "../store/prisma";
import type { SignalRecord } from "./extract";

/** Inserts the lines not stored yet; returns how many were new. */
export async function saveSignals(db: Db, targetId: string, records: readonly SignalRecord[]): Promise<number> {
  if (records.length === 0) return 0;
  const r = await db.signalLine.createMany({
    data: records.map((x) => ({ targetId, source: x.source, kind: x.kind, at: x.at, line: x.line, lineHash: x.lineHash })),
    skipDuplicates: true,
  });
  return r.count;
}

export const PRUNE_CHUNK = 5000;

/**
 * Rows deleted, in chunks (each its own short statement) like the metric history's pruning;
 * `stopping` is checked between chunks, so a shutdown never waits for the whole backlog.
 */
export async function pruneSignals(db: Db, olderThan: Date, chunk = PRUNE_CHUNK, stopping: () => boolean = () => false): Promise<number> {
  let deleted = 0;
  while (!stopping()) {
    const n = await db.$executeRaw`DELETE FROM "SignalLine" WHERE id IN (SELECT id FROM "SignalLine" WHERE "at" < ${olderThan} LIMIT ${chunk})`;
    deleted += n;
    if (n < chunk) break;
  }
  return deleted;
}

export async function readSignals(db: Db, targetId: string, since: Date): Promise<{ counts: Partial<Record<SignalKind, number>>; latest: SignalLineView[] }> {
  const where = { targetId, at: { gte: since } };
  const [groups, rows] = await Promise.all([
    db.signalLine.groupBy({ by: ["kind"], where, _count: { _all: true } }),
    db.signalLine.findMany({ where, orderBy: [{ at: "desc" }, { id: "desc" }], take: LATEST_LIMIT, select: { at: true, source: true, kind: true, line: true } }),
  ]);
  return {
    counts: Object.fromEntries(groups.map((g) => [g.kind, g._count._all])),
    latest: rows.map((r) => ({ at: r.at.toISOString(), source: r.source as SignalSource, kind: r.kind as SignalKind, line: r.line })),
  };
}
