"use client";
import { useId, useLayoutEffect, useRef } from "react";
import { SHORTCUTS } from "./keyboard";

/** The `?` help: a modal dialog listing the sessions table's keys. Escape or Close ends it; focus goes back. */
export function KeyboardHelpDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault(); // Escape: close through React state.
        onClose();
      }}
      className="m-auto w-[26rem] max-w-[calc(100vw-2rem)] rounded-md border border-zinc-700 bg-zinc-900 p-4 text-sm text-zinc-300 shadow-xl backdrop:bg-black/60"
    >
      <h2 id={titleId} className="mb-3 font-semibold text-zinc-100">
        Keyboard shortcuts
      </h2>
      <p className="mb-2 text-xs text-zinc-400">Sessions table; ignored while typing in a field or while a dialog is open.</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
        {SHORTCUTS.map((s) => (
          <div key={s.does} className="contents">
            <dt className="whitespace-nowrap">
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 && <span className="text-zinc-400"> or </span>}
                  <kbd className="rounded border border-zinc-600 bg-zinc-800 px-1.5 font-mono text-xs text-zinc-100">{k}</kbd>
                </span>
              ))}
            </dt>
            <dd>{s.does}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex justify-end">
        <button ref={closeRef} type="button" onClick={onClose} className="rounded border border-zinc-600 px-3 py-1 text-zinc-200 hover:bg-zinc-800">
          Close
        </button>
      </div>
    </dialog>
  );
}
