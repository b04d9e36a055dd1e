// The guardrails' allowlist and the view the API returns, shared by the server and the UI. Isomorphic.

/** The only settings a guardrail may change (ALTER ROLE ... SET cannot take $n parameters). */
export const GUARDRAIL_SETTINGS = [
  "statement_timeout",
  "idle_in_transaction_session_timeout",
  "lock_timeout",
  "work_mem",
  "maintenance_work_mem",
  "hash_mem_multiplier",
  "temp_buffers",
  "temp_file_limit",
  /** Not a SET: ALTER ROLE ... CONNECTION LIMIT n (pg_roles.rolconnlimit, -1 = no limit), role-wide only. */
  "connection_limit",
] as const;
export type GuardrailSetting = (typeof GUARDRAIL_SETTINGS)[number];

/**
 * Settings where a higher value lets PostgreSQL use more memory (more connections included): during an
 * incident raising one above the value in force needs an explicit confirmation. temp_file_limit caps disk.
 */
export const RAISE_GUARDED_SETTINGS: readonly GuardrailSetting[] = ["work_mem", "maintenance_work_mem", "hash_mem_multiplier", "temp_buffers", "connection_limit"];

/** Where the value in force for a (role, database) comes from, in PostgreSQL's precedence order. */
export type EffectiveLevel = "role_in_database" | "role" | "database" | "all_roles" | "server";

export interface EffectiveValue {
  /** As PostgreSQL holds it at that level ('4MB', '2048', '0'); null when nothing could be read. */
  value: string | null;
  level: EffectiveLevel;
  /** The database of a "database" level (a role-wide change is compared with the lowest value it would replace). */
  database?: string | null;
}

const LEVEL_TEXT: Record<EffectiveLevel, string> = {
  role_in_database: "role in database",
  role: "role (all databases)",
  database: "database (all roles)",
  all_roles: "all roles (ALTER ROLE ALL)",
  server: "server",
};

/** "database (all roles): erp", "server". */
export function levelText(e: Pick<EffectiveValue, "level" | "database">): string {
  return `${LEVEL_TEXT[e.level]}${e.level === "database" && e.database ? `: ${e.database}` : ""}`;
}

/** The proposed value against the value in force; "unknown" when either cannot be compared (treated as a raise). */
export type Direction = "lower" | "same" | "raise" | "unknown";

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
