// Users, login with lockout, sessions with idle and absolute expiry, API tokens, revocation events:
// against a real store database. Low scrypt cost except where the production cost is the point.
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authenticateToken, createToken, listTokens, revokeToken } from "../../lib/server/auth/api-tokens";
import { assertCan, authenticate } from "../../lib/server/auth/authenticate";
import type { AuthConfig } from "../../lib/server/auth/config";
import { AuthError, UserError } from "../../lib/server/auth/errors";
import { AUTH_CHANNEL, authEvents, relayAuthEvents, type RevokedEvent } from "../../lib/server/auth/events";
import { PRODUCTION_SCRYPT } from "../../lib/server/auth/password";
import { sha256Hex } from "../../lib/server/auth/secrets";
import { authenticateSession, listUserSessions, login, logout, revokeSession, revokeUserSessions } from "../../lib/server/auth/sessions";
import { addUser, ensureAdminFromEnv, listUsers, setDisabled, setPassword, setRole } from "../../lib/server/auth/users";
import { startCluster, type LocalCluster } from "../../lib/server/local-cluster";
import { migrate } from "../../lib/server/store/migrate";
import { createPrismaClient, type Db } from "../../lib/server/store/prisma";
import { openClient } from "../fixtures/pg-client";

const FAST = { N: 1024, r: 8, p: 1 };
const cfg: Partial<AuthConfig> = { scrypt: FAST };
const PW = "correct-horse-9";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function authError(p: Promise<unknown>): Promise<AuthError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AuthError);
  return e as AuthError;
}

