"use client";
import { useId } from "react";

/** A stream of command output: untrusted text in a scrollable <pre>, reachable by keyboard to scroll. */
export function OutputBlock({ label, text }: { label: string; text: string }) {
  const id = useId();
  return (
    <div className="space-y-1">
      <h3 id={id} className="text-xs font-medium uppercase tracking-wide text-zinc-400">
        {label}
      </h3>
      <pre
        tabIndex={0}
        aria-labelledby={id}
        className="max-h-64 overflow-auto whitespace-pre-wrap break-all rounded border border-zinc-800 bg-zinc-950 p-2 font-mono text-xs text-zinc-200 focus:outline focus:outline-sky-700"
      >
        {text === "" ? <span className="text-zinc-400">(empty)</span> : text}
      </pre>
    </div>
  );
}
