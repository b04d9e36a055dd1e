// Tiny helpers for printing: percentiles and aligned text tables.

/** Nearest-rank percentile; null for an empty sample. */
export function pct(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Milliseconds with sensible precision; "—" when unknown. */
export function fmtMs(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0);
}

export function fmtRatio(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? "—" : `${v.toFixed(2)}×`;
}

export function fmtBytes(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (v < 1024) return `${v} B`;
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KiB`;
  return `${(v / 1024 / 1024).toFixed(2)} MiB`;
}

export function fmtMiB(kb: number | null | undefined): string {
  return kb === null || kb === undefined ? "—" : `${(kb / 1024).toFixed(0)} MiB`;
}

/** A boxed-free, aligned table: title, header row, a rule, rows; numbers right-aligned. */
export function table(title: string, headers: string[], rows: Array<Array<string | number>>, notes: string[] = []): string {
  const cells = rows.map((r) => r.map(String));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const isNum = (s: string) => /^[-+]?[\d.,]+( ?(ms|×|%|B|KiB|MiB|ms\/s|\/s))?$/.test(s) || s === "—";
  const line = (r: string[]) =>
    r.map((c, i) => (i > 0 && isNum(c) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  const out = [`\n${title}`, line(headers), widths.map((w) => "-".repeat(w)).join("  "), ...cells.map(line)];
  for (const n of notes) out.push(`  ${n}`);
  return out.join("\n");
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves with the promise's value, or rejects after ms with a clear message. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}
