"use client";
import { formatAge, formatDuration } from "@/lib/format";
import type { Freshness } from "./freshness";

/**
 * The one live region of the page. Unmistakable on purpose: during an incident, numbers that
 * stopped moving must never pass for current ones. Ages are aria-hidden so they are not re-announced every tick.
 */
export function FreshnessBanner({ f }: { f: Freshness }) {
  const age = f.ageMs === null ? null : formatAge(f.ageMs);
  const tone = f.disconnected ? "border-rose-700 bg-rose-950/70 text-rose-100" : "border-amber-600 bg-amber-950/70 text-amber-100";
  const show = f.disconnected || f.stale || f.reason !== null;
  return (
    <div role="status" aria-live="polite">
      {show && (
        <div className={`rounded-md border px-3 py-2 ${tone}`}>
          {f.disconnected && (
            <p>
              <strong className="font-semibold uppercase tracking-wide">Disconnected</strong>
              {f.reason && <>: {f.reason}</>}
            </p>
          )}
          {!f.disconnected && f.reason && (
            <p>
              <strong className="font-semibold">Error</strong>: {f.reason}
            </p>
          )}
          {f.stale && (
            <p>
              <strong className="font-semibold uppercase tracking-wide">Stale data</strong>: the last good snapshot arrived{" "}
              <span aria-hidden>{age}</span>
              {f.intervalMs !== null && <> (expected every {formatDuration(f.intervalMs)})</>}. The numbers below are not current.
            </p>
          )}
          {f.disconnected && age === null && <p>No data received yet.</p>}
        </div>
      )}
    </div>
  );
}
