import type { DatabaseStats } from "@/lib/snapshot";
import { formatBytes, formatRate } from "@/lib/format";
import { Panel } from "@/components/ui/panel";

/** Runbook step 1.2: temp-file heavy databases point at sorts and hashes spilling past work_mem. */
export function TempFilesPanel({ databases }: { databases: DatabaseStats[] }) {
  const rows = databases.slice().sort((a, b) => b.tempBytes - a.tempBytes);
  return (
    <Panel title="Temp files">
      {rows.length === 0 ? (
        <p className="text-zinc-400">No database statistics yet.</p>
      ) : (
        <table className="w-full text-left">
          <thead className="text-xs text-zinc-400">
            <tr>
              <th scope="col" className="pb-1 font-medium">Database</th>
              <th scope="col" className="pb-1 text-right font-medium">Temp files</th>
              <th scope="col" className="pb-1 text-right font-medium">Temp bytes</th>
              <th scope="col" className="pb-1 text-right font-medium">Files/s</th>
              <th scope="col" className="pb-1 text-right font-medium">Bytes/s</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => {
              const spilling = (d.rates?.tempBytesPerSec ?? 0) > 0;
              return (
                <tr key={d.datname} className="border-t border-zinc-800/60">
                  <td className="max-w-48 truncate py-1" title={d.datname}>{d.datname}</td>
                  <td className="py-1 text-right">{d.tempFiles}</td>
                  <td className="py-1 text-right">{formatBytes(d.tempBytes)}</td>
                  <td className={`py-1 text-right ${spilling ? "text-amber-300" : "text-zinc-400"}`}>{formatRate(d.rates?.tempFilesPerSec)}</td>
                  <td className={`py-1 text-right ${spilling ? "text-amber-300" : "text-zinc-400"}`}>{formatRate(d.rates?.tempBytesPerSec, "bytes")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="mt-2 text-xs text-zinc-400">Totals since the last statistics reset; rates over the last 20 s (a temp file counts when it closes).</p>
    </Panel>
  );
}
