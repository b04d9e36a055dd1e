import type { TriageConfig } from "./config";
import { TargetMonitor } from "./monitor/target-monitor";
import { register, registered, singleton } from "./registry";

/** Pids of every connection the console itself holds: never offered as the target of an action. */
export const consolePids = () => singleton("consolePids", () => new Set<number>());

export function createMonitors(config: TriageConfig, pollMs: number): Map<string, TargetMonitor> {
  const monitors = new Map(config.targets.map((t) => [t.id, new TargetMonitor(t, { pollMs, consolePids: consolePids() })]));
  return register("monitors", monitors);
}

/** The monitors server.ts created; empty when none were (e.g. a route rendered outside server.ts). */
export function getMonitors(): Map<string, TargetMonitor> {
  return registered<Map<string, TargetMonitor>>("monitors") ?? new Map();
}
