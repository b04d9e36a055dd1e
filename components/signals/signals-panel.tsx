"use client";
import { useId, useState } from "react";
import type { StreamState } from "@/components/live/stream-state";
import { Panel } from "@/components/ui/panel";
import { KIND_LABELS, SIGNAL_WINDOW_DEFAULT_MINUTES } from "@/lib/signals";
import { countRows, lineClock, SOURCE_LABELS, WINDOW_CHOICES, windowLabel } from "./signal-text";
import { SignalSources } from "./signal-sources";
import { useSignals } from "./use-signals";

export interface SignalsPanelProps {
  targetId: string;
  stream: StreamState;
}

const heading = "text-sm font-medium text-zinc-200";

/** Incident signals from the logs: counts per kind and the latest lines, as text. */
export function SignalsPanel({ targetId }: SignalsPanelProps) {
  const [minutes, setMinutes] = useState<number>(SIGNAL_WINDOW_DEFAULT_MINUTES);
  const { data, error } = useSignals(targetId, minutes);
  const selectId = useId();
  const rows = data ? countRows(data.counts) : [];
  const span = windowLabel(minutes);

  return (
    <Panel
      title="Incident signals"
      actions={
        <span className="flex items-center gap-2 text-xs text-zinc-400">
          <label htmlFor={selectId}>Window</label>
          <select id={selectId} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} className="rounded border border-zinc-700 bg-zinc-900 px-1.5 py-0.5 text-zinc-200">
            {WINDOW_CHOICES.map((m) => (
              <option key={m} value={m}>
                last {windowLabel(m)}
              </option>
            ))}
          </select>
        </span>
      }
    >
      {error && (
        <p role="alert" className="mb-2 text-sm text-rose-300">
          {error}
        </p>
      )}
      {data === null ? (
        <p className="text-sm text-zinc-400">{error ? "" : "Loading signals…"}</p>
      ) : (
        <div className="space-y-3">
          <div>
            <h3 className={heading}>Counts in the last {span}</h3>
            {rows.length === 0 ? (
              <p className="text-sm text-zinc-400">No matching log lines in the last {span}.</p>
            ) : (
              <ul aria-label="Signal counts" className="mt-1 flex flex-wrap gap-2">
                {rows.map((r) => (
                  <li key={r.kind} className="rounded border border-amber-700/60 bg-amber-950/40 px-2 py-0.5 text-sm text-amber-200">
                    <span className="font-semibold tabular-nums">{r.n}</span> {r.label}
                  </li>
                ))}
              </ul>
            )}
          </div>
          {data.latest.length > 0 && (
            <div>
              <h3 className={heading}>Latest lines</h3>
              <ol aria-label="Latest signal lines" className="mt-1 max-h-80 space-y-1 overflow-auto">
                {data.latest.map((l, i) => (
                  <li key={`${l.at}-${i}`} className="rounded bg-zinc-950/60 px-2 py-1">
                    <div className="text-xs text-zinc-400">
                      <time dateTime={l.at}>{lineClock(l.at)}</time> · {SOURCE_LABELS[l.source]} · {KIND_LABELS[l.kind] ?? l.kind}
                    </div>
                    <pre className="whitespace-pre-wrap break-all font-mono text-xs text-zinc-200">{l.line}</pre>
                  </li>
                ))}
              </ol>
            </div>
          )}
          <SignalSources sources={data.sources} />
        </div>
      )}
    </Panel>
  );
}
