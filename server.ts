// The custom server: Next's handler and socket.io on one HTTP server, plus one monitor per target.
import http from "node:http";
import type { AddressInfo } from "node:net";
import next from "next";
import { Server } from "socket.io";
import { ConfigError, loadConfig, loadServerEnv } from "./lib/server/config";
import { createMonitors } from "./lib/server/monitors";
import { attachHub, sameOrigin, type HubServer } from "./lib/server/realtime/hub";

async function main() {
  const dev = process.argv.includes("--dev");
  let env, config;
  try {
    env = loadServerEnv();
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`pg-triage: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  process.env.NEXT_TELEMETRY_DISABLED = "1";

  const monitors = createMonitors(config, env.pollMs);
  const app = next({ dev, dir: __dirname, hostname: env.host, port: env.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => handle(req, res));
  const io: HubServer = new Server(server, {
    serveClient: false,
    allowRequest: (req, callback) => callback(sameOrigin(req) ? null : "origin not allowed", sameOrigin(req)),
  });
  attachHub(io, monitors);
  for (const m of monitors.values()) m.start();

  await new Promise<void>((resolve) => server.listen(env.port, env.host, resolve));
  const { port } = server.address() as AddressInfo;
  const shown = env.host.includes(":") ? `[${env.host}]` : env.host;
  console.log(`pg-triage listening on http://${shown}:${port} (${dev ? "dev" : "production"}, ${monitors.size} target(s), poll ${env.pollMs} ms)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) process.exit(1); // a second signal forces
    stopping = true;
    console.log(`pg-triage: ${signal}, shutting down`);
    const force = setTimeout(() => process.exit(1), 5000).unref();
    io.close();
    await Promise.all([...monitors.values()].map((m) => m.stop()));
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close?.();
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
