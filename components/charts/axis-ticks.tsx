import type { XAxisTickContentProps, YAxisTickContentProps } from "recharts";
import { formatClock } from "@/lib/format";

// Plain <text> ticks: Recharts' own tick component measures every new label in the DOM.
export const timeTick = ({ x, y, payload }: XAxisTickContentProps) => (
  <text x={x} y={Number(y) + 12} textAnchor="middle" fill="var(--color-zinc-400)" fontSize={11}>
    {formatClock(Number(payload.value))}
  </text>
);

/** A y-axis tick whose label comes from `format` (bytes, rates, percent). */
export function valueTick(format: (n: number) => string) {
  function ValueTick({ x, y, payload, orientation }: YAxisTickContentProps) {
    return (
      <text x={x} y={Number(y) + 4} textAnchor={orientation === "right" ? "start" : "end"} fill="var(--color-zinc-400)" fontSize={11}>
        {format(Number(payload.value))}
      </text>
    );
  }
  return ValueTick;
}
