// What the live view knows about one target's stream, as a pure reducer over socket events.
import type { HistoryPoint, HostHistoryPoint, HostSnapshot, Snapshot } from "@/lib/snapshot";
import { historyPointOf } from "@/lib/session-stats";
import { hostHistoryPointOf } from "@/components/host/host-history";

/** What the chart shows; older points are dropped. */
export const HISTORY_WINDOW_MS = 15 * 60 * 1000;
/** A bound whatever the poll interval: 15 minutes at 250 ms, like the server's own ring. */
export const HISTORY_CAP = 3600;

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
  /** The newest host probe with status up: the host panel shows it, stale, while the host is down. */
  hostLastGood: HostSnapshot | null;
  /** Client clock when hostLastGood arrived (host freshness is measured apart from postgres). */
  hostLastGoodAt: number | null;
  /** The kernel's oom_kill counter at the first host probe this page saw: kills since the page opened. */
  oomKillsAtOpen: number | null;
  hostHistory: HostHistoryPoint[];
}

export type StreamAction =
  | { type: "connected" }
  | { type: "disconnected"; reason: string }
  | { type: "error"; message: string }
  | { type: "snapshot"; snapshot: Snapshot; receivedAt: number }
  | { type: "history"; points: HistoryPoint[]; hostPoints?: HostHistoryPoint[] };

export const initialStreamState: StreamState = {
  connected: false,
  socketError: null,
  latest: null,
  lastGood: null,
  lastGoodAt: null,
  updates: 0,
  history: [],
  hostLastGood: null,
  hostLastGoodAt: null,
  oomKillsAtOpen: null,
  hostHistory: [],
};

/** Ordered by time, one point per timestamp (the later one wins), within the window and the cap. */
export function mergeHistory<P extends { t: number }>(existing: readonly P[], incoming: readonly P[], cap = HISTORY_CAP): P[] {
  const last = existing[existing.length - 1];
  let merged: P[];
  // The common case, one new point per snapshot, needs no sort.
  if (incoming.length === 1 && (!last || incoming[0].t > last.t)) merged = [...existing, incoming[0]];
  else {
    const byTime = new Map<number, P>();
    for (const p of existing) byTime.set(p.t, p);
    for (const p of incoming) byTime.set(p.t, p);
    merged = [...byTime.values()].sort((a, b) => a.t - b.t);
  }
  if (merged.length === 0) return merged;
  const oldest = merged[merged.length - 1].t - HISTORY_WINDOW_MS;
  let start = Math.max(0, merged.length - cap);
  while (merged[start].t < oldest) start++;
  return start > 0 ? merged.slice(start) : merged;
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
      return {
        ...state,
        history: mergeHistory(state.history, action.points),
        hostHistory: action.hostPoints?.length ? mergeHistory(state.hostHistory, action.hostPoints) : state.hostHistory,
      };
    case "snapshot": {
      const { receivedAt } = action;
      // Host data moves on its own: a postgres outage must not freeze it, nor a host outage postgres.
      const snapshot = action.snapshot;
      state = withHost(state, snapshot, receivedAt);
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

function withHost(state: StreamState, snapshot: Snapshot, receivedAt: number): StreamState {
  const host = snapshot.host;
  if (!host || host.status !== "up" || host === state.hostLastGood) return state;
  // The host probe runs on its own loop: several snapshots may carry the same probe. Only a new
  // probe counts as fresh host data (a hung probe must go stale) and adds a chart point.
  const t = Date.parse(host.takenAt);
  const last = state.hostHistory[state.hostHistory.length - 1];
  if (state.hostLastGood && last && t <= last.t) return state;
  const point = hostHistoryPointOf(host, t);
  return {
    ...state,
    hostLastGood: host,
    hostLastGoodAt: receivedAt,
    oomKillsAtOpen: state.oomKillsAtOpen ?? host.oomKills,
    hostHistory: mergeHistory(state.hostHistory, [point]),
  };
}
