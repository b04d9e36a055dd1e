// Evidence from the host probe: host_pressure (now) and oom_quiet (the oom_kill counter over 10 minutes). Pure.
import { formatClock, formatDuration } from "../../format";
import type { Evidence } from "../../runbook";
import { oomKillsInQuietWindow } from "../../oom-state";
import type { HostSnapshot } from "../../snapshot";
import { MEM_AVAILABLE_BAD_PCT, OOM_QUIET_MS, PSI_FULL_AVG10_BAD, SWAP_PAGES_PER_SEC_BAD } from "./thresholds";

/** "no host configured" / "host probe down: ..." when host data cannot be used, else null. */
function hostProblem(host: HostSnapshot | null | undefined): string | null {
  if (host === null || host === undefined) return "no host configured for this target";
  if (host.status !== "up") return `host probe down: ${host.error ?? "no answer"}`;
  return null;
}

export function hostPressure(host: HostSnapshot | null): Evidence {
  const kind = "host_pressure";
  const problem = hostProblem(host);
  if (problem) return { kind, status: "unknown", text: problem };
  const h = host!;
  const availPct = h.memTotalBytes > 0 ? (100 * h.memAvailableBytes) / h.memTotalBytes : null;
  const swap = Math.max(h.swapInPerSec ?? 0, h.swapOutPerSec ?? 0);
  const psiFull = h.psi?.fullAvg10 ?? null;
  const parts = [
    `MemAvailable ${availPct === null ? "?" : `${availPct.toFixed(1)} %`}`,
    `swap in/out ${h.swapInPerSec === null ? "?" : Math.round(h.swapInPerSec)}/${h.swapOutPerSec === null ? "?" : Math.round(h.swapOutPerSec)} pages/s`,
    `PSI full avg10 ${psiFull === null ? "n/a" : psiFull.toFixed(1)}`,
  ];
  const bad: string[] = [];
  if (availPct !== null && availPct < MEM_AVAILABLE_BAD_PCT) bad.push(`MemAvailable under ${MEM_AVAILABLE_BAD_PCT} %`);
  if (swap > SWAP_PAGES_PER_SEC_BAD) bad.push(`swapping over ${SWAP_PAGES_PER_SEC_BAD} pages/s`);
  if (psiFull !== null && psiFull > PSI_FULL_AVG10_BAD) bad.push(`memory stalls over ${PSI_FULL_AVG10_BAD} %`);
  if (availPct === null) return { kind, status: "unknown", text: parts.join(", ") };
  return { kind, status: bad.length ? "bad" : "ok", text: `${parts.join(", ")}${bad.length ? ` — ${bad.join("; ")}` : ""}` };
}

/** A stored metric sample (MetricSample) reduced to the counter. */
export interface CounterSample {
  t: number;
  value: number;
}

export interface OomQuietInput {
  now: number;
  /** null: no host configured. */
  host: HostSnapshot | null;
  /** Epoch ms of the oldest point in the host monitor's in-memory history (the console watched since), or null. */
  watchedSince: number | null;
  /** Stored samples of the oom_kill counter, any order (from before this console process started too). */
  samples: CounterSample[];
}

/** Unchanged for 10 minutes: ok only when we have seen the counter at least 10 minutes ago with today's value. */
export function oomQuiet({ now, host, watchedSince, samples }: OomQuietInput): Evidence {
  const kind = "oom_quiet";
  const problem = hostProblem(host);
  if (problem) return { kind, status: "unknown", text: problem };
  const h = host!;
  const cutoff = now - OOM_QUIET_MS;
  const window = formatDuration(OOM_QUIET_MS);
  const recent = oomKillsInQuietWindow(h, now);
  if (recent.length) {
    const last = recent[0];
    const who = last.victimCommand ? ` (${last.victimCommand}${last.victimPid ? ` pid ${last.victimPid}` : ""})` : "";
    return { kind, status: "bad", text: `${recent.length} OOM kill(s) in the last ${window}, last at ${formatClock(Date.parse(last.at))}${who}` };
  }
  const sorted = [...samples].sort((a, b) => a.t - b.t);
  const inWindow = sorted.filter((s) => s.t >= cutoff && s.value < h.oomKills);
  const before = sorted.filter((s) => s.t <= cutoff).pop();
  if (inWindow.length) return { kind, status: "bad", text: `oom_kill rose from ${inWindow[0].value} to ${h.oomKills} since ${formatClock(inWindow[0].t)}` };
  if (before && before.value > h.oomKills) return { kind, status: "unknown", text: `oom_kill went down (${before.value} → ${h.oomKills}): the host rebooted?` };
  if (before && before.value < h.oomKills) return { kind, status: "bad", text: `oom_kill rose from ${before.value} to ${h.oomKills} since ${formatClock(before.t)}` };
  const lastKill = h.oomEvents[0] ? `; last kill seen ${formatClock(Date.parse(h.oomEvents[0].at))}` : "";
  if (before || (watchedSince !== null && watchedSince <= cutoff)) {
    const since = Math.min(before?.t ?? Infinity, watchedSince ?? Infinity);
    return { kind, status: "ok", text: `oom_kill unchanged (${h.oomKills}) for ${formatDuration(now - since)}${lastKill}` };
  }
  const seen = Math.min(sorted[0]?.t ?? Infinity, watchedSince ?? Infinity);
  const have = Number.isFinite(seen) ? formatDuration(now - seen) : "no";
  return { kind, status: "unknown", text: `oom_kill unchanged (${h.oomKills}) but only ${have} of history; ${window} needed` };
}
