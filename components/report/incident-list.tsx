import Link from "next/link";
import { formatDuration } from "@/lib/format";
import { incidentDurationMs, utcText, type IncidentInfo } from "@/lib/report";
import { ScrollX } from "@/components/ui/scroll-x";

/** Incidents across targets, newest first, each with its page, printable report and Markdown. */
export function IncidentList({ incidents, now }: { incidents: IncidentInfo[]; now: string }) {
  if (!incidents.length) return <p className="text-zinc-400">No incidents yet. Open one from a target&apos;s live view.</p>;
  return (
    <ScrollX>
      <table aria-label="Incidents" className="w-full border-collapse text-left text-xs">
        <thead className="text-zinc-400">
          <tr>
            {["Target", "Title", "Severity", "Status", "Opened (UTC)", "By", "Duration", "Report"].map((c) => (
              <th key={c} scope="col" className="border-b border-zinc-800 px-2 py-1 font-medium">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr key={i.id} className="border-b border-zinc-800/60 align-top">
              <td className="px-2 py-1">{i.targetName}</td>
              <td className="px-2 py-1">
                <Link href={`/incidents/${i.id}`} className="text-sky-300 hover:underline">
                  {i.title}
                </Link>
              </td>
              <td className="px-2 py-1">{i.severity}</td>
              <td className={`px-2 py-1 ${i.status === "open" ? "font-semibold text-rose-300" : "text-zinc-400"}`}>{i.status}</td>
              <td className="whitespace-nowrap px-2 py-1 tabular-nums">{utcText(i.openedAt).slice(0, 19)}</td>
              <td className="px-2 py-1">{i.openedBy}</td>
              <td className="whitespace-nowrap px-2 py-1 tabular-nums">
                {formatDuration(incidentDurationMs(i, now))}
                {i.closedAt ? "" : " so far"}
              </td>
              <td className="space-x-3 whitespace-nowrap px-2 py-1">
                <Link href={`/incidents/${i.id}/report`} className="text-sky-300 hover:underline" aria-label={`Printable report of ${i.title}`}>
                  Printable
                </Link>
                <a href={`/api/incidents/${i.id}/report?format=md`} download className="text-sky-300 hover:underline" aria-label={`Download Markdown of ${i.title}`}>
                  Markdown
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
