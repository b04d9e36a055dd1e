"use client";
import { useId } from "react";

interface SessionsToolbarProps {
  showBackground: boolean;
  onShowBackground: (show: boolean) => void;
  backgroundCount: number;
  /** The order is held (pointer or focus on the table). */
  holding: boolean;
  pending: number;
  onRefresh: () => void;
  onHelp: () => void;
}

/** Above the table and inside its hold zone, so reaching for "refresh" does not release the hold. */
export function SessionsToolbar({ showBackground, onShowBackground, backgroundCount, holding, pending, onRefresh, onHelp }: SessionsToolbarProps) {
  const id = useId();
  return (
    <div className="flex min-h-7 flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-400">
      <span className="flex items-center gap-1.5">
        <input id={id} type="checkbox" checked={showBackground} onChange={(e) => onShowBackground(e.target.checked)} className="accent-sky-500" />
        <label htmlFor={id}>Show background processes ({backgroundCount})</label>
      </span>
      {holding && <span>Order held while you work on the table</span>}
      {holding && pending > 0 && (
        <button type="button" onClick={onRefresh} className="rounded border border-amber-600 bg-amber-950/60 px-2 py-0.5 font-medium text-amber-200 hover:bg-amber-900/60">
          {pending} {pending === 1 ? "change" : "changes"} — refresh
        </button>
      )}
      <button type="button" onClick={onHelp} aria-keyshortcuts="?" className="ml-auto rounded border border-zinc-700 px-2 py-0.5 text-zinc-300 hover:bg-zinc-800">
        Keyboard shortcuts
      </button>
    </div>
  );
}
