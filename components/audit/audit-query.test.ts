import { describe, it, expect } from "vitest";
import type { AuditEntry } from "@/lib/audit";
import { auditQuery, chainStatusText, emptyAuditFilter, matchesAuditFilter, prependEntries, subjectOf } from "./audit-query";

function entry(over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: "1",
    at: "2026-03-21T10:00:00.000Z",
    phase: "outcome",
    intentId: "0",
    action: "session.cancel",
    targetId: "default",
    actor: { userId: "u1", username: "alice", role: "operator", via: "session", clientAddr: "127.0.0.1", userAgent: null },
    subject: { pid: 4242, backendStart: "x", user: "odoo", database: "odoo", applicationName: "odoo-cron", state: "active", query: "select pg_sleep(600)", queryStart: null, xactStart: null, xactMs: null, backendXid: null, backendType: "client backend" },
    sql: "select pg_cancel_backend($1)",
    reason: "runaway report",
    outcome: "ok",
    message: null,
    durationMs: 3,
    ...over,
  };
}

describe("auditQuery", () => {
  it("sends only the filters set, times as ISO, plus extras", () => {
    const q = new URLSearchParams(auditQuery({ ...emptyAuditFilter, actor: " alice ", since: "2026-03-21T10:00" }, { format: "csv" }));
    expect(q.get("actor")).toBe("alice");
    expect(q.get("since")).toBe(new Date(2026, 2, 21, 10, 0).toISOString());
    expect(q.get("format")).toBe("csv");
    expect(q.has("target")).toBe(false);
  });
});

describe("matchesAuditFilter", () => {
  it("applies exact filters and searches text fields", () => {
    expect(matchesAuditFilter(entry(), emptyAuditFilter)).toBe(true);
    expect(matchesAuditFilter(entry(), { ...emptyAuditFilter, outcome: "refused" })).toBe(false);
    expect(matchesAuditFilter(entry(), { ...emptyAuditFilter, q: "PG_SLEEP" })).toBe(true);
    expect(matchesAuditFilter(entry(), { ...emptyAuditFilter, q: "4242" })).toBe(true);
    expect(matchesAuditFilter(entry(), { ...emptyAuditFilter, q: "nothing-like-it" })).toBe(false);
  });

  it("drops live entries when the range ends in the past", () => {
    const now = Date.parse("2026-03-21T12:00:00Z");
    expect(matchesAuditFilter(entry(), { ...emptyAuditFilter, until: "2026-03-20T10:00" }, now)).toBe(false);
  });
});

describe("prependEntries", () => {
  it("puts new entries first, newest first, without duplicates", () => {
    const list = prependEntries([entry({ id: "1" })], [entry({ id: "2" }), entry({ id: "3" }), entry({ id: "1" })]);
    expect(list.map((e) => e.id)).toEqual(["3", "2", "1"]);
  });
});

describe("summaries", () => {
  it("reads the session subject defensively", () => {
    expect(subjectOf(entry())).toEqual({ pid: 4242, user: "odoo", app: "odoo-cron" });
    expect(subjectOf(entry({ subject: { count: 3 } }))).toEqual({ pid: null, user: null, app: null });
    expect(subjectOf(entry({ subject: null }))).toEqual({ pid: null, user: null, app: null });
  });

  it("states the chain status", () => {
    expect(chainStatusText({ ok: true, checked: 12 })).toBe("Chain intact: 12 rows checked");
    expect(chainStatusText({ ok: false, checked: 12, firstBroken: { id: "7", reason: "hash mismatch" } })).toBe("Chain broken at row 7: hash mismatch");
  });
});
