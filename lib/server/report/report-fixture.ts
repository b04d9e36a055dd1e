// Recorded audit rows (shapes as lib/server/actions and lib/server/guardrails write them) and a timeline
// with hostile text in every untrusted field, for the report's unit tests.
import type { AuditEntry } from "../../audit";
import type { IncidentTimeline, TimelineEvent } from "../../report";
import { auditEvent } from "./audit-events";
import { reportChecklist } from "./checklist";

export const HOSTILE = {
  title: "DB down\n# pwned <script>alert(1)</script> | x",
  query: "select '```' as f, '|' as p /* ```` */ from res_partner\n-- <img src=x onerror=alert(1)>",
  app: "odoo-bin | *cron* [link](http://evil)",
  note: "restarted cron\n## fake heading\n- fake item <b>bold</b>\nsee https://evil.example/x or www.evil.example, ops@evil.example",
  url: "click https://evil.example/login <https://evil.example/a> www.evil.example",
  line: "2026-11-26 10:01:02 UTC [42] LOG:  server process (PID 4242) was terminated by signal 9: Killed ``` \u001b[31m",
};

const actor = (username: string, via: AuditEntry["actor"]["via"] = "session") => ({ userId: "u-" + username, username, role: "admin", via, clientAddr: "127.0.0.1", userAgent: "Mozilla/5.0" });

const entry = (id: number, at: string, action: string, subject: AuditEntry["subject"], extra: Partial<AuditEntry> = {}): AuditEntry => ({
  id: String(id),
  at,
  phase: "outcome",
  intentId: String(id - 1),
  action,
  targetId: "main",
  actor: actor("alice"),
  subject,
  sql: null,
  reason: null,
  outcome: "ok",
  message: null,
  durationMs: 12,
  ...extra,
});

export const auditRows: AuditEntry[] = [
  entry(11, "2026-11-26T10:02:00.000Z", "helm.take", { before: null, after: { holder: "alice", holderUserId: "u-alice", since: "2026-11-26T10:02:00.000Z", lastActiveAt: "2026-11-26T10:02:00.000Z" } }),
  entry(13, "2026-11-26T10:03:00.000Z", "session.cancel", {
    pid: 4242, backendStart: "2026-11-26 09:50:00.1+00", user: "odoo", database: "prod", applicationName: HOSTILE.app, state: "active",
    query: HOSTILE.query, queryStart: "2026-11-26 09:55:00+00", xactStart: null, xactMs: null, backendXid: null, backendType: "client backend",
  }, { reason: "runaway | report", message: "query stopped" }),
  entry(15, "2026-11-26T10:04:00.000Z", "guardrails.preset", {
    diff: [
      { role: "odoo", database: null, setting: "work_mem", before: "64MB", after: "16MB", prior: "64MB" },
      { role: "odoo", database: null, setting: "statement_timeout", before: null, after: "60s", prior: null },
    ],
    expiresAt: null,
  }),
  entry(17, "2026-11-26T10:20:00.000Z", "guardrail.revert", { guardrailId: "g1", role: "odoo", database: null, setting: "work_mem", applied: "16MB", prior: "64MB", before: "16MB", after: "64MB", forced: false }, { actor: actor("bob", "token") }),
  entry(19, "2026-11-26T10:21:00.000Z", "command.run", { name: "pause-cron", run: "systemctl stop odoo-cron", timeoutSeconds: 30, commandLine: "timeout -k 5 30 /bin/sh -c 'systemctl stop odoo-cron'" }, { message: "exit 0\nstdout:\ncron paused\nstderr: (empty)" }),
  entry(20, "2026-11-26T10:22:00.000Z", "guardrail.apply", { changes: [{ role: "odoo", database: null, setting: "work_mem", value: "8MB" }], expiresAt: null }, { intentId: null, outcome: "refused", message: "bob holds the helm" }),
];

export function hostileTimeline(): IncidentTimeline {
  const t = (iso: string) => `2026-11-26T${iso}.000Z`;
  return {
    incident: {
      id: "7d9e1a52-0000-4000-8000-000000000001", targetId: "main", targetName: "Main | <DB>", title: `${HOSTILE.title} www.evil.example`, severity: "sev2", status: "closed",
      openedAt: t("10:00:00"), openedBy: "alice", startedAt: t("09:50:00"), closedAt: t("10:30:00"), closedBy: "bob", summary: `Cron export ran \`select *\`.\n1. cancelled\n| a | b |\n${HOSTILE.url}`, oomKillsAtOpen: 3,
    },
    events: ([
      { id: "incident:open", at: t("10:00:00"), kind: "incident", actor: "alice", title: `Opened incident (sev2): ${HOSTILE.title}`, detail: null, outcome: null, code: null },
      { id: "signal:1", at: t("10:01:02"), kind: "signal", actor: null, title: "postgres log: signal_9", detail: null, outcome: null, code: HOSTILE.line },
      { id: "alert:1", at: t("10:01:30"), kind: "alert", actor: null, title: "Alert mem_available_low firing", detail: `MemAvailable 4.2 % < 10 % ${HOSTILE.url}`, outcome: "firing", code: null },
      ...auditRows.map((e) => auditEvent(e)),
      { id: "step:1", at: t("10:05:00"), kind: "step", actor: "alice", title: "Checked step 2.2: Cancel worst offenders (before terminate)", detail: null, outcome: null, code: null },
      { id: "note:1", at: t("10:06:00"), kind: "note", actor: "carol", title: "Note", detail: HOSTILE.note, outcome: null, code: null },
      { id: "incident:close", at: t("10:30:00"), kind: "incident", actor: "bob", title: "Closed incident", detail: null, outcome: null, code: null },
    ] as TimelineEvent[]).sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    metrics: [],
    guardrailsInForce: [{ id: "g2", role: "odoo", database: "prod", setting: "statement_timeout", value: "60s", prior: null, appliedAt: t("10:04:00"), appliedBy: "alice", expiresAt: null }],
    checklist: reportChecklist([
      { stepKey: "2.2", checked: true, note: "pid 4242 | cancelled", by: "alice", at: new Date(t("10:05:00")), evidence: [{ kind: "actions_taken", status: "ok", text: "1 cancel, 0 terminates" }] },
      { stepKey: "0.1", checked: true, note: null, by: "alice", at: new Date(t("10:01:00")), evidence: null },
      { stepKey: "0.1", checked: false, note: "not yet", by: "bob", at: new Date(t("10:02:00")), evidence: null },
    ]),
    signals: { byKind: { signal_9: 1, fatal: 4 }, total: 5, shown: 1 },
    impact: {
      before: { from: t("09:45:00"), to: t("09:50:00"), samples: 60 },
      during: { from: t("09:50:00"), to: t("10:30:00"), samples: 480 },
      after: { from: t("10:29:00"), to: t("10:30:00"), samples: 12 },
      rows: [
        { key: "memAvailable", before: 2 * 1024 ** 3, worst: 100 * 1024 ** 2, after: 1.5 * 1024 ** 3 },
        { key: "swapIn", before: 0, worst: 2100, after: 3.5 },
        { key: "active", before: 4, worst: 77, after: 5 },
        { key: "idleInTransaction", before: 1, worst: 3, after: 0 },
        { key: "waitingOnLocks", before: 0, worst: 12, after: null },
        { key: "tempBytesPerSec", before: null, worst: 3 * 1024 ** 2, after: 0 },
      ],
      memAvailablePct: { before: 25, worst: 1.2, after: 18.75 },
    },
    oomKillsDuring: 2,
    generatedAt: t("10:40:00"),
  };
}
