// The guardrails API as the UI reads it (GET /api/targets/:id/guardrails and the mutations' answers).
import type { Direction, EffectiveValue, PreChange } from "@/lib/guardrails";

export type { ActiveGuardrail, Direction, EffectiveValue, GuardrailsView, HelmState, InForceSetting, PreChange, RoleInfo } from "@/lib/guardrails";
export { GUARDRAIL_SETTINGS, levelText } from "@/lib/guardrails";

export interface DiffRow {
  role: string;
  database: string | null;
  setting: string;
  value: string;
  before: string | null;
  prior: string | null;
  supersedes: string | null;
  /** What a new session of the role in that database gets now, and from which level. */
  effective: EffectiveValue;
  direction: Direction;
  /** How the profile chose the value ("half of the 4MB in force (server), …" or "entered by you"). */
  how?: string;
  needsConfirmation: boolean;
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
  /** A row raises above the value in force: applying needs confirmRaise. */
  needsConfirmation: boolean;
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

/** The runbook's caps; the server computes each value from the one in force unless the operator types one. */
export const EMERGENCY_CAPS = { statement_timeout: "60s", idle_in_transaction_session_timeout: "120s", work_mem: "16MB" } as const;
export type PresetValues = { [K in keyof typeof EMERGENCY_CAPS]: string };
export const EMPTY_PRESET_VALUES: PresetValues = { statement_timeout: "", idle_in_transaction_session_timeout: "", work_mem: "" };
