import type { OdooHttpCheck } from "@/lib/verification";

const W = 120;
const H = 20;

/** The login page's latency over the recent checks; failed checks are red ticks at the top. Decorative: the line's text says it all. */
export function LatencySparkline({ checks }: { checks: OdooHttpCheck[] }) {
  if (checks.length < 2) return null;
  const max = Math.max(1, ...checks.map((c) => c.latencyMs ?? 0));
  const x = (i: number) => (i / (checks.length - 1)) * W;
  const y = (ms: number) => H - 1 - (ms / max) * (H - 2);
  const points = checks.flatMap((c, i) => (c.ok && c.latencyMs !== null ? [`${x(i).toFixed(1)},${y(c.latencyMs).toFixed(1)}`] : []));
  return (
    <svg aria-hidden width={W} height={H} viewBox={`0 0 ${W} ${H}`} className="shrink-0 overflow-visible">
      <polyline points={points.join(" ")} fill="none" stroke="currentColor" strokeWidth={1} className="text-sky-400" />
      {checks.map((c, i) => (c.ok ? null : <line key={i} x1={x(i)} x2={x(i)} y1={0} y2={6} stroke="currentColor" className="text-rose-400" />))}
    </svg>
  );
}
