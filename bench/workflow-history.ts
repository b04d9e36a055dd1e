// bench:workflow, store side: the history API's query per range, one retention pass, and an incident's
// timeline + Markdown report over a day of the seeded history (workflow-seed.ts).
import type { AuditActor } from "../lib/audit";
import { HISTORY_RANGES, type HistoryRange } from "../lib/metric-history";
import { audited } from "../lib/server/audit/write";
import { queryHistory } from "../lib/server/history/query";
import { pruneHistory } from "../lib/server/history/retention";
import { closeIncident, openIncident } from "../lib/server/incidents/incidents";
import { renderMarkdown } from "../lib/server/report/markdown";
import { loadTimeline } from "../lib/server/report/timeline";
import type { Db } from "../lib/server/store/prisma";
import { fmtBytes, fmtMs, pct } from "./table";

import { DAY_MS, INTERVAL_MS, RETENTION_DAYS, insertSql, type Row } from "./workflow-seed";

export type { Row } from "./workflow-seed";

/** Times fn `runs` times (after one untimed warm-up); the last result is returned with the samples. */
export async function timed<T>(runs: number, fn: (i: number) => Promise<T>, warmup = true): Promise<{ ms: number[]; last: T }> {
  let last = warmup ? await fn(-1) : (undefined as T);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn(i);
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

export const p50max = (ms: number[]) => [`${fmtMs(pct(ms, 50))} ms`, `${fmtMs(Math.max(...ms))} ms`];

export async function measureRanges(db: Db, targetId: string, now: number, runs: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const range of ["15m", "1h", "24h", "14d"] as HistoryRange[]) {
    const since = new Date(now - HISTORY_RANGES[range]);
    const { ms, last } = await timed(runs, () => queryHistory(db, targetId, since, new Date(now), INTERVAL_MS));
    const samples = last.points.reduce((s, p) => s + (p.samples ?? 0), 0);
    rows.push([`queryHistory ${range}`, `${last.points.length} points`, ...p50max(ms), `bucket ${last.bucketMs / 1000} s, ${samples.toLocaleString("en")} samples read`]);
  }
  return rows;
}

/** One retention pass over a day of rows older than the retention (inserted first, as setup). */
export async function measurePrune(db: Db, targetId: string, now: number): Promise<Row> {
  const cutoff = now - RETENTION_DAYS * DAY_MS;
  const n = await insertSql(db, targetId, cutoff - DAY_MS, cutoff, 0);
  const t0 = performance.now();
  const deleted = await pruneHistory(db, new Date(cutoff));
  const ms = performance.now() - t0;
  const left = await db.metricSample.count({ where: { targetId } });
  return ["pruneHistory, 1 day", `${deleted.toLocaleString("en")} of ${n.toLocaleString("en")} deleted`, `${fmtMs(ms)} ms`, `${Math.round(deleted / (ms / 1000)).toLocaleString("en")} rows/s`, `${left.toLocaleString("en")} rows left`];
}

const SIGNAL_KINDS = ["out_of_memory", "signal_9", "fatal", "worker", "restarting", "memory_error", "http_500", "timeout", "traceback", "oom_kill"];

/** An incident opened a day ago (backdated after the real open), 2000 signal lines in it, ~100 audit rows, closed. */
export async function seedIncident(db: Db, targetId: string, actor: AuditActor, audits: number): Promise<{ id: string; ms: number }> {
  const t0 = performance.now();
  const opened = await openIncident(db, targetId, actor, { title: "Odoo workers OOM-killed, PostgreSQL restarting", severity: "sev1" });
  if (!opened.ok) throw new Error(`openIncident: ${opened.message}`);
  const id = opened.result.id;
  const openedAt = Date.now() - DAY_MS;
  await db.incident.update({ where: { id }, data: { openedAt: new Date(openedAt) } });
  await db.signalLine.createMany({
    data: Array.from({ length: 2000 }, (_, i) => {
      const kind = SIGNAL_KINDS[i % SIGNAL_KINDS.length];
      const at = new Date(openedAt + Math.floor(((i + 0.5) / 2000) * DAY_MS));
      const line = `${at.toISOString().replace("T", " ").slice(0, 23)} UTC [${4000 + i}] ${kind === "fatal" ? "FATAL" : "LOG"}:  bench ${kind} line ${i}: server process (PID ${4000 + i}) was terminated by signal 9: Killed`;
      return { targetId, source: kind === "oom_kill" ? "kernel" : i % 3 === 0 ? "odoo" : "postgres", kind, at, line, lineHash: `bench-${i}` };
    }),
  });
  // Through the real write-ahead audit (2 rows per call: intent + outcome), as a command run would write them.
  for (let i = 0; i < audits; i++) {
    await audited(db, { actor, targetId, action: "command.run", subject: { name: `bench-${i % 5}`, run: "echo ok", timeoutSeconds: 30 }, reason: "bench" }, async () => ({ outcome: i % 10 === 9 ? "error" : "ok", message: `exit 0\nstdout: ok ${i}`, result: null }));
  }
  const closed = await closeIncident(db, id, actor, "Cron paused, workers limited, memory back to normal.");
  if (!closed.ok) throw new Error(`closeIncident: ${closed.message}`);
  return { id, ms: performance.now() - t0 };
}

export async function measureReport(db: Db, incidentId: string, runs: number): Promise<Row[]> {
  const load = await timed(runs, () => loadTimeline(db, incidentId));
  const t = load.last;
  if (!t) throw new Error("loadTimeline: incident not found");
  const md = await timed(runs, async () => renderMarkdown(t));
  return [
    ["loadTimeline (1 day)", `${t.events.length} events, ${t.metrics.length} chart points`, ...p50max(load.ms), `${t.signals.total} signal lines (${t.signals.shown} listed)`],
    ["renderMarkdown", fmtBytes(Buffer.byteLength(md.last)), ...p50max(md.ms), `${md.last.split("\n").length.toLocaleString("en")} lines`],
  ];
}
