// Alerts as the API and the UI see them. Isomorphic: no Node imports.

export const ALERT_RULES = [
  "mem_available_low",
  "swap_in_high",
  "psi_full_high",
  "oom_kill",
  "idle_in_transaction_count",
  "idle_in_transaction_age",
  "connections_high",
  "temp_bytes_rate_high",
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** A rule currently above (or below) its threshold. */
export interface FiringAlert {
  rule: AlertRule;
  message: string;
  value: number;
  threshold: number;
  /** When it started firing (ISO). */
  since: string;
  /** The session the alert is about, for a rule about one (idle-in-transaction age: the oldest such session). */
  pid?: number;
}

/** sent | skipped_cooldown | failed | none (no webhook); pending while the background delivery retries. */
export type WebhookOutcome = "sent" | "skipped_cooldown" | "failed" | "none" | "pending";

export interface AlertEventView {
  id: string;
  rule: string;
  state: "firing" | "resolved";
  value: number | null;
  threshold: number | null;
  /** Firing: what crossed ("MemAvailable 6 % < 10 %"); resolved: what it is now ("cleared: MemAvailable now 15 %, threshold 10 %"). */
  message: string;
  at: string;
  webhook: WebhookOutcome;
  webhookError: string | null;
}

export interface AlertsView {
  firing: FiringAlert[];
  /** The last 20 events of the target, newest first. */
  recent: AlertEventView[];
}
