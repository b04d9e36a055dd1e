"use client";
import { ReasonField } from "@/components/ui/reason-field";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type { CommandView } from "@/lib/commands";
import { formatDuration } from "@/lib/format";
import { useNow } from "@/components/ui/use-now";
import { exitText, runningText, toneOf } from "./command-text";
import { OutputBlock } from "./output-block";
import type { RunState } from "./run-state";


interface RunDialogProps {
  targetId: string;
  command: CommandView;
  /** null: not run yet from this dialog (the confirmation). */
  state: RunState | null;
  onRun: (reason: string) => void;
  onClose: () => void;
}

/** Confirms one command showing its exact text, then shows it running and its result. Closing never stops
 * a run: the host's `timeout` does; the panel keeps the result. Native modal <dialog>: Escape closes. */
export function RunDialog({ targetId, command: c, state, onRun, onClose }: RunDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  const [reason, setReason] = useState("");
  const now = useNow(1000);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // The confirm button goes away once it is pressed: keep the focus inside, on Close.
  const phase = state?.phase ?? null;
  useEffect(() => {
    if (phase) closeRef.current?.focus();
  }, [phase]);

  const button = "rounded border border-zinc-700 px-3 py-1 hover:border-zinc-500";
  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault(); // Escape: close through React state
        onClose();
      }}
      className="m-auto w-[44rem] max-w-[calc(100vw-2rem)] rounded-md border border-zinc-700 bg-zinc-900 p-4 text-sm text-zinc-300 shadow-xl backdrop:bg-black/60"
    >
      <div className="space-y-3">
        <h2 id={`${id}-title`} className="text-base font-semibold text-zinc-100">
          {state ? c.label : `Run ${c.label}?`}
        </h2>
        <p className="text-zinc-400">
          Runs on the host of <strong className="text-zinc-200">{targetId}</strong> with /bin/sh, exactly as configured; killed after {c.timeoutSeconds} s.
        </p>
        <pre aria-label={`Command ${c.name}`} className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded border border-zinc-700 bg-zinc-950 p-2 font-mono text-xs text-amber-200">
          <code>{c.run}</code>
        </pre>

        {state === null && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              onRun(reason.trim());
            }}
            className="space-y-3"
          >
            <ReasonField value={reason} onChange={setReason} placeholder="optional, recorded in the audit trail only (never given to the command)" />
            <div className="flex justify-end gap-2">
              <button type="button" onClick={onClose} className={button}>
                Cancel
              </button>
              <button type="submit" className="rounded bg-rose-700 px-3 py-1 font-medium text-white hover:bg-rose-600">
                Run {c.name}
              </button>
            </div>
          </form>
        )}

        {state?.phase === "running" && (
          <div className="space-y-1">
            <p role="status" className="font-medium text-sky-300">
              {runningText(now === null ? 0 : Math.max(0, now - state.startedAt))}
            </p>
            <p className="text-xs text-zinc-400">You may close this dialog: the command keeps running, and its result shows in the panel.</p>
          </div>
        )}
        {state?.phase === "failed" && (
          <p role="alert" className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1.5 text-rose-200">
            {state.message}
          </p>
        )}
        {state?.phase === "done" && (
          <div className="space-y-2">
            <p role="status" className={`font-medium ${toneOf(state.result) === "ok" ? "text-emerald-300" : "text-rose-300"}`}>
              {exitText(state.result, c.timeoutSeconds)} in {formatDuration(state.result.durationMs)}
              <span className="ml-2 text-xs font-normal text-zinc-400">audit #{state.result.auditId}</span>
            </p>
            {state.result.truncated && <p className="text-xs text-amber-300">The output was cut at 256 KiB per stream.</p>}
            <OutputBlock label="Output (stdout)" text={state.result.stdout} />
            <OutputBlock label="Errors (stderr)" text={state.result.stderr} />
          </div>
        )}
        {state && (
          <div className="flex justify-end">
            <button ref={closeRef} type="button" onClick={onClose} className={button}>
              Close
            </button>
          </div>
        )}
      </div>
    </dialog>
  );
}
