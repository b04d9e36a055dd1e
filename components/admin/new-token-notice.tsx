"use client";
import { useId, useRef, useState } from "react";
import { buttonClass } from "./add-user-form";

/** The secret of a just-created token, shown this once; dismissing it forgets it. */
export function NewTokenNotice({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<string>("");

  async function copy() {
    const input = inputRef.current;
    input?.select();
    try {
      await navigator.clipboard.writeText(token);
      setCopied("Copied to the clipboard.");
    } catch {
      // No clipboard API outside a secure context: the text is selected, copy it by hand.
      setCopied("Could not copy automatically: the token is selected, press Ctrl+C (⌘C).");
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2 rounded border border-amber-700/70 bg-amber-950/30 p-3">
      <h3 id={`${id}-title`} className="font-semibold text-amber-200">
        {`Token “${name}” created`}
      </h3>
      <p className="text-amber-200">Copy this token now: it will not be shown again.</p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-token`} className="text-xs text-zinc-400">
          New token
        </label>
        <input
          ref={inputRef}
          id={`${id}-token`}
          readOnly
          value={token}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
          className="w-[32rem] max-w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-zinc-100"
        />
        <button type="button" onClick={copy} className={buttonClass}>
          Copy token
        </button>
        <button type="button" onClick={onDone} className={buttonClass}>
          Done
        </button>
      </div>
      <p role="status" className="min-h-4 text-xs text-zinc-400">
        {copied}
      </p>
    </section>
  );
}
