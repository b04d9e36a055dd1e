// Reads what was appended to a configured log file over the target's host transport: ONE fixed
// command, built only from the config path (shellQuote) and numbers this module computes.
import { shellQuote, type ExecResult, type HostTransport } from "../host/transport";
import { hostFailureDetail, hostFailureText } from "../host/host-error";
import { READ_BYTES, SKIP_BYTES, takeLines, type LogCursor, type ReadOutcome } from "./log-chunk";

const TIMEOUT_MS = 10_000;

/**
 * stat gives the file's identity (device:inode) and size; the start follows log-chunk.ts's rule;
 * tail|head reads the bytes, base64 carries them exactly (an offset must count bytes, not UTF-8).
 */
export function hostReaderCommand(path: string, cursor: LogCursor | null): string {
  const prev = shellQuote(cursor?.fileId ?? "");
  const off = Math.max(0, Math.floor(cursor?.offset ?? 0));
  return [
    `export LC_ALL=C; f=${shellQuote(path)}`,
    `if [ ! -e "$f" ]; then echo @@missing; ls -d -- "$f" 2>&1 >/dev/null | head -n 1; exit 0; fi`,
    `if [ ! -f "$f" ]; then echo @@notfile; exit 0; fi`,
    `if [ ! -r "$f" ]; then echo @@unreadable; exit 0; fi`,
    `s=$(stat -L -c '%d:%i %s' -- "$f") || exit 3`,
    `id=\${s% *}; size=\${s#* }; start=0`,
    `if [ "$id" = ${prev} ] && [ "$size" -ge ${off} ]; then start=${off}; fi`,
    `if [ -z ${prev} ] || [ $((size - start)) -gt ${SKIP_BYTES} ]; then start=$((size > ${READ_BYTES} ? size - ${READ_BYTES} : 0)); fi`,
    `echo "@@file $id $size $start"`,
    `tail -c +$((start + 1)) -- "$f" | head -c ${READ_BYTES} | base64`,
    `echo; echo @@end`,
  ].join("\n");
}

/** The command's answer: a status with its reason, or the chunk of complete lines. */
export function parseHostRead(path: string, r: ExecResult, cursor: LogCursor | null): ReadOutcome {
  if (r.timedOut) return { status: "error", error: `${path}: the read took longer than ${TIMEOUT_MS / 1000} s and was stopped` };
  const [head, ...rest] = r.stdout.split("\n");
  if (head === "@@missing") {
    const why = rest[0] ?? "";
    return /Permission denied/i.test(why)
      ? { status: "unreadable", error: `${path}: permission denied (a folder on the way cannot be searched)` }
      : { status: "missing", error: `${path}: No such file or directory` };
  }
  if (head === "@@notfile") return { status: "unreadable", error: `${path}: not a regular file` };
  if (head === "@@unreadable") return { status: "unreadable", error: `${path}: permission denied` };
  const m = /^@@file (\S+) (\d+) (\d+)$/.exec(head);
  if (r.exitCode !== 0 || !m || rest[rest.length - 2] !== "@@end") {
    const why = r.stderr.trim().split("\n")[0] || (r.truncated ? "the answer was cut off" : `exit status ${r.exitCode}`);
    return { status: "error", error: `${path}: ${why}` };
  }
  const bytes = Buffer.from(rest.slice(0, -2).join(""), "base64");
  return { status: "ok", chunk: takeLines(bytes, { id: m[1], size: Number(m[2]), start: Number(m[3]) }, cursor) };
}

/** A transport failure (the command never ran) is told as a safe category; `onFailure` gets the detail for the server's log. */
export async function readHostLog(transport: HostTransport, path: string, cursor: LogCursor | null, onFailure?: (detail: string) => void): Promise<ReadOutcome> {
  try {
    // base64 grows the bytes by 4/3 (plus its line breaks): room for a whole read.
    const r = await transport.exec(hostReaderCommand(path, cursor), { timeoutMs: TIMEOUT_MS, maxOutputBytes: Math.ceil(READ_BYTES * 1.4) + 4096 });
    return parseHostRead(path, r, cursor);
  } catch (e) {
    onFailure?.(hostFailureDetail(e));
    return { status: "error", error: `${path}: ${hostFailureText(e)}` };
  }
}
