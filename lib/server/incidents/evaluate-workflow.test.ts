import { describe, expect, it } from "vitest";
import type { VerificationState } from "../../verification";
import { actionsEvidence, cronBacklogEvidence, guardrailsEvidence, helmEvidence, odooHttpEvidence } from "./evaluate-workflow";

const now = Date.parse("2026-11-26T18:00:00Z");
const at = (agoMs: number) => new Date(now - agoMs).toISOString();
const verification = (v: Partial<VerificationState>): VerificationState => ({ odooHttp: null, odooHttpHistory: [], cronBacklog: null, cronBacklogHistory: [], ...v });

describe("workflow evidence", () => {
  it("helm: ok when someone holds it", () => {
    expect(helmEvidence(null).status).toBe("bad");
    expect(helmEvidence({ holder: "oscar", holderUserId: "u1", since: at(60_000), lastActiveAt: at(0) })).toMatchObject({ status: "ok", text: expect.stringMatching(/^oscar holds the helm since \d\d:\d\d:\d\d$/) });
  });

  it("guardrails_active lists what is in force", () => {
    expect(guardrailsEvidence([]).status).toBe("bad");
    expect(guardrailsEvidence([{ role: "odoo", database: "odoo", setting: "work_mem", value: "16MB" }, { role: "odoo", database: null, setting: "statement_timeout", value: "60s" }])).toEqual({
      kind: "guardrails_active",
      status: "ok",
      text: "2 in force: work_mem=16MB for odoo@odoo, statement_timeout=60s for odoo",
    });
  });

  it("actions_taken counts successful cancels and terminates; none is not a failure", () => {
    expect(actionsEvidence(null).status).toBe("unknown");
    expect(actionsEvidence({}).status).toBe("unknown");
    expect(actionsEvidence({ "session.cancel": 3, "sessions.bulk_terminate": 1 })).toMatchObject({ status: "ok", text: "3 cancel, 1 bulk terminate since the incident opened" });
  });

  it("odoo_http: the check's status and latency; unknown when none or stale", () => {
    expect(odooHttpEvidence(null, now).status).toBe("unknown");
    const check = { url: "http://odoo:8069/web/login", at: at(5_000), status: 200, latencyMs: 41.6, ok: true };
    expect(odooHttpEvidence(verification({ odooHttp: check }), now)).toEqual({ kind: "odoo_http", status: "ok", text: "http://odoo:8069/web/login: HTTP 200 in 42 ms" });
    expect(odooHttpEvidence(verification({ odooHttp: { ...check, status: 503, ok: false } }), now).status).toBe("bad");
    expect(odooHttpEvidence(verification({ odooHttp: { ...check, status: null, latencyMs: null, ok: false, error: "ECONNREFUSED" } }), now)).toMatchObject({ status: "bad", text: expect.stringContaining("no answer (ECONNREFUSED)") });
    expect(odooHttpEvidence(verification({ odooHttp: { ...check, at: at(10 * 60_000) } }), now).status).toBe("unknown");
  });

  it("cron_backlog: ok at zero or trending down, bad when flat or up, unknown before a trend", () => {
    const c = (overdue: number | null, trend: "down" | "flat" | "up" | null) => cronBacklogEvidence(verification({ cronBacklog: { at: at(1000), overdue, trend } }), now).status;
    expect([c(0, null), c(5, "down"), c(5, "flat"), c(5, "up"), c(5, null), c(null, null)]).toEqual(["ok", "ok", "bad", "bad", "unknown", "unknown"]);
    expect(cronBacklogEvidence(null, now).status).toBe("unknown");
  });
});
