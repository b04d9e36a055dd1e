import type { HostProcess, OdooMemoryLimits } from "@/lib/snapshot";
import { formatBytes } from "@/lib/format";
import { odooLimitCounts } from "./odoo-limits";

/** One line for the commander: how many Odoo workers Odoo itself will recycle (soft) or kill (hard). */
export function OdooLimitSummary({ processes, limits }: { processes: HostProcess[]; limits: OdooMemoryLimits | null | undefined }) {
  if (!limits) return null;
  const c = odooLimitCounts(processes, limits);
  const tone = c.atHard > 0 ? "text-rose-300" : c.overSoft > 0 ? "text-amber-300" : "text-zinc-300";
  const hard = limits.hardBytes === null ? "" : `${c.atHard} at limit_memory_hard (${formatBytes(limits.hardBytes)})`;
  return (
    <p data-testid="odoo-limit-summary" className={`text-sm ${tone}`}>
      {limits.softBytes === null
        ? `${c.atHard} Odoo workers at limit_memory_hard (${formatBytes(limits.hardBytes!)})`
        : `${c.overSoft} Odoo workers over limit_memory_soft (${formatBytes(limits.softBytes)})${hard ? ` · ${hard}` : ""}`}
      <span className="block text-xs text-zinc-400">Compared: virtual size (VSZ), as Odoo checks it, not RSS or PSS.</span>
    </p>
  );
}
