// Evidence from the console's own records: helm, guardrails_active, actions_taken, and the Step 3
// verification checks (odoo_http, cron_backlog). Pure.
import { formatClock, formatDuration } from "../../format";
import type { HelmState } from "../../guardrails";
import type { Evidence } from "../../runbook";
import type { VerificationState } from "../../verification";
import { VERIFY_STALE_MS } from "./thresholds";

export function helmEvidence(helm: HelmState | null): Evidence {
  if (!helm) return { kind: "helm", status: "bad", text: "nobody holds the helm: take it before changing parameters" };
  return { kind: "helm", status: "ok", text: `${helm.holder} holds the helm since ${formatClock(Date.parse(helm.since))}` };
}

export interface ActiveGuardrailRow {
  role: string;
  database: string | null;
  setting: string;
  value: string;
}

export function guardrailsEvidence(rows: ActiveGuardrailRow[]): Evidence {
  const kind = "guardrails_active";
  if (!rows.length) return { kind, status: "bad", text: "no guardrails in force on this target" };
  const list = rows.slice(0, 4).map((g) => `${g.setting}=${g.value} for ${g.role}${g.database ? `@${g.database}` : ""}`);
  const more = rows.length > 4 ? ` and ${rows.length - 4} more` : "";
  return { kind, status: "ok", text: `${rows.length} in force: ${list.join(", ")}${more}` };
}

/** Counts of successful audit outcomes per action since the incident opened; null: no incident open. */
export function actionsEvidence(counts: Record<string, number> | null): Evidence {
  const kind = "actions_taken";
  if (counts === null) return { kind, status: "unknown", text: "no open incident: nothing to count" };
  const n = (a: string) => counts[a] ?? 0;
  const total = n("session.cancel") + n("session.terminate") + n("sessions.bulk_cancel") + n("sessions.bulk_terminate");
  // No cancel yet is not a failure: the step may not have been needed.
  if (!total) return { kind, status: "unknown", text: "no cancel or terminate since the incident opened" };
  const parts = [
    n("session.cancel") && `${n("session.cancel")} cancel`,
    n("session.terminate") && `${n("session.terminate")} terminate`,
    n("sessions.bulk_cancel") && `${n("sessions.bulk_cancel")} bulk cancel`,
    n("sessions.bulk_terminate") && `${n("sessions.bulk_terminate")} bulk terminate`,
  ].filter(Boolean);
  return { kind, status: "ok", text: `${parts.join(", ")} since the incident opened` };
}

const stale = (at: string, now: number) => now - Date.parse(at) > VERIFY_STALE_MS;

export function odooHttpEvidence(v: VerificationState | null, now: number): Evidence {
  const kind = "odoo_http";
  const c = v?.odooHttp;
  if (!c) return { kind, status: "unknown", text: "no Odoo HTTP check (odoo.url not configured, or not run yet)" };
  if (stale(c.at, now)) return { kind, status: "unknown", text: `last Odoo check ${formatDuration(now - Date.parse(c.at))} ago` };
  const what = c.status === null ? `no answer (${c.error ?? "error"})` : `HTTP ${c.status}${c.latencyMs === null ? "" : ` in ${Math.round(c.latencyMs)} ms`}`;
  return { kind, status: c.ok ? "ok" : "bad", text: `${c.url}: ${what}` };
}

export function cronBacklogEvidence(v: VerificationState | null, now: number): Evidence {
  const kind = "cron_backlog";
  const c = v?.cronBacklog;
  if (!c) return { kind, status: "unknown", text: "no cron backlog check (not an Odoo database, or not run yet)" };
  if (c.overdue === null) return { kind, status: "unknown", text: `cron backlog not readable${c.error ? `: ${c.error}` : ""}` };
  if (stale(c.at, now)) return { kind, status: "unknown", text: `last cron check ${formatDuration(now - Date.parse(c.at))} ago` };
  const text = `${c.overdue} overdue cron job(s)${c.trend ? `, trend ${c.trend}` : ""}`;
  if (c.overdue === 0 || c.trend === "down") return { kind, status: "ok", text };
  if (c.trend === null) return { kind, status: "unknown", text: `${text}; trend not known yet` };
  return { kind, status: "bad", text };
}
