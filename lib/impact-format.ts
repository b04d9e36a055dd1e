// The impact table's cells as text, for the Markdown report and the pages alike. Pure and isomorphic.
import { formatBytes, formatRate } from "./format";
import type { ImpactKey, ImpactTable } from "./report";

const num = (n: number) => String(Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10);
const pct = (n: number | null) => (n == null ? "" : ` (${num(n)} %)`);

/** One cell: "1.5 GiB (18.8 %)", "2.1k/s", "3 MiB/s", "4.5", or "—" without samples. */
export function impactCell(t: ImpactTable, key: ImpactKey, col: "before" | "worst" | "after"): string {
  const v = t.rows.find((r) => r.key === key)?.[col] ?? null;
  if (v == null) return "—";
  switch (key) {
    case "memAvailable":
      return `${formatBytes(v)}${pct(t.memAvailablePct[col])}`;
    case "swapIn":
      return formatRate(v);
    case "tempBytesPerSec":
      return formatRate(v, "bytes");
    default:
      return num(v);
  }
}

export const hasImpactData = (t: ImpactTable) => t.before.samples + t.during.samples > 0;
