import Link from "next/link";
import type { TargetSummary } from "@/lib/snapshot";
import { RelativeAge } from "@/components/ui/relative-age";
import { StatusBadge } from "@/components/ui/status-badge";
import { ScrollX } from "@/components/ui/scroll-x";

/** The overview: one row per configured target, each linking to its live view. */
export function TargetsTable({ targets }: { targets: TargetSummary[] }) {
  if (targets.length === 0) {
    return <p className="text-zinc-400">No targets configured. Set TRIAGE_TARGET_URL or list targets in the config file.</p>;
  }
  return (
    <ScrollX>
      <table className="w-full text-left">
        <thead className="text-xs text-zinc-400">
          <tr className="border-b border-zinc-800">
            <th scope="col" className="py-1.5 pr-4 font-medium">Target</th>
            <th scope="col" className="py-1.5 pr-4 font-medium">Id</th>
            <th scope="col" className="py-1.5 pr-4 font-medium">PostgreSQL</th>
            <th scope="col" className="py-1.5 pr-4 font-medium">Host</th>
            <th scope="col" className="py-1.5 pr-4 font-medium">Last poll</th>
            <th scope="col" className="py-1.5 font-medium">Error</th>
          </tr>
        </thead>
        <tbody>
          {targets.map((t) => (
            <tr key={t.id} className="border-b border-zinc-800/60 align-top">
              <td className="py-2 pr-4">
                <Link href={`/targets/${encodeURIComponent(t.id)}`} className="font-medium text-sky-300 hover:underline">
                  {t.name}
                </Link>
              </td>
              <td className="py-2 pr-4 font-mono text-zinc-400">{t.id}</td>
              <td className="py-2 pr-4">
                <StatusBadge label="postgres" status={t.postgres} />
              </td>
              <td className="py-2 pr-4">
                <StatusBadge label="host" status={t.host} />
              </td>
              <td className="py-2 pr-4 text-zinc-400">
                <RelativeAge iso={t.lastPollAt} />
              </td>
              <td className="max-w-xl break-words py-2 text-rose-300">{t.error ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
