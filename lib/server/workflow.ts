// The incident workflow's background services (issue 7), and the audit recovery (outbox replay, interrupted
// runs: issue 12), started and stopped together by server.ts.
import { startAlerts } from "./alerts/engine";
import type { TriageConfig } from "./config";
import { startMetricRecorder } from "./history/recorder";
import type { TargetMonitor } from "./monitor/target-monitor";
import { startRecovery } from "./recovery";
import { startSignalWatchers } from "./signals/watcher";
import { startVerificationChecks } from "./verify/checks";

export interface WorkflowService {
  stop(): Promise<void>;
}

export function startWorkflow(config: TriageConfig, monitors: Map<string, TargetMonitor>, log: (line: string) => void): WorkflowService {
  const recovery = (_c: TriageConfig, _m: Map<string, TargetMonitor>, l: (line: string) => void) => startRecovery(l);
  const services = [recovery, startMetricRecorder, startAlerts, startSignalWatchers, startVerificationChecks].map((start) => start(config, monitors, log));
  return { stop: async () => void (await Promise.allSettled(services.map((s) => s.stop()))) };
}
