"use client";
import { useId } from "react";
import { commandAnchor, type CommandView } from "@/lib/commands";
import { runbookSteps } from "@/lib/runbook";
import { RelativeAge } from "@/components/ui/relative-age";
import { lastRunText } from "./command-text";

const stepTitle = (key: string) => runbookSteps.find((s) => s.key === key)?.title ?? key;

interface CommandRowProps {
  command: CommandView;
  /** This page has a run of it to show (in flight or finished). */
  hasOutput: boolean;
  onRun: () => void;
  onShow: () => void;
}

/** One configured command: what it is, its runbook steps, who may run it, its last run, and the Run button. */
export function CommandRow({ command: c, hasOutput, onRun, onShow }: CommandRowProps) {
  const reasonId = useId();
  const blocked = c.deniedReason ?? (c.running ? "Running now: wait for it to finish" : null);
  return (
    <tr id={commandAnchor(c.name)} className="scroll-mt-2 border-t border-zinc-800 align-top">
      <th scope="row" className="py-2 pr-3 text-left font-normal">
        <div className="font-medium text-zinc-100">{c.label}</div>
        <code className="text-xs text-zinc-400">{c.name}</code>
      </th>
      <td className="py-2 pr-3">
        <ul className="flex flex-wrap gap-1" aria-label="Runbook steps">
          {c.steps.map((s) => (
            <li key={s} title={stepTitle(s)} className="rounded border border-zinc-700 px-1.5 py-0.5 text-xs text-zinc-300">
              Step {s}
            </li>
          ))}
        </ul>
      </td>
      <td className="py-2 pr-3 text-xs text-zinc-400">{c.role}</td>
      <td className="py-2 pr-3 text-xs">
        {c.running ? (
          <span className="text-sky-300">running…</span>
        ) : c.lastRun ? (
          <span className={c.lastRun.outcome === "ok" ? "text-emerald-300" : "text-rose-300"}>
            {lastRunText(c.lastRun)}, <RelativeAge iso={c.lastRun.at} />
          </span>
        ) : (
          <span className="text-zinc-400">never</span>
        )}
      </td>
      <td className="py-2 text-right">
        <div className="flex flex-wrap items-center justify-end gap-2">
          {hasOutput && (
            <button type="button" onClick={onShow} className="rounded border border-zinc-700 px-2 py-0.5 text-xs hover:border-zinc-500">
              Show output of {c.name}
            </button>
          )}
          <button
            type="button"
            onClick={onRun}
            disabled={blocked !== null}
            aria-describedby={blocked ? reasonId : undefined}
            title={blocked ?? undefined}
            className="rounded bg-rose-800 px-2 py-0.5 text-xs font-medium text-white hover:bg-rose-700 disabled:cursor-not-allowed disabled:opacity-70"
          >
            Run {c.label}
          </button>
        </div>
        {blocked && (
          <p id={reasonId} className="mt-1 text-xs text-zinc-400">
            {blocked}
          </p>
        )}
      </td>
    </tr>
  );
}
