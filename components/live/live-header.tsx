"use client";
import { formatAge, formatDuration } from "@/lib/format";
import { useNow } from "@/components/ui/use-now";
import { FreshnessBanner } from "./freshness-banner";
import { freshnessOf, type Freshness } from "./freshness";
import type { StreamState } from "./stream-state";

interface LiveHeaderProps {
  targetId: string;
  targetName: string;
  stream: StreamState;
}

function Pill({ f }: { f: Freshness }) {
  const age = f.ageMs === null ? "" : `updated ${formatAge(f.ageMs)}`;
  const [tone, text] = f.disconnected
    ? ["text-rose-300 border-rose-800", "disconnected"]
    : f.stale
      ? ["text-amber-300 border-amber-700", "stale"]
      : f.connecting
        ? ["text-zinc-400 border-zinc-700", "connecting…"]
        : ["text-emerald-300 border-emerald-800", "live"];
  return (
    <span className={`inline-flex items-center gap-2 rounded border px-2 py-0.5 text-xs ${tone}`}>
      <span aria-hidden className="size-2 rounded-full bg-current" />
      <span className="font-semibold uppercase tracking-wide">{text}</span>
      <span className="text-zinc-400">{age}</span>
    </span>
  );
}

/** Re-renders every 250 ms on its own, so the age ticks without re-rendering the table. */
export function LiveHeader({ targetId, targetName, stream }: LiveHeaderProps) {
  const now = useNow(250);
  const f = freshnessOf(stream, now ?? stream.lastGoodAt ?? 0);
  const pg = stream.lastGood?.postgres;
  const facts = [
    targetId === targetName ? null : targetId,
    pg?.serverVersion ? `PostgreSQL ${pg.serverVersion}` : null,
    pg?.inRecovery == null ? null : pg.inRecovery ? "standby (in recovery)" : "primary",
    stream.lastGood ? `poll every ${formatDuration(stream.lastGood.intervalMs)}` : null,
    pg?.pollMs != null ? `last poll took ${formatDuration(pg.pollMs)}` : null,
  ].filter((x) => x !== null);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="text-lg font-semibold text-zinc-100">{targetName}</h1>
        <span className="text-xs text-zinc-400">{facts.join(" · ")}</span>
        <span className="ml-auto">
          <Pill f={f} />
        </span>
      </div>
      <FreshnessBanner f={f} />
    </div>
  );
}
