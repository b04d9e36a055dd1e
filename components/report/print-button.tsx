"use client";

export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className="rounded border border-zinc-400 px-2 py-0.5">
      Print
    </button>
  );
}
