"use client";
import Link from "next/link";
import type { IncidentTimeline } from "@/lib/report";
import { Panel } from "@/components/ui/panel";
import { ActionsTable } from "@/components/report/actions-table";
import { ChecklistTable } from "@/components/report/checklist-table";
import { GuardrailsInForceTable } from "@/components/report/guardrails-table";
import { ImpactTable } from "@/components/report/impact-table";
import { IncidentFacts } from "@/components/report/incident-facts";
import { EventTable } from "./event-table";
import { TimelineChart } from "./timeline-chart";
import { useTimeline } from "./use-timeline";

/** The incident page: facts and links, the chart with every event on it beside the event list, the checklist, what is still in force. */
export function IncidentView({ initial }: { initial: IncidentTimeline }) {
  const { data, error } = useTimeline(initial);
  const i = data.incident;
  const base = `/api/incidents/${encodeURIComponent(i.id)}`;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold text-zinc-100">{i.title}</h1>
        <span className="text-xs text-zinc-400">
          {i.severity} · {i.status} · <Link href={`/targets/${encodeURIComponent(i.targetId)}`} className="text-sky-300 underline underline-offset-2">{i.targetName}</Link>
        </span>
        <nav aria-label="Report" className="ml-auto flex gap-3 text-xs">
          <a href={`${base}/report?format=md`} download className="rounded border border-zinc-700 px-2 py-1 text-sky-300 hover:bg-zinc-800">
            Download Markdown
          </a>
          <Link href={`/incidents/${encodeURIComponent(i.id)}/report`} className="rounded border border-zinc-700 px-2 py-1 text-sky-300 hover:bg-zinc-800">
            Printable report
          </Link>
          <Link href="/incidents" className="px-2 py-1 text-zinc-400 hover:text-zinc-200">
            All incidents
          </Link>
        </nav>
      </div>
      {error && <p role="alert" className="text-xs text-amber-300">Could not refresh: {error}</p>}
      <div className="grid gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="space-y-3">
          <Panel title="Incident">
            <div className="text-zinc-300">
              <IncidentFacts timeline={data} />
              {i.summary && <p className="mt-2 whitespace-pre-wrap break-words text-xs">{i.summary}</p>}
            </div>
          </Panel>
          <Panel title="Timeline chart">
            <TimelineChart timeline={data} />
          </Panel>
          <Panel title="Impact">
            <div className="text-zinc-300">
              <ImpactTable timeline={data} />
            </div>
          </Panel>
          <Panel title="What was done">
            <div className="text-zinc-300">
              <ActionsTable events={data.events} incident={i} />
            </div>
          </Panel>
        </div>
        <Panel title="Events">
          <EventTable events={data.events} signalsLeftOff={data.signals.total - data.signals.shown} />
        </Panel>
      </div>
      <Panel title="Runbook checklist">
        <div className="text-zinc-300">
          <ChecklistTable checklist={data.checklist} />
        </div>
      </Panel>
      <Panel title="Guardrails still in force">
        <div className="text-zinc-300">
          <GuardrailsInForceTable guardrails={data.guardrailsInForce} targetName={i.targetName} />
        </div>
      </Panel>
    </div>
  );
}
