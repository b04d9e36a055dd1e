import { describe, expect, it } from "vitest";
import { alterRoleBatchSql, alterRoleSetSql } from "../pg/sql";
import { applyBodySchema, presetBodySchema } from "./schemas";
import { configValue, parseSettingValue } from "./values";

const ok = (s: Parameters<typeof parseSettingValue>[0], v: unknown) => {
  const p = parseSettingValue(s, v);
  if (!p.ok) throw new Error(p.message);
  return p.value;
};
const bad = (s: Parameters<typeof parseSettingValue>[0], v: unknown) => {
  const p = parseSettingValue(s, v);
  expect(p.ok, `${s}=${String(v)} should be refused`).toBe(false);
  return p.ok ? "" : p.message;
};

describe("parseSettingValue", () => {
  it("accepts units and plain numbers in the setting's base unit, canonically", () => {
    expect(ok("work_mem", "64MB")).toBe("64MB");
    expect(ok("work_mem", "64mb")).toBe("64MB");
    expect(ok("work_mem", 4096)).toBe("4096kB");
    expect(ok("statement_timeout", "60s")).toBe("60s");
    expect(ok("statement_timeout", "0")).toBe("0");
    expect(ok("statement_timeout", 60000)).toBe("60000ms");
    expect(ok("statement_timeout", "2 min")).toBe("2min");
    expect(ok("lock_timeout", "500ms")).toBe("500ms");
    expect(ok("temp_file_limit", "-1")).toBe("-1");
    expect(ok("temp_file_limit", "1TB")).toBe("1TB");
    expect(ok("maintenance_work_mem", "16GB")).toBe("16GB");
  });

  it("refuses injection, -1 where not allowed, 1e99, empty, decimals, out of range, unknown units", () => {
    expect(bad("work_mem", "64MB; RESET ALL")).toMatch(/not a valid work_mem/);
    expect(bad("work_mem", "-1")).toMatch(/outside the allowed range for work_mem \(64kB\.\.4GB\)/);
    expect(bad("statement_timeout", "-1")).toMatch(/range/);
    expect(bad("statement_timeout", "1e99")).toMatch(/not a valid/);
    expect(bad("statement_timeout", 1e99)).toMatch(/needs a value/);
    expect(bad("statement_timeout", "")).toMatch(/needs a value/);
    expect(bad("statement_timeout", "   ")).toMatch(/needs a value/);
    expect(bad("statement_timeout", "1.5s")).toMatch(/not a valid/);
    expect(bad("statement_timeout", "500ms")).toMatch(/1s\.\.24h/);
    expect(bad("statement_timeout", "25h")).toMatch(/range/);
    expect(bad("lock_timeout", "50ms")).toMatch(/100ms\.\.1h/);
    expect(bad("work_mem", "32kB")).toMatch(/range/);
    expect(bad("work_mem", "5GB")).toMatch(/range/);
    expect(bad("temp_file_limit", "-1MB")).toMatch(/range/);
    expect(bad("temp_file_limit", "2TB")).toMatch(/range/);
    expect(bad("work_mem", "64XB")).toMatch(/unknown unit/);
    expect(bad("work_mem", "99999999999999999")).toMatch(/not a valid/);
    expect(bad("work_mem", null)).toMatch(/needs a value/);
  });

  it("reads a raw value out of setconfig", () => {
    expect(configValue(["statement_timeout=1min", "work_mem=64MB"], "work_mem")).toBe("64MB");
    expect(configValue(["search_path=a=b"], "search_path")).toBe("a=b");
    expect(configValue(null, "work_mem")).toBeNull();
  });
});

describe("ALTER ROLE text", () => {
  it("quotes role and database as identifiers and the value as a literal", () => {
    expect(alterRoleSetSql({ role: 'we"ird role', database: "odoo; drop", setting: "work_mem", value: "16MB'; reset all; --" })).toBe(
      `alter role "we""ird role" in database "odoo; drop" set work_mem = '16MB''; reset all; --'`,
    );
    expect(alterRoleSetSql({ role: "odoo", database: null, setting: "statement_timeout", value: null })).toBe(`alter role "odoo" reset statement_timeout`);
  });

  it("refuses a setting outside the allowlist and wraps the batch with SET LOCAL lock_timeout", () => {
    expect(() => alterRoleSetSql({ role: "o", database: null, setting: "shared_preload_libraries" as never, value: "x" })).toThrow(/allowlist/);
    const sql = alterRoleBatchSql([{ role: "o", database: "d", setting: "work_mem", value: "16MB" }], 2000);
    expect(sql.split(";\n")).toEqual([`set local lock_timeout = '2000ms'`, `alter role "o" in database "d" set work_mem = '16MB'`, "select clock_timestamp()::text as applied_at"]);
  });
});

describe("bodies", () => {
  it("names the field of a bad value", () => {
    const r = applyBodySchema.safeParse({ role: "odoo", setting: "work_mem", value: "64MB; RESET ALL" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["value"]);
    const s = applyBodySchema.safeParse({ role: "odoo", setting: "shared_buffers", value: "1GB" });
    expect(s.error?.issues[0].path).toEqual(["setting"]);
    expect(applyBodySchema.safeParse({ role: "", setting: "work_mem", value: "1MB" }).error?.issues[0].path).toEqual(["role"]);
    expect(applyBodySchema.parse({ role: 'we"ird role', setting: "work_mem", value: 2048 })).toMatchObject({ database: null, value: "2048kB" });
  });

  it("the preset defaults to the runbook's profile; values are overridable and validated", () => {
    const p = presetBodySchema.parse({ role: "odoo", database: "odoo", values: { work_mem: "8MB" } });
    expect(p.changes.map((c) => [c.setting, c.value])).toEqual([
      ["statement_timeout", "60s"],
      ["idle_in_transaction_session_timeout", "120s"],
      ["work_mem", "8MB"],
    ]);
    expect(p.dryRun).toBe(false);
    const bad = presetBodySchema.safeParse({ role: "odoo", database: "odoo", values: { statement_timeout: "1e99" } });
    expect(bad.error?.issues[0].path).toEqual(["values", "statement_timeout"]);
  });
});
