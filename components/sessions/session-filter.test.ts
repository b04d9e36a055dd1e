import { describe, it, expect } from "vitest";
import { session } from "@/test/fixtures/session-fixture";
import { distinctValues, emptyFilter, longRunning, sessionMatcher, sortSessions, type SessionFilter } from "./session-filter";

const filterSessions = (list: typeof rows, f: SessionFilter) => list.filter(sessionMatcher(f));

const rows = [
  session({ pid: 10, state: "active", queryMs: 45_000, xactMs: 45_000, database: "odoo_prod", user: "odoo", applicationName: "odoo-cron", query: "SELECT * FROM account_move_line" }),
  session({ pid: 11, state: "active", queryMs: 2_000, database: "odoo_prod", user: "report", applicationName: "metabase", query: "select sum(x) from sale_order", waitEventType: "Lock", waitEvent: "relation" }),
  session({ pid: 12, state: "idle in transaction", queryMs: 600_000, xactMs: 601_000, database: "odoo_test", user: "odoo", applicationName: "odoo-web", query: "UPDATE res_partner SET name = $1" }),
  session({ pid: 13, state: "idle", database: null, user: null, applicationName: "", clientAddr: null }),
];

describe("sessionMatcher", () => {
  it("returns everything with the empty filter", () => {
    expect(filterSessions(rows, emptyFilter)).toHaveLength(4);
  });

  it("matches state exactly and database/user/application by case-insensitive substring", () => {
    const pids = (f: Partial<typeof emptyFilter>) => filterSessions(rows, { ...emptyFilter, ...f }).map((s) => s.pid);
    expect(pids({ state: "idle" })).toEqual([13]);
    expect(pids({ database: "PROD" })).toEqual([10, 11]);
    expect(pids({ user: "odoo", application: "web" })).toEqual([12]);
  });

  it("applies the minimum duration to running queries only", () => {
    // pid 12 started its last query 10 minutes ago but is not running it.
    expect(filterSessions(rows, { ...emptyFilter, minDurationSec: 30 }).map((s) => s.pid)).toEqual([10]);
    expect(filterSessions(rows, { ...emptyFilter, minDurationSec: 0 }).map((s) => s.pid)).toEqual([10, 11]);
  });

  it("searches query text, pid and wait events", () => {
    const pids = (search: string) => filterSessions(rows, { ...emptyFilter, search }).map((s) => s.pid);
    expect(pids("account_move")).toEqual([10]);
    expect(pids("12")).toEqual([12]);
    expect(pids("lock: rel")).toEqual([11]);
    expect(pids("  RES_PARTNER ")).toEqual([12]);
  });
});

describe("sortSessions", () => {
  it("sorts by running time descending with non-running rows last", () => {
    expect(sortSessions(rows, { key: "queryDuration", dir: "desc" }).map((s) => s.pid)).toEqual([10, 11, 12, 13]);
    expect(sortSessions(rows, { key: "queryDuration", dir: "asc" }).map((s) => s.pid)).toEqual([11, 10, 12, 13]);
  });

  it("sorts text columns and keeps empty values last either way", () => {
    expect(sortSessions(rows, { key: "user", dir: "asc" }).map((s) => s.pid)).toEqual([10, 12, 11, 13]);
    expect(sortSessions(rows, { key: "user", dir: "desc" }).map((s) => s.pid)).toEqual([11, 10, 12, 13]);
  });

  it("does not mutate its input", () => {
    const copy = rows.slice();
    sortSessions(rows, { key: "pid", dir: "desc" });
    expect(rows).toEqual(copy);
  });
});

describe("distinctValues", () => {
  it("lists the non-empty values once, sorted", () => {
    expect(distinctValues(rows, (s) => s.database)).toEqual(["odoo_prod", "odoo_test"]);
  });
});

describe("longRunning", () => {
  it("keeps active queries at or over the threshold, longest first, at most 20", () => {
    const many = Array.from({ length: 30 }, (_, i) => session({ pid: 1000 + i, state: "active", queryMs: (31 + i) * 1000 }));
    const out = longRunning([...rows, ...many], 30);
    expect(out).toHaveLength(20);
    expect(out[0].pid).toBe(1029);
    expect(out.every((s, i) => i === 0 || (s.queryMs ?? 0) <= (out[i - 1].queryMs ?? 0))).toBe(true);
  });

  it("ignores idle sessions however old their last query, and honours a lower threshold", () => {
    expect(longRunning(rows, 30).map((s) => s.pid)).toEqual([10]);
    expect(longRunning(rows, 2).map((s) => s.pid)).toEqual([10, 11]);
  });
});

describe("sort by memory", () => {
  const MiB = 1024 ** 2;
  const mem = [
    session({ pid: 1, memory: { rssBytes: 141 * MiB, pssBytes: 9 * MiB } }),
    session({ pid: 2, memory: null }),
    session({ pid: 3, memory: { rssBytes: 1210 * MiB, pssBytes: 1046 * MiB } }),
    // No PSS readable: RSS stands in.
    session({ pid: 4, memory: { rssBytes: 300 * MiB } }),
  ];
  it("sorts by PSS, else RSS, unknown memory last in both directions", () => {
    expect(sortSessions(mem, { key: "memory", dir: "desc" }).map((s) => s.pid)).toEqual([3, 4, 1, 2]);
    expect(sortSessions(mem, { key: "memory", dir: "asc" }).map((s) => s.pid)).toEqual([1, 4, 3, 2]);
  });
});
