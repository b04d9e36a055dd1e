import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../audit";
import { auditEvent, QUERY_EXCERPT, unfinishedEvent } from "./audit-events";
import { buildChecklist } from "../incidents/checklist";
import { evidenceOf, reportChecklist } from "./checklist";
import { auditRows, HOSTILE } from "./report-fixture";

const byAction = (a: string) => auditEvent(auditRows.find((r) => r.action === a)!);

describe("auditEvent", () => {
  it("a cancel names the pid, user, database and application, with the query as code", () => {
    const e = byAction("session.cancel");
    expect(e).toMatchObject({ kind: "action", actor: "alice", title: "Cancel pid 4242: query stopped", outcome: "ok", code: HOSTILE.query });
    expect(e.detail).toBe(`user odoo, database prod, application ${HOSTILE.app}, state active\nreason: runaway | report`);
  });

  it("a cancel or terminate says what it did, as its outcome recorded it (older rows: not recorded)", () => {
    const cancel = auditRows.find((r) => r.action === "session.cancel")!;
    expect(auditEvent({ ...cancel, message: "still running after cancel" }).title).toBe("Cancel pid 4242: still running after cancel");
    expect(auditEvent({ ...cancel, action: "session.terminate", message: "session gone" }).title).toBe("Terminate pid 4242: session gone");
    expect(auditEvent({ ...cancel, message: null }).title).toBe("Cancel pid 4242: effect not recorded");
    const refused = auditEvent({ ...cancel, intentId: null, outcome: "refused", message: "pid now belongs to another session" });
    expect(refused.title).toBe("Cancel pid 4242");
    expect(refused.detail).toContain("refused: pid now belongs to another session");
  });

  it("a guardrail apply without before in its subject takes the guardrail row's prior", () => {
    const row = { ...auditRows[2], subject: { changes: [{ role: "odoo", database: null, setting: "work_mem", value: "16MB" }], expiresAt: null } } as AuditEntry;
    expect(auditEvent(row).detail).toBe("work_mem for odoo: ? → 16MB");
    const priors = new Map([[row.intentId!, [{ role: "odoo", database: null, setting: "work_mem", prior: "64MB" }]]]);
    expect(auditEvent(row, priors).detail).toBe("work_mem for odoo: 64MB → 16MB");
  });

  it("bounds the query excerpt", () => {
    const row = { ...auditRows[1], subject: { ...(auditRows[1].subject as object), query: "x".repeat(5000) } } as AuditEntry;
    expect(auditEvent(row).code).toHaveLength(QUERY_EXCERPT + 1);
  });

  it("a preset gives before → after per setting and what a revert restores", () => {
    const row = { ...auditRows[2], subject: { diff: [{ role: "odoo", database: "prod", setting: "work_mem", before: "32MB", after: "16MB", prior: "64MB" }], expiresAt: "2026-11-26T11:00:00.000Z" } } as AuditEntry;
    expect(auditEvent(row).detail).toBe("work_mem for odoo in prod: 32MB → 16MB (revert restores 64MB)\nexpires 2026-11-26T11:00:00.000Z");
  });

  it("a revert to nothing says RESET, and an expiry is the console's", () => {
    const row = { ...auditRows[3], action: "guardrail.expire", actor: { ...auditRows[3].actor, username: "pg-triage (expiry)", via: "system" }, subject: { guardrailId: "g", role: "odoo", database: null, setting: "statement_timeout", applied: "60s", prior: null, before: "60s", after: null, forced: false } } as AuditEntry;
    expect(auditEvent(row)).toMatchObject({ kind: "guardrail", actor: "pg-triage (expiry)", title: "Expired statement_timeout for odoo", detail: "statement_timeout for odoo: 60s → not set (RESET)" });
  });

  it("helm takes and releases say who held it", () => {
    expect(byAction("helm.take")).toMatchObject({ kind: "helm", title: "Took the helm", detail: "holder nobody → alice" });
    const force = { ...auditRows[0], action: "helm.force_take", actor: { ...auditRows[0].actor, username: "bob" }, subject: { before: { holder: "alice" }, after: { holder: "bob" } } } as AuditEntry;
    expect(auditEvent(force).title).toBe("Took the helm from alice");
    const release = { ...auditRows[0], action: "helm.release", subject: { before: { holder: "alice" }, after: null } } as AuditEntry;
    expect(auditEvent(release)).toMatchObject({ title: "Released the helm", detail: "holder alice → nobody" });
  });

  it("a command gives its name, what it runs, its exit status and its output", () => {
    expect(byAction("command.run")).toMatchObject({ kind: "command", title: "Command pause-cron: exit 0", detail: "runs systemctl stop odoo-cron", code: "stdout:\ncron paused\nstderr: (empty)" });
    const killed = { ...auditRows[4], outcome: "error", message: "killed after 30 s (timeout)\nstdout: (empty)\nstderr: (empty)" } as AuditEntry;
    expect(auditEvent(killed)).toMatchObject({ title: "Command pause-cron: killed after 30 s (timeout)", outcome: "error" });
    const unknown = { ...auditRows[4], intentId: null, outcome: "not_found", subject: { name: "rm-rf" }, message: 'no command "rm-rf" is configured for Main; nothing was run' } as AuditEntry;
    expect(auditEvent(unknown)).toMatchObject({ title: "Command rm-rf", detail: 'not_found: no command "rm-rf" is configured for Main; nothing was run', code: null });
  });

  it("a refused step or note says which, and a refused open names the title", () => {
    const step = { ...auditRows[0], action: "incident.step", outcome: "refused", intentId: null, message: "closed", subject: { incidentId: "i", title: "T", stepKey: "3.1", checked: false, note: "n" } } as AuditEntry;
    expect(auditEvent(step)).toMatchObject({ kind: "step", title: "Uncheck step 3.1", detail: "note: n\nrefused: closed" });
    const open = { ...auditRows[0], action: "incident.open", outcome: "refused", intentId: null, message: "one is open", subject: { title: "Second", severity: "sev2" } } as AuditEntry;
    expect(auditEvent(open)).toMatchObject({ kind: "incident", title: "Incident open: Second" });
  });

  it("a refusal keeps its message", () => {
    expect(byAction("guardrail.apply")).toMatchObject({ outcome: "refused", detail: "work_mem for odoo: ? → 8MB\nrefused: bob holds the helm" });
  });
});

