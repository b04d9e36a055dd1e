// Step 3's verification checks as the API and the UI see them. Isomorphic: no Node imports.

export interface OdooHttpCheck {
  /** The URL checked (Odoo's login page), without credentials. */
  url: string;
  at: string;
  /** HTTP status; null when no answer (error says why). */
  status: number | null;
  latencyMs: number | null;
  error?: string;
  /** Where a redirect pointed (not followed; untrusted text). */
  location?: string;
  ok: boolean;
}

export interface CronBacklog {
  at: string;
  /** Overdue active ir_cron jobs; null when not an Odoo database or not readable (error says why). */
  overdue: number | null;
  error?: string;
  /** Compared with ~5 minutes earlier: null until there is enough history. */
  trend: "down" | "flat" | "up" | null;
  /** The database read (odoo.database, else the one in postgres.url). */
  database?: string;
}

/** The latest results of the checks that run in their own loop (lib/server/verify/checks.ts). */
export interface VerificationState {
  odooHttp: OdooHttpCheck | null;
  /** Recent checks, oldest first (for the trend sparkline). */
  odooHttpHistory: OdooHttpCheck[];
  cronBacklog: CronBacklog | null;
  cronBacklogHistory: CronBacklog[];
}

/** Runbook 3.2 from the monitor's latest snapshot. */
export interface PostgresHealth {
  status: "up" | "down" | "starting";
  error?: string;
  inRecovery: boolean | null;
  /** Client backends by state (the console's own poll included, as in the live counters); null when down. */
  active: number | null;
  idleInTransaction: number | null;
  lastPollAt: string | null;
}

/** GET /api/targets/:id/verification: cached state only (no query, no HTTP request per viewer). */
export interface VerificationView extends VerificationState {
  incident: { id: string; openedAt: string } | null;
  /** Host oom_kill counter now − at the incident's open; null without an open incident or host data. */
  oomKillsSinceOpen: number | null;
  host: "up" | "down" | "none";
  postgres: PostgresHealth;
  /** Whether odoo.url is configured (otherwise the HTTP check never runs). */
  odooUrlConfigured: boolean;
  /** Whether the target has an odoo section (otherwise the cron backlog is never read). */
  odooConfigured: boolean;
}
