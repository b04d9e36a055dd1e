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

export async function pruneSignals(db: Db, olderThan: Date): Promise<number> {
  return (await db.signalLine.deleteMany({ where: { at: { lt: olderThan } } })).count;
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

/** TRIAGE_HISTORY_DAYS (default 14): how long signal lines (and metric history) are kept. */
export function historyDays(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TRIAGE_HISTORY_DAYS);
  return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : 14;
}
