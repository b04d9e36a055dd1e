import { describe, expect, it } from "vitest";
import { alterRoleBatchSql, alterRoleSetSql } from "../pg/sql";
import { applyBodySchema, presetBodySchema } from "./schemas";
import { configValue, directionOf, formatMagnitude, parseSettingValue, serverMagnitude, settingMagnitude } from "./values";

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
    expect(ok("temp_buffers", 1000)).toBe("8000kB"); // blocks of 8kB, spelled out
    expect(ok("temp_buffers", "8MB")).toBe("8MB");
    expect(ok("hash_mem_multiplier", "1.5")).toBe("1.5");
    expect(ok("hash_mem_multiplier", 2)).toBe("2");
    expect(bad("hash_mem_multiplier", "0.5")).toMatch(/range/);
    expect(bad("hash_mem_multiplier", "1.5; reset all")).toMatch(/not a valid/);
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
    expect(alterRoleSetSql({ role: 'we"ird', database: null, setting: "connection_limit", value: "20" })).toBe(`alter role "we""ird" connection limit 20`);
    expect(alterRoleSetSql({ role: "o", database: null, setting: "connection_limit", value: null })).toBe(`alter role "o" connection limit -1`);
    expect(() => alterRoleSetSql({ role: "o", database: null, setting: "connection_limit", value: "5; drop role o" })).toThrow(/bad connection limit/);
    expect(() => alterRoleSetSql({ role: "o", database: "d", setting: "connection_limit", value: "5" })).toThrow(/per role/);
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

  it("the preset leaves out what is not typed (computed later from the value in force); typed values are validated", () => {
    const p = presetBodySchema.parse({ role: "odoo", database: "odoo", values: { work_mem: "8MB", statement_timeout: "" } });
    expect(p.values).toEqual({ work_mem: "8MB" });
    expect(p).toMatchObject({ dryRun: false, confirmRaise: false });
    const bad = presetBodySchema.safeParse({ role: "odoo", database: "odoo", values: { statement_timeout: "1e99" } });
    expect(bad.error?.issues[0].path).toEqual(["values", "statement_timeout"]);
    expect(presetBodySchema.safeParse({ role: "odoo", database: "odoo", confirmRaise: "yes" }).error?.issues[0].path).toEqual(["confirmRaise"]);
  });

  it("connection_limit: an integer, -1 or 0..262143, per role only", () => {
    expect(applyBodySchema.parse({ role: "odoo", setting: "connection_limit", value: 20 })).toMatchObject({ value: "20", database: null, confirmRaise: false });
    expect(applyBodySchema.parse({ role: "odoo", setting: "connection_limit", value: "-1" })).toMatchObject({ value: "-1" });
    for (const v of [-2, "1.5", 2.5, "20 conns", "", "999999"]) expect(applyBodySchema.safeParse({ role: "odoo", setting: "connection_limit", value: v }).error?.issues[0].path).toEqual(["value"]);
    expect(applyBodySchema.safeParse({ role: "odoo", database: "odoo", setting: "connection_limit", value: 5 }).error?.issues[0].path).toEqual(["database"]);
  });
});

describe("comparing values as PostgreSQL holds them", () => {
  it("reads setconfig text in the setting's unit, with 'no limit' as Infinity", () => {
    expect(settingMagnitude("work_mem", "2048")).toBe(2048);
    expect(settingMagnitude("work_mem", "3MB")).toBe(3072);
    expect(settingMagnitude("work_mem", "1.5GB")).toBe(1.5 * 1024 * 1024);
    expect(settingMagnitude("temp_buffers", "1024")).toBe(8192);
    expect(settingMagnitude("statement_timeout", "10min")).toBe(600_000);
    expect(settingMagnitude("statement_timeout", "0")).toBe(Infinity);
    expect(settingMagnitude("connection_limit", "-1")).toBe(Infinity);
    expect(settingMagnitude("hash_mem_multiplier", "2")).toBe(2);
    expect(settingMagnitude("work_mem", "lots")).toBeNull();
    expect(settingMagnitude("work_mem", "4mb")).toBeNull(); // PostgreSQL's memory units are case-sensitive
  });

  it("reads pg_settings.reset_val with its unit and formats amounts back", () => {
    expect(serverMagnitude("work_mem", "4096", "kB")).toBe(4096);
    expect(serverMagnitude("temp_buffers", "1024", "8kB")).toBe(8192);
    expect(serverMagnitude("statement_timeout", "0", "ms")).toBe(Infinity);
    expect(formatMagnitude("work_mem", 4096)).toBe("4MB");
    expect(formatMagnitude("work_mem", 1536)).toBe("1536kB");
    expect(formatMagnitude("statement_timeout", 60_000)).toBe("1min");
    expect(formatMagnitude("statement_timeout", Infinity)).toBe("0");
  });

  it("says lower, same, raise, or unknown", () => {
    expect(directionOf(4096, 16384)).toBe("raise");
    expect(directionOf(4096, 2048)).toBe("lower");
    expect(directionOf(Infinity, 60_000)).toBe("lower");
    expect(directionOf(20, Infinity)).toBe("raise");
    expect(directionOf(null, 1)).toBe("unknown");
  });
});
