// What e2e/serve.ts started, written to a file so the specs can open sessions on, or stop, the targets.
import fs from "node:fs";
import path from "node:path";
import type { ClusterKind } from "../lib/server/local-cluster";

export interface E2eTarget {
  id: string;
  kind: ClusterKind;
  root: string;
  port: number;
  url: string;
}

export interface E2eStack {
  baseURL: string;
  pollMs: number;
  /** The console's embedded store listens here (unix socket). */
  storeSocketDir: string;
  targets: Record<string, E2eTarget>;
  /** The "main" target's log files (written by specs, read by the console over its local host transport). */
  logs: { postgres: string; odoo: string };
  /** A stand-in for Odoo's web server (GET /web/login → 200); its answer can be switched by POST /status/<code>. */
  odooUrl: string;
  /** Every JSON body POSTed to the alert webhook, one per line. */
  webhookLog: string;
  /** Written by the configured command "pause-cron" when it runs. */
  commandMarker: string;
}

export const E2E_ADMIN_PASSWORD = "e2e-admin-password-1";
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3199);
export const stackFile = path.resolve("data/e2e/stack.json");

export function readStack(): E2eStack {
  return JSON.parse(fs.readFileSync(stackFile, "utf8"));
}
