// Replays the outbox into the store, in file order, exactly once: each row is written only if its intent
// has no outcome yet (under the chain's lock), and replayed lines leave the file only after they are written.
import { singleton } from "../registry";
import { appendLines, decodeLine, dropReplayed, readLines, type OutboxLine } from "./outbox";

/** Writes one queued outcome; "duplicate" when its intent already has an outcome (replayed before a crash). */
export type ReplayWrite = (line: OutboxLine) => Promise<"written" | "duplicate">;

export interface ReplayReport {
  /** Intent ids whose outcome was written now, in order. */
  written: string[];
  duplicates: string[];
  /** Lines refused (unreadable or HMAC mismatch), moved to <outbox>.refused. */
  refused: { lineNo: number; reason: string }[];
  /** Lines left for the next try (the store failed at the first of them). */
  remaining: number;
  error?: string;
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n").map((l) => l.trim()).filter(Boolean).pop() ?? "unknown error";

async function replay(file: string, key: Buffer, write: ReplayWrite, log: (line: string) => void): Promise<ReplayReport> {
  const lines = readLines(file);
  const report: ReplayReport = { written: [], duplicates: [], refused: [], remaining: 0 };
  let consumed = 0;
  let done = 0;
  let prevSeq: number | null = null;
  for (const [i, l] of lines.entries()) {
    const d = decodeLine(key, l.text);
    if (!d.ok) {
      // Kept aside for a person to look at, never written to the trail: the key holder did not write it.
      appendLines(`${file}.refused`, [l.text]);
      prevSeq = null; // its seq is not to be trusted: no gap check across it
      report.refused.push({ lineNo: i + 1, reason: d.reason });
      log(`AUDIT OUTBOX LINE REFUSED: line ${i + 1} of ${file}: ${d.reason}; moved to ${file}.refused`);
    } else {
      if (prevSeq !== null && d.line.seq !== prevSeq + 1) log(`AUDIT OUTBOX GAP: ${file} goes from line seq ${prevSeq} to ${d.line.seq}: lines were removed`);
      prevSeq = d.line.seq;
      try {
        const r = await write(d.line);
        (r === "written" ? report.written : report.duplicates).push(d.line.row.intentId);
      } catch (e) {
        report.error = firstLine(e);
        break;
      }
    }
    consumed = l.end;
    done++;
  }
  dropReplayed(file, consumed);
  report.remaining = lines.length - done;
  return report;
}

/** One replay at a time per process (route handlers and server.ts share it through the registry). */
export function replayOutbox(file: string, key: Buffer, write: ReplayWrite, log: (line: string) => void = (l) => console.error(`pg-triage: ${l}`)): Promise<ReplayReport> {
  const state = singleton("auditOutboxReplay", () => ({ running: null as Promise<ReplayReport> | null }));
  if (state.running) return state.running;
  const p = replay(file, key, write, log).finally(() => (state.running = null));
  state.running = p;
  return p;
}
