import type { AuditMarker } from "./audit-markers";

export const MARKER_COLOR: Record<string, string> = {
  ok: "var(--color-emerald-400)",
  not_found: "var(--color-amber-400)",
  refused: "var(--color-amber-400)",
  error: "var(--color-rose-400)",
};

interface LineProps {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke?: string;
  strokeDasharray?: string;
}

/** A marker line with an SVG <title> (the browser's tooltip) and a wider invisible hover target. */
export function markerShape(text: string) {
  function MarkerLine({ x1, y1, x2, y2, stroke, strokeDasharray }: LineProps) {
    return (
      <g role="img" aria-label={text} className="recharts-reference-line-line">
        <title>{text}</title>
        <line x1={x1} y1={y1} x2={x2} y2={y2} stroke={stroke} strokeWidth={1.5} strokeDasharray={strokeDasharray} />
        <line x1={x1} y1={y1} x2={x2} y2={y2} stroke="transparent" strokeWidth={9} />
      </g>
    );
  }
  return MarkerLine;
}

const LISTED = 6;

/** The newest markers as text under the chart, so they are readable without hovering. */
export function AuditMarkerList({ markers }: { markers: AuditMarker[] }) {
  if (markers.length === 0) return null;
  const newest = markers.slice(-LISTED).reverse();
  return (
    <ul aria-label="Actions on the chart" className="mt-1 space-y-0.5 text-xs text-zinc-400">
      {newest.map((m) => (
        <li key={m.id} className="flex items-center gap-1.5">
          <span aria-hidden className="h-3 w-0.5" style={{ background: MARKER_COLOR[m.outcome] ?? MARKER_COLOR.error }} />
          {m.text}
        </li>
      ))}
      {markers.length > LISTED && <li className="text-zinc-400">and {markers.length - LISTED} earlier</li>}
    </ul>
  );
}
