import { describe, it, expect } from "vitest";
import { BULK_PRESETS, bulkConfirmLabel, emptyBulkForm, outcomeSummary, outcomeText, previewedList, sincePreviewText, toBulkFilter } from "./bulk-filter";

describe("toBulkFilter", () => {
  it("refuses a filter with no criterion", () => {
    expect(toBulkFilter(emptyBulkForm).error).toMatch(/at least one criterion/);
    expect(toBulkFilter({ ...emptyBulkForm, user: "   " }).error).toBeDefined();
  });

  it("keeps only the criteria set, numbers as numbers, wildcards as typed", () => {
    expect(toBulkFilter({ ...emptyBulkForm, application: " odoo-% ", minQuerySeconds: "60" })).toEqual({ filter: { application: "odoo-%", minQuerySeconds: 60 } });
    expect(toBulkFilter({ ...emptyBulkForm, minXactSeconds: "0" }).filter).toEqual({ minXactSeconds: 0 });
  });

  it("names a bad number", () => {
    expect(toBulkFilter({ ...emptyBulkForm, minXactSeconds: "-1" }).error).toMatch(/Min transaction age/);
    expect(toBulkFilter({ ...emptyBulkForm, minQuerySeconds: "abc" }).error).toMatch(/Min query age/);
  });

  it("has presets for the runbook's typical uses", () => {
    expect(toBulkFilter(BULK_PRESETS[0].form).filter).toEqual({ state: "idle in transaction", minXactSeconds: 120 });
    expect(BULK_PRESETS[0].form.action).toBe("terminate");
    expect(toBulkFilter(BULK_PRESETS[1].form).filter).toEqual({ state: "active", minQuerySeconds: 60 });
    expect(BULK_PRESETS[1].form.action).toBe("cancel");
  });
});

describe("labels and summaries", () => {
  it("names the count", () => {
    expect(bulkConfirmLabel("terminate", 3)).toBe("Terminate 3 sessions");
    expect(bulkConfirmLabel("terminate", 1)).toBe("Terminate 1 session");
    expect(bulkConfirmLabel("cancel", 2)).toBe("Cancel queries of 2 sessions");
  });

  it("counts outcomes", () => {
    const r = (outcome: string) => ({ pid: 1, backendStart: "x", outcome });
    expect(outcomeSummary([r("ok"), r("ok"), r("not_found")])).toBe("2 ok, 1 not found");
    expect(outcomeSummary([])).toBe("no session acted on");
  });
});

describe("outcomeText", () => {
  it("reports the effect at the next poll, or the refusal", () => {
    const base = { pid: 1, backendStart: "x" };
    expect(outcomeText({ ...base, outcome: "ok", goneAfter: true }, "terminate")).toBe("ok (session gone)");
    expect(outcomeText({ ...base, outcome: "ok", goneAfter: false }, "cancel")).toBe("ok (signalled; still running at the next poll)");
    expect(outcomeText({ ...base, outcome: "pid_reused", message: "pid now belongs to another session" }, "cancel")).toBe("pid reused: pid now belongs to another session");
  });
});

describe("connection age, client address, glob; marks since the preview", () => {
  it("sends the new criteria as typed (the server validates the address and names it)", () => {
    expect(toBulkFilter({ ...emptyBulkForm, minConnectionSeconds: "300", clientAddr: " 10.0.0.0/8 ", application: "odoo-*" })).toEqual({ filter: { minConnectionSeconds: 300, clientAddr: "10.0.0.0/8", application: "odoo-*" } });
    expect(toBulkFilter({ ...emptyBulkForm, minConnectionSeconds: "soon" }).error).toMatch(/Min connection age/);
  });

  it("sends back what the preview showed, and words the outcomes", () => {
    const s = { pid: 7, backendStart: "b", state: "active", queryStart: "q", user: "odoo", database: "odoo", applicationName: "a", query: "", xactStart: null, xactMs: null, backendXid: null, backendType: "client backend" };
    expect(previewedList([s])).toEqual([{ pid: 7, backendStart: "b", state: "active", queryStart: "q" }]);
    const base = { pid: 7, backendStart: "b" };
    expect(outcomeText({ ...base, outcome: "gone" }, "terminate")).toBe("gone: left before the confirmation (not signalled)");
    expect(sincePreviewText({ ...base, outcome: "ok", sincePreview: { changed: ["state", "query"], state: "idle", queryStart: "q2" } })).toBe("changed since the preview: state now idle; another query");
    expect(sincePreviewText({ ...base, outcome: "ok" })).toBeNull();
  });
});
