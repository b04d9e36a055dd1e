// One colour per session state, shared by the table, the counters and the chart legend.
export const STATE_TEXT: Record<string, string> = {
  active: "text-sky-300",
  idle: "text-zinc-400",
  "idle in transaction": "text-amber-300",
  "idle in transaction (aborted)": "text-rose-300",
};

export const stateTextClass = (state: string | null) => (state ? (STATE_TEXT[state] ?? "text-zinc-300") : "text-zinc-400");

/** The states every PostgreSQL client backend can be in, offered by the State filter even when absent. */
export const KNOWN_STATES = ["active", "idle", "idle in transaction", "idle in transaction (aborted)", "fastpath function call", "disabled"];
