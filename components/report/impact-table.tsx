import { hasImpactData, impactCell } from "@/lib/impact-format";
import { IMPACT_LABELS, type IncidentTimeline } from "@/lib/report";
import { Head, TABLE, Td } from "./cells";
import { ScrollX } from "@/components/ui/scroll-x";

/** Before the start (averages), the worst during the incident, its last samples: from the stored metric history. */
export function ImpactTable({ timeline: t }: { timeline: IncidentTimeline }) {
  const m = t.impact;
  if (!hasImpactData(m)) return <p className="text-xs">No metric history was recorded for this window.</p>;
  const last = t.incident.closedAt ? "After" : "Now";
  return (
    <>
      <ScrollX label="Impact, scrollable">
        <table aria-label="Impact" className={TABLE}>
          <Head cols={["Metric", "Before", "Worst", last]} />
          <tbody>
            {m.rows.map((r) => (
              <tr key={r.key}>
                <Td>{IMPACT_LABELS[r.key]}</Td>
                <Td className="tabular-nums">{impactCell(m, r.key, "before")}</Td>
                <Td className="tabular-nums">{impactCell(m, r.key, "worst")}</Td>
                <Td className="tabular-nums">{impactCell(m, r.key, "after")}</Td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollX>
      <p className="mt-1 text-[11px] opacity-80">
        Before: {m.before.samples} samples in the 5 minutes before the start (averages). Worst: {m.during.samples} samples during the incident. {last}: its last {m.after.samples} samples (averages).
      </p>
    </>
  );
}
