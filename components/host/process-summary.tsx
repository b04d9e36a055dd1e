import type { HostProcess, OdooMemoryLimits } from "@/lib/snapshot";
import { formatBytes } from "@/lib/format";
import { heldBytes, odooWorkers, totalOf } from "./host-processes";
import { OdooLimitSummary } from "./odoo-limit-summary";
import { formatPercent } from "./oom-risk";

/** Who holds the memory: PostgreSQL's processes together against MemTotal, and each Odoo worker. */
export function ProcessSummary({ processes, memTotalBytes, odooLimits }: { processes: HostProcess[]; memTotalBytes: number; odooLimits?: OdooMemoryLimits | null }) {
  const pg = totalOf(processes, "postgres");
  const workers = odooWorkers(processes);
  const odoo = totalOf(processes, "odoo");
  const ratio = memTotalBytes > 0 ? pg.bytes / memTotalBytes : 0;
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <div>
        <h3 className="text-xs font-semibold text-zinc-400">PostgreSQL processes</h3>
        <p className={`text-sm ${ratio >= 0.8 ? "text-rose-300" : ratio >= 0.5 ? "text-amber-300" : "text-zinc-200"}`}>
          {pg.count} processes hold {formatBytes(pg.bytes)} of {formatBytes(memTotalBytes)} MemTotal ({formatPercent(ratio)})
        </p>
        <p className="text-xs text-zinc-400">
          PSS where readable{pg.rssOnly > 0 ? `; ${pg.rssOnly} by RSS only, which counts shared_buffers once per process and overstates` : ""}.
        </p>
      </div>
      <div>
        <h3 className="text-xs font-semibold text-zinc-400">Odoo workers</h3>
        {workers.length === 0 ? (
          <p className="text-xs text-zinc-400">No Odoo process on this host.</p>
        ) : (
          <>
            <p className="text-sm text-zinc-200">
              {odoo.count} processes hold {formatBytes(odoo.bytes)}
            </p>
            <OdooLimitSummary processes={processes} limits={odooLimits} />
            <ul aria-label="Odoo workers" className="mt-1 max-h-32 space-y-0.5 overflow-auto text-xs">
              {workers.map((w) => (
                <li key={w.pid} className="flex gap-2">
                  <span className="font-mono text-zinc-400">{w.pid}</span>
                  <span className="min-w-0 flex-1 truncate font-mono text-zinc-400" title={w.command}>{w.command}</span>
                  <span className="text-zinc-200">{formatBytes(heldBytes(w))}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
