import { describe, expect, it } from "vitest";
import { backendsByPidSql, backendsMatchingSql, likePattern, sessionFilterSql, signalSql } from "./sql";

describe("likePattern", () => {
  it("keeps % as the only wildcard", () => {
    expect(likePattern("odoo-%")).toBe("odoo-%");
    expect(likePattern("my_app\\x%")).toBe("my\\_app\\\\x%");
  });
  it("a glob: * (like %) matches any run; _ and \\ stay literal, so nothing else is a wildcard", () => {
    expect(likePattern("odoo-*")).toBe("odoo-%");
    expect(likePattern("*report*")).toBe("%report%");
    expect(likePattern("a_b*")).toBe("a\\_b%");
    expect(likePattern("odoo")).toBe("odoo");
  });
});

describe("sessionFilterSql", () => {
  it("ANDs every criterion with values as numbered parameters, never inline", () => {
    const f = sessionFilterSql(
      { state: "active", minQuerySeconds: 60, minXactSeconds: 120, database: "odoo", user: "o'dd", application: "odoo-%", queryContains: "'; drop" },
      3,
    );
    expect(f.sql).toBe(
      "state = $3 and state in ('active', 'fastpath function call') and query_start <= now() - make_interval(secs => $4::float8) and xact_start <= now() - make_interval(secs => $5::float8)" +
        " and datname = $6 and usename = $7 and application_name like $8 and strpos(lower(query), lower($9)) > 0",
    );
    expect(f.params).toEqual(["active", 60, 120, "odoo", "o'dd", "odoo-%", "'; drop"]);
    expect(f.sql).not.toContain("drop");
  });
  it("connection age and client address are parameters too", () => {
    const f = sessionFilterSql({ minConnectionSeconds: 30, clientAddr: "10.0.0.0/8" }, 1);
    expect(f.sql).toBe("backend_start <= now() - make_interval(secs => $1::float8) and client_addr <<= $2::inet");
    expect(f.params).toEqual([30, "10.0.0.0/8"]);
  });
  it("is true when empty (callers refuse that first)", () => {
    expect(sessionFilterSql({}, 1)).toEqual({ sql: "true", params: [] });
  });
});

describe("lookups and signal", () => {
  it("looks up by pid list, with the filter as a matches column", () => {
    expect(backendsByPidSql().sql).toMatch(/where pid = any\(\$1::int\[\]\)$/);
    const q = backendsByPidSql({ user: "odoo" });
    expect(q.sql).toMatch(/coalesce\(usename = \$2, false\) as matches/);
    expect(q.params).toEqual(["odoo"]);
    expect(backendsMatchingSql({ user: "odoo" }).sql).toMatch(/where usename = \$1\norder by backend_start, pid$/);
  });
  it("signals with one statement that re-checks pid and backend_start", () => {
    expect(signalSql("terminate").sql).toBe("select pg_terminate_backend(pid) as signalled\nfrom pg_stat_activity\nwhere pid = $1 and backend_start = $2::timestamptz");
  });
});
