// Pure helpers of the guardrails panel: grouping what is in force, labels, the helm gate, conflicts.
import type { ActiveGuardrail, DiffRow, Direction, GuardrailsView, HelmState, InForceSetting, PreChange, RevertConflict, RoleInfo } from "./types";

export const HELM_NEEDED = "Take the helm to change parameters";

/** "odoo" or "odoo in erp": the scope a guardrail applies to. */
export function scopeText(role: string, database: string | null): string {
  return database === null ? role : `${role} in ${database}`;
}

const sameScope = (a: { role: string; database: string | null; setting: string }, b: { role: string; database: string | null; setting: string }) =>
  a.role === b.role && a.database === b.database && a.setting === b.setting;

export type SourceLabel = "pg-triage" | "changed outside pg-triage" | "external";

/** pg-triage's own value; a value at a guardrail's scope that someone else changed; or set outside altogether. */
export function sourceLabel(s: InForceSetting, guardrails: ActiveGuardrail[]): SourceLabel {
  if (s.source === "pg-triage") return "pg-triage";
  return guardrails.some((g) => sameScope(g, s)) ? "changed outside pg-triage" : "external";
}

export interface RoleGroup extends RoleInfo {
  /** Role-wide first, then per database; by setting name within a scope. */
  rows: InForceSetting[];
}

const isOdoo = (role: string) => /odoo/i.test(role);
const odooFirst = (a: string, b: string) => Number(!isOdoo(a)) - Number(!isOdoo(b)) || a.localeCompare(b);

/** Settings per role, Odoo's roles first; roles with settings but no login still appear (limit unknown: null). */
export function groupByRole(view: Pick<GuardrailsView, "settings" | "roles">): (Omit<RoleGroup, "connectionLimit"> & { connectionLimit: number | null })[] {
  const known = new Map(view.roles.map((r) => [r.role, r]));
  const names = new Set([...view.roles.map((r) => r.role), ...view.settings.map((s) => s.role)]);
  return [...names].sort(odooFirst).map((role) => {
    const info = known.get(role);
    const rows = view.settings
      .filter((s) => s.role === role)
      .sort((a, b) => Number(a.database !== null) - Number(b.database !== null) || (a.database ?? "").localeCompare(b.database ?? "") || a.setting.localeCompare(b.setting));
    return { role, connectionLimit: info ? info.connectionLimit : null, superuser: info?.superuser ?? false, sessions: info?.sessions ?? 0, rows };
  });
}

/** -1 is PostgreSQL's "no limit". */
export function connectionLimitText(limit: number | null): string {
  if (limit === null) return "unknown (cannot log in)";
  return limit < 0 ? "no limit" : String(limit);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "3 sessions of odoo started before the change (2 idle)". */
export function preChangeText(role: string, p: PreChange): string {
  return `${plural(p.sessions, "session")} of ${role} started before the change (${p.idle} idle)`;
}

export function recycleLabel(idle: number): string {
  return `Recycle ${plural(idle, "idle session")}`;
}

/** "in 29 min", "in 2 h 5 min", "due now", "no expiry". */
export function expiresInText(expiresAt: string | null | undefined, now: number): string {
  if (!expiresAt) return "no expiry";
  const ms = Date.parse(expiresAt) - now;
  if (!Number.isFinite(ms)) return "unknown";
  if (ms <= 0) return "due now";
  const min = Math.ceil(ms / 60_000);
  return min < 60 ? `in ${min} min` : `in ${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ""}`;
}

/** The prior value a revert restores, or the RESET when there was none. */
export function priorText(prior: string | null): string {
  return prior ?? "default (RESET)";
}

/** Empty → omitted; digits → a number; anything else goes as typed so the server names the problem. */
export function minutesOf(text: string): number | string | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** Whether the user holds the helm of this target. */
export function holdsHelm(helm: HelmState | null, username: string | null | undefined): boolean {
  return !!helm && !!username && helm.holder === username;
}

/** Why a parameter change is disabled: the missing permission first, then the helm; null when allowed. */
export function writeBlockReason(denied: string | null, helm: HelmState | null, username: string | null | undefined): string | null {
  return denied ?? (holdsHelm(helm, username) ? null : HELM_NEEDED);
}

interface RevertAllResult {
  id: string;
  ok: boolean;
  error?: { code: string; message: string; applied?: string; current?: string | null; prior?: string | null };
}

/** The conflicts of a "Revert all" (changed outside since applied), with both values, for the question. */
export function conflictsOf(results: RevertAllResult[], guardrails: ActiveGuardrail[]): RevertConflict[] {
  const byId = new Map(guardrails.map((g) => [g.id, g]));
  return results.flatMap((r) => {
    if (r.ok || r.error?.code !== "conflict") return [];
    const g = byId.get(r.id);
    if (!g) return [];
    const e = r.error;
    return [{ id: r.id, role: g.role, database: g.database, setting: g.setting, applied: e.applied ?? g.value, current: e.current !== undefined ? e.current : g.current, prior: e.prior !== undefined ? e.prior : g.prior }];
  });
}

/** A single revert's 409: the row already carries what PostgreSQL holds now. */
export function conflictOfRow(g: ActiveGuardrail): RevertConflict {
  return { id: g.id, role: g.role, database: g.database, setting: g.setting, applied: g.value, current: g.current, prior: g.prior };
}

/** The other failures of a "Revert all", as one line each. */
export function failuresOf(results: RevertAllResult[]): string[] {
  return results.filter((r) => !r.ok && r.error?.code !== "conflict").map((r) => r.error?.message ?? `guardrail ${r.id} was not reverted`);
}

const DIRECTION_TEXT: Record<Direction, string> = { lower: "lower", same: "same", raise: "RAISE", unknown: "cannot compare" };

/** "lower", "same", "RAISE" (needs a confirmation), "cannot compare" (treated as a raise). */
export function directionText(d: Direction): string {
  return DIRECTION_TEXT[d];
}

/** "work_mem 4MB → 16MB": the rows of a dry run that raise above the value in force, for the confirmation. */
export function raisesText(diff: DiffRow[]): string {
  return diff
    .filter((d) => d.needsConfirmation)
    .map((d) => `${d.setting} ${d.effective.value ?? "unknown"} → ${d.value}`)
    .join(", ");
}
