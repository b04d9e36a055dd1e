// Playwright's webServer: two throwaway target clusters ("main" stays up, "fragile" is stopped by a
// spec) and the production console pointed at them. SIGTERM/SIGINT stops all of it.
import { spawn } from "node:child_process";
import fs from "node:fs";
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
  // "main" runs on this machine: its host memory is read locally, as the demo does.
  const targets = Object.entries(clusters).map(
    ([id, c]) => `  - id: ${id}\n    name: e2e ${id}\n    postgres:\n      url: ${c.url}\n${id === "main" ? "    host: { local: true }\n" : ""}`,
  );
  fs.writeFileSync(configFile, `targets:\n${targets.join("")}`);
  const stack: E2eStack = {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    pollMs: POLL_MS,
    storeSocketDir: path.join(storeDir, "run"),
    targets: Object.fromEntries(Object.entries(clusters).map(([id, c]) => [id, { id, kind: c.kind, root: c.root, port: c.port, url: c.url }])),
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
    },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode === null ? server.once("exit", r) : r(null)));
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

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
