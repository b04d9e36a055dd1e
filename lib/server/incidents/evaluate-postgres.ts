// Evidence from the latest PostgreSQL snapshot: pg_health, session_counts, memory_settings. Pure.
import { formatBytes, formatDuration } from "../../format";
import type { Evidence } from "../../runbook";
import type { HostSnapshot, Snapshot } from "../../snapshot";
import { worstCaseMemory } from "../../worst-case-memory";
import { sessionVerdict } from "./session-verdict";
import { ACTIVE_WORST_CASE_BAD_SHARE_OF_RAM, STALE_INTERVALS, STALE_MIN_MS } from "./thresholds";

/** Why the snapshot cannot be used as live evidence, or null when it can. */
export function snapshotProblem(snap: Snapshot | null, now: number): string | null {
  if (!snap) return "no snapshot yet (the monitor has not polled)";
  const age = now - Date.parse(snap.takenAt);
  if (age > Math.max(STALE_INTERVALS * snap.intervalMs, STALE_MIN_MS)) return `no data for ${formatDuration(age)} (the monitor is not polling)`;
  return null;
}

export function pgHealth(snap: Snapshot | null, now: number): Evidence {
  const kind = "pg_health";
  const problem = snapshotProblem(snap, now);
  if (problem) return { kind, status: "unknown", text: problem };
  const pg = snap!.postgres;
  if (pg.status === "down") return { kind, status: "bad", text: `PostgreSQL is down: ${pg.error ?? "no answer"}` };
  if (pg.inRecovery === true) return { kind, status: "bad", text: "PostgreSQL is up but in recovery (pg_is_in_recovery() true)" };
  if (pg.inRecovery === null) return { kind, status: "unknown", text: "PostgreSQL is up; recovery state not read" };
  return { kind, status: "ok", text: "PostgreSQL is up, not in recovery" };
}

export function sessionCounts(snap: Snapshot | null, now: number): Evidence {
  const kind = "session_counts";
  const problem = snapshotProblem(snap, now);
  if (problem) return { kind, status: "unknown", text: problem };
  const pg = snap!.postgres;
  if (pg.status === "down" || !pg.summary) return { kind, status: "unknown", text: "PostgreSQL is down: no sessions to count" };
  const v = sessionVerdict(pg.summary, pg.settings?.maxConnections ?? null);
  return { kind, status: v.status, text: v.text };
}

export function memorySettings(snap: Snapshot | null, host: HostSnapshot | null, now: number): Evidence {
  const kind = "memory_settings";
  const problem = snapshotProblem(snap, now);
  if (problem) return { kind, status: "unknown", text: problem };
  const settings = snap!.postgres.settings;
  if (!settings) return { kind, status: "unknown", text: "memory settings not read yet" };
  const summary = snap!.postgres.summary;
  if (!summary) return { kind, status: "unknown", text: "PostgreSQL is down: no active sessions to count" };
  const w = worstCaseMemory(settings, summary.active);
  const text = `work_mem ${formatBytes(settings.workMemBytes)}, max_connections ${settings.maxConnections}; ${w.atActiveSessions.expression}`;
  const ram = host && host.status === "up" && host.memTotalBytes > 0 ? host.memTotalBytes : null;
  if (!ram) return { kind, status: "unknown", text: `${text} (RAM unknown: no host data)` };
  const share = w.atActiveSessions.totalBytes / ram;
  const ofRam = `${Math.round(share * 100)} % of RAM ${formatBytes(ram)}`;
  return { kind, status: share > ACTIVE_WORST_CASE_BAD_SHARE_OF_RAM ? "bad" : "ok", text: `${text} = ${ofRam}` };
}
