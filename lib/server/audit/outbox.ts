// The durable local outbox: outcome rows the store could not take, one JSON line each, HMAC'd with the
// audit key, appended and fsync'ed before the caller goes on. Replayed in order by outbox-replay.ts.
import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Env } from "../config";
import { canonicalJson } from "./canonical";
import type { NewRow } from "./chain";
import { auditKeyPath } from "./key";

const VERSION = "pg-triage-outbox-v1";

/** An outcome row waiting for the store: always an outcome of a known intent. */
export type OutboxRow = NewRow & { phase: "outcome"; intentId: string };

export interface OutboxLine {
  /** 1, 2, ... within the file: a gap means a line was removed by hand. */
  seq: number;
  /** When the outcome was queued (the action's end), ISO. */
  queuedAt: string;
  row: OutboxRow;
}

/** TRIAGE_AUDIT_OUTBOX, else audit-outbox.jsonl beside the audit key (./data/audit-outbox.jsonl). */
export function outboxPath(env: Env = process.env): string {
  if (env.TRIAGE_AUDIT_OUTBOX) return path.resolve(/* turbopackIgnore: true */ env.TRIAGE_AUDIT_OUTBOX);
  return path.join(/* turbopackIgnore: true */ path.dirname(auditKeyPath(env)), "audit-outbox.jsonl");
}

const macOf = (key: Buffer, l: OutboxLine) =>
  createHmac("sha256", key).update(JSON.stringify([VERSION, l.seq, l.queuedAt, canonicalJson(l.row)]), "utf8").digest("hex");

export function encodeLine(key: Buffer, l: OutboxLine): string {
  return JSON.stringify({ v: 1, seq: l.seq, queuedAt: l.queuedAt, row: l.row, mac: macOf(key, l) });
}

/** The line back, or why it is refused (unreadable, or its HMAC does not match: altered, or another key). */
export function decodeLine(key: Buffer, text: string): { ok: true; line: OutboxLine } | { ok: false; reason: string } {
  let raw: { v?: unknown; seq?: unknown; queuedAt?: unknown; row?: Partial<OutboxRow>; mac?: unknown };
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: "not JSON (a torn or edited line)" };
  }
  const row = raw?.row;
  if (raw?.v !== 1 || typeof raw.seq !== "number" || typeof raw.queuedAt !== "string" || typeof raw.mac !== "string" || !row || typeof row !== "object") {
    return { ok: false, reason: "not an outbox line (fields missing)" };
  }
  if (row.phase !== "outcome" || typeof row.intentId !== "string" || !/^[1-9][0-9]{0,18}$/.test(row.intentId)) return { ok: false, reason: "not an outcome of an intent" };
  const line: OutboxLine = { seq: raw.seq, queuedAt: raw.queuedAt, row: row as OutboxRow };
  const want = Buffer.from(macOf(key, line), "hex");
  const got = Buffer.from(/^[0-9a-f]{64}$/.test(raw.mac) ? raw.mac : "", "hex");
  if (got.length !== want.length || !timingSafeEqual(got, want)) return { ok: false, reason: "HMAC mismatch: the line was altered (or written with another audit key)" };
  return { ok: true, line };
}

function fsyncDir(dir: string): void {
  const fd = fs.openSync(dir, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Appends and fsyncs (synchronously: no other append or rewrite of this process can come between). */
export function appendLines(file: string, lines: string[]): void {
  if (!lines.length) return;
  // 0711 as ./data: the embedded store's PostgreSQL (another user) must still enter the folder.
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o711 });
  const created = !fs.existsSync(file);
  const fd = fs.openSync(file, "a+", 0o600);
  try {
    if (created) fs.fchmodSync(fd, 0o600); // whatever the umask
    // A line torn by a crash mid-write is closed first, so it cannot swallow the new one.
    const size = fs.fstatSync(fd).size;
    const last = Buffer.alloc(1);
    const torn = size > 0 && fs.readSync(fd, last, 0, 1, size - 1) === 1 && last[0] !== 10;
    fs.writeSync(fd, (torn ? "\n" : "") + lines.map((l) => `${l}\n`).join(""));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (created) fsyncDir(path.dirname(file)); // the new file's name is durable too
}

const readText = (file: string): string => {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw e;
  }
};

/** The complete lines in the file (a torn last line, from a crash mid-write, is not complete) with their end offsets. */
export function readLines(file: string): { text: string; end: number }[] {
  const buf = Buffer.from(readText(file), "utf8");
  const out: { text: string; end: number }[] = [];
  let start = 0;
  for (let i = buf.indexOf(10); i !== -1; start = i + 1, i = buf.indexOf(10, start)) {
    const text = buf.subarray(start, i).toString("utf8");
    if (text.trim()) out.push({ text, end: i + 1 });
  }
  return out;
}

const seqOf = (text: string): number => {
  try {
    const seq = (JSON.parse(text) as { seq?: unknown }).seq;
    return typeof seq === "number" && Number.isSafeInteger(seq) ? seq : 0;
  } catch {
    return 0;
  }
};

/** Queues an outcome row: the next seq, appended and fsync'ed. Throws when the file cannot be written. */
export function queueOutcome(file: string, key: Buffer, row: OutboxRow, now = new Date()): OutboxLine {
  const lastSeq = readLines(file).reduce((max, l) => Math.max(max, seqOf(l.text)), 0);
  const line: OutboxLine = { seq: lastSeq + 1, queuedAt: now.toISOString(), row };
  appendLines(file, [encodeLine(key, line)]);
  return line;
}

/** Drops the first `bytes` bytes (the lines replayed), keeping anything appended meanwhile; removes an empty file. */
export function dropReplayed(file: string, bytes: number): void {
  if (bytes <= 0) return;
  const rest = Buffer.from(readText(file), "utf8").subarray(bytes);
  if (!rest.toString("utf8").trim()) return void fs.rmSync(file, { force: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, rest, { mode: 0o600 });
  const fd = fs.openSync(tmp, "r+");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}
