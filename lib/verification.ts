// Step 3's verification checks as the API and the UI see them. Isomorphic: no Node imports.
import type { SessionRef } from "./session-stats";

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

/**
 * The one judgement of the session counts (lib/server/incidents/session-verdict.ts), from the poll's
 * summary: the checklist's session_counts evidence and the verification panel both show this.
 */
export interface SessionVerdict {
  status: "ok" | "bad";
  /** Client backends, the console's own connections left out. */
  active: number;
  /** Idle in transaction, aborted or not. */
  idleInTransaction: number;
  oldestIdleInTransaction: SessionRef | null;
  /** "1 active of max_connections 200, 1 idle in transaction, oldest 2m 00s (over 1m 00s)" */
  text: string;
}

/** Runbook 3.2 from the monitor's latest snapshot. */
export interface PostgresHealth {
  status: "up" | "down" | "starting";
  error?: string;
  inRecovery: boolean | null;
  /** null when down or before the first poll. */
  sessions: SessionVerdict | null;
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
