import { isAction, isAdopted, utcText, type IncidentInfo, type TimelineEvent } from "@/lib/report";
import { Head, TABLE, Td } from "./cells";
import { ScrollX } from "@/components/ui/scroll-x";

/** What was done, by whom, in order, with the before → after values and the query or output as text. */
export function ActionsTable({ events, incident }: { events: TimelineEvent[]; incident: IncidentInfo }) {
  const actions = events.filter(isAction);
  if (!actions.length) return <p>Nothing was done through pg-triage on this target during the incident.</p>;
  return (
    <ScrollX label="What was done, scrollable">
      <table aria-label="What was done" className={TABLE}>
        <Head cols={["#", "Time (UTC)", "By", "What", "Outcome", "Details (before → after)"]} />
        <tbody>
          {actions.map((e, n) => (
            <tr key={e.id}>
              <Td className="tabular-nums">{n + 1}</Td>
              <Td className="whitespace-nowrap tabular-nums">
                {utcText(e.at).slice(0, 19)}
                {isAdopted(e, incident) && <div className="text-[11px] opacity-80">before open</div>}
              </Td>
              <Td>{e.actor ?? "—"}</Td>
              <Td>{e.title}</Td>
              <Td>{e.outcome ?? "—"}</Td>
              <Td className="min-w-0">
                {e.detail && <div className="whitespace-pre-wrap break-words">{e.detail}</div>}
                {e.code && <pre className="mt-1 whitespace-pre-wrap break-all font-mono text-[11px]">{e.code}</pre>}
              </Td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollX>
  );
}
