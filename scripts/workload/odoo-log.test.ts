import { describe, expect, it } from "vitest";
import { extractSignals } from "../../lib/server/signals/extract";
import { odooAccessLine, odooFailureLines } from "./odoo-log";

// The demo's Odoo log must be what the console's signal matchers recognise as Odoo's own format.
describe("the demo's Odoo log", () => {
  const at = new Date("2026-11-26T18:00:01.123Z");
  const kinds = (lines: string[]) => extractSignals("odoo", lines, new Date()).map((r) => r.kind);

  it("a cancelled request logs a bad query and an HTTP 500 access line, stamped in UTC", () => {
    const lines = odooFailureLines("cancelled", 4242, "canceling statement due to user request", at);
    expect(lines[0]).toMatch(/^2026-11-26 18:00:01,123 4242 ERROR odoo odoo\.sql_db: /);
    expect(kinds(lines)).toContain("http_500");
    const recs = extractSignals("odoo", lines, new Date());
    expect(recs.every((r) => r.at.toISOString() === at.toISOString())).toBe(true);
  });

  it("a terminated worker logs a traceback and the worker exiting", () => {
    expect(kinds(odooFailureLines("terminated", 4242, "terminating connection", at))).toEqual(expect.arrayContaining(["traceback", "worker"]));
  });

  it("a successful request is noise: no signal", () => {
    expect(kinds([odooAccessLine(4242, at)])).toEqual([]);
  });
});
