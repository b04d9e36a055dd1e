// The printed tables and the closing summary. Benchmarks print numbers: a missed goal is reported
// as FAIL in text, never as a non-zero exit.
import type { WindowResult } from "./live-hub";
import type { ServerResult } from "./summary";
import type { PeerRun } from "./pg-activity";
import { oneLine } from "./pg-stats";
import type { PollCost } from "./poll-cost";
import { fmtBytes, fmtMiB, fmtMs, fmtRatio, pct, table } from "./table";

export interface LevelResult {
  level: number;
  cost: PollCost;
  peer: PeerRun | null;
  live: WindowResult;
  pollMs: number[];
}

export const dbRatio = (c: PollCost) => c.monitorDbMs / c.bareDbMs;
const verdict = (ok: boolean | null) => (ok === null ? "n/a" : ok ? "PASS" : "FAIL");

export function pollCostTables(levels: LevelResult[]): string {
  const rows = levels.map(({ level, cost: c }) => [
    `${c.clientBackends} (${c.backends} rows)`,
    fmtMs(pct(c.bareWall, 50)),
    fmtMs(pct(c.bareWall, 95)),
    fmtMs(pct(c.monitorWall, 50)),
    fmtMs(pct(c.monitorWall, 95)),
    fmtRatio(pct(c.monitorWall, 50)! / pct(c.bareWall, 50)!),
    fmtMs(c.bareDbMs),
    fmtMs(c.monitorDbMs),
    fmtRatio(dbRatio(c)),
    level >= 1000 ? verdict(dbRatio(c) <= 1.5) : "(1000+ only)",
  ]);
  const parts = levels.map(({ cost: c }) => [
    String(c.clientBackends),
    fmtMs(c.parts.state),
    fmtMs(c.parts.activity),
    fmtMs(c.parts.databases),
    fmtMs(c.monitorDbMs),
    fmtMs(c.floorDbMs),
    fmtMs(c.parts.activity - c.floorDbMs),
    String(c.rows),
  ]);
  return [
    table(
      `1. Poll-cycle cost: pollSql() (3 statements, 1 round trip, connection from connect()) vs bare \`select * from pg_stat_activity\`, ${levels[0]?.cost.polls ?? 0} polls each, interleaved`,
      ["client backends", "bare wall p50", "p95", "monitor wall p50", "p95", "wall ratio", "bare DB ms", "monitor DB ms", "DB ratio", "goal ≤1.5× at 1000/2000"],
      rows,
      ["wall = client round trip incl. row parsing in node-pg; DB = pg_stat_statements total_exec_time / calls (per poll for the monitor)"],
    ),
    table(
      "1b. Where the monitor's database time goes (ms per poll, pg_stat_statements)",
      ["client backends", "state", "activity", "databases", "total", "scan floor", "activity − floor", "activity rows"],
      parts,
      ["scan floor = `select count(*) from pg_stat_activity` (the backend-array scan, no rows out); the rest of 'activity' is building and sending every row"],
    ),
  ].join("\n");
}

export function peerTable(levels: LevelResult[], peerNote: string | null): string {
  const rows = levels.map(({ level, peer, live }) => [
    String(level),
    peer && !peer.error ? fmtMs(peer.msPerSec) : "—",
    peer && !peer.error ? `${peer.refreshes}` : "—",
    peer && !peer.error ? peer.statementsPerRefresh.toFixed(1) : "—",
    peer && !peer.error ? fmtMs(peer.msPerRefresh) : "—",
    fmtMs(live.dbMsPerSec),
    String(live.ticks),
    live.statementsPerTick.toFixed(1),
    fmtMs(live.dbMsPerTick),
    peer && !peer.error ? fmtRatio(live.dbMsPerSec / peer.msPerSec) : "—",
  ]);
  const notes = ["pg-triage: real TargetMonitor at 1 s with 50 viewers on the real hub; pg_activity 3 at --refresh 1 under `script`; DESIGN reference for pg_activity: ~12 ms/s at 1000, ~25 ms/s at 2000"];
  if (peerNote) notes.push(peerNote);
  for (const l of levels) if (l.peer?.error) notes.push(`pg_activity at ${l.level}: not measured (${l.peer.error})`);
  const last = levels.at(-1);
  if (last?.peer && !last.peer.error) {
    notes.push(`pg_activity's costliest statements at ${last.level} (ms per call):`);
    for (const s of last.peer.top) notes.push(`  ${fmtMs(s.totalMs / s.calls)}  ${oneLine(s.query, 100)}`);
  }
  return table(
    "2. Database time per second at a 1 s refresh: pg_activity vs pg-triage (pg_stat_statements, per role)",
    ["backends", "pg_activity ms/s", "refreshes", "stmts/refresh", "ms/refresh", "pg-triage ms/s", "ticks", "stmts/tick", "ms/tick", "triage/pga"],
    rows,
    notes,
  );
}

