// Audit outcome rows (and intents still without one) as timeline events: what was done, to what, with its before → after values. Pure.
import { SIGNAL_EFFECTS, type AuditEntry } from "../../audit";
import type { EventKind, TimelineEvent } from "../../report";
import type { GuardrailPriors } from "./guardrail-priors";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
/** A setting's value as shown: null/absent means nothing was set at that scope. */
const val = (v: unknown) => str(v) ?? "not set";
const scope = (role: unknown, database: unknown) => `${str(role) ?? "?"}${str(database) ? ` in ${str(database)}` : ""}`;

/** Query excerpts in the timeline are bounded; the audit trail keeps the full text. */
export const QUERY_EXCERPT = 1000;
const excerpt = (q: string | null) => (q && q.length > QUERY_EXCERPT ? `${q.slice(0, QUERY_EXCERPT)}…` : q);

interface Described {
  kind: EventKind;
  title: string;
  lines: string[];
  code?: string | null;
  /** The outcome message is already in the lines or the code. */
  ownsMessage?: boolean;
}

const EFFECTS = new Set<string>(Object.values(SIGNAL_EFFECTS));

/** What the signal did, from its ok outcome's message ("query stopped", ...); older rows did not record it. */
export function signalEffect(e: AuditEntry): string | null {
  if (e.outcome !== "ok" || e.intentId === null) return null;
  return e.message && EFFECTS.has(e.message) ? e.message : "effect not recorded";
}

function session(e: AuditEntry, verb: string): Described {
  const s = obj(e.subject);
  const effect = signalEffect(e);
  const lines = [
    [str(s.user) && `user ${str(s.user)}`, str(s.database) && `database ${str(s.database)}`, str(s.applicationName) && `application ${str(s.applicationName)}`, str(s.state) && `state ${str(s.state)}`]
      .filter(Boolean)
      .join(", "),
  ];
  return { kind: "action", title: `${verb} pid ${str(s.pid) ?? "?"}${effect ? `: ${effect}` : ""}`, lines, code: excerpt(str(s.query)), ownsMessage: effect !== null };
}

function bulk(e: AuditEntry, verb: string): Described {
  const s = obj(e.subject);
  const n = Array.isArray(s.sessions) ? s.sessions.length : 0;
  const filter = Object.entries(obj(s.filter)).map(([k, v]) => `${k}=${str(v) ?? JSON.stringify(v)}`);
  return { kind: "action", title: `Bulk ${verb} of ${n} session${n === 1 ? "" : "s"}`, lines: filter.length ? [`filter ${filter.join(", ")}`] : [] };
}

function applied(e: AuditEntry, priors: GuardrailPriors): Described {
  const s = obj(e.subject);
  const diff = Array.isArray(s.diff) ? s.diff.map(obj) : Array.isArray(s.changes) ? s.changes.map(obj) : [];
  const rows = (e.intentId && priors.get(e.intentId)) || [];
  // Without "before" in the subject, the guardrail row's prior is the value that was in effect.
  const beforeOf = (d: Obj) => {
    if ("before" in d) return val(d.before);
    const g = rows.find((r) => r.setting === d.setting && r.role === d.role && r.database === (d.database ?? null));
    return g ? val(g.prior) : "?";
  };
  const lines = diff.map((d) => `${str(d.setting) ?? "?"} for ${scope(d.role, d.database)}: ${beforeOf(d)} → ${val(d.after ?? d.value)}${"prior" in d && d.prior !== d.before ? ` (revert restores ${val(d.prior)})` : ""}`);
  if (str(s.expiresAt)) lines.push(`expires ${str(s.expiresAt)}`);
  const preset = e.action === "guardrails.preset";
  const one = diff.length === 1 ? diff[0] : null;
  const title = preset ? `Emergency preset: ${diff.length} setting${diff.length === 1 ? "" : "s"}` : one ? `Guardrail ${str(one.setting)} for ${scope(one.role, one.database)}` : "Guardrail";
  return { kind: "guardrail", title, lines };
}

function reverted(e: AuditEntry): Described {
  const s = obj(e.subject);
  const verb = e.action === "guardrail.expire" ? "Expired" : "Reverted";
  const before = "before" in s ? s.before : s.applied;
  const after = "after" in s ? s.after : s.prior;
  const lines = [`${str(s.setting) ?? "?"} for ${scope(s.role, s.database)}: ${val(before)} → ${val(after)}${after == null ? " (RESET)" : ""}`];
  if (s.forced === true) lines.push("forced over a value changed outside pg-triage");
  return { kind: "guardrail", title: `${verb} ${str(s.setting) ?? "guardrail"} for ${scope(s.role, s.database)}`, lines };
}

