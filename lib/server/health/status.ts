// The console's health as components, each reported by one part of the console (the store, each
// target's monitor and host probe, the action connections...), reduced to one overall status. Pure.

export type ComponentStatus = "ok" | "starting" | "degraded" | "down";
export type OverallStatus = "ok" | "degraded" | "down";

export interface HealthComponent {
  /** Stable, e.g. "store", "monitor:prod", "host:prod", "action-connection:prod". */
  name: string;
  status: ComponentStatus;
  /** The console cannot serve logins or actions without it (the store): down makes the whole console down. */
  critical?: boolean;
  /** One short line for logged-in callers: what is wrong. Never a URL with a password, never a key. */
  detail?: string;
}

/** down: a critical component is down; degraded: anything else is not ok (still starting counts as ok). */
export function reduceHealth(components: readonly HealthComponent[]): OverallStatus {
  if (components.some((c) => c.critical && c.status === "down")) return "down";
  if (components.some((c) => c.status === "down" || c.status === "degraded" || (c.critical && c.status === "starting"))) return "degraded";
  return "ok";
}
