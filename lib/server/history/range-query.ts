// The history window a request asks for: ?range=... or ?since=ISO[&until=ISO]; a 400 names the bad parameter.
import { HISTORY_RANGE_KEYS, type HistoryRange, type RangeQuery } from "../../metric-history";
import { HttpError } from "../http/respond";

const MAX_SPAN_MS = 366 * 86_400_000;

const iso = (field: string, v: string): Date => {
  const d = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(d.getTime())) throw new HttpError(400, "invalid_input", `${field}: must be an ISO 8601 time such as 2026-11-26T18:00:00Z`);
  return d;
};

/** ?range=15m|1h|6h|24h|7d|14d (default 1h), or ?since=ISO[&until=ISO] (until defaults to now). */
export function parseRangeQuery(search: URLSearchParams, now: number): RangeQuery {
  const range = search.get("range");
  const since = search.get("since");
  const until = search.get("until");
  if (range !== null && (since !== null || until !== null)) throw new HttpError(400, "invalid_input", "range: give either range or since/until, not both");
  if (since === null) {
    if (until !== null) throw new HttpError(400, "invalid_input", "since: required with until");
    if (range !== null && !(HISTORY_RANGE_KEYS as string[]).includes(range)) throw new HttpError(400, "invalid_input", `range: must be one of ${HISTORY_RANGE_KEYS.join(", ")}`);
    return { range: (range ?? "1h") as HistoryRange };
  }
  const s = iso("since", since);
  const u = until === null ? new Date(now) : iso("until", until);
  if (u.getTime() <= s.getTime()) throw new HttpError(400, "invalid_input", "until: must be after since");
  if (u.getTime() - s.getTime() > MAX_SPAN_MS) throw new HttpError(400, "invalid_input", "since: the window must be at most 366 days");
  return { since: s, until: u };
}
