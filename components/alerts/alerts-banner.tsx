"use client";
import type { StreamState } from "@/components/live/stream-state";
import { PidLink } from "@/components/live/pid-link";
import { useNow } from "@/components/ui/use-now";
import { formatClock } from "@/lib/format";
import { recentlyCleared } from "./recently-cleared";
import { useAlerts } from "./use-alerts";

export interface AlertsBannerProps {
  targetId: string;
  stream: StreamState;
}

/** Firing alerts of this target as a banner (a session's pid as a link), then what cleared lately; nothing when neither. */
export function AlertsBanner({ targetId }: AlertsBannerProps) {
  const view = useAlerts(targetId);
  const now = useNow(5000);
  const firing = view?.firing ?? [];
  const cleared = view && now !== null ? recentlyCleared(view.recent, firing, now) : [];
  if (firing.length === 0 && cleared.length === 0) return null;
  return (
    <div className="space-y-1">
      {firing.length > 0 && (
        <div role="alert" aria-label="Firing alerts" className="rounded-md border border-rose-700 bg-rose-950/60 px-3 py-2 text-sm text-rose-100">
          <p className="font-semibold">{firing.length === 1 ? "1 alert firing" : `${firing.length} alerts firing`}</p>
          <ul className="mt-1 space-y-0.5">
            {firing.map((a) => (
              <li key={a.rule} data-rule={a.rule}>
                {a.message}
                {a.pid !== undefined && (
                  <>
                    {" "}
                    (<PidLink pid={a.pid} />)
                  </>
                )}{" "}
                <span className="text-rose-200">(since {formatClock(Date.parse(a.since))})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {cleared.length > 0 && (
        <section aria-label="Cleared alerts" className="rounded-md border border-zinc-800 bg-zinc-900 px-3 py-1.5 text-sm">
          <ul className="space-y-0.5">
            {cleared.map((e) => (
              <li key={e.id} data-rule={e.rule} className="text-emerald-300">
                {e.message} <span className="text-zinc-400">(at {formatClock(Date.parse(e.at))})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
