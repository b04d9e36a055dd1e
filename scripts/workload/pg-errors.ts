// Pure helpers for the workload's retry loop: what happened to a session, and how long to wait.

export type FailureKind = "cancelled" | "terminated" | "connection" | "other";

const TERMINATED_CODES = new Set([
  "57P01", // admin_shutdown: pg_terminate_backend() or a fast shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the database is starting or stopping
  "25P03", // idle_in_transaction_session_timeout
  "57P05", // idle_session_timeout
]);

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EHOSTUNREACH"]);

/** Classifies an error from pg: a cancel leaves the connection usable, everything else needs a reconnect. */
export function classifyPgError(err: unknown): FailureKind {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === "57014") return "cancelled"; // query_canceled: pg_cancel_backend() or statement_timeout
  if (typeof code === "string" && TERMINATED_CODES.has(code)) return "terminated";
  if (typeof code === "string" && CONNECTION_CODES.has(code)) return "connection";
  const message = err instanceof Error ? err.message : String(err);
  if (/Connection terminated|not queryable|connection timeout|ended by the server|Client was closed/i.test(message)) {
    return "connection";
  }
  return "other";
}

/** Exponential backoff with a cap: 500 ms, 1 s, 2 s ... capped, plus up to 20 % jitter. */
export function backoffMs(attempt: number, opts: { baseMs?: number; maxMs?: number; random?: () => number } = {}): number {
  const base = opts.baseMs ?? 500;
  const max = opts.maxMs ?? 10_000;
  const random = opts.random ?? Math.random;
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (1 + 0.2 * random()));
}

/** The SQLSTATE (or Node error code) of an error, for the stats; null when there is none. */
export function errorCode(err: unknown): string | null {
  const code = typeof err === "object" && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : null;
}
