// How trustworthy the numbers on screen are right now. Pure: the header calls it on every tick.
import type { StreamState } from "./stream-state";

export interface Freshness {
  /** Age of the data on screen, from the client receipt time of the last good snapshot. */
  ageMs: number | null;
  intervalMs: number | null;
  /** Older than two poll intervals (DESIGN: quality bar "freshness"). */
  stale: boolean;
  /** The socket is down, or the console cannot reach postgres. */
  disconnected: boolean;
  /** Why: the postgres error or the socket problem. */
  reason: string | null;
  /** Nothing received yet and nothing known to be wrong. */
  connecting: boolean;
}

export function freshnessOf(state: StreamState, now: number): Freshness {
  const intervalMs = state.lastGood?.intervalMs ?? state.latest?.intervalMs ?? null;
  const ageMs = state.lastGoodAt === null ? null : Math.max(0, now - state.lastGoodAt);
  const postgresDown = state.latest?.postgres.status === "down";
  const socketDown = !state.connected && state.socketError !== null;
  const disconnected = postgresDown || socketDown;
  let reason: string | null = null;
  if (socketDown) reason = state.socketError;
  else if (postgresDown) reason = state.latest?.postgres.error ?? "the console cannot reach postgres";
  else if (state.socketError) reason = state.socketError;
  return {
    ageMs,
    intervalMs,
    stale: ageMs !== null && intervalMs !== null && ageMs > 2 * intervalMs,
    disconnected,
    reason,
    connecting: state.lastGood === null && !disconnected,
  };
}
