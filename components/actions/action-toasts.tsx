"use client";
import type { ToastTone } from "./action-text";

export interface Toast {
  id: number;
  text: string;
  tone: ToastTone;
}

const TONE: Record<ToastTone, string> = {
  ok: "border-emerald-700 bg-emerald-950/90 text-emerald-100",
  warn: "border-amber-600 bg-amber-950/90 text-amber-100",
  error: "border-rose-700 bg-rose-950/90 text-rose-100",
};

/** Results of actions, newest last; the region is always present so screen readers announce additions. */
export function ActionToasts({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  return (
    <div role="status" aria-live="polite" aria-label="Action results" className="fixed right-4 bottom-4 z-50 flex w-[26rem] max-w-[calc(100vw-2rem)] flex-col gap-2">
      {toasts.map((t) => (
        <div key={t.id} className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm shadow-lg ${TONE[t.tone]}`}>
          <p className="min-w-0 flex-1 break-words">{t.text}</p>
          <button type="button" aria-label="Dismiss" onClick={() => onDismiss(t.id)} className="shrink-0 rounded px-1 opacity-70 hover:opacity-100">
            <span aria-hidden>×</span>
          </button>
        </div>
      ))}
    </div>
  );
}
