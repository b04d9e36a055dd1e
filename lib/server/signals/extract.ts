// From lines read out of a source to the signal lines to store: kind, time, and the dedupe hash.
import { createHash } from "node:crypto";
import type { SignalKind, SignalSource } from "../../signals";
import { lineTime } from "./line-time";
import { failedStatementAfter } from "./crash-lines";
import { capLine, matchLine } from "./matchers";

export interface SignalRecord {
  source: SignalSource;
  kind: SignalKind;
  at: Date;
  line: string;
  lineHash: string;
}

/**
 * A line's time is its own timestamp, else that of the nearest stamped line above it in the same read
 * (a Traceback belongs to the ERROR line before it), else when it was first seen. The hash is
 * sha256(source + line), plus the inherited timestamp for lines without their own, so a second
 * "Traceback (most recent call last):" an hour later is a new signal, yet the same line read twice is one.
 */
export function extractSignals(source: SignalSource, lines: readonly string[], seenAt: Date): SignalRecord[] {
  const out: SignalRecord[] = [];
  let context: { at: Date; text: string } | null = null;
  for (const [i, raw] of lines.entries()) {
    const line = capLine(raw.replace(/\r$/, ""));
    const own = lineTime(source, line, seenAt);
    if (own) context = own;
    const kind = matchLine(source, line);
    if (!kind) continue;
    const at = own?.at ?? context?.at ?? seenAt;
    // A crashed backend's statement is on the DETAIL line after it: kept with the line (report, panel); the hash stays the line's own.
    const failed = source === "postgres" && (kind === "signal_9" || kind === "terminated") ? failedStatementAfter(lines, i) : null;
    const stored = failed === null ? line : capLine(`${line}\nFailed process was running: ${failed}`);
    out.push({ source, kind, at, line: stored, lineHash: lineHash(source, line, own ? "" : (context?.text ?? "")) });
  }
  return out;
}

export const lineHash = (source: SignalSource, line: string, inheritedStamp = "") =>
  createHash("sha256").update(`${source}\n${inheritedStamp}\n${line}`).digest("hex");
