// The bulk containment form, its presets, and the API shapes. Pure: unit-tested.
import type { AuditSubject } from "@/lib/audit";
import type { SessionAction } from "./action-text";

export interface BulkForm {
  action: SessionAction;
  state: string;
  /** Numbers as typed; "" for no criterion. */
  minQuerySeconds: string;
  minXactSeconds: string;
  database: string;
  user: string;
  application: string;
  queryContains: string;
  minConnectionSeconds: string;
  clientAddr: string;
}

export const emptyBulkForm: BulkForm = {
  action: "cancel",
  state: "",
  minQuerySeconds: "",
  minXactSeconds: "",
  database: "",
  user: "",
  application: "",
  queryContains: "",
  minConnectionSeconds: "",
  clientAddr: "",
};

export interface BulkFilter {
  state?: string;
  minQuerySeconds?: number;
  minXactSeconds?: number;
  database?: string;
  user?: string;
  application?: string;
  queryContains?: string;
  minConnectionSeconds?: number;
  clientAddr?: string;
}

const NUMBER_LABELS = { minQuerySeconds: "Min query age", minXactSeconds: "Min transaction age", minConnectionSeconds: "Min connection age" } as const;

/** The runbook's typical uses (step 2.2 and the 120 s idle-in-transaction guardrail of 2.3). */
export const BULK_PRESETS: Array<{ label: string; form: BulkForm }> = [
  { label: "Idle in transaction > 2 min → terminate", form: { ...emptyBulkForm, action: "terminate", state: "idle in transaction", minXactSeconds: "120" } },
  { label: "Active reports > 60 s → cancel", form: { ...emptyBulkForm, action: "cancel", state: "active", minQuerySeconds: "60" } },
];

/** The filter the API takes, or why the form cannot be sent. A filter with no criterion would match everyone. */
export function toBulkFilter(form: BulkForm): { filter: BulkFilter; error?: undefined } | { error: string; filter?: undefined } {
  const filter: BulkFilter = {};
  for (const key of ["minQuerySeconds", "minXactSeconds", "minConnectionSeconds"] as const) {
    const raw = form[key].trim();
    if (raw === "") continue;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) return { error: `${NUMBER_LABELS[key]} must be a number of seconds, 0 or more` };
    filter[key] = n;
  }
  // The client address is checked by the server, which names the field (IPv4/IPv6 parsing stays in one place).
  for (const key of ["state", "database", "user", "application", "queryContains", "clientAddr"] as const) {
    const v = form[key].trim();
    if (v !== "") filter[key] = v;
  }
  if (Object.keys(filter).length === 0) return { error: "Set at least one criterion: an empty filter would match every session" };
  return { filter };
}

/** The session as the server listed it (the audit's subject), on the previewed list. */
export interface BulkPreviewSession extends Omit<AuditSubject, "backendStart"> {
  backendStart: string;
  clientAddr?: string | null;
  /** Terminate only: e.g. that the session has written in its transaction. */
  warnings?: string[];
}

export interface BulkPreview {
  sessions: BulkPreviewSession[];
  excluded?: Array<{ pid: number; reason: string }>;
}

export interface BulkOutcome {
  pid: number;
  backendStart: string;
  outcome: string;
  message?: string;
  auditId?: string;
  /** Whether the session (terminate) or its query (cancel) was gone at the next poll; absent when not signalled. */
  goneAfter?: boolean | null;
  /** Its state or query changed between the preview and the confirmation. */
  sincePreview?: { changed: Array<"state" | "query">; state: string | null; queryStart: string | null };
}

/** What the confirmation sends back: the identity plus what the preview showed, so the server can mark changes. */
export function previewedList(sessions: BulkPreviewSession[]): Array<{ pid: number; backendStart: string; state: string | null; queryStart: string | null }> {
  return sessions.map((s) => ({ pid: s.pid, backendStart: s.backendStart, state: s.state ?? null, queryStart: s.queryStart ?? null }));
}

/** "state now idle; another query since the preview", or null when nothing changed. */
export function sincePreviewText(o: BulkOutcome): string | null {
  const m = o.sincePreview;
  if (!m || m.changed.length === 0) return null;
  const parts = m.changed.map((c) => (c === "state" ? `state now ${m.state ?? "unknown"}` : "another query"));
  return `changed since the preview: ${parts.join("; ")}`;
}

/** One session's outcome in words: "ok (query stopped)", "pid_reused: pid now belongs to another session". */
export function outcomeText(o: BulkOutcome, action: SessionAction): string {
  if (o.outcome === "gone") return "gone: left before the confirmation (not signalled)";
  if (o.outcome !== "ok") return `${o.outcome.replace(/_/g, " ")}${o.message ? `: ${o.message}` : ""}`;
  if (o.goneAfter === true) return action === "cancel" ? "ok (query stopped)" : "ok (session gone)";
  if (o.goneAfter === false) return action === "cancel" ? "ok (signalled; still running at the next poll)" : "ok (signalled; still connected at the next poll)";
  return "ok (signalled)";
}

export const bulkConfirmLabel = (action: SessionAction, n: number) =>
  action === "terminate" ? `Terminate ${n} ${n === 1 ? "session" : "sessions"}` : `Cancel queries of ${n} ${n === 1 ? "session" : "sessions"}`;

/** "2 ok, 1 refused": counts per outcome, in first-seen order. */
export function outcomeSummary(results: readonly BulkOutcome[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  return [...counts].map(([o, n]) => `${n} ${o.replace(/_/g, " ")}`).join(", ") || "no session acted on";
}
