"use client";
import { useId, useLayoutEffect, useRef, type ReactNode } from "react";

interface ConfirmDialogProps {
  /** The question, e.g. "Disable alice?". */
  title: string;
  /** Names the action, e.g. "Disable alice": the confirm button's text and accessible name. */
  confirmLabel: string;
  /** What will happen; may hold inputs (mark the one to focus with data-autofocus). */
  children?: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  confirmDisabled?: boolean;
  /** Why the last attempt failed, shown in the dialog (role=alert); the dialog stays open. */
  error?: string | null;
  tone?: "danger" | "default";
  /** The dismiss button's text; "Cancel" unless that would be confused with the action (cancelling a query). */
  dismissLabel?: string;
}

/** A modal confirmation (native <dialog>: focus stays inside, Escape cancels). Cancel has the focus first, the
 * least destructive choice; Enter in a field submits. Focus returns to the control that opened it. */
export function ConfirmDialog({ title, confirmLabel, children, onConfirm, onCancel, busy = false, confirmDisabled = false, error = null, tone = "danger", dismissLabel = "Cancel" }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    (dialog.querySelector<HTMLElement>("[data-autofocus]") ?? cancelRef.current)?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const confirmTone = tone === "danger" ? "bg-rose-700 hover:bg-rose-600" : "bg-sky-700 hover:bg-sky-600";
  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault(); // Escape: close through React state, not behind its back.
        if (!busy) onCancel();
      }}
      className="m-auto w-[28rem] max-w-[calc(100vw-2rem)] rounded-md border border-zinc-700 bg-zinc-900 p-4 text-sm text-zinc-300 shadow-xl backdrop:bg-black/60"
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && !confirmDisabled) onConfirm();
        }}
        className="space-y-3"
      >
        <h2 id={titleId} className="text-base font-semibold text-zinc-100">
          {title}
        </h2>
        <div id={bodyId} className="space-y-2 text-zinc-400">
          {children}
        </div>
        {error && (
          <p role="alert" className="rounded border border-rose-800 bg-rose-950/60 px-2 py-1.5 text-rose-200">
            {error}
          </p>
        )}
        <div className="flex justify-end gap-2 pt-1">
          <button ref={cancelRef} type="button" onClick={onCancel} disabled={busy} className="rounded border border-zinc-700 px-3 py-1 hover:border-zinc-500 disabled:opacity-70">
            {dismissLabel}
          </button>
          <button type="submit" disabled={busy || confirmDisabled} aria-busy={busy} className={`rounded px-3 py-1 font-medium text-white disabled:opacity-70 ${confirmTone}`}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
