// The guardrails' allowlist and the view the API returns, shared by the server and the UI. Isomorphic.

/** The only settings a guardrail may change (ALTER ROLE ... SET cannot take $n parameters). */
export const GUARDRAIL_SETTINGS = [
  "statement_timeout",
  "idle_in_transaction_session_timeout",
  "lock_timeout",
  "work_mem",
  "maintenance_work_mem",
  "temp_file_limit",
] as const;
export type GuardrailSetting = (typeof GUARDRAIL_SETTINGS)[number];

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

/** Sessions of a role that started before a change (still on the old values). */
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
  /** What PostgreSQL holds at that scope now; differs from value when changed outside (revert → 409). */
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
