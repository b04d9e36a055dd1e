// npm run demo: an embedded PostgreSQL target with a simulated Odoo workload, and the console on it.
// Ctrl-C stops the console, the workload and the database in that order; a second Ctrl-C forces.
// `--no-console` runs the target and the workload only.
import fs from "node:fs";
import path from "node:path";
import type { LocalCluster } from "../lib/server/local-cluster";
import type { GroupChild } from "./demo/child-group";
import { buildConsole, hasBuild, portInUse, startConsole, stopStaleConsole } from "./demo/console-process";
import { demoLogins, ensureDemoUsers } from "./demo/demo-users";
import { startOdooStandIn, type OdooStandIn } from "./demo/odoo-stand-in";
import { livePostmaster, startDemoTarget } from "./demo/target";
import { startOdooWorkload, type OdooWorkload } from "./workload/odoo-workload";
import { prepareOdooDatabase } from "./workload/prepare-odoo-database";

const root = path.resolve(__dirname, "..");
process.chdir(root); // local-cluster resolves the embedded binaries from the working directory
const DATA_DIR = path.join(root, "data", "demo-target");
const CONSOLE_PID_FILE = path.join(root, "data", "demo-console.pid");
const LOGINS_FILE = path.join(root, "data", "demo-logins.json");
const ODOO_LOG = path.join(root, "data", "demo-odoo.log");
const CRON_PAUSED = path.join(root, "data", "demo-cron-paused");
const withConsole = !process.argv.includes("--no-console");
const host = process.env.HOST ?? "127.0.0.1";
const port = Number(process.env.PORT ?? 3000);
const targetPort = Number(process.env.DEMO_TARGET_PORT ?? 55432);

