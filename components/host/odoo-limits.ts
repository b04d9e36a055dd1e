// Odoo workers against Odoo's own limits: Odoo compares a worker's VIRTUAL size (vms, RLIMIT_AS) with
// limit_memory_soft (recycled after its request) and limit_memory_hard (killed), not its RSS.
import type { HostProcess, OdooMemoryLimits } from "@/lib/snapshot";

export type OdooLimitLevel = "ok" | "soft" | "hard";

export interface OdooLimitUse {
  vmsBytes: number;
  /** vms / limit; null where that limit is not configured. */
  ofSoft: number | null;
  ofHard: number | null;
  level: OdooLimitLevel;
}

/** How much of the limits an Odoo process uses; null for other kinds, without limits, or without a vsz. */
export function odooLimitUse(p: HostProcess, limits: OdooMemoryLimits | null | undefined): OdooLimitUse | null {
  if (p.kind !== "odoo" || !limits || p.vmsBytes === undefined) return null;
  const { softBytes: soft, hardBytes: hard } = limits;
  const vms = p.vmsBytes;
  // Odoo recycles when vms > soft; at hard the address-space rlimit makes allocations fail.
  const level: OdooLimitLevel = hard !== null && vms >= hard ? "hard" : soft !== null && vms > soft ? "soft" : "ok";
  return { vmsBytes: vms, ofSoft: soft ? vms / soft : null, ofHard: hard ? vms / hard : null, level };
}

export interface OdooLimitCounts {
  workers: number;
  overSoft: number;
  atHard: number;
}

/** Odoo processes over soft (hard ones included) and at hard. */
export function odooLimitCounts(processes: readonly HostProcess[], limits: OdooMemoryLimits | null | undefined): OdooLimitCounts {
  const c: OdooLimitCounts = { workers: 0, overSoft: 0, atHard: 0 };
  for (const p of processes) {
    const u = odooLimitUse(p, limits);
    if (!u) continue;
    c.workers++;
    if (u.level !== "ok") c.overSoft++;
    if (u.level === "hard") c.atHard++;
  }
  return c;
}

export const LEVEL_CLASS: Record<OdooLimitLevel, string> = { ok: "text-zinc-300", soft: "text-amber-300", hard: "font-semibold text-rose-300" };
