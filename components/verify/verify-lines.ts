// The verification panel's lines (runbook step 3) from the API's view. Pure, so it is unit tested.
import type { CronBacklog, OdooHttpCheck, VerificationView } from "@/lib/verification";

export type Tone = "ok" | "bad" | "unknown";

export interface VerifyLine {
  key: "oom" | "postgres" | "odoo" | "cron";
  label: string;
  tone: Tone;
  text: string;
}

const NOT_ODOO_PREFIX = "not an Odoo database";
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function oomLine(v: VerificationView): VerifyLine {
  const base = { key: "oom", label: "OOM kills since the incident opened" } as const;
  if (!v.incident) return { ...base, tone: "unknown", text: "no open incident" };
  if (v.oomKillsSinceOpen === null) {
    const why = v.host === "none" ? "no host configured for this target" : v.host === "down" ? "host not reachable" : "the host counter was not known when the incident opened";
    return { ...base, tone: "unknown", text: `unknown: ${why}` };
  }
  return v.oomKillsSinceOpen === 0
    ? { ...base, tone: "ok", text: "none since the incident opened" }
    : { ...base, tone: "bad", text: `${plural(v.oomKillsSinceOpen, "OOM kill")} since the incident opened` };
}

export function postgresLine(v: VerificationView): VerifyLine {
  const base = { key: "postgres", label: "PostgreSQL health" } as const;
  const p = v.postgres;
  if (p.status === "starting") return { ...base, tone: "unknown", text: "waiting for the first poll" };
  if (p.status === "down") return { ...base, tone: "bad", text: `down${p.error ? `: ${p.error}` : ""}` };
  // The server's one judgement of the sessions: the checklist's session_counts evidence says the same.
  const counts = p.sessions?.text ?? "sessions not counted";
  if (p.inRecovery) return { ...base, tone: "bad", text: `up, but in recovery (pg_is_in_recovery true) · ${counts}` };
  return { ...base, tone: p.sessions?.status === "bad" ? "bad" : "ok", text: `up, pg_is_in_recovery false · ${counts}` };
}

export function odooText(c: OdooHttpCheck): string {
  const took = c.latencyMs === null ? "" : ` in ${c.latencyMs} ms`;
  if (c.status === null) return `no answer: ${c.error ?? "unknown error"}`;
  if (c.location) return `HTTP ${c.status}${took}, redirects to ${c.location} (not followed)`;
  return `HTTP ${c.status}${took}${c.error ? ` (${c.error})` : ""}`;
}

export function odooLine(v: VerificationView): VerifyLine {
  const base = { key: "odoo", label: "Odoo login page" } as const;
  if (!v.odooUrlConfigured) return { ...base, tone: "unknown", text: "not checked: odoo.url is not configured" };
  if (!v.odooHttp) return { ...base, tone: "unknown", text: "first check pending" };
  const recent = v.odooHttpHistory.slice(-20);
  const okCount = recent.filter((c) => c.ok).length;
  const tail = recent.length > 1 ? ` · ${okCount} of the last ${recent.length} checks ok` : "";
  return { ...base, tone: v.odooHttp.ok ? "ok" : "bad", text: `${odooText(v.odooHttp)}${tail}` };
}

const TREND_TEXT = { down: "trending down", flat: "flat", up: "trending up" } as const;

/** 0 overdue or falling is good; rising is bad; a steady backlog is something to watch, not a verdict. */
export function cronTone(c: CronBacklog): Tone {
  if (c.overdue === null) return c.error?.startsWith(NOT_ODOO_PREFIX) ? "unknown" : "bad";
  if (c.overdue === 0 || c.trend === "down") return "ok";
  return c.trend === "up" ? "bad" : "unknown";
}

export function cronLine(v: VerificationView): VerifyLine {
  const base = { key: "cron", label: "Odoo cron backlog" } as const;
  const c = v.cronBacklog;
  if (!v.odooConfigured) return { ...base, tone: "unknown", text: "not checked: the target has no odoo section in the config" };
  if (!c) return { ...base, tone: "unknown", text: "first check pending" };
  const db = c.database ? ` in ${c.database}` : "";
  if (c.overdue === null) {
    return { ...base, tone: cronTone(c), text: c.error?.startsWith(NOT_ODOO_PREFIX) ? `${c.error}${db}` : `cannot read ir_cron${db}: ${c.error ?? "unknown error"}` };
  }
  const trend = c.trend ? TREND_TEXT[c.trend] + " over 5 min" : "trend after 5 min of checks";
  return { ...base, tone: cronTone(c), text: `${plural(c.overdue, "overdue active job")}${db} · ${trend}` };
}

export function verifyLines(v: VerificationView): VerifyLine[] {
  return [oomLine(v), postgresLine(v), odooLine(v), cronLine(v)];
}
