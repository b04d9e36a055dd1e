// The runbook (../shared/reference/odoo-postgres-oom-runbook.txt) as data: the checklist the commander
// follows on screen and the report lists. Isomorphic: no Node imports.

/** Live evidence a step can show (computed on the server: lib/server/incidents/evidence.ts). */
export const evidenceKinds = [
  "helm", // one operator handles DB parameter changes: who holds the helm
  "host_pressure", // MemAvailable, swap-in/out rate, PSI
  "session_counts", // active and idle-in-transaction sessions
  "memory_settings", // work_mem × active sessions against RAM
  "actions_taken", // cancels / terminates during the incident
  "guardrails_active", // guardrails in force on the target
  "oom_quiet", // oom_kill unchanged for 10 minutes
  "pg_health", // PostgreSQL up and pg_is_in_recovery() false
  "temp_rate_falling", // temp-bytes rate falling
  "odoo_http", // Odoo login page answers 200
  "cron_backlog", // overdue active ir_cron jobs trending down
] as const;
export type EvidenceKind = (typeof evidenceKinds)[number];

/** Runbook 3.1 "no ongoing OOM kills": the oom_kill counter unchanged this long (checklist evidence and the OOM alert). */
export const OOM_QUIET_MS = 10 * 60_000;

export interface Evidence {
  kind: EvidenceKind;
  /** ok: the measured state says the step's goal holds; bad: it does not; unknown: cannot be measured now. */
  status: "ok" | "bad" | "unknown";
  /** One line, e.g. "oom_kill unchanged for 12 min (last kill 14:02)". */
  text: string;
}

export interface RunbookStep {
  /** Stable key stored with each check, e.g. "0.1", "3.2", "rollback.1". */
  key: string;
  section: RunbookSectionKey;
  title: string;
  /** What the runbook says to do or look at, one or two lines. */
  detail: string;
  evidence: readonly EvidenceKind[];
}

export type RunbookSectionKey = "0" | "1" | "2" | "3" | "rollback";

export const runbookSections: readonly { key: RunbookSectionKey; title: string }[] = [
  { key: "0", title: "Step 0 — Stabilize blast radius" },
  { key: "1", title: "Step 1 — Confirm where memory is being consumed" },
  { key: "2", title: "Step 2 — Contain safely (production order)" },
  { key: "3", title: "Step 3 — Recovery verification" },
  { key: "rollback", title: "Rollback / backout plan" },
];

export const runbookSteps: readonly RunbookStep[] = [
  { key: "0.1", section: "0", title: "Freeze deploys and schema changes", detail: "Announce the freeze; no migrations until the incident is closed.", evidence: [] },
  { key: "0.2", section: "0", title: "Pause non-essential high-memory workloads", detail: "Large exports, BI cron, heavy queue jobs.", evidence: ["session_counts"] },
  { key: "0.3", section: "0", title: "Keep one operator handling DB parameter changes", detail: "Take the helm before changing guardrails.", evidence: ["helm"] },
  { key: "0.4", section: "0", title: "Avoid broad restart loops", detail: "They hide the culprit query or workload.", evidence: ["oom_quiet"] },
  { key: "1.1", section: "1", title: "Host-level memory pressure", detail: "free, vmstat, top processes by RSS. If swap thrashes and OOM kills continue, reduce load before tuning.", evidence: ["host_pressure"] },
  { key: "1.2", section: "1", title: "PostgreSQL session/query pressure", detail: "Sessions by state, long-running active queries, temp-file heavy databases.", evidence: ["session_counts", "temp_rate_falling"] },
  { key: "1.3", section: "1", title: "Current memory-related settings", detail: "High max_connections + high work_mem + many active queries is the classic OOM pattern.", evidence: ["memory_settings"] },
  { key: "2.1", section: "2", title: "Stop query fan-out before changing DB memory knobs", detail: "Pause reporting and batch first; limit app concurrency.", evidence: ["session_counts"] },
  { key: "2.2", section: "2", title: "Cancel worst offenders (before terminate)", detail: "pg_cancel_backend first; terminate only if cancel fails and the blast radius grows.", evidence: ["actions_taken"] },
  { key: "2.3", section: "2", title: "Apply temporary guardrails", detail: "statement_timeout, idle_in_transaction_session_timeout, work_mem per role and database.", evidence: ["guardrails_active"] },
  { key: "2.4", section: "2", title: "Restart only when pressure is controlled", detail: "Restart PostgreSQL or Odoo after fan-out is reduced.", evidence: ["host_pressure", "pg_health"] },
  { key: "3.1", section: "3", title: "No ongoing OOM kills", detail: "oom_kill unchanged for 10 minutes; no new kernel OOM lines.", evidence: ["oom_quiet"] },
  { key: "3.2", section: "3", title: "PostgreSQL health", detail: "pg_is_in_recovery() false; active and idle-in-transaction counts back to normal.", evidence: ["pg_health", "session_counts"] },
  { key: "3.3", section: "3", title: "Odoo path checks", detail: "Login works; create/update flows succeed; cron backlog trends down after re-enable.", evidence: ["odoo_http", "cron_backlog"] },
  { key: "3.4", section: "3", title: "Gradual scale-up", detail: "Increase workers and cron in steps; watch DB memory after each.", evidence: ["host_pressure", "temp_rate_falling"] },
  { key: "rollback.1", section: "rollback", title: "Reset temporary tuning if it causes regressions", detail: "Revert the guardrails (timeouts too aggressive, job starvation).", evidence: ["guardrails_active"] },
  { key: "rollback.2", section: "rollback", title: "Keep background workload paused", detail: "", evidence: ["session_counts"] },
  { key: "rollback.3", section: "rollback", title: "Return to last known-safe replica counts", detail: "", evidence: [] },
  { key: "rollback.4", section: "rollback", title: "Reintroduce load gradually with narrower guardrails", detail: "", evidence: ["host_pressure"] },
];

export const runbookStepKeys: readonly string[] = runbookSteps.map((s) => s.key);

export const severities = ["sev1", "sev2", "sev3", "sev4"] as const;
export type Severity = (typeof severities)[number];
