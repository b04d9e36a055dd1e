// Reading a growing log file in chunks: where to start, and which complete lines a chunk holds. Pure.
import type { SourceState } from "../../signals";

/** Where the next read of a file starts: the file (device:inode, or its name) and the byte after the last complete line. */
export interface LogCursor {
  fileId: string;
  offset: number;
}

/** At most this much per read (and the tail read the first time: about the last 20 minutes of a busy log). */
export const READ_BYTES = 1 << 20;
/** Further behind than this (a log storm), the reader jumps to the last READ_BYTES: old lines are not worth the wait. */
export const SKIP_BYTES = 8 << 20;

/** Lines of one read, the cursor after them, and whether more is waiting. */
export interface Chunk {
  lines: string[];
  cursor: LogCursor;
  behind: boolean;
}

/**
 * Where a read starts (decided on the host or server, in one round trip, by the same rule in
 * host-log-reader.ts and sql-logs.ts): the first read takes the last READ_BYTES; then from the
 * cursor; a new file (rotated) or a shorter one (truncated) from its start; more than SKIP_BYTES
 * behind, the last READ_BYTES again.
 *
 * `start` is where the reader began;
 * a read that did not continue from the cursor may begin mid-line, so its first partial line is
 * dropped. Only complete lines are taken; a line longer than a whole read is taken as it is.
 */
export function takeLines(bytes: Buffer, file: { id: string; size: number; start: number }, cursor: LogCursor | null): Chunk {
  const continuing = cursor !== null && cursor.fileId === file.id && cursor.offset === file.start;
  let from = 0;
  if (!continuing && file.start > 0) {
    const nl = bytes.indexOf(0x0a);
    from = nl < 0 ? bytes.length : nl + 1;
  }
  const last = bytes.lastIndexOf(0x0a);
  let end = last < from ? from : last + 1;
  if (end === from && bytes.length >= READ_BYTES) end = bytes.length;
  const lines = end > from ? bytes.subarray(from, end).toString("utf8").replace(/\n$/, "").split("\n") : [];
  const offset = file.start + end;
  return { lines, cursor: { fileId: file.id, offset }, behind: bytes.length >= READ_BYTES };
}

/** What one read of a source found: a status with its reason, or the chunk of complete lines. */
export interface ReadOutcome {
  status: SourceState;
  error?: string;
  /** What would make it readable (the GRANT statements), as text an administrator copies. */
  fix?: string;
  /** The file read (pg_read_file: the one pg_current_logfile() named). */
  file?: string;
  chunk?: Chunk;
}
