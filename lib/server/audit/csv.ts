// CSV export: RFC 4180 quoting, and cells that a spreadsheet would run as a formula (CSV injection:
// query text and application names are attacker-controlled) prefixed with a single quote.
import type { AuditEntry } from "../../audit";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvLine = (cells: (string | number | null | undefined)[]) => cells.map(csvCell).join(",") + "\r\n";

const subjectField = (e: AuditEntry, k: string): string | number | null => {
  const v = (e.subject as Record<string, unknown> | null)?.[k];
  return v === undefined || v === null ? null : typeof v === "number" ? v : typeof v === "string" ? v : JSON.stringify(v);
};

const COLUMNS: [string, (e: AuditEntry) => string | number | null][] = [
  ["id", (e) => e.id],
  ["at", (e) => e.at],
  ["phase", (e) => e.phase],
  ["intent_id", (e) => e.intentId],
  ["action", (e) => e.action],
  ["target", (e) => e.targetId],
  ["username", (e) => e.actor.username],
  ["role", (e) => e.actor.role],
  ["via", (e) => e.actor.via],
  ["client_addr", (e) => e.actor.clientAddr],
  ["user_agent", (e) => e.actor.userAgent],
  ["outcome", (e) => e.outcome],
  ["message", (e) => e.message],
  ["duration_ms", (e) => e.durationMs],
  ["reason", (e) => e.reason],
  ["pid", (e) => subjectField(e, "pid")],
  ["backend_start", (e) => subjectField(e, "backendStart")],
  ["db_user", (e) => subjectField(e, "user")],
  ["database", (e) => subjectField(e, "database")],
  ["application", (e) => subjectField(e, "applicationName")],
  ["state", (e) => subjectField(e, "state")],
  ["query", (e) => subjectField(e, "query")],
  ["sql", (e) => e.sql],
  ["subject_json", (e) => (e.subject === null ? null : JSON.stringify(e.subject))],
];

export const csvHeader = () => csvLine(COLUMNS.map(([name]) => name));
export const csvRow = (e: AuditEntry) => csvLine(COLUMNS.map(([, get]) => get(e)));

export function csvFilename(now = new Date()): string {
  return `pg-triage-audit-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}.csv`;
}
