// `npm run bench`: the quality bars of DESIGN.md ("Quality bars") measured in one run, ~5 minutes.
// Env: BENCH_PG=embedded-18|debian-15, BENCH_LEVELS=100,1000,2000, BENCH_STREAM_S=60, BENCH_NO_APT=1.
import os from "node:os";
import type pg from "pg";
import { startCluster, type ClusterKind } from "../lib/server/local-cluster";
import { cleanupAll, installSignalHandlers, onCleanup } from "./cleanup";
import { loadavg, machineWatch } from "./machine";
import { Backends, openClient, prepareCluster, ROLES } from "./backends";
import { measureWindow, startLiveHub, TARGET_ID, tickSourceOf, type WindowResult } from "./live-hub";
import { findPgActivity, measurePgActivity } from "./pg-activity";
import { measurePollCost } from "./poll-cost";
import { latencyRow, latencyTables, peerTable, pollCostTables, readsTable, rssTable, type LatencyRow, type LevelResult } from "./report";
import { ensureBuild, get, procStatus, startServer } from "./server-rss";
import { summary, type ServerResult } from "./summary";
import { pct, sleep } from "./table";
import { Viewers } from "./viewers";

const LEVELS = (process.env.BENCH_LEVELS ?? "100,1000,2000").split(",").map(Number);
const STREAM_S = Number(process.env.BENCH_STREAM_S ?? 90); // ≥ 60: the 60 s reading, then a full GC cycle
const POLLS = 30;
const PEER_S = 12;
const WINDOW_S = 12;
const VIEWERS = 50;
const log = (s: string) => console.log(`· ${s}`);

/** Median JSON.stringify time of a snapshot (what socket.io does once per broadcast). */
function encodeTime(snapshot: unknown): number | null {
  if (!snapshot) return null;
  const times = Array.from({ length: 5 }, () => {
    const t = performance.now();
    JSON.stringify(snapshot);
    return performance.now() - t;
  });
  return pct(times, 50);
}

/** An in-process monitor + hub with `VIEWERS` viewers (one of them parsing fully) for one window. */
async function liveWindow(admin: pg.Client, targetUrl: string, oneViewerFirst: boolean) {
  const hub = await startLiveHub(targetUrl);
  const viewers = new Viewers();
  try {
    let one: WindowResult | null = null;
    if (oneViewerFirst) {
      await viewers.open(hub.url, TARGET_ID, 0, 1);
      one = await measureWindow(admin, tickSourceOf(hub.monitor), viewers, 6);
      await viewers.open(hub.url, TARGET_ID, VIEWERS - 1, 0);
    } else {
      await viewers.open(hub.url, TARGET_ID, VIEWERS - 1, 1);
    }
    for (const xs of [hub.pollMs, hub.emitMs, hub.writtenMs]) xs.length = 0;
    const fifty = await measureWindow(admin, tickSourceOf(hub.monitor), viewers, WINDOW_S);
    const server = { pollMs: [...hub.pollMs], emitMs: [...hub.emitMs], writtenMs: [...hub.writtenMs] };
    return { one, fifty, server, encodeMs: encodeTime(hub.monitor.latest()) };
  } finally {
    await viewers.close();
    await hub.close();
  }
}

/** Part 5: the real server.ts (or the bare hub process when the build fails) with 50 viewers. */
async function serverRun(admin: pg.Client, targetUrl: string, built: boolean, how: string): Promise<ServerResult> {
  const server = await startServer(targetUrl, built ? "server.ts" : "bench/hub-process.ts");
  const viewers = new Viewers();
  const rss: ServerResult["rss"] = [];
  try {
    rss.push(["listening", procStatus(server.pid)]);
    if (built) {
      for (const p of ["/", `/targets/${TARGET_ID}`]) log(`GET ${p} -> ${await get(server.url + p)}`);
    }
    await viewers.open(server.url, TARGET_ID, VIEWERS - 1, 1);
    rss.push([`${VIEWERS} viewers subscribed`, procStatus(server.pid)]);
    const every5s: number[] = [];
    const w = await measureWindow(admin, null, viewers, STREAM_S, (s) => {
      const now = procStatus(server.pid);
      if (s % 5 === 0 && now) every5s.push(now.rssKb);
      if (s % 15 === 0 || s === STREAM_S) rss.push([`streaming ${s} s`, now]);
    });
    const note = built
      ? `real server.ts, NODE_ENV=production (${how}), 1 target, poll 1000 ms, ${VIEWERS} viewers, pg_stat_activity rows as in the 2000 level`
      : `next build FAILED (${how}): measured bench/hub-process.ts instead (TargetMonitor + attachHub on bare http, no Next)`;
    return { built, rss, every5s, heapAfterFullGc: server.heapAfterFullGc(), window: w, note };
  } finally {
    await viewers.close();
    await server.stop();
  }
}

