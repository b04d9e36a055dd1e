// The guardrails API as the UI reads it (GET /api/targets/:id/guardrails and the mutations' answers).

export interface InForceSetting {
  role: string;
  database: string | null;
  setting: string;
  value: string;
  source: "pg-triage" | "external";
  guardrailId?: string;
  expiresAt?: string | null;
}

export interface RoleInfo {
  role: string;
  connectionLimit: number;
  superuser: boolean;
  sessions: number;
}

export interface PreChange {
  sessions: number;
  idle: number;
}

export interface ActiveGuardrail {
  id: string;
  role: string;
  database: string | null;
  setting: string;
  value: string;
  prior: string | null;
  current: string | null;
  changedOutside: boolean;
  appliedAt: string;
  appliedBy: string;
  expiresAt: string | null;
  expiryBlocked: boolean;
  sessionsBeforeChange: PreChange | null;
}

export interface HelmState {
  holder: string;
  holderUserId: string;
  since: string;
  lastActiveAt: string;
}

export interface GuardrailsView {
  settings: InForceSetting[];
  roles: RoleInfo[];
  guardrails: ActiveGuardrail[];
  helm: HelmState | null;
}

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

export const GUARDRAIL_SETTINGS = ["statement_timeout", "idle_in_transaction_session_timeout", "work_mem", "lock_timeout", "maintenance_work_mem", "temp_file_limit"] as const;

export const EMERGENCY_DEFAULTS = { statement_timeout: "60s", idle_in_transaction_session_timeout: "120s", work_mem: "16MB" } as const;
export type PresetValues = { [K in keyof typeof EMERGENCY_DEFAULTS]: string };
