"use client";
import { useState } from "react";
import { utcText, type TimelineEvent } from "@/lib/report";
import { KIND_COLOR } from "./markers";

const OUTCOME_STYLE: Record<string, string> = { ok: "text-emerald-300", firing: "text-rose-300", error: "text-rose-300", refused: "text-amber-300", not_found: "text-amber-300" };

/** The ordered event list as a real table; every untrusted field is rendered as text. */
export function EventTable({ events, signalsLeftOff }: { events: TimelineEvent[]; signalsLeftOff: number }) {
  const [showSignals, setShowSignals] = useState(true);
  const shown = showSignals ? events : events.filter((e) => e.kind !== "signal");
  return (
    <div className="min-w-0">
      <div className="mb-2 flex flex-wrap items-center gap-3 text-xs text-zinc-400">
        <label className="flex items-center gap-1.5">
          <input type="checkbox" checked={showSignals} onChange={(e) => setShowSignals(e.target.checked)} />
          Show signal lines
        </label>
        <span>{shown.length} events</span>
        {signalsLeftOff > 0 && <span>({signalsLeftOff} older signal lines not listed)</span>}
      </div>
      <div className="max-h-[640px] overflow-auto">
        <table aria-label="Incident events" className="w-full border-collapse text-left text-xs">
          <thead className="sticky top-0 bg-zinc-900 text-zinc-400">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">Time (UTC)</th>
              <th scope="col" className="px-2 py-1 font-medium">Kind</th>
              <th scope="col" className="px-2 py-1 font-medium">Who</th>
              <th scope="col" className="px-2 py-1 font-medium">Event</th>
              <th scope="col" className="px-2 py-1 font-medium">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr key={e.id} data-kind={e.kind} className="border-t border-zinc-800 align-top">
                <td className="whitespace-nowrap px-2 py-1 tabular-nums text-zinc-400">{utcText(e.at).slice(11, 19)}</td>
                <td className="px-2 py-1">
                  <span className="inline-flex items-center gap-1.5">
                    <span aria-hidden className="h-3 w-0.5" style={{ background: KIND_COLOR[e.kind] }} />
                    {e.kind}
                  </span>
                </td>
                <td className="px-2 py-1 text-zinc-300">{e.actor ?? "—"}</td>
                <td className="min-w-0 px-2 py-1">
                  <div className="text-zinc-100">{e.title}</div>
                  {e.detail && <div className="whitespace-pre-wrap break-words text-zinc-400">{e.detail}</div>}
                  {e.code && <pre className="mt-1 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-zinc-950 p-1.5 font-mono text-[11px] text-zinc-300">{e.code}</pre>}
                </td>
                <td className={`px-2 py-1 ${OUTCOME_STYLE[e.outcome ?? ""] ?? "text-zinc-400"}`}>{e.outcome ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
