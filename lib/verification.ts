// Step 3's verification checks as the API and the UI see them. Isomorphic: no Node imports.

export interface OdooHttpCheck {
  /** The URL checked (Odoo's login page). */
  url: string;
  at: string;
  /** HTTP status; null when no answer (error says why). */
  status: number | null;
  latencyMs: number | null;
  error?: string;
  ok: boolean;
}

export interface CronBacklog {
  at: string;
  /** Overdue active ir_cron jobs; null when not an Odoo database or not readable (error says why). */
  overdue: number | null;
  error?: string;
  /** Compared with ~5 minutes earlier: null until there is enough history. */
  trend: "down" | "flat" | "up" | null;
}

/** The latest results of the checks that run in their own loop (lib/server/verify/checks.ts). */
export interface VerificationState {
  odooHttp: OdooHttpCheck | null;
  /** Recent checks, oldest first (for the trend sparkline). */
  odooHttpHistory: OdooHttpCheck[];
  cronBacklog: CronBacklog | null;
  cronBacklogHistory: CronBacklog[];
}