function helm(e: AuditEntry): Described {
  const s = obj(e.subject);
  const before = str(obj(s.before).holder);
  const after = str(obj(s.after).holder);
  if (e.action === "helm.release") return { kind: "helm", title: "Released the helm", lines: [`holder ${before ?? "nobody"} → nobody`] };
  const from = e.action === "helm.force_take" && before ? ` from ${before}` : "";
  return { kind: "helm", title: `Took the helm${from}`, lines: [`holder ${before ?? "nobody"} → ${after ?? e.actor.username}`] };
}

/** A command's outcome message (lib/server/commands/audit-text.ts): a summary line ("exit 0", "killed after 30 s
 * (timeout)"), then the output tails. */
function command(e: AuditEntry): Described {
  const s = obj(e.subject);
  const name = str(s.name) ?? "?";
  const [summary, ...rest] = (e.message ?? "").split("\n");
  const ran = e.intentId !== null && /^(exit -?\d+|killed .*)$/.test(summary);
  const lines = str(s.run) ? [`runs ${str(s.run)}`] : [];
  if (!ran && e.message) lines.push(`${e.outcome ?? "message"}: ${e.message}`);
  return { kind: "command", title: `Command ${name}${ran ? `: ${summary}` : ""}`, lines, code: ran && rest.join("\n").trim() ? rest.join("\n") : null, ownsMessage: true };
}

function incident(e: AuditEntry): Described {
  const s = obj(e.subject);
  const what = e.action.replace(/^incident\./, "");
  const title = str(s.title);
  if (what === "step") {
    const state = s.checked === false ? "Uncheck" : "Check";
    return { kind: "step", title: `${state} step ${str(s.stepKey) ?? "?"}${str(s.stepTitle) ? `: ${str(s.stepTitle)}` : ""}`, lines: str(s.note) ? [`note: ${str(s.note)}`] : [] };
  }
  if (what === "note") return { kind: "note", title: "Note", lines: str(s.text) ? [str(s.text)!] : [] };
  return { kind: "incident", title: `Incident ${what}${title ? `: ${title}` : ""}`, lines: str(s.summary) ? [`summary: ${str(s.summary)}`] : [] };
}

function describe(e: AuditEntry, priors: GuardrailPriors): Described {
  switch (e.action) {
    case "session.cancel":
      return session(e, "Cancel");
    case "session.terminate":
      return session(e, "Terminate");
    case "sessions.bulk_cancel":
      return bulk(e, "cancel");
    case "sessions.bulk_terminate":
      return bulk(e, "terminate");
    case "guardrail.apply":
    case "guardrails.preset":
      return applied(e, priors);
    case "guardrail.revert":
    case "guardrail.expire":
      return reverted(e);
    case "guardrail.recycle_idle": {
      const s = obj(e.subject);
      return { kind: "guardrail", title: `Recycled idle sessions of ${scope(s.role, s.database)}`, lines: [`so they pick up ${str(s.setting) ?? "the guardrail"}`] };
    }
    case "helm.take":
    case "helm.force_take":
    case "helm.release":
      return helm(e);
    case "command.run":
      return command(e);
    default:
      if (e.action.startsWith("incident.")) return incident(e);
      if (e.action.startsWith("guardrail")) return { kind: "guardrail", title: e.action, lines: [] };
      return { kind: "other", title: e.action, lines: [] };
  }
}

/** One event per outcome row; intent rows are skipped by the caller (the outcome repeats the subject). */
export function auditEvent(e: AuditEntry, priors: GuardrailPriors = new Map()): TimelineEvent {
  const d = describe(e, priors);
  const lines = d.lines.filter(Boolean);
  if (e.reason) lines.push(`reason: ${e.reason}`);
  if (e.message && !d.ownsMessage) lines.push(`${e.outcome === "ok" ? "result" : e.outcome ?? "message"}: ${e.message}`);
  if (e.actor.via === "token") lines.push("via API token");
  return {
    id: `audit:${e.id}`,
    at: e.at,
    kind: d.kind,
    actor: e.actor.username,
    title: d.title,
    detail: lines.length ? lines.join("\n") : null,
    outcome: e.outcome,
    code: d.code ?? null,
  };
}

/** An intent without an outcome: never hidden; "running" while its command is claimed, else "outcome unknown". */
export function unfinishedEvent(intent: AuditEntry, running: boolean): TimelineEvent {
  const e = auditEvent(intent);
  const why = running
    ? "no outcome yet: still running"
    : "no outcome recorded: the console may have stopped while it ran (a restart records it as interrupted); the result is unknown";
  return { ...e, outcome: running ? "running" : "outcome unknown", detail: [e.detail, why].filter(Boolean).join("\n") };
}
