// The socket handshake on its own (lib/server/realtime/socket-auth.ts): a real socket.io server on
// loopback with the real store, real socket.io clients, and the real CLI in another process. Who may
// connect, and how a lost login (revoked token, disabled user, logout) or a new role reaches a socket
// that is already open, also when the change is made by the CLI and relayed through the store.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setAuditKey } from "../../lib/server/audit/key";
import { recordRefusal } from "../../lib/server/audit/write";
import { createToken, revokeToken } from "../../lib/server/auth/api-tokens";
import { relayAuthEvents, type AuthEventRelay } from "../../lib/server/auth/events";
import { login, logout, SESSION_COOKIE } from "../../lib/server/auth/sessions";
import { addUser, setDisabled } from "../../lib/server/auth/users";
import { freePort, startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { clearStore } from "../../lib/server/store/store";
import { startAuthSocketServer, watch, type AuthedSocket } from "../fixtures/auth-socket-server";
import { openTestStore } from "../fixtures/test-store";

const FAST = { scrypt: { N: 1024, r: 8, p: 1 } };
const PASSWORD = "correct-horse-9";

let cluster: LocalCluster;
let db: Db;
let url: string;
let relay: AuthEventRelay;
let hub: Awaited<ReturnType<typeof startAuthSocketServer>>;

/** The admin CLI as an operator runs it: another process on the same store. */
function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, ["--import", "tsx", "scripts/triage-cli.ts", ...args], {
      cwd: path.resolve(__dirname, "../.."),
      env: { ...process.env, TRIAGE_STORE_URL: url, TRIAGE_PASSWORD: undefined } as NodeJS.ProcessEnv,
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

async function user(username: string, role: "viewer" | "operator" | "admin") {
  return addUser(db, { username, password: PASSWORD, role }, FAST);
}

/** A browser of ours: the session cookie and our own Origin. */
async function cookieHeaders(username: string) {
  const r = await login(db, { username, password: PASSWORD, clientAddr: "127.0.0.1" });
  return { token: r.token, headers: { Cookie: `${SESSION_COOKIE}=${r.token}`, Origin: hub.url } };
}

/** A real audit row, which every logged-in socket receives live: proof that a socket still gets data. */
async function auditSomething(marker: string) {
  const actor = { userId: "system", username: "socket-auth-test", role: "system", via: "system", clientAddr: "local", userAgent: null } as const;
  return recordRefusal(db, { actor, action: "session.cancel", targetId: "t", subject: { marker }, message: marker });
}

const gone = (s: AuthedSocket) => expect.poll(() => s.connected, { timeout: 10_000 }).toBe(false);

beforeAll(async () => {
  cluster = await startCluster({ kind: "embedded-18" });
  ({ db, url } = await openTestStore(cluster));
  setAuditKey("s".repeat(40));
  relay = await relayAuthEvents(url);
  hub = await startAuthSocketServer(() => db);
  await Promise.all([user("olga", "operator"), user("vic", "viewer"), user("ada", "admin"), user("root", "admin"), user("tom", "operator")]);
});

afterAll(async () => {
  await hub?.close();
  await relay?.stop();
  clearStore();
  await db?.$disconnect();
  await cluster?.destroy();
});

describe("socket handshake", () => {
  it("refuses no credentials, a forged cookie, an unknown token, and a cookie without our Origin", async () => {
    expect(await hub.refused()).toMatch(/^unauthenticated/);
    expect(await hub.refused({ headers: { Cookie: `${SESSION_COOKIE}=forged-${"x".repeat(40)}`, Origin: hub.url } })).toMatch(/^unauthenticated/);
    expect(await hub.refused({ token: `pgt_${"a".repeat(43)}` })).toMatch(/^unauthenticated/);
    expect(await hub.refused({ headers: { Authorization: `Bearer pgt_${"b".repeat(43)}` } })).toMatch(/^unauthenticated/);
    const { headers } = await cookieHeaders("vic");
    // A real cookie is refused when no Origin, "null" or another site's Origin comes with it (CSRF over websockets).
    for (const origin of [undefined, "null", "http://evil.example"]) {
      const h: Record<string, string> = { Cookie: headers.Cookie, ...(origin ? { Origin: origin } : {}) };
      await expect(hub.connect({ headers: h }), `Origin ${origin}`).rejects.toThrow();
    }
    expect(await hub.principals()).toEqual([]);
  });

  it("accepts a session cookie with our Origin and a Bearer token (auth.token or header), as their users", async () => {
    const cookie = await hub.connect({ headers: (await cookieHeaders("vic")).headers });
    const { token } = await createToken(db, (await db.user.findUniqueOrThrow({ where: { username: "olga" } })).id, "socket");
    const viaAuth = await hub.connect({ token });
    const viaHeader = await hub.connect({ headers: { Authorization: `Bearer ${token}` } });
    const byId = new Map((await hub.principals()).map((p) => [p.id, p]));
    expect(byId.get(cookie.id!)).toMatchObject({ username: "vic", role: "viewer", via: "session" });
    expect(byId.get(viaAuth.id!)).toMatchObject({ username: "olga", role: "operator", via: "token" });
    expect(byId.get(viaHeader.id!)).toMatchObject({ username: "olga", role: "operator", via: "token" });
    // Accepted means live data: each gets the next audit row.
    const seen = [cookie, viaAuth, viaHeader].map(watch);
    await auditSomething("accepted");
    for (const s of seen) await expect.poll(() => s.audit.map((e) => e.message), { timeout: 5000 }).toContain("accepted");
    [cookie, viaAuth, viaHeader].forEach((s) => s.close());
  });

  it("a store that does not answer refuses the handshake as unavailable (fail closed)", async () => {
    const dead = createPrismaClient(`postgres://postgres@127.0.0.1:${await freePort()}/store`);
    const down = await startAuthSocketServer(() => dead);
    try {
      const { token } = await createToken(db, (await db.user.findUniqueOrThrow({ where: { username: "olga" } })).id, "dead-store");
      expect(await down.refused({ token })).toMatch(/^unavailable/);
    } finally {
      await down.close();
      await dead.$disconnect();
    }
  });
});

describe("an open socket after its login changes", () => {
  it("a revoked API token is refused at the handshake and its open socket is dropped; another token stays", async () => {
    const olga = await db.user.findUniqueOrThrow({ where: { username: "olga" } });
    const doomed = await createToken(db, olga.id, "doomed");
    const kept = await createToken(db, olga.id, "kept");
    const s = await hub.connect({ token: doomed.token });
    const other = await hub.connect({ token: kept.token });
    const seen = watch(s);
    const otherSeen = watch(other);
    await revokeToken(db, doomed.summary.id);
    await gone(s);
    expect(seen.errors).toEqual([{ event: "auth", code: "unauthenticated", message: "Your login ended: log in again." }]);
    expect(seen.disconnect).toBe("io server disconnect");
    expect(await hub.refused({ token: doomed.token })).toMatch(/^unauthenticated/);
    // It receives nothing more; the other token's socket still does.
    await auditSomething("after-revoke");
    await expect.poll(() => otherSeen.audit.map((e) => e.message), { timeout: 5000 }).toContain("after-revoke");
    expect(seen.audit.map((e) => e.message)).not.toContain("after-revoke");
    expect(other.connected).toBe(true);
    other.close();
  });

  it("`triage token revoke` in another process reaches the open socket through the store", async () => {
    const tom = await db.user.findUniqueOrThrow({ where: { username: "tom" } });
    const { token, summary } = await createToken(db, tom.id, "grafana");
    const s = await hub.connect({ token });
    const seen = watch(s);
    const r = await cli(["token", "revoke", summary.prefix]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^revoked token /);
    await gone(s);
    expect(seen.errors.map((e) => e.code)).toEqual(["unauthenticated"]);
    expect(await hub.refused({ token })).toMatch(/^unauthenticated/);
  });

  it("`triage user role` lowers the role of the user's open sockets (cookie and token) without dropping them", async () => {
    const ada = await db.user.findUniqueOrThrow({ where: { username: "ada" } });
    const viaCookie = await hub.connect({ headers: (await cookieHeaders("ada")).headers });
    const viaToken = await hub.connect({ token: (await createToken(db, ada.id, "ada-socket")).token });
    const roles = async () => (await hub.principals()).filter((p) => p.username === "ada").map((p) => p.role);
    expect(await roles()).toEqual(["admin", "admin"]);
    const r = await cli(["user", "role", "ada", "viewer"]);
    expect(r, r.stderr).toMatchObject({ status: 0, stdout: "ada is now viewer (was admin)\n" });
    // Each event is checked against the socket's principal: it must hold the new role, not the one at login.
    await expect.poll(roles, { timeout: 10_000 }).toEqual(["viewer", "viewer"]);
    expect(viaCookie.connected && viaToken.connected).toBe(true);
    viaCookie.close();
    viaToken.close();
  });

  it("disabling a user drops all their sockets (cookie and token); other users' sockets stay", async () => {
    const olga = await db.user.findUniqueOrThrow({ where: { username: "olga" } });
    const a = await hub.connect({ headers: (await cookieHeaders("olga")).headers });
    const b = await hub.connect({ token: (await createToken(db, olga.id, "olga-2")).token });
    const bystander = await hub.connect({ headers: (await cookieHeaders("vic")).headers });
    await setDisabled(db, "olga", true);
    await gone(a);
    await gone(b);
    await expect.poll(async () => (await hub.principals()).map((p) => p.username), { timeout: 5000 }).toEqual(["vic"]);
    expect(bystander.connected).toBe(true);
    bystander.close();
  });

  it("`triage user disable` in another process drops the user's open socket", async () => {
    const s = await hub.connect({ headers: (await cookieHeaders("vic")).headers });
    const r = await cli(["user", "disable", "vic"]);
    expect(r.status, r.stderr).toBe(0);
    await gone(s);
    await expect.poll(() => hub.principals(), { timeout: 5000 }).toEqual([]);
  });

  it("logging out drops that session's socket only", async () => {
    await user("lou", "viewer");
    const first = await cookieHeaders("lou");
    const second = await cookieHeaders("lou");
    const s1 = await hub.connect({ headers: first.headers });
    const s2 = await hub.connect({ headers: second.headers });
    await logout(db, first.token);
    await gone(s1);
    expect(s2.connected).toBe(true);
    await expect.poll(async () => (await hub.principals()).map((p) => p.username), { timeout: 5000 }).toEqual(["lou"]);
    s2.close();
  });
});
