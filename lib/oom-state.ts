// OOM state from the host's oom_kill counter and the kills the console saw, in one place: the OOM
// banner, the host panel, the checklist's oom_quiet evidence, the verification panel and the alerts.
import { OOM_QUIET_MS } from "./runbook";
import type { HostSnapshot, OomEvent } from "./snapshot";

export { OOM_QUIET_MS };

/** One step of the counter: a drop means it restarted from 0 (reboot), so everything it shows now is new. */
export function counterRise(prev: number, cur: number): { rise: number; reset: boolean } {
  return cur >= prev ? { rise: cur - prev, reset: false } : { rise: cur, reset: true };
}

/**
 * Kills counted since a baseline reading (an incident's open, a page's first view). null: no baseline,
 * host not up now, or the counter went back (the host rebooted, so the difference means nothing).
 */
export function oomKillsSince(baseline: number | null | undefined, host: HostSnapshot | null): number | null {
  if (baseline == null || !host || host.status !== "up") return null;
  const r = counterRise(baseline, host.oomKills);
  return r.reset ? null : r.rise;
}

/** The kills the console saw within OOM_QUIET_MS before `now`, newest first. */
export function oomKillsInQuietWindow(host: HostSnapshot, now: number): OomEvent[] {
  return host.oomEvents.filter((e) => Date.parse(e.at) >= now - OOM_QUIET_MS);
}

/** Quiet again: no kill seen, or the last one OOM_QUIET_MS or more ago (runbook step 3.1). */
export function oomQuietAt(lastKillAt: number | null, now: number): boolean {
  return lastKillAt === null || now - lastKillAt >= OOM_QUIET_MS;
}