describe("checklist", () => {
  it("lists every runbook step, the newest check of each winning", () => {
    const c = reportChecklist([
      { stepKey: "3.1", checked: true, note: null, by: "alice", at: new Date(2000), evidence: null },
      { stepKey: "3.1", checked: false, note: "kills again", by: "bob", at: new Date(3000), evidence: null },
    ]);
    expect(c).toHaveLength(19);
    expect(c.find((x) => x.key === "3.1")).toMatchObject({ checked: false, by: "bob", note: "kills again", evidence: [] });
  });

  it("is the live checklist's steps, state and stored evidence, so the two cannot drift", () => {
    const item = { kind: "oom_quiet", status: "ok", text: "unchanged 12 min" };
    const rows = [
      { stepKey: "2.2", checked: true, note: "n", by: "alice", at: new Date(2000), evidence: [item, { kind: "nope" }] },
      { stepKey: "0.1", checked: true, note: null, by: "bob", at: new Date(1000), evidence: null },
    ];
    const live = buildChecklist(rows, null);
    const report = reportChecklist(rows);
    expect(report.map(({ key, checked, by, at, note, evidence }) => ({ key, checked, by, at, note, evidence }))).toEqual(
      live.map(({ key, checked, by, at, note, evidenceAtCheck }) => ({ key, checked, by, at, note, evidence: evidenceAtCheck ?? [] })),
    );
    expect(report.find((x) => x.key === "2.2")).toMatchObject({ sectionTitle: expect.any(String), evidence: [item] });
  });

  it("reads stored evidence as an array or under a key, dropping what is not evidence", () => {
    const item = { kind: "oom_quiet", status: "ok", text: "unchanged 12 min" };
    expect(evidenceOf([item, { kind: "nope" }])).toEqual([item]);
    expect(evidenceOf({ evidence: [item] })).toEqual([item]);
    expect(evidenceOf(null)).toEqual([]);
  });
});

describe("actions without a recorded result", () => {
  const intentOf = (o: AuditEntry): AuditEntry => ({ ...o, id: o.intentId!, intentId: null, phase: "intent", outcome: null, message: null, durationMs: null });
  const command = auditRows.find((r) => r.action === "command.run")!;
  const cancel = auditRows.find((r) => r.action === "session.cancel")!;

  it("an intent alone is listed, as running while its command is claimed, else as outcome unknown", () => {
    expect(unfinishedEvent(intentOf(command), true)).toMatchObject({ kind: "command", title: "Command pause-cron", outcome: "running", detail: expect.stringMatching(/no outcome yet: still running$/) });
    const cancelled = unfinishedEvent(intentOf(cancel), false);
    expect(cancelled).toMatchObject({ title: "Cancel pid 4242", outcome: "outcome unknown", detail: expect.stringMatching(/no outcome recorded: the console may have stopped while it ran .*the result is unknown$/) });
  });

  it("an interrupted command says so, without an exit summary it never had", () => {
    const e = auditEvent({ ...command, outcome: "interrupted", message: "the console that ran this stopped while it ran; it was no longer running on the host at 2026-11-26T10:31:00.000Z: exit status and output unknown", durationMs: null });
    expect(e).toMatchObject({ title: "Command pause-cron", outcome: "interrupted", code: null });
    expect(e.detail).toContain("interrupted: the console that ran this stopped while it ran;");
  });
});
