// Where live evidence turns from ok to bad. One place, named, so the README and the UI can cite them.

/** host_pressure: MemAvailable below this share of MemTotal is bad. */
export const MEM_AVAILABLE_BAD_PCT = 10;
/** host_pressure: swap-in or swap-out above this many pages per second (≈400 KiB/s at 4 KiB) is bad. */
export const SWAP_PAGES_PER_SEC_BAD = 100;
/** host_pressure: PSI memory "full" avg10 above this percentage (all tasks stalled on memory) is bad. */
export const PSI_FULL_AVG10_BAD = 5;

/** session_counts: any session idle in transaction longer than this is bad (it pins memory and locks). */
export const IDLE_IN_XACT_BAD_MS = 60_000;
/** session_counts: active client sessions above this share of max_connections is bad (fan-out). */
export const ACTIVE_BAD_SHARE_OF_MAX_CONNECTIONS = 0.8;

/** memory_settings: shared_buffers + active × work_mem × hash_mem_multiplier above this share of RAM is bad. */
export const ACTIVE_WORST_CASE_BAD_SHARE_OF_RAM = 0.75;

/** oom_quiet: the oom_kill counter must stay unchanged this long (runbook step 3.1). */
export { OOM_QUIET_MS } from "../../runbook";

/** temp_rate_falling: the two windows compared (last 5 min against the 5 min before). */
export const TEMP_WINDOW_MS = 5 * 60_000;
/** temp_rate_falling: a spill rate below this counts as none (ok whatever the trend). */
export const TEMP_RATE_NEGLIGIBLE_BYTES_PER_SEC = 64 * 1024;
/** A stored sample this far from the instant it stands for is too far to use. */
export const SAMPLE_TOLERANCE_MS = 30_000;

/** Snapshot-based evidence is unknown when the latest snapshot is older than this many poll intervals... */
export const STALE_INTERVALS = 3;
/** ...and at least this old. */
export const STALE_MIN_MS = 5_000;
/** odoo_http / cron_backlog: a check result older than this is unknown. */
export const VERIFY_STALE_MS = 2 * 60_000;
