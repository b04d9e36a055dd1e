import { describe, expect, it } from "vitest";
import { ident, literal, pollSql, sessionLimitsSql } from "./sql";

describe("ident", () => {
  it("double-quotes and doubles embedded quotes", () => {
    expect(ident("odoo")).toBe('"odoo"');
    expect(ident('we"ird role')).toBe('"we""ird role"');
  });
  it("refuses empty names and NUL", () => {
    expect(() => ident("")).toThrow(/empty/);
    expect(() => ident("a\0b")).toThrow(/NUL/);
  });
});

describe("literal", () => {
  it("single-quotes and doubles embedded quotes so an injection stays one literal", () => {
    expect(literal("64MB'; reset all; --")).toBe("'64MB''; reset all; --'");
  });
});

describe("pollSql", () => {
  it("reads all of pg_stat_activity and calls pg_blocking_pids only for lock waiters", () => {
    const sql = pollSql();
    expect(sql).toMatch(/from pg_stat_activity\s*;/);
    expect(sql).not.toMatch(/where state/);
    expect(sql).toMatch(/case when wait_event_type = 'Lock' then pg_blocking_pids\(pid\) end/);
    expect(sql.split(";").filter((s) => s.trim()).length).toBe(3);
  });
});

describe("activitySql", () => {
  it("reads leader_pid from PostgreSQL 13 on, and NULL before (or when the version is unknown)", () => {
    expect(pollSql(130000)).toMatch(/backend_type, leader_pid, query/);
    expect(pollSql(180004)).toMatch(/backend_type, leader_pid, query/);
    expect(pollSql(120020)).toMatch(/backend_type, null::int as leader_pid, query/);
    expect(pollSql(null)).toMatch(/null::int as leader_pid/);
  });
});

describe("sessionLimitsSql", () => {
  it("sets the console session's own limits as quoted literals", () => {
    expect(sessionLimitsSql({ statementTimeoutMs: 4000, lockTimeoutMs: 1000, idleInTransactionMs: 4000, workMem: "4MB" })).toBe(
      "set statement_timeout = '4000ms';\nset lock_timeout = '1000ms';\nset idle_in_transaction_session_timeout = '4000ms';\nset work_mem = '4MB'",
    );
  });
  it("refuses values that are not plain numbers and sizes", () => {
    expect(() => sessionLimitsSql({ statementTimeoutMs: -1, lockTimeoutMs: 1, idleInTransactionMs: 1, workMem: "4MB" })).toThrow(/bad timeout/);
    expect(() => sessionLimitsSql({ statementTimeoutMs: 1, lockTimeoutMs: 1, idleInTransactionMs: 1, workMem: "4MB'; reset all" })).toThrow(/bad work_mem/);
  });
});
