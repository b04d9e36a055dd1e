import { describe, expect, it } from "vitest";
import { DEFAULT_SIZE, SCHEMA_VERSION, buildSchemaSql, schemaMarker } from "./odoo-schema";
import { Stopper } from "./stopper";

describe("schemaMarker", () => {
  it("changes with the version and the sizes, so an outdated data dir is rebuilt", () => {
    expect(schemaMarker(DEFAULT_SIZE)).toBe(`v${SCHEMA_VERSION}:20000:50000:200000:200000`);
    expect(schemaMarker({ ...DEFAULT_SIZE, orderLines: 1000 })).not.toBe(schemaMarker(DEFAULT_SIZE));
  });
});

describe("buildSchemaSql", () => {
  it("creates the Odoo tables the workload uses", () => {
    const sql = buildSchemaSql(DEFAULT_SIZE);
    for (const t of ["res_partner", "sale_order", "sale_order_line", "account_move_line", "ir_cron", "ir_config_parameter"]) {
      expect(sql).toContain(`CREATE TABLE ${t} (`);
    }
    expect(sql).toContain("generate_series(1, 200000)");
  });
  it("accepts only positive integer sizes (they are inlined in the SQL)", () => {
    expect(() => buildSchemaSql({ ...DEFAULT_SIZE, partners: 0 })).toThrow(/partners/);
    expect(() => buildSchemaSql({ ...DEFAULT_SIZE, orders: 1.5 })).toThrow(/orders/);
    expect(() => buildSchemaSql({ ...DEFAULT_SIZE, orderLines: Number.NaN })).toThrow(/orderLines/);
  });
});

describe("Stopper", () => {
  it("ends pending sleeps at once when stopped, and later sleeps immediately", async () => {
    const s = new Stopper();
    const t = Date.now();
    const pending = s.sleep(10_000);
    s.stop();
    await pending;
    await s.sleep(10_000);
    expect(Date.now() - t).toBeLessThan(1000);
    expect(s.stopped).toBe(true);
  });
  it("sleeps for the given time otherwise", async () => {
    const t = Date.now();
    await new Stopper().sleep(30);
    expect(Date.now() - t).toBeGreaterThanOrEqual(25);
  });
});
