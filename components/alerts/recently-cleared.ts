// Which resolved alert events the banner still shows. Pure, so it is unit tested.
import type { AlertEventView, FiringAlert } from "@/lib/alerts";

/** A cleared alert stays in view this long, so the commander sees it went away and when. */
export const CLEARED_SHOWN_MS = 10 * 60_000;

/** The newest resolution per rule in the last CLEARED_SHOWN_MS, for rules not firing again; newest first. */
export function recentlyCleared(recent: readonly AlertEventView[], firing: readonly FiringAlert[], now: number): AlertEventView[] {
  const firingRules = new Set(firing.map((f) => f.rule));
  const seen = new Set<string>();
  const out: AlertEventView[] = [];
  for (const e of [...recent].sort((a, b) => b.at.localeCompare(a.at))) {
    if (seen.has(e.rule)) continue;
    seen.add(e.rule);
    if (e.state === "resolved" && !firingRules.has(e.rule as FiringAlert["rule"]) && now - Date.parse(e.at) <= CLEARED_SHOWN_MS) out.push(e);
  }
  return out;
}
