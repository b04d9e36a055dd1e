// Evidence from the latest PostgreSQL snapshot: pg_health, session_counts, memory_settings. Pure.
import { formatBytes, formatDuration, worstCaseMemory } from "../../format";
import type { Evidence } from "../../runbook";
import { countSessions, idleInTransactionTotal } from "../../session-stats";
import type { HostSnapshot, Snapshot } from "../../snapshot";
import { ACTIVE_BAD_SHARE_OF_MAX_CONNECTIONS, ACTIVE_WORST_CASE_BAD_SHARE_OF_RAM, IDLE_IN_XACT_BAD_MS, STALE_INTERVALS, STALE_MIN_MS } from "./thresholds";

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
  if (pg.status === "down") return { kind, status: "unknown", text: "PostgreSQL is down: no sessions to count" };
  // The console's own connections are not the workload.
  const c = countSessions(pg.sessions.filter((s) => !s.isTriage));
  const idleTx = pg.sessions.filter((s) => !s.isTriage && s.backendType === "client backend" && s.state?.startsWith("idle in transaction"));
  const oldest = idleTx.reduce((m, s) => Math.max(m, s.stateMs ?? 0), 0);
  const idleCount = idleInTransactionTotal(c);
  const max = pg.settings?.maxConnections ?? null;
  const parts = [`${c.active} active${max ? ` of max_connections ${max}` : ""}`, `${idleCount} idle in transaction${idleCount ? ` (oldest ${formatDuration(oldest)})` : ""}`];
  const bad: string[] = [];
  if (oldest > IDLE_IN_XACT_BAD_MS) bad.push(`idle in transaction over ${formatDuration(IDLE_IN_XACT_BAD_MS)}`);
  if (max && c.active > ACTIVE_BAD_SHARE_OF_MAX_CONNECTIONS * max) bad.push(`active over ${Math.round(ACTIVE_BAD_SHARE_OF_MAX_CONNECTIONS * 100)} % of max_connections`);
  return { kind, status: bad.length ? "bad" : "ok", text: `${parts.join(", ")}${bad.length ? ` — ${bad.join("; ")}` : ""}` };
}

export function memorySettings(snap: Snapshot | null, host: HostSnapshot | null, now: number): Evidence {
  const kind = "memory_settings";
  const problem = snapshotProblem(snap, now);
  if (problem) return { kind, status: "unknown", text: problem };
  const settings = snap!.postgres.settings;
  if (!settings) return { kind, status: "unknown", text: "memory settings not read yet" };
  const active = countSessions(snap!.postgres.sessions.filter((s) => !s.isTriage)).active;
  const w = worstCaseMemory(settings, active);
  const text = `work_mem ${formatBytes(settings.workMemBytes)}, max_connections ${settings.maxConnections}; ${w.atActiveSessions.expression}`;
  const ram = host && host.status === "up" && host.memTotalBytes > 0 ? host.memTotalBytes : null;
  if (!ram) return { kind, status: "unknown", text: `${text} (RAM unknown: no host data)` };
  const share = w.atActiveSessions.totalBytes / ram;
  const ofRam = `${Math.round(share * 100)} % of RAM ${formatBytes(ram)}`;
  return { kind, status: share > ACTIVE_WORST_CASE_BAD_SHARE_OF_RAM ? "bad" : "ok", text: `${text} = ${ofRam}` };
}
