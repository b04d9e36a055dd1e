import { describe, expect, it } from "vitest";
import { cronOverdueSql, cronTableSql } from "./sql-verify";

describe("cron backlog SQL", () => {
  it("detects ir_cron by to_regclass, so a non-Odoo database is no error", () => {
    expect(cronTableSql()).toBe("select pg_backend_pid() as pid, to_regclass('ir_cron') is not null as has_cron");
  });
  it("counts active jobs whose nextcall (UTC, without time zone) has passed", () => {
    expect(cronOverdueSql()).toBe("select count(*) as overdue from ir_cron where active and nextcall < (now() at time zone 'utc')");
  });
});
