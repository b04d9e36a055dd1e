// Containment commands (runbook steps 0, 2.1, 2.4, 3.4) as the API shows them, shared by the server
// and the UI. Isomorphic: no Node imports.
import type { AuditOutcome } from "./audit";
import { can, isRole, minimumRole, roles, type Role } from "./permissions";

/** The least role a configured command needs (config `commands[].role`). */
export type CommandRole = "operator" | "admin";

export interface CommandLastRun {
  at: string;
  by: string;
  /** null when it was killed, or never started (host unreachable). */
  exitCode: number | null;
  timedOut: boolean;
  outcome: AuditOutcome;
  /** "exit 0", "killed after 30 s (timeout)", "host unreachable: ..." */
  summary: string;
  durationMs: number | null;
}

export interface CommandView {
  name: string;
  label: string;
  /** The exact text given to /bin/sh -c on the host (from the config file only). */
  run: string;
  role: CommandRole;
  timeoutSeconds: number;
  steps: string[];
  /** Whether the caller may run it. */
  allowed: boolean;
  deniedReason?: string;
  running: boolean;
  lastRun?: CommandLastRun;
}

export interface CommandsView {
  commands: CommandView[];
}

/** POST /api/targets/:id/commands/:name/run → this (200 also when the command failed: ok false). */
export interface CommandRunResult {
  ok: boolean;
  auditId: string;
  exitCode: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  /** stdout or stderr was cut at the capture cap. */
  truncated: boolean;
  durationMs: number;
}

const rank = (r: Role) => roles.indexOf(r);

/** null when a user with `userRole` may run a command needing `commandRole`, else why not. */
export function commandDeniedReason(userRole: Role | string | null | undefined, commandRole: CommandRole): string | null {
  const base = minimumRole("commands.run");
  const need = rank(base) > rank(commandRole) ? base : commandRole;
  if (isRole(userRole) && can(userRole, "commands.run") && rank(userRole) >= rank(need)) return null;
  return `Requires the ${need} role${isRole(userRole) ? ` (you are ${userRole === "viewer" ? "a" : "an"} ${userRole})` : ""}`;
}

/** One line for an exec result, the first line of its audit outcome message (parsed back by exitOfSummary). */
export function exitSummary(r: { exitCode: number | null; timedOut: boolean }, timeoutSeconds: number): string {
  if (r.timedOut) return `killed after ${timeoutSeconds} s (timeout)`;
  if (r.exitCode === null) return "killed by a signal";
  return `exit ${r.exitCode}`;
}

/** Exit code and timeout back from a summary line written by exitSummary (anything else: neither). */
export function exitOfSummary(line: string): { exitCode: number | null; timedOut: boolean } {
  const exit = /^exit (\d{1,3})$/.exec(line);
  if (exit) return { exitCode: Number(exit[1]), timedOut: false };
  return { exitCode: null, timedOut: /^killed after \d+ s \(timeout\)$/.test(line) };
}

/** The commands panel row's element id, so a runbook step can link to the commands configured for it. */
export const commandAnchor = (name: string) => `command-${name}`;
