// Playwright's webServer: two throwaway target clusters ("main" stays up, "fragile" is stopped by a
// spec) and the production console pointed at them. SIGTERM/SIGINT stops all of it.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { startCluster, type LocalCluster } from "../lib/server/local-cluster";
import { E2E_PORT, stackFile, type E2eStack } from "./stack";

const POLL_MS = 500;

async function main() {
  fs.rmSync(path.dirname(stackFile), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(stackFile), { recursive: true });
  const clusters: Record<string, LocalCluster> = {};
  for (const id of ["main", "fragile"]) clusters[id] = await startCluster({ dataDir: path.join(path.dirname(stackFile), id) });

  const configFile = path.join(path.dirname(stackFile), "triage.yaml");
  const targets = Object.entries(clusters).map(([id, c]) => `  - id: ${id}\n    name: e2e ${id}\n    postgres:\n      url: ${c.url}\n`);
  fs.writeFileSync(configFile, `targets:\n${targets.join("")}`);
  const stack: E2eStack = {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    pollMs: POLL_MS,
    targets: Object.fromEntries(Object.entries(clusters).map(([id, c]) => [id, { id, kind: c.kind, root: c.root, port: c.port, url: c.url }])),
  };
  fs.writeFileSync(stackFile, JSON.stringify(stack, null, 2));

  const server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production", TRIAGE_CONFIG: configFile, TRIAGE_TARGET_URL: "", PORT: String(E2E_PORT), TRIAGE_POLL_MS: String(POLL_MS) },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.kill("SIGTERM");
    await new Promise((r) => (server.exitCode === null ? server.once("exit", r) : r(null)));
    for (const c of Object.values(clusters)) await c.destroy().catch(() => {});
    fs.rmSync(path.dirname(stackFile), { recursive: true, force: true });
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
