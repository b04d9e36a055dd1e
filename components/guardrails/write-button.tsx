"use client";
import { useId, type ButtonHTMLAttributes } from "react";

interface WriteButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Why it is disabled (missing permission, or the helm); null when allowed. */
  blocked: string | null;
  /** Show the reason as text beside the button (once per group is enough; the title always carries it). */
  showReason?: boolean;
}

/** A parameter-change button: disabled with the reason when the user lacks the permission or the helm. The server checks anyway. */
export function WriteButton({ blocked, showReason = true, disabled, className = "", children, ...rest }: WriteButtonProps) {
  const reasonId = useId();
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        {...rest}
        disabled={disabled || blocked !== null}
        aria-describedby={blocked ? reasonId : rest["aria-describedby"]}
        title={blocked ?? rest.title}
        className={`${className} disabled:cursor-not-allowed disabled:opacity-70`}
      >
        {children}
      </button>
      {blocked && (
        <span id={reasonId} className={showReason ? "text-xs text-zinc-400" : "sr-only"}>
          {blocked}
        </span>
      )}
    </span>
  );
}

export const buttonClass = "rounded border border-zinc-700 px-2.5 py-1 text-xs font-medium text-zinc-200 hover:border-zinc-500";
export const primaryClass = "rounded bg-sky-700 px-2.5 py-1 text-xs font-medium text-white hover:bg-sky-600";
