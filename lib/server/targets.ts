import type { TargetSummary } from "../snapshot";
import { getMonitors } from "./monitors";

export function listTargets(): TargetSummary[] {
  return [...getMonitors().values()].map((m) => m.summary());
}

export function getTargetSummary(id: string): TargetSummary | undefined {
  return getMonitors().get(id)?.summary();
}
