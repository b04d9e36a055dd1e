// The target's configured commands as the caller may use them: whether they may run each one, whether
// it is running now, and its last run.
import type { CommandsView } from "../../commands";
import { commandDeniedReason } from "../../commands";
import { getMonitors } from "../monitors";
import type { Db } from "../store/prisma";
import type { CommandFailure } from "./run";
import { runningOn } from "./claims";
import { lastRunsOf } from "./state";

export async function listCommands(targetId: string, role: string, db: Db): Promise<{ ok: true; view: CommandsView } | CommandFailure> {
  const monitor = getMonitors().get(targetId);
  if (!monitor) return { ok: false, status: 404, code: "target_not_found", message: `unknown target "${targetId}"` };
  const configured = monitor.config.commands ?? [];
  const [last, running] = await Promise.all([lastRunsOf(db, targetId, configured.map((c) => c.name)), runningOn(db, targetId).catch(() => new Map())]);
  const commands = configured.map((c) => {
    const denied = commandDeniedReason(role, c.role);
    const lastRun = last.get(c.name);
    return {
      name: c.name,
      label: c.label ?? c.name,
      run: c.run,
      role: c.role,
      timeoutSeconds: c.timeoutSeconds,
      steps: c.steps,
      allowed: denied === null,
      ...(denied ? { deniedReason: denied } : {}),
      running: running.has(c.name),
      ...(lastRun ? { lastRun } : {}),
    };
  });
  return { ok: true, view: { commands } };
}
