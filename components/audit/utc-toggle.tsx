"use client";
import { zoneLabel } from "@/lib/time-zone";
import { useNow } from "@/components/ui/use-now";

/** Local time (with its zone) or UTC for every time on the page; the choice is remembered. */
export function UtcToggle({ utc, onChange }: { utc: boolean; onChange: (utc: boolean) => void }) {
  const now = useNow(60_000);
  return (
    <label className="ml-auto flex items-center gap-1.5 text-xs text-zinc-300">
      <input type="checkbox" checked={utc} onChange={(e) => onChange(e.target.checked)} />
      Times in UTC
      <span className="text-zinc-400">{utc || now === null ? "" : `(now local: ${zoneLabel(now)})`}</span>
    </label>
  );
}
