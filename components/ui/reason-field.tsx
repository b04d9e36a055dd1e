"use client";
import { useId } from "react";

/** The audit server caps a reason at this many characters. */
export const REASON_MAX = 500;

interface ReasonFieldProps {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
}

/** The optional "Reason" of a confirmation dialog: focused first, recorded in the audit trail. */
export function ReasonField({ value, onChange, placeholder = "optional, recorded in the audit trail" }: ReasonFieldProps) {
  const id = useId();
  return (
    <div className="space-y-0.5">
      <label htmlFor={`${id}-reason`} className="block text-xs text-zinc-400">
        Reason
      </label>
      <input
        id={`${id}-reason`}
        data-autofocus
        value={value}
        maxLength={REASON_MAX}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        className="w-full rounded border border-zinc-700 bg-zinc-950 px-2 py-1 text-zinc-200 placeholder:text-zinc-400"
      />
    </div>
  );
}
