// Suspect ranking on a snapshot recorded from a real cluster (scripts/record-lock-pileup.ts): an idle
// in transaction blocker (pid 10948) with 5 waiters queued behind it and a chain (10954 waits in that
// queue, 10955 waits on 10954), a pg_sleep (10956), a spilled sort kept open by a cursor (10957, temp
// files), an idle transaction (10958), idle sessions and the console's own connection.
import { describe, expect, it } from "vitest";
import type { Session, Snapshot } from "./snapshot";
import { lockTrees, rankSuspects, sessionKey, TRIAGE_THRESHOLDS, type TriageThresholds } from "./triage";
import recorded from "./fixtures/snapshot-lock-pileup.json";

const snap = recorded as unknown as Snapshot;
const sessions = snap.postgres.sessions;
// The temp-file bytes the monitor read (pg_ls_tmpdir) when it recorded the snapshot.
const tempBytesByPid = new Map(snap.postgres.suspects.flatMap((s) => s.reasons.flatMap((r) => (r.kind === "temp_files" ? [[s.pid, r.bytes] as const] : []))));
// The recording is a few seconds old: ages scaled down so the same sessions cross them.
const short: TriageThresholds = { ...TRIAGE_THRESHOLDS, longQueryMs: 5_000, idleInTransactionMs: 5_000 };
const byPid = (pid: number) => sessions.find((s) => s.pid === pid)!;
const nowMs = Date.parse(snap.takenAt);

describe("lockTrees", () => {
  it("roots the tree at the session that waits on nobody, with everyone behind it (chains included)", () => {
    const trees = lockTrees(sessions);
    expect([...trees.keys()]).toEqual([10948]);
    expect(trees.get(10948)!.map((s) => s.pid).sort()).toEqual([10949, 10950, 10951, 10952, 10953, 10954, 10955]);
  });
});

describe("rankSuspects", () => {
  const ranked = rankSuspects(sessions, { tempBytesByPid, thresholds: short, nowMs });

  it("puts the idle-in-transaction blocker first, with its waiters under it and never as suspects of their own", () => {
    expect(ranked[0].pid).toBe(10948);
    expect(ranked[0].reasons[0]).toMatchObject({ kind: "blocker", waiters: 7 });
    expect(ranked[0].waiterCount).toBe(7);
    const waiterPids = ranked[0].waiters.map((w) => w.pid);
    for (const s of ranked) expect(waiterPids).not.toContain(s.pid);
  });

  it("offers terminate first for an idle transaction, saying why cancel cannot end it", () => {
    expect(ranked[0]).toMatchObject({ action: "terminate" });
    expect(ranked[0].actionWhy).toMatch(/cancel cannot end an idle transaction/);
  });

  it("ranks by cause: blocker, then temp files, then the long query, then long idle transactions", () => {
    expect(ranked.map((s) => [s.pid, s.reasons[0].kind])).toEqual([
      [10948, "blocker"],
      [10957, "temp_files"],
      [10956, "long_query"],
      [10958, "idle_in_transaction"],
    ]);
    expect(ranked[1].reasons.map((r) => r.kind)).toEqual(["temp_files", "idle_in_transaction"]);
    expect(ranked[2].action).toBe("cancel");
  });

  it("leaves out the console's own connection, idle sessions and background processes", () => {
    const pids = new Set(ranked.map((s) => s.pid));
    for (const s of sessions) {
      if (s.isTriage || s.state === "idle" || s.backendType !== "client backend") expect(pids.has(s.pid)).toBe(false);
    }
  });

  it("a memory hog (PSS at the threshold) ranks above long idle transactions and long queries", () => {
    const r = rankSuspects(sessions, { thresholds: { ...short, memoryBytes: 12_000_000 }, nowMs });
    expect(r.map((s) => s.pid).slice(0, 3)).toEqual([10948, 10947, 10957]); // 14.2 MB, then 12.6 MB PSS
    expect(r[1].reasons[0]).toEqual({ kind: "memory", bytes: 14_194_688, measure: "pss" });
  });

  it("offers terminate once a cancel sent to that very session has failed; a cancel to a reused pid does not count", () => {
    const report = byPid(10956);
    const tried = new Map([[sessionKey(report.pid, report.backendStart), new Date(nowMs - 10_000).toISOString()]]);
    const r = rankSuspects(sessions, { thresholds: short, nowMs, cancelsTried: tried }).find((s) => s.pid === 10956)!;
    expect(r).toMatchObject({ action: "terminate", cancelTriedAt: tried.values().next().value });
    const other = new Map([[sessionKey(report.pid, "2020-01-01 00:00:00+00"), new Date(nowMs - 10_000).toISOString()]]);
    expect(rankSuspects(sessions, { thresholds: short, nowMs, cancelsTried: other }).find((s) => s.pid === 10956)!.action).toBe("cancel");
  });

  it("keeps ties in a stable order (pid) whatever the input order", () => {
    const twins: Session[] = [byPid(10956), { ...byPid(10956), pid: 10001 }];
    const a = rankSuspects(twins, { thresholds: short, nowMs }).map((s) => s.pid);
    const b = rankSuspects([...twins].reverse(), { thresholds: short, nowMs }).map((s) => s.pid);
    expect(a).toEqual([10001, 10956]);
    expect(b).toEqual(a);
  });

  it("with the default thresholds a few seconds of waiting is not yet suspect, but the blocker always is", () => {
    expect(rankSuspects(sessions, { nowMs }).map((s) => s.pid)).toEqual([10948]);
  });
});