describe("auth", () => {
  let cluster: LocalCluster;
  let db: Db;
  let raw: pg.Client;
  let url: string;
  let n = 0;
  /** A fresh user per test, so lockout state does not leak between tests. */
  const newUser = async (role: "viewer" | "operator" | "admin" = "operator", password = PW) =>
    addUser(db, { username: `u${++n}-${role}`, password, role }, cfg);
  const addr = () => `198.51.100.${++n % 250}`;

  beforeAll(async () => {
    cluster = await startCluster({ kind: "embedded-18" });
    const admin = await openClient(cluster.url, "auth-test");
    await admin.query("CREATE DATABASE auth");
    await admin.end();
    url = cluster.urlFor("auth");
    await migrate(url);
    db = createPrismaClient(url);
    raw = await openClient(url, "auth-test-raw");
  });

  afterAll(async () => {
    await db?.$disconnect();
    await raw?.end().catch(() => {});
    await cluster?.destroy();
  });

  describe("login", () => {
    it("succeeds with the right password: a session, a token for the cookie, lastLoginAt set", async () => {
      const u = await newUser("viewer");
      const r = await login(db, { username: u.username.toUpperCase(), password: PW, clientAddr: "127.0.0.1", userAgent: "vitest" }, cfg);
      expect(r.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(r.session.id).toBe(sha256Hex(r.token));
      expect(r.user).toEqual({ id: u.id, username: u.username, role: "viewer" });
      expect(r.session).toMatchObject({ userId: u.id, clientAddr: "127.0.0.1", userAgent: "vitest" });
      expect(r.session.expiresAt.getTime() - r.session.createdAt.getTime()).toBe(7 * 24 * 3600_000);
      expect((await listUsers(db)).find((x) => x.id === u.id)?.lastLoginAt).toBeInstanceOf(Date);
      expect(await authenticateSession(db, r.token, cfg)).toEqual({ userId: u.id, username: u.username, role: "viewer", via: "session", sessionId: r.session.id });
    });

    it("gives the same error for a wrong password and an unknown user", async () => {
      const u = await newUser();
      const wrong = await authError(login(db, { username: u.username, password: "not-it-at-all", clientAddr: addr() }, cfg));
      const unknown = await authError(login(db, { username: "nobody-here", password: PW, clientAddr: addr() }, cfg));
      expect(wrong.code).toBe("invalid_credentials");
      expect(unknown.code).toBe("invalid_credentials");
      expect(unknown.message).toBe(wrong.message);
    });

    it("takes as long for an unknown user as for a wrong password (production scrypt cost)", async () => {
      const u = await addUser(db, { username: `timing-${++n}`, password: PW, role: "viewer" });
      const time = async (username: string) => {
        const t = performance.now();
        await authError(login(db, { username, password: "wrong-password", clientAddr: addr() }, { scrypt: PRODUCTION_SCRYPT }));
        return performance.now() - t;
      };
      const med = (xs: number[]) => xs.sort((a, b) => a - b)[1];
      const known = med([await time(u.username), await time(u.username), await time(u.username)]);
      const unknown = med([await time("ghost-user"), await time("ghost-user"), await time("ghost-user")]);
      console.log(`login with production scrypt: wrong password ${known.toFixed(0)} ms, unknown user ${unknown.toFixed(0)} ms`);
      expect(known).toBeGreaterThan(50); // a real hash was computed
      expect(unknown / known).toBeGreaterThan(0.6);
      expect(unknown / known).toBeLessThan(1.6);
    });

    it("locks a username after 5 failures in the window, from any address, even for the right password", async () => {
      const u = await newUser();
      for (let i = 0; i < 5; i++) {
        expect((await authError(login(db, { username: u.username, password: `wrong-${i}-pass`, clientAddr: addr() }, cfg))).code).toBe("invalid_credentials");
      }
      const locked = await authError(login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg));
      expect(locked.code).toBe("locked");
      expect(locked.message).toMatch(/Too many failed logins: try again in 5 minutes/);
      expect(locked.retryAfterSeconds).toBeGreaterThan(290);
      expect(locked.retryAfterSeconds).toBeLessThanOrEqual(300);
      // A refused attempt is not recorded: it does not stretch the lock.
      expect(await db.loginFailure.count({ where: { username: u.username } })).toBe(5);
    });

    it("locks a client address after 5 failures for any usernames; other addresses are unaffected", async () => {
      const victim = await newUser();
      const from = "203.0.113.77";
      for (let i = 0; i < 5; i++) await authError(login(db, { username: `spray-${i}`, password: "whatever-pw", clientAddr: from }, cfg));
      expect((await authError(login(db, { username: victim.username, password: PW, clientAddr: from }, cfg))).code).toBe("locked");
      await expect(login(db, { username: victim.username, password: PW, clientAddr: "203.0.113.78" }, cfg)).resolves.toMatchObject({ user: { id: victim.id } });
    });

    it("unlocks when the failures leave the window", async () => {
      const u = await newUser();
      const short = { ...cfg, lockout: { maxFailures: 5, windowMs: 1500 } };
      for (let i = 0; i < 5; i++) await authError(login(db, { username: u.username, password: "bad-password", clientAddr: addr() }, short));
      expect((await authError(login(db, { username: u.username, password: PW, clientAddr: addr() }, short))).code).toBe("locked");
      await sleep(1600);
      await expect(login(db, { username: u.username, password: PW, clientAddr: addr() }, short)).resolves.toBeDefined();
    });

    it("a success clears the username's failures", async () => {
      const u = await newUser();
      for (let i = 0; i < 4; i++) await authError(login(db, { username: u.username, password: "bad-password", clientAddr: addr() }, cfg));
      await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
      expect(await db.loginFailure.count({ where: { username: u.username } })).toBe(0);
      for (let i = 0; i < 4; i++) await authError(login(db, { username: u.username, password: "bad-password", clientAddr: addr() }, cfg));
      await expect(login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg)).resolves.toBeDefined();
    });

    it("parallel guesses cannot slip past the limit together", async () => {
      const u = await newUser();
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => authError(login(db, { username: u.username, password: `guess-${i}-x`, clientAddr: addr() }, cfg))),
      );
      expect(results.filter((e) => e.code === "invalid_credentials").length).toBeLessThanOrEqual(5);
      expect(results.filter((e) => e.code === "locked").length).toBeGreaterThanOrEqual(7);
    });

    it("refuses a disabled user (after checking the password) and ends their sessions and tokens", async () => {
      const u = await newUser();
      const s = await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
      const { token } = await createToken(db, u.id, "ci");
      await setDisabled(db, u.username, true);
      expect(await authenticateSession(db, s.token, cfg)).toBeNull();
      expect(await authenticateToken(db, token, cfg)).toBeNull();
      expect((await authError(login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg))).code).toBe("disabled");
      expect((await authError(login(db, { username: u.username, password: "wrong-password", clientAddr: addr() }, cfg))).code).toBe("invalid_credentials");
      await setDisabled(db, u.username, false);
      expect(await authenticateToken(db, token, cfg)).toMatchObject({ userId: u.id, via: "token" });
      expect(await authenticateSession(db, s.token, cfg)).toBeNull(); // sessions ended for good
      await expect(login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg)).resolves.toBeDefined();
    });

    it("upgrades a hash made with other parameters at the next login", async () => {
      const u = await addUser(db, { username: `rehash-${++n}`, password: PW, role: "viewer" }, { scrypt: { N: 512, r: 8, p: 1 } });
      await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
      const row = await db.user.findUniqueOrThrow({ where: { id: u.id } });
      expect(row.passwordHash.startsWith("scrypt$1024$8$1$")).toBe(true);
    });
  });

  describe("sessions", () => {
    it("expire after the idle time; use within it keeps them alive, touching lastSeenAt at most once per interval", async () => {
      const u = await newUser();
      const idle = { ...cfg, idleMs: 1200 }; // touch interval: a quarter of that
      const s = await login(db, { username: u.username, password: PW, clientAddr: addr() }, idle);
      const seen = async () => (await db.authSession.findUniqueOrThrow({ where: { id: s.session.id } })).lastSeenAt.getTime();
      const first = await seen();
      expect(await authenticateSession(db, s.token, idle)).not.toBeNull();
      expect(await seen()).toBe(first); // used again at once: no write
      for (let i = 0; i < 5; i++) {
        await sleep(400);
        expect(await authenticateSession(db, s.token, idle)).not.toBeNull();
      }
      expect(await seen()).toBeGreaterThan(first);
      await sleep(1300);
      expect(await authenticateSession(db, s.token, idle)).toBeNull();
      expect(await listUserSessions(db, u.id, idle)).toEqual([]);
    });

    it("expire at the absolute time however much they are used", async () => {
      const u = await newUser();
      const abs = { ...cfg, absoluteMs: 1200, idleMs: 60_000 };
      const s = await login(db, { username: u.username, password: PW, clientAddr: addr() }, abs);
      for (let i = 0; i < 3; i++) {
        expect(await authenticateSession(db, s.token, abs)).not.toBeNull();
        await sleep(300);
      }
      await sleep(400);
      expect(await authenticateSession(db, s.token, abs)).toBeNull();
    });

    it("logout, revokeSession and revokeUserSessions end sessions and emit revoked events", async () => {
      const u = await newUser();
      const events: RevokedEvent[] = [];
      const on = (e: RevokedEvent) => events.push(e);
      authEvents().on("revoked", on);
      try {
        const a = await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
        const b = await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
        const c = await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
        const d = await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
        await logout(db, a.token);
        expect(await authenticateSession(db, a.token, cfg)).toBeNull();
        expect(await revokeSession(db, b.session.id)).toBe(true);
        expect(await revokeSession(db, b.session.id)).toBe(false);
        expect(await authenticateSession(db, b.token, cfg)).toBeNull();
        expect(await authenticateSession(db, c.token, cfg)).not.toBeNull();
        expect(await revokeUserSessions(db, u.id)).toBe(2);
        expect(await authenticateSession(db, c.token, cfg)).toBeNull();
        expect(await authenticateSession(db, d.token, cfg)).toBeNull();
        expect(events).toEqual([
          { reason: "logout", userId: u.id, sessionId: a.session.id },
          { reason: "session_revoked", userId: u.id, sessionId: b.session.id },
          { reason: "user_sessions_revoked", userId: u.id },
        ]);
      } finally {
        authEvents().off("revoked", on);
      }
    });

    it("ignores malformed and unknown tokens", async () => {
      for (const t of [undefined, null, "", "short", "x".repeat(43), "' OR 1=1 --".padEnd(43, "x")]) {
        expect(await authenticateSession(db, t, cfg)).toBeNull();
        expect(await authenticateToken(db, t, cfg)).toBeNull();
      }
      await expect(logout(db, "x".repeat(43))).resolves.toBeUndefined();
    });
  });

  describe("users", () => {
    it("role changes apply at the next request, and emit an event so sockets re-authenticate", async () => {
      const u = await newUser("viewer");
      const s = await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
      const events: RevokedEvent[] = [];
      const on = (e: RevokedEvent) => events.push(e);
      authEvents().on("revoked", on);
      try {
        await setRole(db, u.username, "operator");
        const p = (await authenticateSession(db, s.token, cfg))!;
        expect(p.role).toBe("operator");
        expect(() => assertCan(p, "sessions.terminate")).not.toThrow();
        expect(() => assertCan(p, "users.admin")).toThrow(/Requires the admin role \(you are an operator\)/);
        await setDisabled(db, u.username, true);
        expect(events).toEqual([
          { reason: "role_changed", userId: u.id },
          { reason: "user_disabled", userId: u.id },
        ]);
      } finally {
        authEvents().off("revoked", on);
      }
    });

    it("a new password ends the user's sessions", async () => {
      const u = await newUser();
      const s = await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
      await setPassword(db, u.username, "another-password", cfg);
      expect(await authenticateSession(db, s.token, cfg)).toBeNull();
      expect((await authError(login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg))).code).toBe("invalid_credentials");
      await expect(login(db, { username: u.username, password: "another-password", clientAddr: addr() }, cfg)).resolves.toBeDefined();
    });

    it("validates input and names the problem", async () => {
      await expect(addUser(db, { username: "Bad Name!", password: PW, role: "viewer" }, cfg)).rejects.toMatchObject({ code: "invalid_username" });
      await expect(addUser(db, { username: "okname", password: "short", role: "viewer" }, cfg)).rejects.toThrow(/password must be at least 8 characters/);
      await expect(addUser(db, { username: "okname", password: PW, role: "root" }, cfg)).rejects.toThrow(/role "root" must be one of viewer, operator, admin/);
      const u = await newUser();
      await expect(addUser(db, { username: u.username.toUpperCase(), password: PW, role: "viewer" }, cfg)).rejects.toMatchObject({ code: "duplicate_username" });
      await expect(setRole(db, "no-such-user", "admin")).rejects.toMatchObject({ code: "unknown_user", message: 'no user named "no-such-user"' });
      expect(await db.user.count({ where: { username: "okname" } })).toBe(0);
    });

    it("keeps at least one enabled admin", async () => {
      await db.user.updateMany({ where: { role: "admin" }, data: { disabled: true } });
      const only = await newUser("admin");
      await expect(setDisabled(db, only.username, true)).rejects.toMatchObject({ code: "last_admin" });
      await expect(setRole(db, only.username, "viewer")).rejects.toThrow(/only enabled admin \(add another admin first\)/);
      const second = await newUser("admin");
      await expect(setRole(db, only.username, "viewer")).resolves.toMatchObject({ role: "viewer" });
      expect(second.role).toBe("admin");
    });
  });

  describe("API tokens", () => {
    it("are shown once, stored as a hash and a prefix, and act as their user's current role", async () => {
      const u = await newUser("viewer");
      const { token, summary } = await createToken(db, u.id, "grafana");
      expect(token).toMatch(/^pgt_[A-Za-z0-9_-]{43}$/);
      expect(summary).toMatchObject({ userId: u.id, username: u.username, name: "grafana", prefix: token.slice(0, 12), lastUsedAt: null, revokedAt: null });
      const row = await db.apiToken.findUniqueOrThrow({ where: { id: summary.id } });
      expect(row.tokenHash).toBe(sha256Hex(token));
      expect(await authenticate(db, { authorization: `Bearer ${token}` }, cfg)).toEqual({ userId: u.id, username: u.username, role: "viewer", via: "token", tokenId: summary.id });
      await setRole(db, u.username, "operator");
      expect((await authenticateToken(db, token, cfg))?.role).toBe("operator");
      // A bearer header decides alone: no fallback to a cookie when the token is bad.
      const s = await login(db, { username: u.username, password: PW, clientAddr: addr() }, cfg);
      expect(await authenticate(db, { authorization: "Bearer pgt_nope", sessionToken: s.token }, cfg)).toBeNull();
      expect((await authenticate(db, { sessionToken: s.token }, cfg))?.via).toBe("session");
    });

    it("update lastUsedAt at most once per interval", async () => {
      const u = await newUser();
      const { token, summary } = await createToken(db, u.id, "script");
      const used = async () => (await db.apiToken.findUniqueOrThrow({ where: { id: summary.id } })).lastUsedAt;
      expect(await used()).toBeNull();
      const touch = { ...cfg, touchIntervalMs: 300 };
      await authenticateToken(db, token, touch);
      const first = await used();
      expect(first).toBeInstanceOf(Date);
      await authenticateToken(db, token, touch);
      expect(await used()).toEqual(first);
      await sleep(350);
      await authenticateToken(db, token, touch);
      expect((await used())!.getTime()).toBeGreaterThan(first!.getTime());
    });

    it("revoke by id or prefix; refused afterwards; unknown, short and ambiguous keys are errors", async () => {
      const u = await newUser();
      const a = await createToken(db, u.id, "a");
      const b = await createToken(db, u.id, "b");
      const events: RevokedEvent[] = [];
      const on = (e: RevokedEvent) => events.push(e);
      authEvents().on("revoked", on);
      try {
        await expect(revokeToken(db, a.summary.prefix)).resolves.toMatchObject({ id: a.summary.id });
        expect(await authenticateToken(db, a.token, cfg)).toBeNull();
        await expect(revokeToken(db, a.summary.prefix)).rejects.toMatchObject({ code: "unknown_token" });
        await expect(revokeToken(db, b.summary.id)).resolves.toMatchObject({ name: "b" });
        expect(await authenticateToken(db, b.token, cfg)).toBeNull();
        expect(events).toEqual([
          { reason: "token_revoked", userId: u.id, tokenId: a.summary.id },
          { reason: "token_revoked", userId: u.id, tokenId: b.summary.id },
        ]);
      } finally {
        authEvents().off("revoked", on);
      }
      await expect(revokeToken(db, "pgt_")).rejects.toThrow(/too short/);
      await expect(revokeToken(db, "pgt_zzzzzzzz")).rejects.toMatchObject({ code: "unknown_token" });
      // "_" must not act as a LIKE wildcard.
      const c = await createToken(db, u.id, "c");
      await expect(revokeToken(db, c.summary.prefix.slice(0, 6) + "_")).rejects.toMatchObject({ code: "unknown_token" });
      const mine = await listTokens(db, { userId: u.id });
      expect(mine.map((t) => t.name)).toEqual(["a", "b", "c"]);
      expect(JSON.stringify(mine)).not.toContain(c.token);
    });

    it("is refused for a disabled or unknown user at creation", async () => {
      const u = await newUser();
      await setDisabled(db, u.username, true);
      await expect(createToken(db, u.id, "x")).rejects.toMatchObject({ code: "user_disabled" });
      await expect(createToken(db, "00000000-0000-0000-0000-000000000000", "x")).rejects.toBeInstanceOf(UserError);
      await expect(createToken(db, u.id, "  ")).rejects.toMatchObject({ code: "invalid_name" });
    });
  });

  it("the event relay hears other processes' NOTIFYs, ignores its own, and reconnects after losing the store", async () => {
    const relay = await relayAuthEvents(url);
    const got: RevokedEvent[] = [];
    const on = (e: RevokedEvent) => got.push(e);
    authEvents().on("revoked", on);
    try {
      const other = JSON.stringify({ origin: "another-process", reason: "user_disabled", userId: "u-1" });
      await raw.query("SELECT pg_notify($1, $2)", [AUTH_CHANNEL, other]);
      await raw.query("SELECT pg_notify($1, $2)", [AUTH_CHANNEL, "not json"]);
      await expect.poll(() => got, { timeout: 3000 }).toEqual([{ reason: "user_disabled", userId: "u-1" }]);
      await revokeUserSessions(db, "00000000-0000-0000-0000-000000000001"); // ours: emitted once, locally
      await sleep(300);
      expect(got.filter((e) => e.reason === "user_sessions_revoked")).toHaveLength(1);

      const resynced = new Promise<void>((resolve) => authEvents().once("resync", resolve));
      await raw.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'pg-triage-auth-events'");
      await resynced;
      await raw.query("SELECT pg_notify($1, $2)", [AUTH_CHANNEL, JSON.stringify({ origin: "another-process", reason: "token_revoked", tokenId: "t-1" })]);
      await expect.poll(() => got.at(-1), { timeout: 3000 }).toEqual({ reason: "token_revoked", tokenId: "t-1" });
    } finally {
      authEvents().off("revoked", on);
      await relay.stop();
    }
  });

  it("never stores a password or a token in clear (every column of every table, read with SQL)", async () => {
    const password = "Pa55word-in-the-clear?";
    const u = await addUser(db, { username: `clear-${++n}`, password, role: "viewer" }, cfg);
    const s = await login(db, { username: u.username, password, clientAddr: addr(), userAgent: "ua" }, cfg);
    await authError(login(db, { username: u.username, password: `${password}x`, clientAddr: addr() }, cfg)); // a failure row too
    const t = await createToken(db, u.id, "clear");
    await authenticateToken(db, t.token, cfg);
    const tables = await raw.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    let dump = "";
    for (const { table_name } of tables.rows) dump += (await raw.query(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`)).rows.map((r) => r.j).join("\n");
    expect(dump).toContain(u.username); // the dump is real
    for (const secret of [password, s.token, t.token, t.token.slice(4), Buffer.from(password).toString("base64")]) {
      expect(dump).not.toContain(secret);
    }
    expect(dump).toContain(sha256Hex(s.token)); // what is kept instead
    expect(dump).toContain(sha256Hex(t.token));
  });

  describe("first admin from TRIAGE_ADMIN_PASSWORD", () => {
    let empty: Db;
    beforeEach(async () => {
      const admin = await openClient(cluster.url, "auth-test-admin");
      await admin.query("DROP DATABASE IF EXISTS auth_admin WITH (FORCE)");
      await admin.query("CREATE DATABASE auth_admin");
      await admin.end();
      await migrate(cluster.urlFor("auth_admin"));
      empty = createPrismaClient(cluster.urlFor("auth_admin"));
    });
    afterAll(() => empty?.$disconnect());

    it("creates admin only when there is no user, once", async () => {
      expect(await ensureAdminFromEnv(empty, undefined, cfg)).toEqual({ created: false });
      expect(await empty.user.count()).toBe(0);
      expect(await ensureAdminFromEnv(empty, "first-admin-pw", cfg)).toEqual({ created: true });
      expect(await ensureAdminFromEnv(empty, "second-admin-pw", cfg)).toEqual({ created: false });
      const users = await listUsers(empty);
      expect(users).toMatchObject([{ username: "admin", role: "admin", disabled: false }]);
      await expect(login(empty, { username: "admin", password: "first-admin-pw", clientAddr: "127.0.0.1" }, cfg)).resolves.toBeDefined();
      await empty.$disconnect();
    });

    it("does nothing when another user exists; refuses a short password", async () => {
      await expect(ensureAdminFromEnv(empty, "short", cfg)).rejects.toThrow(/TRIAGE_ADMIN_PASSWORD: password must be at least 8 characters/);
      await addUser(empty, { username: "someone", password: PW, role: "viewer" }, cfg);
      expect(await ensureAdminFromEnv(empty, "first-admin-pw", cfg)).toEqual({ created: false });
      expect((await listUsers(empty)).map((u) => u.username)).toEqual(["someone"]);
      await empty.$disconnect();
    });
  });
});
