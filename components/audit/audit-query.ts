// Audit page logic: filters to query strings, live entries against the filters, one-line summaries. Pure.
import type { AuditEntry, AuditVerifyResult } from "@/lib/audit";
import { formatClock } from "@/lib/format";

export interface AuditFilter {
  target: string;
  actor: string;
  action: string;
  outcome: string;
  /** datetime-local values ("2026-03-21T10:00"), local time; "" for open-ended. */
  since: string;
  until: string;
  q: string;
}

export const emptyAuditFilter: AuditFilter = { target: "", actor: "", action: "", outcome: "", since: "", until: "", q: "" };

/** A datetime-local value to ISO (it is local time), or null when unreadable. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The API's query string for these filters, plus extra parameters (format, limit, cursor). */
export function auditQuery(f: AuditFilter, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const key of ["target", "actor", "action", "outcome", "q"] as const) {
    const v = f[key].trim();
    if (v) p.set(key, v);
  }
  const since = localToIso(f.since);
  const until = localToIso(f.until);
  if (since) p.set("since", since);
  if (until) p.set("until", until);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

/** Pid, user and application of the subject, when it is one session. */
export function subjectOf(e: AuditEntry): { pid: number | null; user: string | null; app: string | null } {
  const s = e.subject as Record<string, unknown> | null;
  if (!s || typeof s !== "object") return { pid: null, user: null, app: null };
  return {
    pid: typeof s.pid === "number" ? s.pid : null,
    user: typeof s.user === "string" ? s.user : null,
    app: typeof s.applicationName === "string" && s.applicationName ? s.applicationName : null,
  };
}

const icontains = (hay: string | null | undefined, needle: string) => (hay ?? "").toLowerCase().includes(needle.toLowerCase());

/** Whether a live entry belongs in the list the server would return for these filters (approximation of q). */
export function matchesAuditFilter(e: AuditEntry, f: AuditFilter, now = Date.now()): boolean {
  if (f.target.trim() && e.targetId !== f.target.trim()) return false;
  if (f.actor.trim() && e.actor.username !== f.actor.trim()) return false;
  if (f.action && e.action !== f.action) return false;
  if (f.outcome && e.outcome !== f.outcome) return false;
  const at = Date.parse(e.at);
  const since = localToIso(f.since);
  const until = localToIso(f.until);
  if (since && at < Date.parse(since)) return false;
  if (until && (at > Date.parse(until) || Date.parse(until) < now)) return false;
  const q = f.q.trim();
  if (q) {
    const s = subjectOf(e);
    const fields = [e.action, e.actor.username, e.targetId, e.reason, e.message, e.sql, s.user, s.app, s.pid === null ? null : String(s.pid), JSON.stringify(e.subject ?? "")];
    if (!fields.some((v) => icontains(v, q))) return false;
  }
  return true;
}

/** Newest first, one row per id, at most `cap`. */
export function prependEntries(existing: readonly AuditEntry[], incoming: readonly AuditEntry[], cap = 1000): AuditEntry[] {
  const seen = new Set(existing.map((e) => e.id));
  const fresh = incoming.filter((e) => !seen.has(e.id)).reverse();
  return fresh.length === 0 ? (existing as AuditEntry[]) : [...fresh, ...existing].slice(0, cap);
}

export function chainStatusText(v: AuditVerifyResult): string {
  if (v.ok) return `Chain intact: ${v.checked} rows checked`;
  return v.firstBroken ? `Chain broken at row ${v.firstBroken.id}: ${v.firstBroken.reason}` : `Chain broken (${v.checked} rows checked)`;
}

/** "14:03:12 session.cancel pid 1234 by alice: ok": a chart marker's title. */
export function markerText(e: AuditEntry): string {
  const { pid } = subjectOf(e);
  return `${formatClock(Date.parse(e.at))} ${e.action}${pid === null ? "" : ` pid ${pid}`} by ${e.actor.username}: ${e.outcome ?? e.phase}`;
}
