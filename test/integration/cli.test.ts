// The admin CLI as a user runs it: a child process against a throwaway store (TRIAGE_STORE_URL), and
// against an embedded store that a console is holding (it must attach, not start a second server).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateToken } from "../../lib/server/auth/api-tokens";
import { AuthError } from "../../lib/server/auth/errors";
import { authEvents, relayAuthEvents, type AuthEventRelay, type RevokedEvent } from "../../lib/server/auth/events";
import { login } from "../../lib/server/auth/sessions";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { openStore } from "../../lib/server/store/open-store";
import { livePostmaster } from "../../lib/server/store/postmaster";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import type { Store } from "../../lib/server/store/store";
import { openClient } from "../fixtures/pg-client";

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, TRIAGE_PASSWORD: undefined, ...opts.env };
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/triage-cli.ts", ...args], {
    cwd: path.resolve(__dirname, "../.."),
    env: env as NodeJS.ProcessEnv,
    input: opts.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking: to run independent cases side by side. */
function cliAsync(args: string[], opts: { env?: Record<string, string | undefined> } = {}): Promise<Run> {
  const env: Record<string, string | undefined> = { ...process.env, TRIAGE_PASSWORD: undefined, ...opts.env };
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ["--import", "tsx", "scripts/triage-cli.ts", ...args], {
      cwd: path.resolve(__dirname, "../.."),
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d) => (stdout += d));
    c.stderr.on("data", (d) => (stderr += d));
    c.on("error", reject);
    c.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("triage CLI against TRIAGE_STORE_URL", () => {
  let cluster: LocalCluster;
  let url: string;
  let db: Db;
  let relay: AuthEventRelay;
  const events: RevokedEvent[] = [];
  const onRevoked = (e: RevokedEvent) => events.push(e);
  const run = (args: string[], opts: { env?: Record<string, string | undefined>; input?: string } = {}) =>
    cli(args, { ...opts, env: { TRIAGE_STORE_URL: url, ...opts.env } });

  beforeAll(async () => {
    cluster = await startCluster({ kind: "embedded-18" });
    const admin = await openClient(cluster.url, "cli-test");
    await admin.query("CREATE DATABASE cli");
    await admin.end();
    url = cluster.urlFor("cli");
    // The first command migrates the empty database itself.
    const first = run(["user", "add", "alice", "--role", "operator"], { env: { TRIAGE_PASSWORD: "alice-password" } });
    expect(first).toMatchObject({ status: 0, stdout: "created user alice (operator)\n" });
    db = createPrismaClient(url);
    relay = await relayAuthEvents(url);
    authEvents().on("revoked", onRevoked);
  });

  afterAll(async () => {
    authEvents().off("revoked", onRevoked);
    await relay?.stop();
    await db?.$disconnect();
    await cluster?.destroy();
  });

  it("adds users with the password from stdin; lists them (table and JSON)", async () => {
    const r = run(["user", "add", "bob", "--role", "viewer", "--password-stdin"], { input: "bob-password\n" });
    expect(r).toMatchObject({ status: 0, stdout: "created user bob (viewer)\n" });
    await expect(login(db, { username: "bob", password: "bob-password", clientAddr: "127.0.0.1" })).resolves.toBeDefined();

    const list = run(["user", "list"]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^USERNAME\s+ROLE\s+STATUS\s+CREATED\s+LAST LOGIN\n/);
    expect(list.stdout).toMatch(/\nalice\s+operator\s+active\s/);
    expect(list.stdout).toMatch(/\nbob\s+viewer\s+active\s+\S+ \S+\s+\d{4}-/); // bob has logged in
    const json = JSON.parse(run(["user", "list", "--json"]).stdout);
    expect(json.map((u: { username: string; role: string }) => [u.username, u.role])).toEqual([
      ["alice", "operator"],
      ["bob", "viewer"],
    ]);
    expect(JSON.stringify(json)).not.toMatch(/password|scrypt/i);
  });

  it("changes a role and disables a user; other processes hear of it through the store", async () => {
    run(["user", "add", "carol", "--role", "viewer"], { env: { TRIAGE_PASSWORD: "carol-password" } });
    const carol = await db.user.findUniqueOrThrow({ where: { username: "carol" } });
    expect(run(["user", "role", "carol", "operator"])).toMatchObject({ status: 0, stdout: "carol is now operator (was viewer)\n" });
    expect(run(["user", "role", "carol", "operator"])).toMatchObject({ status: 0, stdout: "carol is already operator\n" });
    expect(run(["user", "disable", "carol"]).status).toBe(0);
    const e = await login(db, { username: "carol", password: "carol-password", clientAddr: "127.0.0.1" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AuthError);
    expect((e as AuthError).code).toBe("disabled");
    expect(run(["user", "list"]).stdout).toMatch(/\ncarol\s+operator\s+disabled\s/);
    // The relay turned the CLI's NOTIFYs into local events, as a console's sockets need.
    await expect.poll(() => events.filter((x) => x.userId === carol.id).map((x) => x.reason), { timeout: 5000 }).toEqual(["role_changed", "user_disabled"]);
    expect(run(["user", "enable", "carol"])).toMatchObject({ status: 0, stdout: "enabled carol\n" });
    await expect(login(db, { username: "carol", password: "carol-password", clientAddr: "127.0.0.1" })).resolves.toBeDefined();
  });

  it("passwd sets a new password", async () => {
    expect(run(["user", "passwd", "bob", "--password-stdin"], { input: "bob-new-password\n" }).status).toBe(0);
    await expect(login(db, { username: "bob", password: "bob-new-password", clientAddr: "127.0.0.2" })).resolves.toBeDefined();
  });

  it("creates a token that is printed once, works, lists by prefix only, and is revoked by prefix", async () => {
    const r = run(["token", "create", "alice", "--name", "ci pipeline"]);
    expect(r.status).toBe(0);
    const token = r.stdout.trim();
    expect(r.stdout).toMatch(/^pgt_[A-Za-z0-9_-]{43}\n$/);
    expect((r.stdout + r.stderr).split(token).length - 1).toBe(1);
    expect(r.stderr).toMatch(/shown once/);
    expect(await authenticateToken(db, token)).toMatchObject({ username: "alice", role: "operator", via: "token" });

    const list = run(["token", "list"]);
    expect(list.stdout).toContain(token.slice(0, 12));
    expect(list.stdout).not.toContain(token);
    expect(list.stdout).toMatch(/ci pipeline\s+\S+ \S+\s+\S+ \S+\s+active/); // last used is set
    expect(run(["token", "list", "--user", "bob"]).stdout).toBe("no tokens\n");

    const revoked = run(["token", "revoke", token.slice(0, 12)]);
    expect(revoked).toMatchObject({ status: 0 });
    expect(revoked.stdout).toMatch(/^revoked token [0-9a-f-]{36} \(pgt_\S+…\) "ci pipeline" of alice\n$/);
    expect(await authenticateToken(db, token)).toBeNull();
    expect(run(["token", "list"]).stdout).toMatch(/ci pipeline.*revoked/);
    expect(run(["token", "revoke", token.slice(0, 12)])).toMatchObject({ status: 1, stderr: expect.stringMatching(/no live token with id or prefix/) });
  });

  it("refuses bad input with a message naming the problem, a non-zero status, and no change", async () => {
    const before = await db.user.count();
    const cases: [string[], Record<string, string | undefined>, number, RegExp][] = [
      [["user", "add", "alice", "--role", "viewer"], { TRIAGE_PASSWORD: "long-enough" }, 1, /a user named "alice" already exists/],
      [["user", "add", "dave", "--role", "root"], { TRIAGE_PASSWORD: "long-enough" }, 2, /unknown role "root" \(expected viewer, operator, admin\)/],
      [["user", "add", "dave"], { TRIAGE_PASSWORD: "long-enough" }, 2, /a role is required/],
      [["user", "add", "dave", "--role", "viewer"], { TRIAGE_PASSWORD: "short" }, 1, /password must be at least 8 characters/],
      [["user", "add", "dave", "--role", "viewer"], {}, 2, /no password given: use --password-stdin, set TRIAGE_PASSWORD, or run on a terminal/],
      [["user", "add", "Bad Name", "--role", "viewer"], { TRIAGE_PASSWORD: "long-enough" }, 1, /username must be 1-63 characters/],
      [["user", "role", "nobody", "admin"], {}, 1, /no user named "nobody"/],
      [["user", "role", "alice", "superuser"], {}, 2, /unknown role "superuser"/],
      [["user", "disable"], {}, 2, /user disable: expected <name>, got none/],
      [["token", "create", "nobody", "--name", "x"], {}, 1, /no user named "nobody"/],
      [["token", "create", "alice"], {}, 2, /--name <name> is required/],
      [["token", "revoke", "pgt_zzzzzzzz"], {}, 1, /no live token/],
      [["user", "frobnicate"], {}, 2, /unknown command "user frobnicate"/],
      [["user", "list", "--role", "admin"], {}, 2, /--role does not apply here/],
    ];
    const results: Run[] = [];
    for (let i = 0; i < cases.length; i += 3) {
      results.push(...(await Promise.all(cases.slice(i, i + 3).map(([args, env]) => cliAsync(args, { env: { TRIAGE_STORE_URL: url, ...env } })))));
    }
    for (const [i, [args, , status, message]] of cases.entries()) {
      const r = results[i];
      expect(r.status, args.join(" ")).toBe(status);
      expect(r.stderr, args.join(" ")).toMatch(message);
      expect(r.stdout, args.join(" ")).toBe("");
    }
    expect(await db.user.count()).toBe(before);
    expect(await db.user.count({ where: { username: "dave" } })).toBe(0);
  });

  it("an unreachable store is an error naming it, without the password", () => {
    const r = run(["user", "list"], { env: { TRIAGE_STORE_URL: "postgres://triage:hunter2@127.0.0.1:1/triage" } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/cannot prepare the store at postgres:\/\/triage:\*\*\*@127\.0\.0\.1:1\/triage/);
    expect(r.stderr).not.toContain("hunter2");
  });

  it("runs through `npm run triage --`", () => {
    const r = spawnSync("npm", ["run", "-s", "triage", "--", "user", "list"], {
      cwd: path.resolve(__dirname, "../.."),
      env: { ...process.env, TRIAGE_STORE_URL: url },
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^USERNAME/);
  });
});

describe("triage CLI with the embedded store", () => {
  let root: string;
  let pgdata: string;
  const run = (args: string[], env: Record<string, string> = {}) => cli(args, { env: { TRIAGE_STORE_URL: "", TRIAGE_STORE_DIR: root, ...env } });
  let consoleStore: Store | null = null;

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "triage-cli-store-"));
    pgdata = path.join(root, "pgdata");
  });

  afterAll(async () => {
    await consoleStore?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("starts the embedded store when no console runs, and stops it afterwards", () => {
    expect(run(["user", "add", "erin", "--role", "admin"], { TRIAGE_PASSWORD: "erin-password" })).toMatchObject({ status: 0 });
    expect(livePostmaster(pgdata)).toBeNull();
  });

  it("attaches to the store a running console holds, and leaves it running", async () => {
    consoleStore = await openStore({ dataDir: root, env: {} });
    const pid = livePostmaster(pgdata)!.pid;
    const r = run(["user", "add", "frank", "--role", "viewer"], { TRIAGE_PASSWORD: "frank-password" });
    expect(r).toMatchObject({ status: 0, stdout: "created user frank (viewer)\n" });
    expect(livePostmaster(pgdata)?.pid).toBe(pid);
    expect((await consoleStore.prisma.user.findMany({ orderBy: { username: "asc" } })).map((u) => u.username)).toEqual(["erin", "frank"]);
  });
});
