// The guardrails API as the UI reads it (GET /api/targets/:id/guardrails and the mutations' answers).
import type { PreChange } from "@/lib/guardrails";

export type { ActiveGuardrail, GuardrailsView, HelmState, InForceSetting, PreChange, RoleInfo } from "@/lib/guardrails";
export { GUARDRAIL_SETTINGS } from "@/lib/guardrails";

export interface DiffRow {
  role: string;
  database: string | null;
  setting: string;
  value: string;
  before: string | null;
  prior: string | null;
  supersedes: string | null;
}

export interface AppliedGuardrail {
  id: string;
  role: string;
  database: string | null;
  setting: string;
  prior: string | null;
  value: string;
  expiresAt: string | null;
}

/** What an apply (single or preset) left behind: the sessions still on the old values. */
export interface ApplyOutcome {
  guardrailId: string;
  role: string;
  database: string | null;
  sessionsBeforeChange: PreChange;
  note?: string;
}

export interface PresetAnswer {
  ok: true;
  dryRun: boolean;
  diff: DiffRow[];
  guardrails: AppliedGuardrail[];
  sessionsBeforeChange: PreChange;
  note?: string;
}

/** A 409 conflict on revert: the value applied, what PostgreSQL holds now, what revert restores. */
export interface RevertConflict {
  id: string;
  role: string;
  database: string | null;
  setting: string;
  applied: string;
  current: string | null;
  prior: string | null;
}

export const EMERGENCY_DEFAULTS = { statement_timeout: "60s", idle_in_transaction_session_timeout: "120s", work_mem: "16MB" } as const;
export type PresetValues = { [K in keyof typeof EMERGENCY_DEFAULTS]: string };
