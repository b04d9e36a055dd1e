// Incident signals (the runbook's first section): the API's view, shared by the server and the panel.
// Isomorphic: no Node imports.

export const SIGNAL_SOURCES = ["postgres", "odoo", "kernel"] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

export const POSTGRES_KINDS = ["out_of_memory", "signal_9", "terminated", "fatal"] as const;
export const ODOO_KINDS = ["memory_error", "traceback", "http_500", "timeout", "restarting", "worker"] as const;
export const KERNEL_KINDS = ["oom_kill"] as const;
export type SignalKind = (typeof POSTGRES_KINDS)[number] | (typeof ODOO_KINDS)[number] | (typeof KERNEL_KINDS)[number];

/** What the panel calls each kind. */
export const KIND_LABELS: Record<SignalKind, string> = {
  out_of_memory: "out of memory",
  signal_9: "terminated by signal 9",
  terminated: "other terminations",
  fatal: "FATAL",
  memory_error: "MemoryError",
  traceback: "Traceback",
  http_500: "HTTP 500",
  timeout: "timeout",
  restarting: "restarting",
  worker: "Worker",
  oom_kill: "kernel OOM kill",
};

/** pending: not read yet; the others say what the last read found. */
export type SourceState = "ok" | "pending" | "not_configured" | "missing" | "unreadable" | "error";

export interface SignalSourceStatus {
  source: SignalSource;
  /** The configured path, "pg_read_file" (PostgreSQL's own log, read over SQL) or "kernel log". */
  origin: string;
  status: SourceState;
  /** Why the source is not ok, as text ("/var/log/odoo/odoo.log: No such file or directory"). */
  error?: string;
  /** What would enable it (e.g. GRANT statements for PostgreSQL's own log), as text to copy. */
  fix?: string;
  /** For pg_read_file: the file pg_current_logfile() named. */
  file?: string;
  /** When the console last read it (ISO), null before the first read. */
  lastReadAt: string | null;
}

export interface SignalLineView {
  at: string;
  source: SignalSource;
  kind: SignalKind;
  /** Untrusted text: render as text only. */
  line: string;
}

export interface SignalsView {
  since: string;
  until: string;
  sources: SignalSourceStatus[];
  counts: Partial<Record<SignalKind, number>>;
  /** Newest first, at most LATEST_LIMIT. */
  latest: SignalLineView[];
}

export const SIGNAL_WINDOW_DEFAULT_MINUTES = 20;
export const SIGNAL_WINDOW_MAX_MINUTES = 1440;
export const LATEST_LIMIT = 50;
