// The closing block: numbers, goals, PASS/FAIL as text, ready to paste into a closing note.
import os from "node:os";
import type { WindowResult } from "./live-hub";
import type { PeerStatus } from "./pg-activity";
import { dbRatio, verdict, type LevelResult } from "./report";
import { fmtBytes, fmtMiB, fmtMs, fmtRatio, pct } from "./table";

export interface ServerResult {
  built: boolean;
  rss: Array<[string, { rssKb: number; hwmKb: number } | null]>;
  /** VmRSS (kB) every 5 s while streaming. */
  every5s: number[];
  /** Live heap (MB) after each full GC of the server's main isolate. */
  heapAfterFullGc: number[];
  window: WindowResult;
  note: string;
}

interface Input {
  version: string;
  kind: string;
  levels: LevelResult[];
  readWindows: Array<{ level: number; w: WindowResult }>;
  server: ServerResult;
  peer: PeerStatus;
  seconds: number;
  load: string;
}

export function summary({ version, kind, levels, readWindows, server, peer, seconds, load }: Input): string {
  const out: string[] = [];
  const big = levels.filter((l) => l.level >= 1000);
  out.push(
    "",
    "==== pg-triage benchmark summary ====",
    `PostgreSQL ${version} (${kind}), ${os.cpus().length} cores, loopback, poll 1 s, run ${seconds.toFixed(0)} s, ${load}`,
  );

  const costs = levels.map((l) => `${l.level}: ${fmtMs(l.cost.monitorDbMs)} vs ${fmtMs(l.cost.bareDbMs)} ms (${fmtRatio(dbRatio(l.cost))})`);
  const costOk = big.length > 0 ? big.every((l) => dbRatio(l.cost) <= 1.5) : null;
  out.push(`- Poll DB cost, monitor vs bare select * from pg_stat_activity: ${costs.join("; ")}. Goal ≤1.5× at 1000/2000: ${verdict(costOk)}`);
  const walls = levels.map((l) => `${l.level}: ${fmtMs(pct(l.cost.monitorWall, 50))} vs ${fmtMs(pct(l.cost.bareWall, 50))} ms`);
  out.push(`  client wall p50, monitor vs bare: ${walls.join("; ")}`);

  if (!peer.available) out.push(`- pg_activity: not measured (${peer.how})`);
  const peerParts = levels.map((l) => {
    const p = l.peer;
    const pga = p && !p.error ? `${fmtMs(p.msPerSec)} ms/s` : "not measured";
    return `${l.level}: pg-triage ${fmtMs(l.live.dbMsPerSec)} ms/s vs pg_activity ${pga}`;
  });
  const peerMeasured = big.filter((l) => l.peer && !l.peer.error);
  const peerOk = peerMeasured.length > 0 ? peerMeasured.every((l) => l.live.dbMsPerSec <= 0.5 * l.peer!.msPerSec) : null;
  out.push(`- Database time per second at 1 s: ${peerParts.join("; ")}. Goal "well under pg_activity" (taken as ≤50% of its measured ms/s at 1000/2000; DESIGN: ~12 / ~25 ms/s): ${verdict(peerOk)}`);

  const reads = readWindows.map(({ level, w }) => `${w.viewers} viewer(s)@${level}: ${w.connections} conn, ${w.activityReadsPerTick.toFixed(2)} reads/tick`);
  const readsOk = readWindows.every(({ w }) => w.connections === 1 && Math.abs(w.activityReadsPerTick - 1) < 0.15);
  out.push(`- One monitoring connection and one activity read per tick whatever the viewers: ${reads.join("; ")}. Goal 1 and 1: ${verdict(readsOk)}`);

  const lat = levels.map((l) => `${l.level}: p50 ${fmtMs(pct(l.live.samples.light, 50))} / p95 ${fmtMs(pct(l.live.samples.light, 95))} ms`);
  const sw = server.window.samples;
  const serverLat = `${server.built ? "server.ts" : "hub-process"} @${levels.at(-1)?.level}: p50 ${fmtMs(pct(sw.light, 50))} / p95 ${fmtMs(pct(sw.light, 95))} ms (full-parse viewer p95 ${fmtMs(pct(sw.full, 95))} ms)`;
  const allP95 = [...levels.map((l) => pct(l.live.samples.light, 95)), pct(sw.light, 95)];
  const latOk = allP95.every((v) => v !== null && v < 250);
  out.push(`- Poll-to-viewer latency, 50 viewers: ${lat.join("; ")}; ${serverLat}. Goal p95 < 250 ms: ${verdict(latOk)}`);
  out.push(`- Payload per snapshot (JSON): ${levels.map((l) => `${l.level}: ${fmtBytes(pct(l.live.samples.bytes, 50))}`).join("; ")}`);

  const first = server.rss[0]?.[1];
  const at60 = server.rss.find(([label]) => label === "streaming 60 s")?.[1];
  const last = server.rss.at(-1)?.[1];
  const rssOk = last ? (last.hwmKb ?? Infinity) < 300 * 1024 : null;
  const heap = server.heapAfterFullGc;
  out.push(
    `- Server RSS (${server.built ? "server.ts, production" : "bench hub-process, NO Next: build failed"}), 50 viewers, ${levels.at(-1)?.level} sessions: ` +
      `${fmtMiB(first?.rssKb)} at start, ${fmtMiB(at60?.rssKb)} after 60 s of streaming, ${fmtMiB(last?.rssKb)} after ${server.window.seconds.toFixed(0)} s, peak ${fmtMiB(last?.hwmKb)}. ` +
      `Goal < 300 MB (peak): ${verdict(rssOk)}`,
  );
  out.push(
    `  live heap after each full GC: ${heap.length > 0 ? heap.map((v) => v.toFixed(0)).join(", ") + " MB" : "no full GC in the window"}` +
      ` (flat = lazy collection of per-tick garbage, not a leak; an hour-long run is still needed for "no growth over an hour")`,
  );
  out.push("=====================================");
  return out.join("\n");
}
