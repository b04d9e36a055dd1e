// Runs one configured command on the target's host: look it up by name, check the caller's role
// against the command's, audit the intent (fail closed), exec under `timeout`, audit the outcome.
import type { AuditActor } from "../../audit";
import { commandDeniedReason, type CommandRunResult } from "../../commands";
import { AuditUnavailableError, audited, recordRefusal, type AuditIntent, type CallbackResult } from "../audit/write";
import { execCommandLine, ProbeError, type ExecResult } from "../host/transport";
import { getMonitors } from "../monitors";
import { hostFailureDetail, hostFailureText } from "../host/host-error";
import type { Db } from "../store/prisma";
import { auditMessage } from "./audit-text";
import { MAX_NAME_IN_AUDIT } from "./schemas";
import { claimRun, recordLastRun, releaseRun } from "./state";

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
  const subject = { name: cmd.name, run: cmd.run, timeoutSeconds: cmd.timeoutSeconds, commandLine: execCommandLine(cmd.run, timeoutMs) };
  const denied = commandDeniedReason(o.actor.role, cmd.role);
  if (denied) return refuse(o.db, { ...base, subject }, 403, "forbidden", `${denied}: ${cmd.name} may be run by ${cmd.role}s${cmd.role === "operator" ? " and admins" : ""} only; nothing was run`);
  if (o.confirm !== cmd.name) return { ok: false, status: 400, code: "invalid_input", message: `confirm: must be the command's name "${cmd.name}", typed to confirm` };
  const host = monitor.hostMonitor;
  if (!host) return refuse(o.db, { ...base, subject }, 409, "host_not_configured", `${monitor.name} has no host configured (host: ssh or local): commands run on the host; nothing was run`);
  const busy = claimRun(targetId, cmd.name, o.actor.username);
  if (busy) return refuse(o.db, { ...base, subject }, 409, "command_running", `${cmd.name} is already running on ${monitor.name} (started by ${busy.by} at ${busy.since}); wait for it to finish`);

  try {
    const a = await audited<Ran>(o.db, { ...base, subject }, async () => {
      try {
        const exec = await host.transport.exec(cmd.run, { timeoutMs });
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
    releaseRun(targetId, cmd.name);
  }
}
