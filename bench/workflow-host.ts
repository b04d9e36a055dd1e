// bench:workflow, host side over the LOCAL transport: the signal reader on a 4 MiB log file, and the
// containment command round trip (exec() alone, and runCommand with its audit), incl. a timeout kill.
import { execFile } from "node:child_process";
import fs from "node:fs";
import type { AuditActor } from "../lib/audit";
import { runCommand } from "../lib/server/commands/run";
import type { HostTransport } from "../lib/server/host/transport";
import { extractSignals } from "../lib/server/signals/extract";
import { readHostLog } from "../lib/server/signals/host-log-reader";
import type { LogCursor, ReadOutcome } from "../lib/server/signals/log-chunk";
import type { Db } from "../lib/server/store/prisma";
import { fmtBytes, fmtMs, pct } from "./table";
import { p50max, timed, type Row } from "./workflow-history";

const LOG_BYTES = 4 << 20;

/** A PostgreSQL-style log line; every 50th is one the matchers pick up (FATAL / terminated by signal 9). */
function logLine(i: number, at: Date): string {
  const ts = at.toISOString().replace("T", " ").slice(0, 23);
  if (i % 50 === 0) return `${ts} UTC [${3000 + (i % 900)}] LOG:  server process (PID ${5000 + i}) was terminated by signal 9: Killed`;
  return `${ts} UTC [${3000 + (i % 900)}] LOG:  duration: ${(i % 997) / 10} ms  statement: SELECT "res_partner"."id" FROM "res_partner" WHERE "res_partner"."id" IN (${i}, ${i + 1})`;
}

export function writeLog(path: string): number {
  const lines: string[] = [];
  let size = 0;
  const start = Date.now() - 3_600_000;
  for (let i = 0; size < LOG_BYTES; i++) {
    const l = logLine(i, new Date(start + i * 100));
    lines.push(l);
    size += Buffer.byteLength(l) + 1;
  }
  fs.writeFileSync(path, `${lines.join("\n")}\n`);
  return fs.statSync(path).size;
}

const okChunk = (o: ReadOutcome) => {
  if (o.status !== "ok" || !o.chunk) throw new Error(`readHostLog: ${o.status} ${o.error ?? ""}`);
  return o.chunk;
};

export async function measureLogReads(t: HostTransport, path: string, runs: number): Promise<Row[]> {
  const size = fs.statSync(path).size;
  // First read: no cursor (the reader takes the last READ_BYTES); extraction timed on its lines.
  const first = await timed(runs, async () => okChunk(await readHostLog(t, path, null)));
  const ex = await timed(runs, async () => extractSignals("postgres", first.last.lines, new Date()));
  let cursor: LogCursor = first.last.cursor;
  const idle = await timed(runs, async () => okChunk(await readHostLog(t, path, cursor)));
  let appended = 0;
  const grow: number[] = [];
  let lines = 0;
  for (let i = -1; i < runs; i++) {
    fs.appendFileSync(path, `${Array.from({ length: 10 }, (_, k) => logLine(900_000 + i * 10 + k, new Date())).join("\n")}\n`);
    appended += 10;
    const t0 = performance.now();
    const c = okChunk(await readHostLog(t, path, cursor));
    if (i >= 0) grow.push(performance.now() - t0);
    lines = c.lines.length;
    cursor = c.cursor;
  }
  return [
    ["first read (no cursor)", `${first.last.lines.length.toLocaleString("en")} lines`, ...p50max(first.ms), `last 1 MiB of a ${fmtBytes(size)} file`],
    ["extractSignals on it", `${ex.last.length} signals`, ...p50max(ex.ms), "pure, in the console process"],
    ["read, nothing appended", `${idle.last.lines.length} lines`, ...p50max(idle.ms), "stat + empty tail"],
    ["read, 10 lines appended", `${lines} lines`, ...p50max(grow), `${appended} lines appended over the runs`],
  ];
}

/** Processes whose command line contains `marker` (pgrep excludes itself). */
const pgrep = (marker: string) =>
  new Promise<string[]>((resolve) => execFile("pgrep", ["-af", marker], (_e, out) => resolve(String(out).split("\n").filter(Boolean))));

export async function measureCommands(t: HostTransport, db: Db, targetId: string, actor: AuditActor, sleepMarker: string, runs: number): Promise<Row[]> {
  const echo = await timed(runs, async () => {
    const r = await t.exec("echo ok", { timeoutMs: 10_000 });
    if (r.exitCode !== 0 || r.stdout.trim() !== "ok") throw new Error(`echo ok: exit ${r.exitCode}, ${JSON.stringify(r.stdout)}`);
    return r;
  });
  const viaRun = await timed(runs, async () => {
    const r = await runCommand(targetId, "echo-ok", { actor, db, confirm: "echo-ok", reason: "bench" });
    if (!r.ok) throw new Error(`runCommand echo-ok: ${r.code} ${r.message}`);
    return r;
  });
  const t0 = performance.now();
  const running = runCommand(targetId, "sleep-60", { actor, db, confirm: "sleep-60", reason: "bench" });
  // Seen while it runs: proves the pgrep below would find a survivor.
  const seen = await new Promise<string[]>((r) => setTimeout(() => void pgrep(sleepMarker).then(r), 500));
  const slept = await running;
  const sleepMs = performance.now() - t0;
  const left = await pgrep(sleepMarker);
  const res = slept.ok ? slept.result : null;
  const row = (name: string, ms: number[], note: string): Row => [name, `${ms.length} runs`, `${fmtMs(pct(ms, 50))} ms`, `${fmtMs(pct(ms, 95))} ms`, `${fmtMs(Math.max(...ms))} ms`, note];
  return [
    row("exec('echo ok')", echo.ms, "timeout -k 2 10 /bin/sh -c 'echo ok'"),
    row("runCommand echo-ok", viaRun.ms, "lookup + audit intent + exec + audit outcome"),
    [
      "runCommand sleep 60, timeout 1 s", "1 run", `${fmtMs(sleepMs)} ms`, "", "",
      `${res ? `timedOut=${res.timedOut}, exit ${res.exitCode}, exec ${res.durationMs} ms` : `refused: ${slept.ok ? "" : slept.code}`}; pgrep: ${seen.length} at 0.5 s, ${left.length === 0 ? "none after" : `STILL RUNNING: ${left.join(" | ")}`}`,
    ],
  ];
}
