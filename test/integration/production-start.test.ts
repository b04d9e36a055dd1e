// The README's production start, exactly as a new user runs it: a fresh checkout (this working tree's
// files, no data/ and no .next), `npm run build`, then `TRIAGE_TARGET_URL=... npm start` as root with the
// DEFAULT store and audit-key locations. Then the benchmark's server start from the same checkout.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { until } from "../fixtures/wait";

const REPO = path.resolve(__dirname, "../..");
const ADMIN_PASSWORD = "fresh-checkout-admin-1";
let checkout: string;
let target: LocalCluster;

/** The environment of someone who set nothing but what the README's command sets. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("TRIAGE_") || k === "NODE_ENV" || k === "PORT" || k === "HOST") delete env[k];
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

beforeAll(async () => {
  checkout = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-checkout-"));
  fs.chmodSync(checkout, 0o755); // as a clone under /srv or /opt would be
  // Tracked and new (not ignored) files: what a clone of this tree has, without data/, .next or node_modules.
  const files = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO, encoding: "buffer" });
  expect(files.status).toBe(0);
  const tar = spawnSync("sh", ["-c", `tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C '${checkout}'`], { cwd: REPO, input: files.stdout });
  expect(tar.status).toBe(0);
  expect(fs.existsSync(path.join(checkout, "data"))).toBe(false);
  // The packages `npm ci` installs from package-lock.json, hard-linked rather than downloaded again.
  expect(spawnSync("cp", ["-al", path.join(REPO, "node_modules"), path.join(checkout, "node_modules")]).status).toBe(0);
  const build = spawnSync("npm", ["run", "build"], { cwd: checkout, env: cleanEnv({}), encoding: "utf8", timeout: 420_000 });
  expect(build.status, `${build.stdout}\n${build.stderr}`.slice(-3000)).toBe(0);
  // The trace of the audit key's path is explicit: a newcomer's first build prints no tracing warning.
  expect(build.stdout + build.stderr).not.toMatch(/Dynamic filesystem access/);
  target = await startCluster();
}, 600_000);

afterAll(async () => {
  await target?.destroy();
  if (checkout) fs.rmSync(checkout, { recursive: true, force: true });
});

const groupAlive = (pgid: number) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to the whole group, as Ctrl-C or a supervisor does; true when every process in it ended within 20 s by itself. */
async function stopGroup(child: ChildProcess): Promise<boolean> {
  if (!groupAlive(child.pid!)) return true;
  process.kill(-child.pid!, "SIGTERM");
  const end = Date.now() + 20_000;
  while (groupAlive(child.pid!) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (!groupAlive(child.pid!)) return true;
  process.kill(-child.pid!, "SIGKILL");
  return false;
}

it("`TRIAGE_TARGET_URL=... npm start` on a fresh checkout as root: the store and key are created, health is ok, admin logs in, it stops cleanly", async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn("npm", ["start"], {
    cwd: checkout,
    env: cleanEnv({ TRIAGE_TARGET_URL: target.url, TRIAGE_ADMIN_PASSWORD: ADMIN_PASSWORD, PORT: String(port) }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  let lastHealth = "";
  const healthWith = async (headers: Record<string, string>) => {
    if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}:\n${output}`);
    const r = await fetch(`${base}/api/health`, { headers }).catch(() => null);
    const body = r?.ok ? await r.json() : null;
    lastHealth = body ? JSON.stringify(body) : String(r?.status);
    return body;
  };
  const explain = (e: Error) => {
    throw new Error(`${e.message}; last answer: ${lastHealth}; output:\n${output.slice(-3000)}`);
  };
  try {
    const anonymous = await until(() => healthWith({}), 90_000, "/api/health").catch(explain);
    expect(anonymous.status).toBe("ok");

    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base },
      body: JSON.stringify({ username: "admin", password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    await until(async () => (await healthWith({ cookie }))?.targets?.[0]?.postgres === "up", 30_000, "the target up in /api/health").catch(explain);
    const page = await fetch(`${base}/targets/default`, { headers: { cookie } });
    expect(page.status).toBe(200);

    // The default layout: the key unreadable by anyone else, its folder enterable by the store's PostgreSQL.
    const data = path.join(checkout, "data");
    expect(fs.statSync(path.join(data, "audit.key")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(data).mode & 0o001).toBe(0o001);
    expect(fs.existsSync(path.join(data, "store", "pgdata", "postmaster.pid"))).toBe(true);
  } finally {
    expect(await stopGroup(child), output.slice(-2000)).toBe(true);
  }
  expect(output).toContain("SIGTERM, shutting down");
  expect(output).not.toMatch(/failed to start|stopping the store:/);
  expect(fs.existsSync(path.join(checkout, "data", "store", "pgdata", "postmaster.pid"))).toBe(false); // the store stopped with it
}, 180_000);

it("the benchmark's server start works from the same fresh checkout, on a store of its own", async () => {
  const { startServer } = (await import(path.join(checkout, "bench", "server-rss.ts"))) as typeof import("../../bench/server-rss");
  const server = await startServer(target.url);
  try {
    const r = await fetch(`${server.url}/api/health`);
    expect(r.status).toBe(200);
    expect((await r.json()).status).toBe("ok");
  } finally {
    await server.stop();
  }
}, 120_000);

it("a store folder the postgres user cannot enter is refused before initdb, naming the folder and the fix", () => {
  const locked = fs.mkdtempSync(path.join(os.tmpdir(), "pg-triage-locked-")); // mkdtemp: 0700, root's
  try {
    const r = spawnSync(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: checkout,
      env: cleanEnv({ NODE_ENV: "production", TRIAGE_TARGET_URL: target.url, TRIAGE_STORE_DIR: path.join(locked, "store"), PORT: "0" }),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`the folder ${locked} (mode 0700`);
    expect(r.stderr).toContain(`chmod o+x ${locked}`);
    expect(r.stderr).not.toContain("initdb");
    expect(fs.existsSync(path.join(locked, "store", "pgdata"))).toBe(false);
  } finally {
    fs.rmSync(locked, { recursive: true, force: true });
  }
}, 90_000);
