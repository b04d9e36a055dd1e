// Words of the signals panel. Pure (unit-tested); no React.
import { KIND_LABELS, type SignalKind, type SignalSource, type SignalSourceStatus, type SourceState } from "@/lib/signals";

export const WINDOW_CHOICES = [5, 10, 20, 60, 240, 1440] as const;

export const windowLabel = (minutes: number) => (minutes < 60 ? `${minutes} minutes` : minutes === 60 ? "1 hour" : minutes % 60 === 0 ? `${minutes / 60} hours` : `${minutes} minutes`);

export const SOURCE_LABELS: Record<SignalSource, string> = { postgres: "PostgreSQL log", odoo: "Odoo log", kernel: "Kernel log" };

const STATE_LABELS: Record<SourceState, string> = {
  ok: "read",
  pending: "not read yet",
  not_configured: "not configured",
  missing: "missing",
  unreadable: "unreadable",
  error: "read failed",
};

export const stateLabel = (s: SourceState) => STATE_LABELS[s];

/** "/var/log/odoo/odoo.log", or "pg_read_file (log/postgresql-….log)". */
export const originText = (s: SignalSourceStatus) => (s.file && s.file !== s.origin ? `${s.origin} (${s.file})` : s.origin);

/** Counts, largest first, with the kind's label; kinds with no line are left out. */
export function countRows(counts: Partial<Record<SignalKind, number>>): { kind: SignalKind; label: string; n: number }[] {
  return (Object.entries(counts) as [SignalKind, number][])
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([kind, n]) => ({ kind, label: KIND_LABELS[kind] ?? kind, n }));
}

/** "18:00:01" in the browser's time zone: the lines are from the last minutes or hours. */
export const lineClock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
