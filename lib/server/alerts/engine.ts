// Evaluates each target's alert thresholds on its snapshots; banner state and webhook with cool-down.
import type { TriageConfig } from "../config";
import type { TargetMonitor } from "../monitor/target-monitor";
import type { WorkflowService } from "../workflow";

export function startAlerts(_config: TriageConfig, _monitors: Map<string, TargetMonitor>, _log: (line: string) => void): WorkflowService {
  return { stop: async () => {} };
}
