// Backends the postmaster saw die by a signal, with the statement PostgreSQL itself says each was
// running ("DETAIL:  Failed process was running: ..."): the truth for the OOM link, unlike the last
// polled query. Pure.
import { lineTime } from "./line-time";

export interface BackendCrash {
  pid: number;
  signal: number;
  /** The LOG line's own time; null when its prefix has none we can read. */
  at: Date | null;
  /** The statement from the DETAIL line (its continuation lines joined back), or null when absent. */
  query: string | null;
  line: string;
}

/** "server process" up to PostgreSQL 14, the process's type from 15 on ("client backend", "parallel worker", ...). */
const TERMINATED = /^LOG:  [a-z][a-z ]* \(PID (\d+)\) was terminated by signal (\d+)/;
const FAILED = /^DETAIL:  Failed process was running: (.*)$/;

/** From the line's first "SEVERITY:  " on (after log_line_prefix): a query quoting such words later in the line is not matched. */
function message(line: string): string {
  const first = /(?:^|\s)[A-Z]+[1-5]?:  /.exec(line);
  return first ? line.slice(first.index).trimStart() : "";
}

/** The statement from the DETAIL line at i and the tab-indented lines after it; null when line i is not one. */
function failedStatement(lines: readonly string[], i: number): string | null {
  const d = i < lines.length ? FAILED.exec(message(lines[i])) : null;
  if (!d) return null;
  const parts = [d[1]];
  for (let j = i + 1; j < lines.length && lines[j].startsWith("\t"); j++) parts.push(lines[j].slice(1));
  return parts.join("\n");
}

/**
 * The postmaster writes the LOG line and its DETAIL in one message, so the DETAIL is the next line;
 * a multi-line query continues on lines that start with a tab (PostgreSQL's stderr format).
 */
export function backendCrashes(lines: readonly string[], seenAt: Date): BackendCrash[] {
  const out: BackendCrash[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = TERMINATED.exec(message(lines[i]));
    if (!m) continue;
    const query = failedStatement(lines, i + 1);
    out.push({ pid: Number(m[1]), signal: Number(m[2]), at: lineTime("postgres", lines[i], seenAt)?.at ?? null, query, line: lines[i] });
  }
  return out;
}

/** The statement PostgreSQL logged after the crash line at i, for the stored signal line; null when none follows. */
export const failedStatementAfter = (lines: readonly string[], i: number): string | null => failedStatement(lines, i + 1);
