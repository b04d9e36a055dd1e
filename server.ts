// The custom server: Next's handler and socket.io on one HTTP server, the store, and one monitor per target.
import http from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { Server } from "socket.io";
import { seedCancelMemory } from "./lib/server/actions/cancel-memory";
import { closeActionConnections, openActionConnections } from "./lib/server/actions/registry";
import { initAuditKey } from "./lib/server/audit/key";
import { startGuardrailScheduler, stopGuardrailScheduler } from "./lib/server/guardrails/scheduler";
import { loadAuthConfig } from "./lib/server/auth/config";
import { relayAuthEvents } from "./lib/server/auth/events";
import { pruneSessions } from "./lib/server/auth/sessions";
import { ensureAdminFromEnv, listUsers } from "./lib/server/auth/users";
import { ConfigError, loadConfig, loadServerEnv } from "./lib/server/config";
import { stampClient } from "./lib/server/http/stamp-client";
import { createMonitors } from "./lib/server/monitors";
import { attachAuditFeed } from "./lib/server/realtime/audit-feed";
import { attachHub, type HubServer } from "./lib/server/realtime/hub";
import { installSocketAuth, originAllowed } from "./lib/server/realtime/socket-auth";
import { registerHealthReporter } from "./lib/server/health/reporters";
import { targetComponents } from "./lib/server/health/targets-reporter";
import { openStore } from "./lib/server/store/open-store";
import { getPrisma, setStore } from "./lib/server/store/store";
import { storeComponent, superviseStore } from "./lib/server/store/supervisor";
import { startWorkflow } from "./lib/server/workflow";

const log = (line: string) => console.log(`pg-triage: ${line}`);

function fail(e: unknown): never {
  const err = e as Error;
  console.error(`pg-triage: ${err.name === "ConfigError" || err.name === "StoreError" || err.name === "MigrationError" ? err.message : err.stack}`);
  process.exit(2);
}

async function main() {
  const dev = process.argv.includes("--dev");
  let env, config;
  try {
    env = loadServerEnv();
    config = loadConfig();
    loadAuthConfig();
  } catch (e) {
    if (e instanceof ConfigError || (e as Error).name === "ConfigError") fail(e);
    throw e;
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  const trustProxy = process.env.TRIAGE_TRUST_PROXY === "1";

  try {
    initAuditKey({ log }); // created on first start (0600); a bad key stops start-up here, not at the first cancel
  } catch (e) {
    fail(Object.assign(e as Error, { name: "ConfigError" }));
  }
  const store = setStore(await openStore({ log }).catch(fail));
  // From here on the store may go away and come back (restarted, for the embedded one): nothing below may assume it stays.
  const supervisor = superviseStore(store, log);
  registerHealthReporter("store", () => [storeComponent(supervisor.current())]);
  const admin = await ensureAdminFromEnv(store.prisma, process.env.TRIAGE_ADMIN_PASSWORD);
  if (admin.created) log("created user admin (role admin) from TRIAGE_ADMIN_PASSWORD");
  if ((await listUsers(store.prisma)).length === 0) {
    log("no users yet: set TRIAGE_ADMIN_PASSWORD, or run `npm run triage -- user add <name> --role admin`");
  }
  // Which sessions were already cancelled survives a restart: the triage offers terminate after a failed cancel.
  await seedCancelMemory(store.prisma).catch((e) => log(`could not read recent cancels from the audit trail: ${(e as Error).message}`));
  const relay = await relayAuthEvents(store.url, log);
  const pruner = setInterval(() => void pruneSessions(getPrisma()).catch(() => {}), 3_600_000).unref();

  const monitors = createMonitors(config, env.pollMs);
  registerHealthReporter("targets", () => targetComponents(monitors.values()));
  const app = next({ dev, dir: __dirname, hostname: env.host, port: env.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    stampClient(req, trustProxy);
    handle(req, res).catch((e) => {
      console.error("pg-triage: request failed:", e);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
  const io: HubServer = new Server(server, {
    serveClient: false,
    allowRequest: (req, callback) => callback(originAllowed(req) ? null : "origin not allowed", originAllowed(req)),
  });
  const detachAuth = installSocketAuth(io, getPrisma);
  const detachHub = attachHub(io, monitors);
  const detachAuditFeed = attachAuditFeed(io);
  for (const m of monitors.values()) m.start();
  openActionConnections(); // kept from now on: during a connection storm a first-use connect would find no slot
  startGuardrailScheduler(); // reverts expired guardrails, also those that came due while the console was down
  const workflow = startWorkflow(config, monitors, log); // audit outbox + interrupted runs, metric history, alerts, log signals, verification checks

  await new Promise<void>((resolve) => server.listen(env.port, env.host, resolve));
  const { port } = server.address() as AddressInfo;
  const shown = env.host.includes(":") ? `[${env.host}]` : env.host;
  console.log(`pg-triage listening on http://${shown}:${port} (${dev ? "dev" : "production"}, ${monitors.size} target(s), poll ${env.pollMs} ms)`);

  let stoppingSince = 0;
  const shutdown = async (signal: string) => {
    if (stoppingSince) {
      // A supervisor often signals the whole process group (the same signal twice at once): only a
      // later, deliberate second signal forces, so the store is not left running.
      if (Date.now() - stoppingSince > 2000) process.exit(1);
      return;
    }
    stoppingSince = Date.now();
    log(`${signal}, shutting down`);
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    clearInterval(pruner);
    detachHub();
    detachAuditFeed();
    detachAuth();
    // Stop taking requests, and give the ones in flight (a bulk terminate) a moment to finish and be audited.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
    io.close();
    await workflow.stop();
    await Promise.all([...monitors.values()].map((m) => m.stop()));
    await stopGuardrailScheduler().catch(() => {});
    await closeActionConnections().catch(() => {});
    server.closeAllConnections();
    await app.close?.();
    await relay.stop().catch(() => {});
    await supervisor.stop(); // first: it would restart the store we are about to stop
    await store.stop().catch((e) => log(`stopping the store: ${(e as Error).message}`));
    clearTimeout(force);
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error("pg-triage: failed to start:", e);
  process.exit(1);
});
