// The cron backlog's trend: the newest count against the count about five minutes earlier.
import type { CronBacklog } from "../../verification";

export const TREND_WINDOW_MS = 5 * 60 * 1000;

type Sample = Pick<CronBacklog, "at" | "overdue">;

/**
 * `earlier` oldest first, without `current`. The reference is the known count whose age is nearest
 * to one window, among those 0.9 to 2 windows old: null until the history reaches that far back.
 */
export function cronTrend(earlier: readonly Sample[], current: Sample, windowMs = TREND_WINDOW_MS): CronBacklog["trend"] {
  if (current.overdue === null) return null;
  const now = Date.parse(current.at);
  let ref: number | null = null;
  let bestDistance = Infinity;
  for (let i = earlier.length - 1; i >= 0; i--) {
    const s = earlier[i];
    const age = now - Date.parse(s.at);
    if (age > 2 * windowMs) break;
    if (age < 0.9 * windowMs || s.overdue === null || Math.abs(age - windowMs) >= bestDistance) continue;
    bestDistance = Math.abs(age - windowMs);
    ref = s.overdue;
  }
  if (ref === null) return null;
  return current.overdue < ref ? "down" : current.overdue > ref ? "up" : "flat";
}
