// OOM kills from the host's oom_kill counter (/proc/vmstat), which restarts at 0 when the host reboots. Pure.
import { counterRise } from "../../oom-state";

/**
 * The counter's rise since `base`, at each value (oldest first): the sum of its rises, a reset counted
 * from 0. null where the value is unknown; without a base the first known value is the base.
 */
export function runningKills(base: number | null, values: readonly (number | null)[]): (number | null)[] {
  let last = base;
  let kills = 0;
  return values.map((v) => {
    if (v === null) return null;
    if (last !== null) kills += counterRise(last, v).rise;
    last = v;
    return kills;
  });
}

/** Kills in all since `base` (the value at or just before the open); null: neither a base nor any value. */
export function killsSince(base: number | null, values: readonly (number | null)[]): number | null {
  const known = runningKills(base, values).filter((k) => k !== null);
  return known.length ? known[known.length - 1] : base === null ? null : 0;
}
