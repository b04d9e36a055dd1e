// One line saying what an audit row acted on, for every kind of action. Pure and isomorphic; untrusted
// parts (query text, titles, notes) are returned as text for the page to render as text.
import type { AuditEntry } from "./audit";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
const val = (v: unknown) => str(v) ?? "not set";
const scope = (s: Obj) => `${str(s.role) ?? "?"}${str(s.database) ? ` in ${str(s.database)}` : ""}`;
const MAX = 120;
/** The first non-empty line, bounded. */
export const firstLine = (t: string | null) => {
  const line = (t ?? "").split("\n").map((l) => l.trim()).find(Boolean) ?? "";
  return line.length > MAX ? `${line.slice(0, MAX)}…` : line;
};

function guardrailChanges(s: Obj): string {
  const list = Array.isArray(s.diff) ? s.diff.map(obj) : Array.isArray(s.changes) ? s.changes.map(obj) : [];
  const one = (d: Obj) => `${str(d.setting) ?? "?"} for ${scope(d)}: ${"before" in d ? `${val(d.before)} → ` : "→ "}${val(d.after ?? d.value)}`;
  return list.length ? list.map(one).join("; ") : "—";
}

export function subjectSummary(e: AuditEntry): string {
  const s = obj(e.subject);
  switch (e.action) {
    case "session.cancel":
    case "session.terminate":
      return [`pid ${str(s.pid) ?? "?"}`, firstLine(str(s.query))].filter(Boolean).join(" · ");
    case "sessions.bulk_cancel":
    case "sessions.bulk_terminate": {
      const n = Array.isArray(s.sessions) ? s.sessions.length : 0;
      const filter = Object.entries(obj(s.filter)).map(([k, v]) => `${k}=${str(v) ?? JSON.stringify(v)}`);
      return `${n} session${n === 1 ? "" : "s"}${filter.length ? ` (filter ${filter.join(", ")})` : ""}`;
    }
    case "guardrail.apply":
    case "guardrails.preset":
      return guardrailChanges(s);
    case "guardrail.revert":
    case "guardrail.expire":
      return `${str(s.setting) ?? "?"} for ${scope(s)}: ${val("before" in s ? s.before : s.applied)} → ${val("after" in s ? s.after : s.prior)}`;
    case "guardrail.recycle_idle":
      return `idle sessions of ${scope(s)} (${str(s.setting) ?? "guardrail"})`;
    case "guardrail.revert_all":
      return "every guardrail in force";
    case "helm.take":
    case "helm.force_take": {
      const from = str(obj(s.before).holder);
      return `helm taken${from && from !== e.actor.username ? ` from ${from}` : ""}`;
    }
    case "helm.release":
      return "helm released";
    case "command.run":
      return `command ${str(s.name) ?? "?"}`;
    case "incident.open":
    case "incident.close":
      return `incident "${firstLine(str(s.title))}"`;
    case "incident.step":
      return `step ${str(s.stepKey) ?? "?"} ${s.checked === false ? "unchecked" : "checked"}`;
    case "incident.note":
      return `note: ${firstLine(str(s.text))}`;
    default:
      return "—";
  }
}
