// Playwright's webServer: two throwaway target clusters ("main" stays up, "fragile" is stopped by a
// spec) and the production console pointed at them. SIGTERM/SIGINT stops all of it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { startCluster, type LocalCluster } from "../lib/server/local-cluster";
import { E2E_ADMIN_PASSWORD, E2E_PORT, stackFile, type E2eStack } from "./stack";

const POLL_MS = 500;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function main() {
  // Each run has its own folder, so a previous run still shutting down cannot delete this one's.
  const base = path.dirname(stackFile);
  fs.mkdirSync(base, { recursive: true });
  for (const d of fs.readdirSync(base)) {
    const m = /^run-(\d+)$/.exec(d);
    if (m && !alive(Number(m[1]))) fs.rmSync(path.join(base, d), { recursive: true, force: true });
  }
  const runDir = path.join(base, `run-${process.pid}`);
  fs.mkdirSync(runDir);
  const clusters: Record<string, LocalCluster> = {};
  for (const id of ["main", "fragile"]) clusters[id] = await startCluster({ dataDir: path.join(runDir, id) });

  const storeDir = path.join(runDir, "store");
  const configFile = path.join(runDir, "triage.yaml");
  const logsDir = path.join(runDir, "logs");
  fs.mkdirSync(logsDir);
  const logs = { postgres: path.join(logsDir, "postgresql.log"), odoo: path.join(logsDir, "odoo.log") };
  for (const f of Object.values(logs)) fs.writeFileSync(f, "");
  const webhookLog = path.join(runDir, "webhook.jsonl");
  const commandMarker = path.join(runDir, "cron-paused");
  const helpers = await startHelperServer(webhookLog);
  // "main" runs on this machine: its host memory, log files and commands go through the local transport.
  const mainExtras = [
    "    host: { local: true }",
    `    odoo: { url: "${helpers.url}", logPath: "${logs.odoo}", limitMemorySoft: 2147483648, limitMemoryHard: 2684354560 }`,
    "    commands:",
    `      - { name: pause-cron, label: "Pause Odoo cron", run: "echo cron paused; touch ${commandMarker}", role: operator, steps: ["0.2"] }`,
    `      - { name: restart-postgresql, label: "Restart PostgreSQL", run: "echo would restart", role: admin, steps: ["2.4"] }`,
    `    alerts: { idleInTransactionCountAbove: 2, cooldownSeconds: 60, webhook: { url: "${helpers.url}/webhook" } }`,
  ];
  const targets = Object.entries(clusters).map(
    ([id, c]) =>
      `  - id: ${id}\n    name: e2e ${id}\n    postgres:\n      url: ${c.url}\n` +
      (id === "main" ? `      logPath: ${logs.postgres}\n${mainExtras.join("\n")}\n` : ""),
  );
  fs.writeFileSync(configFile, `targets:\n${targets.join("")}`);
  const stack: E2eStack = {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    pollMs: POLL_MS,
    storeSocketDir: path.join(storeDir, "run"),
    targets: Object.fromEntries(Object.entries(clusters).map(([id, c]) => [id, { id, kind: c.kind, root: c.root, port: c.port, url: c.url }])),
    logs,
    odooUrl: helpers.url,
    webhookLog,
    commandMarker,
  };
  fs.writeFileSync(stackFile, JSON.stringify(stack, null, 2));

  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      TRIAGE_CONFIG: configFile,
      TRIAGE_TARGET_URL: "",
      TRIAGE_STORE_URL: "",
      TRIAGE_STORE_DIR: storeDir,
      TRIAGE_AUDIT_KEY: "",
      TRIAGE_AUDIT_KEY_FILE: path.join(runDir, "audit.key"),
      TRIAGE_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      // Lets a spec play several clients (lockout per address) with X-Forwarded-For.
      TRIAGE_TRUST_PROXY: "1",
      PORT: String(E2E_PORT),
      TRIAGE_POLL_MS: String(POLL_MS),
      // The workflow's background checks, faster than in production so the specs need not wait.
      TRIAGE_VERIFY_HTTP_MS: "1000",
    },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode === null ? server.once("exit", r) : r(null)));
    helpers.server.close();
    for (const c of Object.values(clusters)) await c.destroy().catch(() => {});
    fs.rmSync(runDir, { recursive: true, force: true });
    process.exit(0);
  };
  server.once("exit", (code) => {
    if (!stopping) {
      console.error(`e2e: console exited with ${code}`);
      void stop();
    }
  });
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

/** Odoo's login page stand-in (GET /web/login; POST /status/<code> switches its answer) and the alert webhook. */
async function startHelperServer(webhookLog: string): Promise<{ url: string; server: http.Server }> {
  let status = 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const set = /^\/status\/(\d{3})$/.exec(req.url ?? "");
      if (req.method === "POST" && set) status = Number(set[1]);
      else if (req.method === "POST" && req.url === "/webhook") fs.appendFileSync(webhookLog, Buffer.concat(chunks).toString("utf8").replace(/\n/g, " ") + "\n");
      else if (req.method === "GET" && (req.url ?? "").startsWith("/web/login")) {
        res.writeHead(status, { "content-type": "text/html" });
        return res.end(status === 200 ? "<html><body><form>Login</form></body></html>" : "error");
      } else {
        res.writeHead(404);
        return res.end();
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
