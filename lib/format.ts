// Formatting for the console: pure and isomorphic, so server pages and client views agree.

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** One decimal below 100 (trailing ".0" dropped), none above: "1.5 GiB", "4 MiB", "512 B". */
function roundCompact(n: number): number {
  return Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10;
}
const compactNumber = (n: number) => String(roundCompact(n));

/** Binary units, as PostgreSQL's own settings are: 1536 MiB → "1.5 GiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return "—";
  const sign = bytes < 0 ? "-" : "";
  let n = Math.abs(bytes);
  let unit = 0;
  // Compare the rounded value, so 1023.6 KiB reads "1 MiB" rather than "1024 KiB".
  while (unit < BYTE_UNITS.length - 1 && roundCompact(n) >= 1024) {
    n /= 1024;
    unit++;
  }
  return `${sign}${unit === 0 ? Math.round(n) : compactNumber(n)} ${BYTE_UNITS[unit]}`;
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Compact duration: "850 ms", "42 s", "3m 07s", "2h 05m", "3d 04h". Negative clock skew reads as 0. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "—";
  const t = Math.max(0, ms);
  if (t < 1000) return `${Math.round(t)} ms`;
  const s = Math.floor(t / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${pad2(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${pad2(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${pad2(h % 24)}h`;
}

/** Age of data: tenths of a second while fresh (the header ticks every 250 ms), compact after. */
export function formatAge(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return "never";
  const t = Math.max(0, ms);
  if (t < 10_000) return `${(t / 1000).toFixed(1)} s ago`;
  return `${formatDuration(t)} ago`;
}

/** A per-second rate; "bytes" rates use binary units. */
export function formatRate(perSec: number | null | undefined, kind: "count" | "bytes" = "count"): string {
  if (perSec == null || !Number.isFinite(perSec)) return "—";
  if (kind === "bytes") return `${formatBytes(perSec)}/s`;
  const abs = Math.abs(perSec);
  if (abs >= 1_000_000) return `${compactNumber(perSec / 1_000_000)}M/s`;
  if (abs >= 1000) return `${compactNumber(perSec / 1000)}k/s`;
  return `${abs >= 10 ? Math.round(perSec) : Math.round(perSec * 10) / 10}/s`;
}

/** Local wall-clock time HH:MM:SS (24 h), independent of the browser's locale. */
export function formatClock(epochMs: number): string {
  const d = new Date(epochMs);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
}

/** A timeout setting in milliseconds, where 0 means disabled. */
export function formatTimeout(ms: number): string {
  return ms === 0 ? "0 (disabled)" : formatDuration(ms);
}

const PG_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2})(?::?(\d{2}))?(?::\d{2})?$/;

/** A timestamptz as PostgreSQL prints it ("2026-03-21 10:00:00.123456+00", "...+05:30") or ISO, to epoch ms; null if unreadable. */
export function parsePgTimestamp(text: string | null | undefined): number | null {
  if (!text) return null;
  const m = PG_TIMESTAMP.exec(text.trim());
  if (!m) {
    const iso = Date.parse(text);
    return Number.isNaN(iso) ? null : iso;
  }
  const frac = m[3] ? m[3].slice(0, 4).padEnd(4, "0") : "";
  const ms = Date.parse(`${m[1]}T${m[2]}${frac}${m[4]}:${m[5] ?? "00"}`);
  return Number.isNaN(ms) ? null : ms;
}

/** Local date and time "2026-03-21 10:00:03", independent of the browser's locale. */
export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${formatClock(epochMs)}`;
}
