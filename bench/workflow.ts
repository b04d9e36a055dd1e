// `npm run bench:workflow`: what the incident workflow costs, with the real functions on a throwaway
// store and target: metric history (14 days at 5 s), retention, the incident timeline and report, the
// signal reader and containment commands over the local transport, and the runbook evidence.
// Prints numbers only (no goals). Env: BENCH_WF_RUNS=10 (store reads), BENCH_WF_HOST_RUNS=20 (log
// reads), BENCH_WF_CMD_RUNS=30 (commands).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AuditActor } from "../lib/audit";
import { closeActionConnections } from "../lib/server/actions/registry";
import { setAuditKey } from "../lib/server/audit/key";
import { parseConfig } from "../lib/server/config";
import { computeEvidence } from "../lib/server/incidents/evidence";
import { startCluster } from "../lib/server/local-cluster";
import { createMonitors } from "../lib/server/monitors";
import { migrate } from "../lib/server/store/migrate";
import { createPrismaClient } from "../lib/server/store/prisma";
import { clearStore, setStore } from "../lib/server/store/store";
import { openClient } from "./backends";
import { cleanupAll, installSignalHandlers, onCleanup } from "./cleanup";
import { machineWatch } from "./machine";
import { sleep, table, within } from "./table";
import { measureCommands, measureLogReads, writeLog } from "./workflow-host";
import { measurePrune, measureRanges, measureReport, p50max, seedIncident, timed, type Row } from "./workflow-history";
import { seedHistory } from "./workflow-seed";

const RUNS = Number(process.env.BENCH_WF_RUNS ?? 10);
const HOST_RUNS = Number(process.env.BENCH_WF_HOST_RUNS ?? 20);
const CMD_RUNS = Number(process.env.BENCH_WF_CMD_RUNS ?? 30);
const TARGET = "bench";
const actor: AuditActor = { userId: "bench", username: "bench", role: "operator", via: "token", clientAddr: "127.0.0.1", userAgent: "bench" };
const log = (s: string) => console.log(`· ${s}`);
const sec = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(1)} s`;

async function main() {
  installSignalHandlers();
  const machine = machineWatch();
  const started = performance.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "bench-workflow-"));
  onCleanup("temp dir", () => fs.rmSync(tmp, { recursive: true, force: true }));
  // A unique argument, so pgrep finds this run's sleep and nobody else's.
  const sleepMarker = `sleep 60.${String(process.pid).padStart(7, "0")}`;

  log("starting a store and a target (PostgreSQL 18, embedded)");
  const [store, target] = await Promise.all([startCluster({ kind: "embedded-18" }), startCluster({ kind: "embedded-18" })]);
  onCleanup("store cluster", () => store.destroy());
  onCleanup("target cluster", () => target.destroy());
  const sa = await openClient(store.url, "bench-store");
  await sa.query("create database store");
  await sa.end();
  await migrate(store.urlFor("store"));
  const db = createPrismaClient(store.urlFor("store"));
  setStore({ prisma: db, url: store.urlFor("store"), embedded: false, stop: () => db.$disconnect() });
  onCleanup("prisma", async () => {
    clearStore();
    await db.$disconnect();
  });
  setAuditKey("bench-".repeat(8));

  const logPath = path.join(tmp, "postgresql.log");
  const logSize = writeLog(logPath);
  const config = parseConfig(
    {
      targets: [
        {
          id: TARGET,
          name: "bench",
          postgres: { url: target.url, logPath },
          host: { local: true },
          commands: [
            { name: "echo-ok", run: "echo ok", role: "operator", timeoutSeconds: 10 },
            { name: "sleep-60", run: sleepMarker, role: "operator", timeoutSeconds: 1 },
          ],
        },
      ],
    },
    "bench",
  );
  const monitor = createMonitors(config, 1000).get(TARGET)!; // started only for the evidence part
  onCleanup("monitor", () => monitor.stop());
  onCleanup("action connections", () => closeActionConnections());
  const transport = monitor.hostMonitor!.transport;

  const now = Date.now();
  log("seeding 14 days of metric history at 5 s (the newest day through createMany)");
  const history: Row[] = await seedHistory(db, TARGET, now);
  log("querying history per range, pruning one day");
  history.push(...(await measureRanges(db, TARGET, now, RUNS)), await measurePrune(db, TARGET, now));
  console.log(table(`Metric history (1 target, 5 s interval, ${RUNS} runs per query after a warm-up)`, ["what", "rows / points", "p50 / time", "max / rate", "notes"], history, [
    "queryHistory is the history API's query (downsampled in SQL to at most 600 buckets); prune deletes in 5000-row chunks.",
  ]));

  log("seeding an incident: 1 day, 2000 signal lines, 50 audited command runs (100 audit rows)");
  const incident = await seedIncident(db, TARGET, actor, 50);
  const report = await measureReport(db, incident.id, RUNS);
  console.log(table(`Incident timeline and report (${RUNS} runs after a warm-up)`, ["what", "size", "p50", "max", "notes"], report, [
    `setup (open, 2000 signal lines, 50 audited() calls, close) took ${(incident.ms / 1000).toFixed(1)} s; the timeline reads ~17,400 metric rows (the day + 10 min lead-in).`,
  ]));

  log(`reading a ${(logSize / 1048576).toFixed(1)} MiB log over the local transport`);
  const reads = await measureLogReads(transport, logPath, HOST_RUNS);
  console.log(table(`Signal log reader, local transport (${HOST_RUNS} runs each after a warm-up)`, ["read", "returned", "p50", "max", "notes"], reads, [
    "readHostLog: one /bin/sh exec (stat, tail | head, base64), parsed on our side; what the watcher does per source every ~12 s.",
  ]));

  log("containment commands over the local transport");
  const cmds = await measureCommands(transport, db, TARGET, actor, sleepMarker, CMD_RUNS);
  console.log(table("Containment command round trip, local transport", ["what", "runs", "p50", "p95", "max", "notes"], cmds));

  log("starting the target's monitor (1 s poll, local host probe) for the evidence");
  monitor.start();
  await within(
    (async () => {
      while (monitor.latest()?.postgres.status !== "up" || monitor.hostMonitor?.current().status !== "up") await sleep(50);
    })(),
    20_000,
    "the monitor's first snapshot",
  );
  const since = new Date(Date.now() - 86_400_000);
  const ev = await timed(RUNS * 2, () => computeEvidence(db, TARGET, since));
  const statuses = Object.values(ev.last).map((e) => e.status);
  const count = (s: string) => statuses.filter((x) => x === s).length;
  const unknown = Object.values(ev.last).filter((e) => e.status === "unknown").map((e) => e.kind).join(", ");
  console.log(table(`Runbook evidence (${RUNS * 2} fresh computations after a warm-up)`, ["what", "kinds", "p50", "max", "notes"], [
    ["computeEvidence", `${statuses.length}`, ...p50max(ev.ms), `${count("ok")} ok, ${count("bad")} bad, ${count("unknown")} unknown (${unknown})`],
  ], [
    "what sharedEvidence computes once per target per TRIAGE_EVIDENCE_VIEW_MS (1.5 s); no verification loop runs here (Odoo checks unknown).",
  ]));

  console.log(`\n${machine()}; whole run ${sec(started)}`);
}

main()
  .catch((e) => {
    console.error("bench:workflow failed:", e);
    process.exitCode = 1;
  })
  .finally(() => cleanupAll().then(() => process.exit()));
