import { describe, expect, it } from "vitest";
import { consoleHidesServerValue, resolveEffective, type SettingRow } from "./effective";

const server = { value: "4MB", magnitude: 4096 };
const row = (role: string | null, database: string | null, ...setconfig: string[]): SettingRow => ({ role, database, setconfig });

describe("resolveEffective (PostgreSQL's order: role in database, role, database, ALTER ROLE ALL, server)", () => {
  const all = [row("odoo", "erp", "work_mem=2MB"), row("odoo", null, "work_mem=3MB"), row(null, "erp", "work_mem=5MB"), row(null, null, "work_mem=6MB")];

  it("takes the most specific level that has the setting", () => {
    expect(resolveEffective(all, "odoo", "erp", "work_mem", server)).toEqual({ value: "2MB", level: "role_in_database", magnitude: 2048 });
    expect(resolveEffective(all.slice(1), "odoo", "erp", "work_mem", server)).toMatchObject({ value: "3MB", level: "role" });
    expect(resolveEffective(all.slice(2), "odoo", "erp", "work_mem", server)).toMatchObject({ value: "5MB", level: "database", database: "erp" });
    expect(resolveEffective(all.slice(3), "odoo", "erp", "work_mem", server)).toMatchObject({ value: "6MB", level: "all_roles" });
    expect(resolveEffective([], "odoo", "erp", "work_mem", server)).toEqual({ value: "4MB", level: "server", magnitude: 4096 });
  });

  it("ignores other roles, other databases and other settings", () => {
    const rows = [row("other", "erp", "work_mem=1MB"), row("odoo", "other", "work_mem=1MB"), row(null, "other", "work_mem=1MB"), row("odoo", "erp", "statement_timeout=5s")];
    expect(resolveEffective(rows, "odoo", "erp", "work_mem", server)).toMatchObject({ value: "4MB", level: "server" });
  });

  it("role-wide: the role's own value, else the lowest value it would replace in any database", () => {
    expect(resolveEffective(all, "odoo", null, "work_mem", server)).toMatchObject({ value: "3MB", level: "role" });
    const rows = [row(null, "erp", "work_mem=2MB"), row(null, "big", "work_mem=64MB")];
    expect(resolveEffective(rows, "odoo", null, "work_mem", server)).toMatchObject({ value: "2MB", level: "database", database: "erp" });
    // erp's database value does not reach odoo there: odoo has its own value in erp.
    expect(resolveEffective([...rows, row("odoo", "erp", "work_mem=8MB")], "odoo", null, "work_mem", server)).toMatchObject({ value: "4MB", level: "server" });
    expect(resolveEffective([row(null, "erp", "work_mem=lots")], "odoo", null, "work_mem", server)).toMatchObject({ magnitude: null });
  });

  it("knows when the console's own settings hide the server value in its reset_val", () => {
    expect(consoleHidesServerValue([row("triage", null, "work_mem=64MB")], "triage", "postgres", "work_mem")).toBe(true);
    expect(consoleHidesServerValue([row(null, "postgres", "work_mem=64MB")], "triage", "postgres", "work_mem")).toBe(true);
    expect(consoleHidesServerValue([row(null, null, "work_mem=64MB"), row("odoo", null, "work_mem=1MB")], "triage", "postgres", "work_mem")).toBe(false);
  });
});
