"use client";
import Link from "next/link";
import { useState } from "react";
import { GuardedButton } from "@/components/auth/guarded-button";
import type { StreamState } from "@/components/live/stream-state";
import { RelativeAge } from "@/components/ui/relative-age";
import { CloseIncidentDialog } from "./close-incident-dialog";
import { useTargetIncidents } from "./incident-poll";
import { IncidentSeverity } from "./incident-severity";
import { OpenIncidentDialog } from "./open-incident-dialog";

export interface IncidentBarProps {
  targetId: string;
  stream: StreamState;
}

const buttonClass = "rounded border border-zinc-600 px-3 py-1 text-sm text-zinc-100 hover:border-zinc-400";

/** The open incident of this target (title, severity, age) with Open / Close; or an Open incident button. */
export function IncidentBar({ targetId }: IncidentBarProps) {
  const { data, error, reload } = useTargetIncidents(targetId);
  const [dialog, setDialog] = useState<"open" | "close" | null>(null);
  const incident = data?.incidents.find((i) => i.status === "open") ?? null;
  const done = () => {
    setDialog(null);
    reload();
  };

  return (
    <section aria-label="Incident status" className={`flex flex-wrap items-center gap-3 rounded-md border px-3 py-2 text-sm ${incident ? "border-rose-800 bg-rose-950/30" : "border-zinc-800 bg-zinc-900/50"}`}>
      {incident ? (
        <>
          <IncidentSeverity severity={incident.severity} />
          <p className="min-w-0 text-zinc-300">
            <span className="font-medium text-zinc-100">{incident.title}</span> — opened by {incident.openedBy} <RelativeAge iso={incident.openedAt} />
          </p>
          <div className="ml-auto flex flex-wrap items-center gap-3">
            <Link href={`/incidents/${encodeURIComponent(incident.id)}`} className="text-sky-300 underline hover:text-sky-200">
              Incident page
            </Link>
            <GuardedButton permission="incidents.write" type="button" onClick={() => setDialog("close")} className={buttonClass}>
              Close incident
            </GuardedButton>
          </div>
        </>
      ) : (
        <>
          <p className="text-zinc-400">{data ? "No open incident on this target." : "Loading incidents…"}</p>
          <div className="ml-auto">
            <GuardedButton permission="incidents.write" type="button" disabled={!data} onClick={() => setDialog("open")} className={buttonClass}>
              Open incident
            </GuardedButton>
          </div>
        </>
      )}
      {error && (
        <p role="alert" className="w-full text-xs text-rose-300">
          {error}
        </p>
      )}
      {dialog === "open" && <OpenIncidentDialog targetId={targetId} onDone={done} onCancel={() => setDialog(null)} />}
      {dialog === "close" && incident && <CloseIncidentDialog incident={incident} onDone={done} onCancel={() => setDialog(null)} />}
    </section>
  );
}
