import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";

const runServer = (env: Record<string, string>) =>
  spawnSync("npx", ["tsx", "server.ts"], { env: { ...process.env, ...env, TRIAGE_TARGET_URL: "" }, encoding: "utf8", timeout: 30_000 });

it("a bad config file stops start-up with a message naming the field, and no secret", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "triage-bad-"));
  const file = path.join(dir, "triage.yaml");
  fs.writeFileSync(file, "targets:\n  - id: prod\n    postgres:\n      url: postgres://triage:hunter2@db/odoo\n    host:\n      ssh: { host: db, username: u, privateKeyPath: /k, hostKey: 'nope' }\n");
  const r = runServer({ TRIAGE_CONFIG: file });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/invalid config in .*triage\.yaml/);
  expect(r.stderr).toMatch(/targets\.0\.host\.ssh\.hostKey: must be a SHA256 fingerprint/);
  expect(r.stderr + r.stdout).not.toContain("hunter2");
});

it("a missing config says how to give one", () => {
  const r = runServer({ TRIAGE_CONFIG: "/nonexistent/triage.yaml" });
  expect(r.status).toBe(2);
  expect(r.stderr).toMatch(/config file \/nonexistent\/triage\.yaml not found: set TRIAGE_CONFIG .* or TRIAGE_TARGET_URL/);
});
