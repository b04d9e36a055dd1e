// Each target's alert state, shared by the engine (server.ts) and the API (Next's bundle) via the registry.
import type { FiringAlert } from "../../alerts";
import { singleton } from "../registry";
import type { AlertState } from "./rules";

const states = () => singleton("alertStates", () => new Map<string, AlertState>());

export function setAlertState(targetId: string, state: AlertState): void {
  states().set(targetId, state);
}

/** The rules firing now, oldest first; empty before the first snapshot. */
export function firingAlerts(targetId: string): FiringAlert[] {
  const s = states().get(targetId);
  if (!s) return [];
  return Object.entries(s.firing)
    .map(([rule, r]): FiringAlert => ({
      rule: rule as FiringAlert["rule"],
      message: r!.message,
      value: r!.value,
      threshold: r!.threshold,
      since: new Date(r!.since).toISOString(),
      ...(r!.pid === undefined ? {} : { pid: r!.pid }),
    }))
    .sort((a, b) => a.since.localeCompare(b.since));
}
