// The OOM-risk gauge: runbook step 1.3's worst case (lib/worst-case-memory.ts) against the host's memory. Pure.
import type { MemorySettings } from "@/lib/snapshot";
import { formatBytes } from "@/lib/format";
import { worstCaseMemory, type WorstCaseLine } from "@/lib/worst-case-memory";

export type RiskTone = "ok" | "warn" | "bad";

export interface RiskLine {
  sessions: number;
  totalBytes: number;
  /** totalBytes / MemAvailable and / MemTotal, 0..n (above 1 means it does not fit). */
  ofAvailable: number;
  ofTotal: number;
  tone: RiskTone;
  /** "128 MiB + 4 × 4 MiB × 2 = 160 MiB of 2.1 GiB available (7%)" */
  text: string;
  /** "of 7.7 GiB total (2%)" */
  totalText: string;
}

export interface OomRisk {
  active: RiskLine;
  worst: RiskLine;
  /** The active backends' work_mem term outweighs shared_buffers: lowering work_mem moves the needle. */
  workMemIsLever: boolean;
  lever: string;
}

/** Up to half of what is available is fine; past 80 % one more hash join can tip the host. */
export function riskTone(ofAvailable: number): RiskTone {
  return ofAvailable >= 0.8 ? "bad" : ofAvailable >= 0.5 ? "warn" : "ok";
}

export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return "—";
  const pct = ratio * 100;
  return `${pct > 0 && pct < 1 ? "<1" : Math.round(pct)}%`;
}

function riskLine(w: WorstCaseLine, memAvailableBytes: number, memTotalBytes: number): RiskLine {
  const ofAvailable = memAvailableBytes > 0 ? w.totalBytes / memAvailableBytes : Infinity;
  const ofTotal = memTotalBytes > 0 ? w.totalBytes / memTotalBytes : Infinity;
  return {
    sessions: w.sessions,
    totalBytes: w.totalBytes,
    ofAvailable,
    ofTotal,
    tone: riskTone(ofAvailable),
    text: `${w.expression} of ${formatBytes(memAvailableBytes)} available (${formatPercent(ofAvailable)})`,
    totalText: `of ${formatBytes(memTotalBytes)} total (${formatPercent(ofTotal)})`,
  };
}

export function oomRisk(s: MemorySettings, activeBackends: number, memAvailableBytes: number, memTotalBytes: number): OomRisk {
  const w = worstCaseMemory(s, activeBackends);
  const active = riskLine(w.atActiveSessions, memAvailableBytes, memTotalBytes);
  const worst = riskLine(w.atMaxConnections, memAvailableBytes, memTotalBytes);
  const workTerm = w.activeWorkMemBytes;
  const workMemIsLever = workTerm > s.sharedBuffersBytes;
  const worstTerm = w.atMaxConnections.totalBytes - s.sharedBuffersBytes;
  let lever: string;
  if (workMemIsLever)
    lever =
      `Lowering work_mem is the lever: the ${activeBackends} active backends' work_mem term (${formatBytes(workTerm)}) ` +
      `outweighs shared_buffers (${formatBytes(s.sharedBuffersBytes)}).`;
  else if (worstTerm > s.sharedBuffersBytes && worst.ofAvailable >= 0.8)
    lever =
      `Lowering work_mem is not the lever right now (${activeBackends} active backends use ${formatBytes(workTerm)} of it), ` +
      `but at max_connections it would be (${formatBytes(worstTerm)}): cap connections or work_mem before the pool fills.`;
  else
    lever =
      `Lowering work_mem is not the lever: shared_buffers (${formatBytes(s.sharedBuffersBytes)}) outweighs the active backends' ` +
      `work_mem term (${formatBytes(workTerm)}); look at the processes holding the memory.`;
  return { active, worst, workMemIsLever, lever };
}
