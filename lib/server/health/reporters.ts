// Health reporters: each part of the console registers one function that says how it is, and
// /api/health asks them all. On globalThis (registry.ts) so server.ts's reporters reach the route.
// Slots in use: "store" (store/supervisor.ts), "targets" (monitor, action connection and host probe per target).
import { singleton } from "../registry";
import type { HealthComponent } from "./status";

/** Must be cheap and synchronous: a cached state, never a round trip. */
export type HealthReporter = () => HealthComponent[];

const reporters = () => singleton("healthReporters", () => new Map<string, HealthReporter>());

/** Returns the unregister function. A second reporter under the same name replaces the first. */
export function registerHealthReporter(name: string, reporter: HealthReporter): () => void {
  reporters().set(name, reporter);
  return () => {
    if (reporters().get(name) === reporter) reporters().delete(name);
  };
}

/** Every component, in registration order; a reporter that throws is itself reported as degraded. */
export function collectHealth(): HealthComponent[] {
  return [...reporters()].flatMap(([name, report]) => {
    try {
      return report();
    } catch {
      return [{ name, status: "degraded" as const, detail: "its health reporter failed" }];
    }
  });
}
