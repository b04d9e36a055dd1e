// The console's embedded store killed with kill -9 under a real console (server.ts in production
// mode, a fresh TRIAGE_STORE_DIR): health says so (503 while down), pages show the store notice, the
// console restarts the store by itself, logins work again, and the metric samples taken meanwhile
// reach the store afterwards.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { socketUrl, STORE_DATABASE } from "../../lib/server/store/embedded";
import { openClient } from "../fixtures/pg-client";
import { until } from "../fixtures/wait";
import { hasBuild } from "../../scripts/demo/console-process";

const REPO = path.resolve(__dirname, "../..");
const PASSWORD = "outage-admin-password-1";
let target: LocalCluster;
let dir: string;
let child: ChildProcess;
let output = "";
let base: string;

const storeDir = () => path.join(dir, "store");
/** The pid in postmaster.pid; NaN while there is none (between a crash and the restart). */
const postmasterPid = () => {
  try {
    return Number(fs.readFileSync(path.join(storeDir(), "pgdata", "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return NaN;
  }
};
const storeClient = () => openClient(socketUrl(path.join(storeDir(), "run"), 5432, STORE_DATABASE), "outage-test");

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("TRIAGE_") || k === "NODE_ENV" || k === "PORT" || k === "HOST") delete env[k];
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

async function health(cookie?: string): Promise<{ code: number; body: { status: string; components?: { name: string; status: string }[] } | null }> {
  if (child.exitCode !== null) throw new Error(`the console exited ${child.exitCode}:\n${output.slice(-3000)}`);
  const r = await fetch(`${base}/api/health`, { headers: cookie ? { cookie } : {} }).catch(() => null);
  return { code: r?.status ?? 0, body: r ? await r.json().catch(() => null) : null };
}

async function login(): Promise<string | null> {
  const r = await fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ username: "admin", password: PASSWORD }),
  });
  return r.status === 200 ? r.headers.get("set-cookie")!.split(";")[0] : null;
}

beforeAll(async () => {
  // Reuse the checkout's production build; build when there is none or it is older than the sources.
  if (!hasBuild()) {
    const build = spawnSync("npx", ["next", "build"], { cwd: REPO, env: cleanEnv({}), encoding: "utf8", timeout: 420_000 });
    expect(build.status, `${build.stdout}\n${build.stderr}`.slice(-3000)).toBe(0);
  }
  target = await startCluster();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-outage-"));
  fs.chmodSync(dir, 0o755); // the store's PostgreSQL runs as the postgres user when we are root
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: REPO,
    env: cleanEnv({
      NODE_ENV: "production",
      PORT: String(port),
      TRIAGE_TARGET_URL: target.url,
      TRIAGE_STORE_DIR: storeDir(),
      TRIAGE_ADMIN_PASSWORD: PASSWORD,
      TRIAGE_HISTORY_INTERVAL_MS: "1000",
    }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  await until(async () => (await health()).body?.status === "ok", 90_000, "the console up").catch((e: Error) => {
    throw new Error(`${e.message}\n${output.slice(-3000)}`);
  });
}, 600_000);

afterAll(async () => {
  if (child?.exitCode === null) {
    process.kill(-child.pid!, "SIGTERM");
    const end = Date.now() + 20_000;
    while (child.exitCode === null && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  }
  await target?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

it("kill -9 of the store's postmaster: the console restarts it by itself and a login works again", async () => {
  const cookie = await login();
  expect(cookie).not.toBeNull();
  const before = postmasterPid();
  process.kill(before, "SIGKILL");
  await until(async () => postmasterPid() > 0 && postmasterPid() !== before && (await health()).body?.status === "ok", 10_000, "the store restarted");
  expect(await login()).not.toBeNull();
  expect(output).toContain(`the embedded store's PostgreSQL (pid ${before}) is gone (killed or crashed): restarting it`);
  expect(output).toMatch(/restarted the embedded store's PostgreSQL \(pid \d+, attempt 1/);
}, 60_000);

it("while the store cannot come back: health is down with 503, pages show the store notice; then it restarts with backoff and nothing recorded meanwhile is lost", async () => {
  const cookie = (await login())!;
  await until(async () => (await health(cookie)).body?.components?.some((c) => c.name === "monitor:default" && c.status === "ok"), 30_000, "the target's monitor ok");
  // A store backend that cannot exit (stopped) keeps the dead server's shared memory in use: PostgreSQL
  // refuses to start again until it is gone, as with a backend slow to die after kill -9.
  const held: pg.Client = await storeClient();
  const heldPid = (await held.query("select pg_backend_pid() as pid")).rows[0].pid as number;
  process.kill(heldPid, "SIGSTOP");
  const killedAt = Date.now();
  let resumedAt = 0;
  try {
    process.kill(postmasterPid(), "SIGKILL");
    const down = await until(async () => {
      const h = await health(cookie);
      return h.body?.status === "down" && h;
    }, 10_000, "health down");
    expect(down.code).toBe(503);
    expect(down.body).toEqual({ status: "down" }); // the session cannot be checked: the anonymous answer
    // The log says why, in PostgreSQL's words (not only pg_ctl's "could not start server").
    await until(async () => /could not restart the embedded store \(attempt 1\): .*still in use.*; next try in 1 s/.test(output), 10_000, "a failed restart attempt, logged with its reason");

    const page = await fetch(`${base}/targets/default`, { headers: { cookie }, redirect: "manual" });
    expect(page.headers.get("location")).toMatch(/\/store-unavailable\?next=%2Ftargets%2Fdefault$/);
    const notice = await (await fetch(`${base}/store-unavailable?next=%2Ftargets%2Fdefault`, { headers: { cookie } })).text();
    expect(notice).toContain("live data still streams; actions are refused until it returns");
    expect(notice).not.toContain("Application error");
    const loginPage = await fetch(`${base}/login`, { redirect: "manual" });
    expect(loginPage.headers.get("location")).toMatch(/\/store-unavailable\?next=%2F$/);
    await new Promise((r) => setTimeout(r, 2000)); // a few more recording ticks (1 s) without a store
  } finally {
    resumedAt = Date.now();
    process.kill(heldPid, "SIGCONT"); // it sees its postmaster gone and exits
    await held.end().catch(() => {});
  }
  const back = await until(async () => {
    const h = await health(cookie);
    return h.body?.status === "ok" && h;
  }, 10_000, "health ok again");
  expect(back.body?.components).toEqual(expect.arrayContaining([{ name: "store", status: "ok", critical: true }]));
  expect(await login()).not.toBeNull();
  expect(output).toMatch(/restarted the embedded store's PostgreSQL \(pid \d+, attempt [2-9]/);

  // Samples taken while the store was gone: they can only be there if the console kept them.
  const store = await storeClient();
  try {
    const outage = await until(async () => {
      const r = await store.query(`select count(*)::int as n from "MetricSample" where "targetId" = 'default' and "at" > $1 and "at" < $2`, [new Date(killedAt + 500), new Date(resumedAt)]);
      return r.rows[0].n >= 2 && r.rows[0].n;
    }, 10_000, "samples from the outage in the store");
    expect(outage).toBeGreaterThanOrEqual(2);
  } finally {
    await store.end();
  }
  expect(output).toContain("metric history: the store answers again; writing the samples kept meanwhile");
}, 90_000);
