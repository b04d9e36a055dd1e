// Runs one configured command on the target's host: look it up by name, check the caller's role
// against the command's, claim it in the store (one run at a time), audit the intent (fail closed),
// exec under `timeout` with the run's marker in its command line, audit the outcome, release the claim.
import { randomUUID } from "node:crypto";
import type { AuditActor } from "../../audit";
import { commandDeniedReason, type CommandRunResult } from "../../commands";
import { AuditUnavailableError, audited, recordRefusal, type AuditIntent, type CallbackResult } from "../audit/write";
import { EXEC_KILL_GRACE_MS, execCommandLine, ProbeError, type ExecResult } from "../host/transport";
import { getMonitors } from "../monitors";
import { hostFailureDetail, hostFailureText } from "../host/host-error";
import type { Db } from "../store/prisma";
import { auditMessage } from "./audit-text";
import { MAX_NAME_IN_AUDIT } from "./schemas";
import { attachIntent, claimRun, releaseRun, type RunningCommand } from "./claims";
import { runMarker } from "./marker";
import { recordLastRun } from "./state";

export type CommandFailure = { ok: false; status: number; code: string; message: string; auditId?: string };
export type CommandReply = { ok: true; result: CommandRunResult } | CommandFailure;

export interface RunOptions {
  actor: AuditActor;
  db: Db;
  /** Audit only: never given to the command. */
  reason?: string | null;
  /** Must equal the command's name. */
  confirm: string;
}


type Ran = { kind: "ran"; exec: ExecResult } | { kind: "unreachable"; code: string; message: string };

async function refuse(db: Db, entry: AuditIntent, status: number, code: string, message: string, outcome: "refused" | "not_found" = "refused"): Promise<CommandFailure> {
  try {
    const row = await recordRefusal(db, { ...entry, message, outcome });
    return { ok: false, status, code, message, auditId: row.id };
  } catch (e) {
    if (e instanceof AuditUnavailableError) return { ok: false, status, code, message: `${message} (the refusal could not be audited: the store is unavailable)` };
    throw e;
  }
}

export async function runCommand(targetId: string, typedName: string, o: RunOptions): Promise<CommandReply> {
  const base = { actor: o.actor, targetId, action: "command.run", reason: o.reason ?? null };
  const asTyped = { name: typedName.slice(0, MAX_NAME_IN_AUDIT) };
  const monitor = getMonitors().get(targetId);
  if (!monitor) return refuse(o.db, { ...base, subject: asTyped }, 404, "target_not_found", `unknown target "${targetId}"; nothing was run`, "not_found");
  const cmd = monitor.config.commands?.find((c) => c.name === typedName);
  if (!cmd) return refuse(o.db, { ...base, subject: asTyped }, 404, "command_not_found", `no command "${asTyped.name}" is configured for ${monitor.name}; nothing was run`, "not_found");

  const timeoutMs = cmd.timeoutSeconds * 1000;
  const runId = randomUUID();
  const marker = runMarker(runId);
  const subject = { name: cmd.name, run: cmd.run, timeoutSeconds: cmd.timeoutSeconds, runId, commandLine: execCommandLine(cmd.run, timeoutMs, marker) };
  const denied = commandDeniedReason(o.actor.role, cmd.role);
  if (denied) return refuse(o.db, { ...base, subject }, 403, "forbidden", `${denied}: ${cmd.name} may be run by ${cmd.role}s${cmd.role === "operator" ? " and admins" : ""} only; nothing was run`);
  if (o.confirm !== cmd.name) return { ok: false, status: 400, code: "invalid_input", message: `confirm: must be the command's name "${cmd.name}", typed to confirm` };
  const host = monitor.hostMonitor;
  if (!host) return refuse(o.db, { ...base, subject }, 409, "host_not_configured", `${monitor.name} has no host configured (host: ssh or local): commands run on the host; nothing was run`);
  let busy: RunningCommand | null;
  try {
    busy = await claimRun(o.db, { targetId, name: cmd.name, runId, by: o.actor.username, deadlineAt: new Date(Date.now() + timeoutMs + EXEC_KILL_GRACE_MS) });
  } catch (e) {
    return { ok: false, status: 503, code: "audit_unavailable", message: new AuditUnavailableError(`the store cannot claim the run (${(e as Error).message.split("\n").pop()})`).message };
  }
  if (busy) return refuse(o.db, { ...base, subject }, 409, "command_running", busyMessage(cmd.name, monitor.name, busy));

  try {
    const a = await audited<Ran>(o.db, { ...base, subject }, async (auditId) => {
      await attachIntent(o.db, runId, auditId).catch(() => {}); // the reconciler finds the intent by its run id otherwise
      try {
        const exec = await host.transport.exec(cmd.run, { timeoutMs, marker });
        return { outcome: exec.exitCode === 0 && !exec.timedOut ? "ok" : "error", message: auditMessage(exec, cmd.timeoutSeconds), result: { kind: "ran", exec } };
      } catch (e) {
        // exec() resolves whatever the command did: a throw means it never started (ProbeError, or ssh2 on a dying connection).
        const why = hostFailureDetail(e);
        const busyHost = e instanceof ProbeError && /^more than \d+ commands at once/.test(why);
        if (busyHost) {
          const message = `host busy: ${why}; nothing was run`;
          return { outcome: "error", message, result: { kind: "unreachable", code: "host_busy", message } };
        }
        // The error can name key paths, hosts and users: the server's log gets it, viewers and the audit a category.
        console.error(`commands: ${targetId}: ${cmd.name} was not run: the host connection failed: ${why}`);
        const message = `host unreachable: ${hostFailureText(e)}; nothing was run`;
        return { outcome: "error", message, result: { kind: "unreachable", code: "host_unreachable", message } };
      }
    });
    const r = a.result;
    const summary = (a.message ?? "").split("\n")[0];
    const exec = r.kind === "ran" ? r.exec : null;
    recordLastRun(targetId, cmd.name, {
      at: new Date().toISOString(),
      by: o.actor.username,
      exitCode: exec?.exitCode ?? null,
      timedOut: exec?.timedOut ?? false,
      outcome: a.outcome,
      summary,
      durationMs: exec?.durationMs ?? null,
    });
    if (r.kind === "unreachable") return { ok: false, status: 503, code: r.code, message: r.message, auditId: a.auditId };
    const { exitCode, timedOut, stdout, stderr, truncated, durationMs } = r.exec;
    return { ok: true, result: { ok: a.outcome === "ok", auditId: a.auditId, exitCode, timedOut, stdout, stderr, truncated, durationMs } };
  } catch (e) {
    if (e instanceof AuditUnavailableError) return { ok: false, status: 503, code: "audit_unavailable", message: e.message };
    throw e;
  } finally {
    await releaseRun(o.db, runId);
  }
}

function busyMessage(name: string, target: string, busy: RunningCommand): string {
  const orphan = busy.orphanedAt ? `; the console that started it stopped, but it still runs on the host (seen ${busy.orphanedAt}) until it ends or its timeout at ${busy.deadlineAt}` : "";
  return `${name} is already running on ${target} (started by ${busy.by} at ${busy.since}${orphan}); wait for it to finish`;
}
