import { describe, expect, it } from "vitest";
import { session } from "@/test/fixtures/session-fixture";
import { emptyFilter, defaultSort } from "./session-filter";
import { displayRows, findPid, groupParallelWorkers, isBackground, sessionKey, visibleGroups } from "./session-groups";

// pg_stat_activity recorded on PostgreSQL 15.18 during a parallel count(*) (pid 7860 and its two
// workers), plus the monitor's own query (7859) and the server's background processes.
const recorded = [
  session({ pid: 7857, backendType: "autovacuum launcher", user: null, database: null, state: null, waitEventType: "Activity", waitEvent: "AutoVacuumMain" }),
  session({ pid: 7858, backendType: "logical replication launcher", user: null, database: null, state: null }),
  session({ pid: 7859, backendType: "client backend", state: "active", queryMs: 0, query: "select pid, backend_start::text as backend_start, usename, d…" }),
  session({ pid: 7860, backendType: "client backend", state: "active", queryMs: 701, applicationName: "odoo-report", query: "select count(*) from t where pg_sleep(0.000002) is not null" }),
  session({ pid: 7924, backendType: "parallel worker", leaderPid: 7860, state: "active", queryMs: 701, applicationName: "odoo-report", backendXmin: "726" }),
  session({ pid: 7923, backendType: "parallel worker", leaderPid: 7860, state: "active", queryMs: 701, applicationName: "odoo-report", backendXmin: "726" }),
  session({ pid: 7854, backendType: "background writer", user: null, database: null, state: null }),
  session({ pid: 7853, backendType: "checkpointer", user: null, database: null, state: null }),
  session({ pid: 7856, backendType: "walwriter", user: null, database: null, state: null }),
];

describe("groupParallelWorkers", () => {
  it("puts the workers under their leader, never on top, in pid order", () => {
    const groups = groupParallelWorkers(recorded);
    expect(groups.map((g) => g.leader.pid)).toEqual([7857, 7858, 7859, 7860, 7854, 7853, 7856]);
    expect(groups.find((g) => g.leader.pid === 7860)!.workers.map((w) => w.pid)).toEqual([7923, 7924]);
    expect(groups.filter((g) => g.leader.pid !== 7860).every((g) => g.workers.length === 0)).toBe(true);
  });

  it("keeps a leader that names itself on top (leader_pid = own pid on some versions)", () => {
    const groups = groupParallelWorkers([session({ pid: 1, leaderPid: 1 }), session({ pid: 2, leaderPid: 1, backendType: "parallel worker" })]);
    expect(groups).toHaveLength(1);
    expect(groups[0].workers.map((w) => w.pid)).toEqual([2]);
  });

  it("leaves a worker whose leader's row is gone on top, as a background process", () => {
    const groups = groupParallelWorkers([session({ pid: 2, leaderPid: 1, backendType: "parallel worker" })]);
    expect(groups.map((g) => g.leader.pid)).toEqual([2]);
    expect(isBackground(groups[0].leader)).toBe(true);
  });
});

describe("visibleGroups", () => {
  const groups = groupParallelWorkers(recorded);

  it("hides background processes by default and counts them for the toggle", () => {
    const v = visibleGroups(groups, false, emptyFilter, { key: "pid", dir: "asc" });
    expect(v.groups.map((g) => g.leader.pid)).toEqual([7859, 7860]);
    expect(v.backgroundCount).toBe(5);
    const all = visibleGroups(groups, true, emptyFilter, { key: "pid", dir: "asc" });
    expect(all.groups.map((g) => g.leader.pid)).toEqual([7853, 7854, 7856, 7857, 7858, 7859, 7860]);
    expect(all.backgroundCount).toBe(5);
  });

  it("keeps a group when one of its workers matches the filter", () => {
    const v = visibleGroups(groups, false, { ...emptyFilter, search: "7924" }, defaultSort);
    expect(v.groups.map((g) => g.leader.pid)).toEqual([7860]);
    expect(v.groups[0].workers).toHaveLength(2);
  });

  it("sorts by the leaders' values", () => {
    const v = visibleGroups(groups, false, emptyFilter, defaultSort);
    expect(v.groups.map((g) => g.leader.pid)).toEqual([7860, 7859]);
  });
});

describe("findPid", () => {
  it("finds a leader, a worker (with its leader's group) or nothing", () => {
    const groups = groupParallelWorkers(recorded);
    expect(findPid(groups, 7860)).toMatchObject({ isWorker: false, group: { leader: { pid: 7860 } } });
    expect(findPid(groups, 7923)).toMatchObject({ isWorker: true, session: { pid: 7923 }, group: { leader: { pid: 7860 } } });
    expect(findPid(groups, 1)).toBeNull();
  });
});

describe("displayRows", () => {
  const groups = groupParallelWorkers(recorded).filter((g) => !isBackground(g.leader));
  const lines = (expanded: string[], gone = false) =>
    displayRows(groups.map((item) => ({ item, gone })), new Set(expanded)).map((r) => `${" ".repeat(r.depth)}${r.session.pid}${r.workers ? ` +${r.workers}` : ""}`);

  it("shows a leader with its worker count, the workers only when expanded, indented", () => {
    const leaderKey = sessionKey(groups[1].leader);
    expect(lines([])).toEqual(["7859", "7860 +2"]);
    expect(lines([leaderKey])).toEqual(["7859", "7860 +2", " 7923", " 7924"]);
  });

  it("shows no workers under a gone leader", () => {
    expect(lines([sessionKey(groups[1].leader)], true)).toEqual(["7859", "7860 +2"]);
  });
});
