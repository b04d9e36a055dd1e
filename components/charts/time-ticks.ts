// Tick positions for the time axis, computed here so Recharts never measures label text in the DOM
// (its collision check forces a layout of the whole page on every update).

const STEPS_MS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].map((s) => s * 1000);

/** Round wall-clock times (local minutes and seconds line up) between from and to, at most maxTicks of them. */
export function timeTicks(from: number, to: number, maxTicks = 8): number[] {
  if (!(to > from)) return [from];
  const step = STEPS_MS.find((s) => (to - from) / s <= maxTicks) ?? STEPS_MS[STEPS_MS.length - 1];
  // Align on the local clock: offset by the timezone so "every minute" means :00 seconds locally.
  const offset = new Date(from).getTimezoneOffset() * 60_000;
  const first = Math.ceil((from - offset) / step) * step + offset;
  const ticks: number[] = [];
  for (let t = first; t <= to; t += step) ticks.push(t);
  return ticks;
}
