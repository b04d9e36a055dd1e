"use client";
import { PidLink } from "@/components/live/pid-link";
import type { StreamState } from "@/components/live/stream-state";
import { Panel } from "@/components/ui/panel";
import { RelativeAge } from "@/components/ui/relative-age";
import type { CronBacklog } from "@/lib/verification";
import { LatencySparkline } from "./latency-sparkline";
import { useVerification } from "./use-verification";
import { verifyLines, type Tone } from "./verify-lines";

export interface VerificationPanelProps {
  targetId: string;
  stream: StreamState;
}

const TONE: Record<Tone, { word: string; style: string }> = {
  ok: { word: "OK", style: "border-emerald-700/60 bg-emerald-950/60 text-emerald-300" },
  bad: { word: "BAD", style: "border-rose-700/60 bg-rose-950/60 text-rose-300" },
  unknown: { word: "UNKNOWN", style: "border-zinc-700 bg-zinc-900 text-zinc-400" },
};
const ARROW: Record<NonNullable<CronBacklog["trend"]>, string> = { down: "↓", flat: "→", up: "↑" };

/** Step 3 verification: OOM kills since the incident opened, PostgreSQL health, Odoo HTTP check, cron backlog. */
export function VerificationPanel({ targetId }: VerificationPanelProps) {
  const { data, error } = useVerification(targetId);
  const lines = data ? verifyLines(data) : [];
  const trend = data?.cronBacklog?.trend ?? null;
  const oldestIdle = data?.postgres.sessions?.oldestIdleInTransaction ?? null;
  return (
    <Panel title="Recovery verification" actions={data?.incident ? <span className="text-xs text-zinc-400">incident opened <RelativeAge iso={data.incident.openedAt} /></span> : undefined}>
      {error && (
        <p role="alert" className="mb-2 text-xs text-rose-300">
          {error}
        </p>
      )}
      {!data && !error && <p className="text-xs text-zinc-400">Loading…</p>}
      <ul className="space-y-2 text-sm">
        {lines.map((l) => (
          <li key={l.key} data-line={l.key} data-tone={l.tone} className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className={`w-20 shrink-0 rounded border px-1.5 py-0.5 text-center text-[10px] font-semibold tracking-wider ${TONE[l.tone].style}`}>{TONE[l.tone].word}</span>
            <span className="text-zinc-400">{l.label}:</span>
            <span className="min-w-0 break-words text-zinc-100">{l.text}</span>
            {l.key === "postgres" && oldestIdle && <PidLink pid={oldestIdle.pid} />}
            {l.key === "odoo" && data && <LatencySparkline checks={data.odooHttpHistory.slice(-40)} />}
            {l.key === "cron" && trend && (
              <span aria-label={`trend ${trend}`} title={`trend ${trend}`} className={trend === "up" ? "text-rose-300" : trend === "down" ? "text-emerald-300" : "text-zinc-400"}>
                {ARROW[trend]}
              </span>
            )}
          </li>
        ))}
      </ul>
      {data && (data.odooHttp || data.cronBacklog) && (
        <p className="mt-2 text-xs text-zinc-400">
          Checked by the server, not by this page:
          {data.odooHttp && (
            <>
              {" "}
              Odoo <RelativeAge iso={data.odooHttp.at} />
            </>
          )}
          {data.cronBacklog && (
            <>
              {" "}
              · cron <RelativeAge iso={data.cronBacklog.at} />
            </>
          )}
        </p>
      )}
    </Panel>
  );
}
