// The demo has no real Odoo: this answers Odoo's login page the way Odoo would under memory pressure —
// 200 when the database answers a query within 2 s, 503 when it does not — so the verification
// panel's Odoo HTTP check has something honest to measure.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "pg";

export interface OdooStandIn {
  url: string;
  stop(): Promise<void>;
}

async function databaseAnswers(dbUrl: string): Promise<boolean> {
  const c = new Client({ connectionString: dbUrl, application_name: "odoo-web-login", connectionTimeoutMillis: 2000, statement_timeout: 2000 });
  c.on("error", () => {});
  try {
    await c.connect();
    await c.query("SELECT id FROM res_users LIMIT 1").catch(() => c.query("SELECT 1"));
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

export async function startOdooStandIn(dbUrl: string, host = "127.0.0.1"): Promise<OdooStandIn> {
  const server = http.createServer((req, res) => {
    if (req.method !== "GET" || !(req.url ?? "").startsWith("/web/login")) {
      res.writeHead(404).end();
      return;
    }
    void databaseAnswers(dbUrl).then((ok) => {
      res.writeHead(ok ? 200 : 503, { "content-type": "text/html; charset=utf-8" });
      res.end(ok ? "<!DOCTYPE html><html><body><form action=\"/web/login\">Log in</form></body></html>" : "Service Unavailable");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
