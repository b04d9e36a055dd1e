// pg_stat_database rates over a sliding window, not one poll: temp_bytes grows in steps (a temp file
// is counted when it is closed), so per-poll rates flicker between 0 and a one-second spike.
import type { DatabaseRates } from "../../snapshot";
import { databaseRates, type DatabaseSample } from "./activity";

/** How far back the rates reach: a spill is spread over this long instead of one poll. */
export const RATE_WINDOW_MS = 20_000;

const COUNTERS = ["xact_commit", "xact_rollback", "temp_files", "temp_bytes", "blks_read", "blks_hit", "deadlocks"] as const;

/** A stats reset, or a counter that went back: the samples before it cannot be subtracted from. */
const restarted = (prev: DatabaseSample, cur: DatabaseSample) => prev.row.stats_reset !== cur.row.stats_reset || COUNTERS.some((k) => cur.row[k] < prev.row[k]);

/** Each database's recent samples (oldest first), kept for RATE_WINDOW_MS. */
export class DatabaseRateWindow {
  private samples = new Map<string, DatabaseSample[]>();

  constructor(private readonly windowMs = RATE_WINDOW_MS) {}

  /**
   * Records this poll's row and returns its rates since the oldest sample inside the window (the
   * previous sample when polls are further apart than the window); null on the first sample or
   * right after a stats reset.
   */
  add(cur: DatabaseSample): DatabaseRates | null {
    let list = this.samples.get(cur.row.datname) ?? [];
    if (list.length && restarted(list[list.length - 1], cur)) list = [];
    list.push(cur);
    const cutoff = cur.atMs - this.windowMs;
    // Keeps the previous sample even when it is older than the window: polls further apart have no other base.
    while (list.length > 2 && list[0].atMs < cutoff) list.shift();
    this.samples.set(cur.row.datname, list);
    return list.length < 2 ? null : databaseRates(list[0], cur);
  }

  /** Forgets databases that are gone (dropped, or no longer visible). */
  keepOnly(datnames: ReadonlySet<string>): void {
    for (const name of this.samples.keys()) if (!datnames.has(name)) this.samples.delete(name);
  }
}
