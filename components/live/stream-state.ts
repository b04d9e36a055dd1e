// What the live view knows about one target's stream, as a pure reducer over socket events.
import type { HistoryPoint, Snapshot } from "@/lib/snapshot";
import { historyPointOf } from "./session-stats";

/** 15 minutes at the default 1 s interval. */
export const HISTORY_CAP = 900;

export interface StreamState {
  connected: boolean;
  /** The last socket-level problem (connect error, disconnect reason, triage:error), cleared on reconnect. */
  socketError: string | null;
  /** The newest snapshot, whatever its status: says whether postgres is down and why. */
  latest: Snapshot | null;
  /** The newest snapshot with postgres up: what the page shows, so a failed poll does not blank it. */
  lastGood: Snapshot | null;
  /** Client clock when lastGood arrived: freshness is measured from here. */
  lastGoodAt: number | null;
  /** Count of good snapshots received, so a paused table can say how far behind it is. */
  updates: number;
  history: HistoryPoint[];
}

export type StreamAction =
  | { type: "connected" }
  | { type: "disconnected"; reason: string }
  | { type: "error"; message: string }
  | { type: "snapshot"; snapshot: Snapshot; receivedAt: number }
  | { type: "history"; points: HistoryPoint[] };

export const initialStreamState: StreamState = {
  connected: false,
  socketError: null,
  latest: null,
  lastGood: null,
  lastGoodAt: null,
  updates: 0,
  history: [],
};

/** Ordered by time, one point per timestamp (the later one wins), the newest `cap` kept. */
export function mergeHistory(existing: readonly HistoryPoint[], incoming: readonly HistoryPoint[], cap = HISTORY_CAP): HistoryPoint[] {
  const last = existing[existing.length - 1];
  // The common case, one new point per snapshot, stays O(1) amortised.
  if (incoming.length === 1 && (!last || incoming[0].t > last.t)) {
    const next = existing.length >= cap ? existing.slice(existing.length - cap + 1) : existing.slice();
    next.push(incoming[0]);
    return next;
  }
  const byTime = new Map<number, HistoryPoint>();
  for (const p of existing) byTime.set(p.t, p);
  for (const p of incoming) byTime.set(p.t, p);
  const merged = [...byTime.values()].sort((a, b) => a.t - b.t);
  return merged.length > cap ? merged.slice(merged.length - cap) : merged;
}

export function streamReducer(state: StreamState, action: StreamAction): StreamState {
  switch (action.type) {
    case "connected":
      return { ...state, connected: true, socketError: null };
    case "disconnected":
      return { ...state, connected: false, socketError: action.reason };
    case "error":
      return { ...state, socketError: action.message };
    case "history":
      return { ...state, history: mergeHistory(state.history, action.points) };
    case "snapshot": {
      const { snapshot, receivedAt } = action;
      if (snapshot.postgres.status !== "up") return { ...state, latest: snapshot };
      const point = historyPointOf(snapshot);
      return {
        ...state,
        latest: snapshot,
        lastGood: snapshot,
        lastGoodAt: receivedAt,
        updates: state.updates + 1,
        history: point ? mergeHistory(state.history, [point]) : state.history,
      };
    }
  }
}
