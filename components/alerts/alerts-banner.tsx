"use client";
import type { StreamState } from "@/components/live/stream-state";
import { formatClock } from "@/lib/format";
import { useAlerts } from "./use-alerts";

export interface AlertsBannerProps {
  targetId: string;
  stream: StreamState;
}

/** Firing alerts of this target as a banner; nothing when none fire. */
export function AlertsBanner({ targetId }: AlertsBannerProps) {
  const view = useAlerts(targetId);
  const firing = view?.firing ?? [];
  if (firing.length === 0) return null;
  return (
    <div role="alert" aria-label="Firing alerts" className="rounded-md border border-rose-700 bg-rose-950/60 px-3 py-2 text-sm text-rose-100">
      <p className="font-semibold">
        {firing.length === 1 ? "1 alert firing" : `${firing.length} alerts firing`}
      </p>
      <ul className="mt-1 space-y-0.5">
        {firing.map((a) => (
          <li key={a.rule} data-rule={a.rule}>
            {a.message} <span className="text-rose-300/80">(since {formatClock(Date.parse(a.since))})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