async function main() {
  installSignalHandlers();
  const started = Date.now();
  const kind = (process.env.BENCH_PG ?? "embedded-18") as ClusterKind;
  console.log(`pg-triage benchmark — ${new Date().toISOString()}, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`);
  const machine = machineWatch();
  log(`load average at start: ${loadavg()} (a shared machine: other processes compete for the same cores)`);

  const build = ensureBuild(); // first: a build would disturb the measurements
  log(`Next build: ${build.ok ? "ok" : "FAILED"} (${build.how})`);
  const peer = findPgActivity();
  log(`pg_activity: ${peer.available ? `${peer.version} (${peer.how})` : `not available: ${peer.how}`}`);

  const maxLevel = Math.max(...LEVELS);
  const cluster = await startCluster({
    kind,
    settings: { max_connections: Math.max(2200, maxLevel + 200), shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track": "top" },
  });
  onCleanup("cluster", () => cluster.destroy());
  const admin = await openClient(cluster.url, "bench-admin");
  onCleanup("admin connection", () => admin.end().catch(() => {}));
  await prepareCluster(admin, cluster);
  const version = (await admin.query("select current_setting('server_version') as v")).rows[0].v;
  log(`cluster: PostgreSQL ${version} (${kind}) on ${cluster.host}:${cluster.port}, max_connections ${Math.max(2200, maxLevel + 200)}, pg_stat_statements`);

  const backends = new Backends(cluster);
  await backends.startActive();
  const targetUrl = cluster.urlFor("postgres", ROLES.triage);
  const levels: LevelResult[] = [];
  const readWindows: Array<{ level: number; w: WindowResult }> = [];
  const latencyRows: LatencyRow[] = [];

  for (const level of LEVELS) {
    const ms = await backends.ensureIdle(level);
    log(`level ${level}: ${backends.idle.length} idle + ${backends.active.length} active connections (${(ms / 1000).toFixed(1)} s to open)`);
    await sleep(500);
    const cost = await measurePollCost(admin, cluster, POLLS);
    log(`level ${level}: poll cost measured (${cost.rows} rows)`);
    const peerRun = peer.available ? await measurePgActivity(admin, cluster, PEER_S) : null;
    if (peerRun) log(`level ${level}: pg_activity ${peerRun.error ? `failed: ${peerRun.error}` : `${peerRun.msPerSec.toFixed(1)} ms/s`}`);
    const live = await liveWindow(admin, targetUrl, level === LEVELS[0]);
    log(`level ${level}: pg-triage ${live.fifty.dbMsPerSec.toFixed(1)} ms/s, ${live.fifty.samples.light.length} deliveries`);
    levels.push({ level, cost, peer: peerRun, live: live.fifty, pollMs: live.server.pollMs });
    if (live.one) readWindows.push({ level, w: live.one });
    readWindows.push({ level, w: live.fifty });
    if (live.one) latencyRows.push(latencyRow(`in-process, ${level}`, live.one, null, null));
    latencyRows.push(latencyRow(`in-process, ${level}`, live.fifty, live.server, live.encodeMs));
  }

  log(`part 5: ${build.ok ? "server.ts" : "hub-process.ts"} with ${VIEWERS} viewers at ${maxLevel} backends for ${STREAM_S} s`);
  const server = await serverRun(admin, targetUrl, build.ok, build.how);
  latencyRows.push(latencyRow(`${build.ok ? "server.ts" : "hub-process"}, ${maxLevel}`, server.window, null, null));

  await backends.close();
  await cleanupAll();
  const seconds = (Date.now() - started) / 1000;
  const load = machine();

  console.log(pollCostTables(levels));
  console.log(peerTable(levels, peer.available ? null : `pg_activity: not measured (${peer.how})`));
  console.log(readsTable(readWindows));
  console.log(latencyTables(latencyRows));
  console.log(rssTable(server));
  console.log(
    `  through the real server over ${server.window.seconds.toFixed(0)} s: ${server.window.connections} monitoring connection(s), ` +
      `${server.window.dbMsPerSec.toFixed(1)} ms/s database time, ${server.window.ticks} snapshots to the first viewer`,
  );
  console.log(summary({ version, kind, levels, readWindows, server, peer, seconds, load }));
}

main()
  .catch(async (e) => {
    console.error("bench failed:", e);
    await cleanupAll();
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 200).unref());
