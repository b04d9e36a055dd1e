"use client";
import { formatAge } from "@/lib/format";
import { useNow } from "./use-now";

/** "12 s ago", ticking; blank until hydrated so server and browser clocks never disagree in the HTML. */
export function RelativeAge({ iso, empty = "never" }: { iso: string | null; empty?: string }) {
  const now = useNow(1000);
  if (iso === null) return <span>{empty}</span>;
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()} suppressHydrationWarning>
      {now === null ? "" : formatAge(now - Date.parse(iso))}
    </time>
  );
}