const log = (line: string) => process.stdout.write(`[demo] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: LocalCluster | null = null;
let workload: OdooWorkload | null = null;
let odooWeb: OdooStandIn | null = null;
let child: GroupChild | null = null; // next build, then the console
let stopping = false;
let firstSignalAt = 0;
let statusTimer: NodeJS.Timeout | null = null;
let pending: Promise<unknown> | null = null; // the start-up step in progress, awaited by shutdown()

async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  if (stopping) throw new Error("stopped");
  const t = Date.now();
  try {
    const p = fn();
    pending = p;
    const r = await p;
    log(`${what}: done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return r;
  } catch (e) {
    throw new Error(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  for (const [name, value] of [["PORT", port], ["DEMO_TARGET_PORT", targetPort]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number (1-65535)`);
  }
  if (withConsole) {
    if (!fs.existsSync(path.join(root, "server.ts"))) throw new Error("server.ts not found: the console is missing (use --no-console for the target and workload only)");
    await stopStaleConsole(CONSOLE_PID_FILE, log);
    if (await portInUse(host, port)) throw new Error(`${host}:${port} is in use (a console from an earlier demo? set PORT to another port)`);
    if (!hasBuild()) {
      log("no production build of the current sources (.next/BUILD_ID older than app/, components/ or lib/): running next build first (about a minute) ...");
      await step("next build", () => buildConsole((c) => (child = c)));
    }
  }
  // Each resource is registered inside its step, so a shutdown that waits for the step also stops it.
  const target = await step("start PostgreSQL 18 target", async () => (cluster = await startDemoTarget({ dataDir: DATA_DIR, port: targetPort, log })));
  const db = await step("prepare database odoo", () => prepareOdooDatabase(target.url, { log }));
  fs.rmSync(CRON_PAUSED, { force: true });
  const load = await step("start Odoo workload", async () => (workload = await startOdooWorkload({ url: db.odooUrl, logFile: ODOO_LOG, cronPausedFile: CRON_PAUSED })));
  const web = await step("start Odoo login page stand-in", async () => (odooWeb = await startOdooStandIn(db.odooUrl)));
  let consoleUrl: string | null = null;
  const logins = demoLogins(LOGINS_FILE);
  if (withConsole) {
    const admin = logins.find((l) => l.role === "admin")!;
    // The target runs on this machine: host memory, its logs and the containment commands go through
    // the local transport. JSON is YAML, and JSON.stringify quotes every path and command safely.
    const configFile = path.join(root, "data", "demo-triage.yaml");
    fs.writeFileSync(configFile, JSON.stringify(demoConfig(db.triageUrl, path.join(DATA_DIR, "postgres.log"), web.url), null, 2) + "\n", { mode: 0o600 });
    const env: Record<string, string> = { TRIAGE_CONFIG: configFile, TRIAGE_TARGET_URL: "", HOST: host, PORT: String(port), TRIAGE_ADMIN_PASSWORD: admin.password };
    const c = await step("start console", () => startConsole({ env, timeoutMs: 180_000, pidFile: CONSOLE_PID_FILE, onChild: (g) => (child = g) }));
    consoleUrl = c.url;
    await step("demo users", () => ensureDemoUsers(c.url, logins));
    void c.child.exited.then((code) => {
      if (!stopping) void shutdown(`the console exited unexpectedly (${code})`, 1);
    });
  }

  const bar = "=".repeat(78);
  const lines = [
    bar,
    ` pg-triage demo is running (started in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    consoleUrl ? ` Console   ${consoleUrl}` : " Console   not started (--no-console)",
    ...(consoleUrl ? logins.map((l) => `           ${l.role.padEnd(9)} ${l.username} / ${l.password}`) : []),
    ` Target    PostgreSQL 18 on ${target.host}:${target.port}, database odoo (data in ${path.relative(root, DATA_DIR)})`,
    `           psql "${db.odooUrl}"`,
    " Workload",
    ...load.describe().map((l) => `           - ${l}`),
    " Try       watch the report spill temp files, the idle-in-transaction session age, the bursts;",
    "           the workload reconnects after a cancel/terminate (psql pg_cancel_backend) like Odoo would.",
    "           Open an incident, follow the runbook checklist, run pause-cron, then download the report.",
    ` Odoo      login page stand-in ${web.url}/web/login, log ${path.relative(root, ODOO_LOG)}`,
    " Ctrl-C to stop (a second Ctrl-C forces)",
    bar,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  statusTimer = setInterval(() => {
    const s = workload?.stats();
    if (s) log(`workload: ${s.connected} sessions connected, ${s.queries} queries, ${s.cancelled} cancelled, ${s.terminated} terminated, ${s.bursts?.bursts ?? 0} bursts`);
  }, 60_000);
}

/** The console's config for the demo: the runbook's containment commands act on the simulated Odoo. */
function demoConfig(triageUrl: string, postgresLog: string, odooUrl: string) {
  const quoted = (p: string) => `'${p.replace(/'/g, `'\\''`)}'`;
  return {
    targets: [
      {
        id: "default",
        name: "demo (Odoo on PostgreSQL 18)",
        postgres: { url: triageUrl, logPath: postgresLog },
        host: { local: true },
        // Odoo's defaults (limit_memory_soft 2048 MiB, limit_memory_hard 2560 MiB).
        odoo: { url: odooUrl, logPath: ODOO_LOG, limitMemorySoft: 2048 * 1024 * 1024, limitMemoryHard: 2560 * 1024 * 1024 },
        commands: [
          { name: "pause-cron", label: "Pause Odoo cron (replicas 0)", run: `touch ${quoted(CRON_PAUSED)} && echo 'odoo-cron paused: due jobs will pile up'`, role: "operator", steps: ["0.2", "2.1", "rollback.2"] },
          { name: "resume-cron", label: "Resume Odoo cron (replicas 1)", run: `rm -f ${quoted(CRON_PAUSED)} && echo 'odoo-cron resumed'`, role: "operator", steps: ["3.4"] },
          { name: "host-memory", label: "Host memory (free, top RSS)", run: "free -h; ps -eo pid,comm,%mem,rss --sort=-rss | head -n 15", role: "operator", steps: ["1.1"] },
          { name: "kernel-oom", label: "Kernel OOM lines (dmesg)", run: "dmesg -T 2>&1 | grep -Ei 'out of memory|killed process|oom' | tail -n 20; true", role: "admin", steps: ["3.1"] },
        ],
        alerts: { memAvailablePercentBelow: 10, psiFullAvg10Above: 5, idleInTransactionSecondsAbove: 300, connectionsPercentAbove: 80, tempBytesPerSecAbove: 100 * 1024 * 1024, cooldownSeconds: 300 },
      },
    ],
  };
}

async function withTimeout(what: string, p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)));
  try {
    await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function shutdown(reason: string, code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (statusTimer) clearInterval(statusTimer);
  log(`${reason}: stopping ...`);
  let failed = false;
  const attempt = async (what: string, fn: () => Promise<void>) => {
    try {
      await fn();
      log(`${what}: stopped`);
    } catch (e) {
      failed = true;
      log(`${what}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  if (child) await attempt("console", () => child!.stop(10_000));
  // Let a step that is starting the database finish, so what it started is stopped too; once the
  // database is up, stopping it interrupts any later step anyway.
  if (pending) await Promise.race([pending.catch(() => {}), sleep(cluster ? 1000 : 15_000)]);
  if (workload) await attempt("workload", () => withTimeout("stopping the workload", workload!.stop(), 15_000));
  if (odooWeb) await attempt("Odoo login page stand-in", () => odooWeb!.stop());
  if (cluster) await attempt("PostgreSQL", () => cluster!.stop());
  process.exit(failed && code === 0 ? 1 : code);
}

/** Second Ctrl-C: kill the children and shut PostgreSQL down in immediate mode (it still removes postmaster.pid). */
async function force(): Promise<void> {
  log("forcing: killing the console and shutting PostgreSQL down immediately");
  child?.kill();
  fs.rmSync(CONSOLE_PID_FILE, { force: true });
  const pgdata = path.join(DATA_DIR, "pgdata");
  const pid = livePostmaster(pgdata);
  if (pid) process.kill(pid, "SIGQUIT");
  for (let i = 0; i < 50 && livePostmaster(pgdata); i++) await sleep(100);
  process.exit(130);
}

function onSignal(signal: NodeJS.Signals): void {
  const now = Date.now();
  // npm and tsx may relay the terminal's Ctrl-C a second time: only a later press forces.
  if (stopping && now - firstSignalAt > 1000) void force();
  else if (!stopping) {
    firstSignalAt = now;
    void shutdown(`received ${signal}`, 0);
  }
}
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);
process.on("SIGHUP", onSignal);

main().catch((e) => {
  if (stopping) return; // a signal arrived during start-up: shutdown() is cleaning up
  process.stderr.write(`[demo] ${e instanceof Error ? e.message : String(e)}\n`);
  void shutdown("start-up failed", 1);
});
