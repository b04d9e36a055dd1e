// Time-axis ticks and labels for windows from 15 minutes to 14 days. Pure, so it is unit tested.
import { formatClock, formatDateTime } from "@/lib/format";
import { timeTicks } from "@/components/charts/time-ticks";

const HOUR = 3_600_000;
const LONG_STEPS = [2, 3, 6, 12, 24, 48, 72].map((h) => h * HOUR);

/** Round local times between from and to, at most maxTicks. */
export function historyTicks(from: number, to: number, maxTicks = 6): number[] {
  if (!(to > from)) return [from];
  if ((to - from) / HOUR <= maxTicks) return timeTicks(from, to, maxTicks);
  const step = LONG_STEPS.find((s) => (to - from) / s <= maxTicks) ?? LONG_STEPS[LONG_STEPS.length - 1];
  const offset = new Date(from).getTimezoneOffset() * 60_000;
  const ticks: number[] = [];
  for (let t = Math.ceil((from - offset) / step) * step + offset; t <= to; t += step) ticks.push(t);
  return ticks;
}

/** HH:MM:SS within a day; "MM-DD HH:MM" beyond. */
export function historyTickLabel(spanMs: number): (t: number) => string {
  if (spanMs <= 24 * HOUR) return formatClock;
  return (t) => formatDateTime(t).slice(5, 16);
}