export function readsTable(windows: Array<{ level: number; w: WindowResult }>): string {
  const rows = windows.map(({ level, w }) => [String(w.viewers), String(level), String(w.connections), w.activityReadsPerTick.toFixed(2), w.statementsPerTick.toFixed(2), String(w.ticks), `${w.seconds.toFixed(1)} s`]);
  return table(
    "3. Monitoring connections and activity reads per tick vs number of viewers",
    ["viewers", "backends", "connections (app 'pg-triage')", "activity reads/tick", "statements/tick", "ticks", "window"],
    rows,
    ["connections: max of 1 s samples of pg_stat_activity; reads: pg_stat_statements calls / TargetMonitor.stats.polls in the window"],
  );
}

export interface ServerSide {
  pollMs: number[];
  emitMs: number[];
  writtenMs: number[];
}

const p50p95 = (xs: number[] | undefined) => (xs && xs.length > 0 ? `${fmtMs(pct(xs, 50))} / ${fmtMs(pct(xs, 95))}` : "—");

export interface LatencyRow {
  viewer: string[];
  server: string[];
}

export function latencyRow(label: string, w: WindowResult, server: ServerSide | null, encodeMs: number | null): LatencyRow {
  const s = w.samples;
  return {
    viewer: [
      label,
      String(w.viewers),
      fmtMs(pct(s.light, 50)),
      fmtMs(pct(s.light, 95)),
      fmtMs(pct(s.light, 100)),
      `${fmtMs(pct(s.firsts, 50))} / ${fmtMs(pct(s.lasts, 50))}`,
      p50p95(s.full),
      fmtMs(pct(s.decodeMs, 50)),
      fmtBytes(pct(s.bytes, 50)),
      String(s.light.length + s.full.length),
    ],
    server: [label, fmtMs(encodeMs), p50p95(server?.pollMs), p50p95(server?.emitMs), p50p95(server?.writtenMs)],
  };
}

export function latencyTables(rows: LatencyRow[]): string {
  return [
    table(
      "4. Poll-to-viewer latency in ms (receipt − snapshot.takenAt, same clock, loopback) and payload per snapshot",
      ["setup, backends", "viewers", "p50", "p95", "max", "1st / last viewer p50", "full-parse p50 / p95", "decode", "payload", "deliveries"],
      rows.map((r) => r.viewer),
      [
        "p50/p95/max over every delivery to every viewer (socket.io-client sockets that skip JSON-parsing the body: 50 browsers",
        "  parse in parallel, 50 sockets in one process would queue); 1st / last: per snapshot, the first and the last viewer to get it;",
        "full-parse: one viewer with the stock parser, decode included; decode: its JSON decode time; payload: JSON bytes of a snapshot",
        "in-process: TargetMonitor + attachHub on bare http in the benchmark process, viewers in a child process (both on the same 2 cores)",
      ],
    ),
    table(
      "4b. Server side of the same windows (ms; fan-out done / all written are counted from takenAt)",
      ["setup, backends", "encode", "pollMs p50 / p95", "fan-out done p50 / p95", "all written p50 / p95"],
      rows.filter((r) => r.server.slice(1).some((c) => c !== "—")).map((r) => r.server),
      [
        "encode: JSON.stringify of one snapshot (socket.io encodes a broadcast once); pollMs: TargetMonitor's poll (query + row mapping);",
        "fan-out done: the hub's emit returned (encode + a frame queued on every socket); all written: the last socket's write completed",
      ],
    ),
  ].join("\n");
}

export function rssTable(server: ServerResult): string {
  const notes = [server.note];
  if (server.every5s.length > 0) {
    notes.push(`VmRSS every 5 s while streaming: ${server.every5s.map((kb) => (kb / 1024).toFixed(0)).join(" ")} MiB`);
  }
  const heap = server.heapAfterFullGc;
  notes.push(`live heap after each full GC (--trace-gc, main isolate): ${heap.length > 0 ? `${heap.map((v) => v.toFixed(0)).join(", ")} MB` : "none in the window"}`);
  return table(
    "5. Server RSS (VmRSS from /proc/<pid>/status)",
    ["moment", "VmRSS", "VmHWM (peak)"],
    server.rss.map(([label, s]) => [label, fmtMiB(s?.rssKb), fmtMiB(s?.hwmKb)]),
    notes,
  );
}

export { verdict };
