import { formatDuration } from "@/lib/format";
import { incidentDurationMs, utcText, type IncidentTimeline } from "@/lib/report";

/** Who opened and closed it, when, for how long, and what the console saw meanwhile (counts). */
export function IncidentFacts({ timeline }: { timeline: IncidentTimeline }) {
  const { incident: i, signals, oomKillsDuring, events, generatedAt } = timeline;
  const kinds = Object.entries(signals.byKind).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const alerts = events.filter((e) => e.kind === "alert");
  const rows: [string, string][] = [
    ["Target", `${i.targetName} (${i.targetId})`],
    ["Severity", i.severity],
    ["Status", i.status],
    ["Opened", `${utcText(i.openedAt)} by ${i.openedBy}`],
    ...(i.startedAt < i.openedAt ? [["Started", `${utcText(i.startedAt)} (adopted what happened before the open)`] as [string, string]] : []),
    ["Closed", i.closedAt ? `${utcText(i.closedAt)} by ${i.closedBy ?? "unknown"}` : "not yet"],
    ["Duration", `${formatDuration(incidentDurationMs(i, generatedAt))}${i.closedAt ? "" : " so far"}`],
    ["Signal lines", `${signals.total}${kinds.length ? ` (${kinds.map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""}`],
    ["OOM kills during the incident", oomKillsDuring === null ? "unknown (no host data)" : String(oomKillsDuring)],
    ["Alerts", `${alerts.filter((a) => a.outcome === "firing").length} fired, ${alerts.filter((a) => a.outcome === "resolved").length} resolved`],
  ];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-0.5 text-xs">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="opacity-70">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
