import { describe, expect, it } from "vitest";
import type { AuditEntry } from "./audit";
import { subjectSummary } from "./audit-summary";
import { auditRows, HOSTILE } from "./server/report/report-fixture";

const base = auditRows[0];
const row = (action: string, subject: AuditEntry["subject"], over: Partial<AuditEntry> = {}): AuditEntry => ({ ...base, action, subject, ...over });

describe("subjectSummary", () => {
  it("cancel and terminate: the pid and the query's first line", () => {
    expect(subjectSummary(auditRows.find((r) => r.action === "session.cancel")!)).toBe(`pid 4242 · ${HOSTILE.query.split("\n")[0]}`);
    expect(subjectSummary(row("session.terminate", { pid: 7, query: "\n  update x set y = 1\n  where z" }))).toBe("pid 7 · update x set y = 1");
    expect(subjectSummary(row("session.cancel", { pid: 7, query: "x".repeat(300) }))).toHaveLength("pid 7 · ".length + 120 + 1);
  });

  it("bulk: how many sessions and the filter", () => {
    expect(subjectSummary(row("sessions.bulk_cancel", { filter: { state: "active", minQuerySeconds: 60 }, sessions: [{ pid: 1 }, { pid: 2 }] }))).toBe("2 sessions (filter state=active, minQuerySeconds=60)");
  });

  it("guardrails: role/database, setting, before → after", () => {
    expect(subjectSummary(auditRows.find((r) => r.action === "guardrails.preset")!)).toBe("work_mem for odoo: 64MB → 16MB; statement_timeout for odoo: not set → 60s");
    expect(subjectSummary(auditRows.find((r) => r.action === "guardrail.revert")!)).toBe("work_mem for odoo: 16MB → 64MB");
    expect(subjectSummary(row("guardrail.apply", { changes: [{ role: "odoo", database: "prod", setting: "work_mem", value: "8MB" }] }))).toBe("work_mem for odoo in prod: → 8MB");
    expect(subjectSummary(row("guardrail.expire", { role: "odoo", database: null, setting: "lock_timeout", applied: "5s", prior: null }))).toBe("lock_timeout for odoo: 5s → not set");
  });

  it("helm, command, runbook step, incident and note", () => {
    expect(subjectSummary(auditRows.find((r) => r.action === "helm.take")!)).toBe("helm taken");
    expect(subjectSummary(row("helm.force_take", { before: { holder: "alice" }, after: { holder: "bob" } }, { actor: { ...base.actor, username: "bob" } }))).toBe("helm taken from alice");
    expect(subjectSummary(row("helm.release", { before: { holder: "bob" }, after: null }))).toBe("helm released");
    expect(subjectSummary(auditRows.find((r) => r.action === "command.run")!)).toBe("command pause-cron");
    expect(subjectSummary(row("incident.step", { stepKey: "2.2", checked: true }))).toBe("step 2.2 checked");
    expect(subjectSummary(row("incident.open", { title: HOSTILE.title }))).toBe('incident "DB down"');
    expect(subjectSummary(row("incident.note", { text: "\ncron paused\nmore" }))).toBe("note: cron paused");
    expect(subjectSummary(row("something.new", null))).toBe("—");
  });
});
