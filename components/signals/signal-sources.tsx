"use client";
import { RelativeAge } from "@/components/ui/relative-age";
import type { SignalSourceStatus } from "@/lib/signals";
import { originText, SOURCE_LABELS, stateLabel } from "./signal-text";

const TONE: Record<SignalSourceStatus["status"], string> = {
  ok: "text-emerald-300",
  pending: "text-zinc-400",
  not_configured: "text-zinc-400",
  missing: "text-rose-300",
  unreadable: "text-rose-300",
  error: "text-rose-300",
};

/** Where the signals come from, and when a source is not read, why (the reason is text from the server). */
export function SignalSources({ sources }: { sources: SignalSourceStatus[] }) {
  return (
    <div>
      <h3 className="text-sm font-medium text-zinc-200">Sources</h3>
      <ul aria-label="Signal sources" className="mt-1 space-y-1 text-sm">
        {sources.map((s) => (
          <li key={s.source}>
            <span className="text-zinc-300">{SOURCE_LABELS[s.source]}</span>{" "}
            <span className="break-all font-mono text-xs text-zinc-400">{originText(s)}</span>{" "}
            <span className={TONE[s.status]}>{stateLabel(s.status)}</span>
            {s.lastReadAt && (
              <span className="text-xs text-zinc-400">
                {" "}
                · checked <RelativeAge iso={s.lastReadAt} />
              </span>
            )}
            {s.status !== "ok" && s.error && <p className="break-words pl-3 text-xs text-zinc-400">{s.error}</p>}
            {s.status !== "ok" && s.fix && (
              <div className="pl-3 text-xs text-zinc-400">
                To enable it, an administrator runs:
                <pre aria-label={`How to enable the ${SOURCE_LABELS[s.source]} source`} className="mt-0.5 whitespace-pre-wrap break-all rounded bg-zinc-900 px-2 py-1 font-mono text-zinc-200">
                  {s.fix}
                </pre>
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
