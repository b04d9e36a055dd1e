// Which incident signal a log line is, if any (the runbook's greps, made precise). Pure.
import type { SignalKind, SignalSource } from "../../signals";

/** A line longer than this is cut before matching and storing (a runaway query in a log line). */
export const MAX_LINE_CHARS = 2000;

export const capLine = (line: string) => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS - 1)}…` : line);

/** PostgreSQL prints "<prefix><SEVERITY>:  <message>" (two spaces); the first such word is the line's severity. */
const PG_SEVERITY = /(?:^|\s)(DEBUG[1-5]?|LOG|INFO|NOTICE|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT|CONTEXT|STATEMENT|QUERY|LOCATION):  (.*)$/;
/** Lines that only add to the one before (they quote queries, which may contain any words). */
const PG_SUPPLEMENTARY = new Set(["DETAIL", "HINT", "CONTEXT", "STATEMENT", "QUERY", "LOCATION"]);

export function matchPostgres(line: string): SignalKind | null {
  // An indented line continues a multi-line query: any words may appear there.
  if (/^\s/.test(line)) return null;
  const m = PG_SEVERITY.exec(line);
  if (!m || PG_SUPPLEMENTARY.has(m[1])) return null;
  const [, severity, message] = m;
  if (/out of memory|Cannot allocate memory/i.test(message)) return "out_of_memory";
  if (/terminated by signal 9\b/.test(message)) return "signal_9";
  if (/\bterminated\b/.test(message)) return "terminated";
  if (severity === "FATAL" || severity === "PANIC") return "fatal";
  return null;
}

/** werkzeug's access line: `"POST /web/... HTTP/1.1" 500 - <queries> <sql s> <total s>`: the status right after the request. */
const HTTP_500 = /"[A-Z]+ [^"]* HTTP\/\d(?:\.\d)?" 500 /;

/** Most specific first: a worker that timed out is a timeout, a traceback ending in MemoryError is memory_error. */
export function matchOdoo(line: string): SignalKind | null {
  // Indented lines are traceback frames and source code: any word may appear there.
  if (/^\s/.test(line)) return null;
  if (/\bMemoryError\b/.test(line)) return "memory_error";
  if (/^Traceback \(most recent call last\)/.test(line)) return "traceback";
  if (HTTP_500.test(line)) return "http_500";
  if (/\btime(?:d ?| |-)?out\b/i.test(line)) return "timeout";
  if (/\brestart(ing|ed)?\b/i.test(line)) return "restarting";
  if (/\bWorker/.test(line)) return "worker";
  return null;
}

/** One line per kill: "Out of memory: Killed process" (or the cgroup / older "Kill process" forms), not its companions. */
export function matchKernel(line: string): SignalKind | null {
  return /out of memory: Kill(?:ed)? process \d+/i.test(line) ? "oom_kill" : null;
}

export function matchLine(source: SignalSource, line: string): SignalKind | null {
  switch (source) {
    case "postgres":
      return matchPostgres(line);
    case "odoo":
      return matchOdoo(line);
    case "kernel":
      return matchKernel(line);
  }
}
