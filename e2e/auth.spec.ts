import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { io, type Socket } from "socket.io-client";
import { apiLogin, ensureUsers, loginWithForm, origin, PASSWORDS, sessionCookieOf } from "./auth-helpers";
import { readStack } from "./stack";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

const json = (o: Record<string, string> = {}) => ({ Origin: origin(), "Content-Type": "application/json", ...o });

async function cookieFor(request: APIRequestContext, username: string) {
  const res = await apiLogin(request, username);
  expect(res.status()).toBe(200);
  return sessionCookieOf(res.headers()["set-cookie"]);
}

function connect(headers: Record<string, string>, auth?: { token: string }): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(origin(), { transports: ["websocket"], forceNew: true, reconnection: false, extraHeaders: headers, auth });
    s.once("connect", () => resolve(s));
    s.once("connect_error", (e) => {
      s.close();
      reject(e);
    });
  });
}

const disconnected = (s: Socket, ms = 5000) =>
  new Promise<void>((resolve, reject) => {
    if (!s.connected) return resolve();
    const t = setTimeout(() => reject(new Error("socket still connected")), ms);
    s.once("disconnect", () => (clearTimeout(t), resolve()));
  });

test("log in, see the live view, log out, and be sent back to login", async ({ page }) => {
  await page.goto("/targets/main");
  await expect(page).toHaveURL(/\/login\?next=%2Ftargets%2Fmain/);
  await page.getByLabel("Username").fill("oscar");
  await page.getByLabel("Password").fill(PASSWORDS.oscar);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/targets\/main$/);
  await expect(page.getByText("oscar").first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "pg-triage" }).first()).toBeVisible({ timeout: 10_000 });
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong password and an unknown user get the same answer", async ({ request }) => {
  const xff = { "X-Forwarded-For": "203.0.113.10" };
  const wrong = await apiLogin(request, "vera", "not-her-password", xff);
  const unknown = await apiLogin(request, "nobody-here", "whatever-password", xff);
  expect(wrong.status()).toBe(401);
  expect(unknown.status()).toBe(401);
  expect(await wrong.json()).toEqual(await unknown.json());
});

test("5 failures lock the user out, even with the right password, and lock the client address too", async ({ request }) => {
  const attacker = { "X-Forwarded-For": "203.0.113.66" };
  await ensureUsers(request);
  const res = await request.post("/api/users", { data: { username: "lena", password: "lena-password-1", role: "viewer" }, headers: json() });
  expect([200, 400]).toContain(res.status());
  for (let i = 0; i < 5; i++) expect((await apiLogin(request, "lena", `wrong-${i}-password`, attacker)).status()).toBe(401);
  const locked = await apiLogin(request, "lena", "lena-password-1", { "X-Forwarded-For": "203.0.113.67" });
  expect(locked.status()).toBe(429);
  expect((await locked.json()).error.code).toBe("locked");
  expect(locked.headers()["retry-after"]).toBeTruthy();
  // The attacker's address is locked for other users as well.
  const fromAttacker = await apiLogin(request, "vera", PASSWORDS.vera, attacker);
  expect(fromAttacker.status()).toBe(429);
});

test("a viewer reads but every mutation answers 403 and changes nothing", async ({ request }) => {
  const cookie = await cookieFor(request, "vera");
  expect((await request.get("/api/targets", { headers: { Cookie: cookie } })).status()).toBe(200);
  const tries = [
    request.post("/api/users", { data: { username: "mallory", password: "mallory-password", role: "admin" }, headers: json({ Cookie: cookie }) }),
    request.patch("/api/users/vera", { data: { role: "admin" }, headers: json({ Cookie: cookie }) }),
    request.get("/api/users", { headers: { Cookie: cookie } }),
  ];
  for (const res of await Promise.all(tries)) {
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toMatch(/Requires the admin role \(you are a viewer\)/);
  }
  const me = await (await request.get("/api/auth/me", { headers: { Cookie: cookie } })).json();
  expect(me.user).toEqual({ username: "vera", role: "viewer" });
  const admin = await cookieFor(request, "admin");
  const users = (await (await request.get("/api/users", { headers: { Cookie: admin } })).json()).users as { username: string }[];
  expect(users.map((u) => u.username)).not.toContain("mallory");
});

test("cookie mutations need our Origin and a JSON body; tokens need no Origin", async ({ request }) => {
  const cookie = await cookieFor(request, "admin");
  const body = { name: "csrf-probe" };
  const foreign = await request.post("/api/tokens", { data: body, headers: json({ Cookie: cookie, Origin: "http://evil.example" }) });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).error.code).toBe("cross_origin");
  const nullOrigin = await request.post("/api/tokens", { data: body, headers: json({ Cookie: cookie, Origin: "null" }) });
  expect(nullOrigin.status()).toBe(403);
  const form = await request.post("/api/tokens", { form: body, headers: { Cookie: cookie, Origin: origin() } });
  expect(form.status()).toBe(415);
  const before = (await (await request.get("/api/tokens", { headers: { Cookie: cookie } })).json()).tokens.length;

  const created = await request.post("/api/tokens", { data: body, headers: json({ Cookie: cookie }) });
  expect(created.status()).toBe(200);
  const { token, summary } = await created.json();
  expect(token).toMatch(/^pgt_/);
  expect((await (await request.get("/api/tokens", { headers: { Cookie: cookie } })).json()).tokens.length).toBe(before + 1);
  // A bearer token needs no Origin (not a browser), and acts with its user's role.
  const anon = await playwrightFreeRequest(request);
  const viaToken = await anon.get("/api/users", { headers: { Authorization: `Bearer ${token}` } });
  expect(viaToken.status()).toBe(200);
  const revoked = await request.delete(`/api/tokens/${summary.id}`, { headers: { Cookie: cookie, Origin: origin() } });
  expect(revoked.status()).toBe(200);
  expect((await anon.get("/api/users", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});

/** The same server, without the cookie jar of `request`. */
async function playwrightFreeRequest(request: APIRequestContext) {
  void request;
  const { request: factory } = await import("@playwright/test");
  return factory.newContext({ baseURL: readStack().baseURL });
}

test("sockets: no credentials or a foreign Origin are refused; a cookie or a token gets snapshots", async ({ request }) => {
  await expect(connect({})).rejects.toThrow(/unauthenticated/);
  const cookie = await cookieFor(request, "vera");
  await expect(connect({ Cookie: cookie, Origin: "http://evil.example" })).rejects.toThrow();
  await expect(connect({ Cookie: cookie })).rejects.toThrow(); // a cookie without an Origin is not a browser of ours
  const s = await connect({ Cookie: cookie, Origin: origin() });
  const snap = await new Promise<{ targetId: string }>((resolve) => {
    s.once("snapshot", resolve);
    s.emit("subscribe", { targetId: "main" });
  });
  expect(snap.targetId).toBe("main");
  s.close();
  // A bearer token (no browser, no Origin) connects too.
  const { token } = await (await request.post("/api/tokens", { data: { name: "socket-probe" }, headers: json({ Cookie: cookie }) })).json();
  const t = await connect({}, { token });
  expect(t.connected).toBe(true);
  t.close();
  await expect(connect({}, { token: "pgt_not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaa" })).rejects.toThrow(/unauthenticated/);
});

test("logging out and disabling a user drop their open sockets at once", async ({ request }) => {
  const admin = await cookieFor(request, "admin");
  const created = await request.post("/api/users", { data: { username: "tess", password: "tess-password-1", role: "viewer" }, headers: json({ Cookie: admin }) });
  expect([200, 400]).toContain(created.status());
  await request.patch("/api/users/tess", { data: { disabled: false }, headers: json({ Cookie: admin }) });

  const first = await cookieFor(request, "tess");
  const s1 = await connect({ Cookie: first, Origin: origin() });
  expect((await request.post("/api/auth/logout", { data: {}, headers: json({ Cookie: first }) })).status()).toBe(200);
  await disconnected(s1);

  const second = await cookieFor(request, "tess");
  const s2 = await connect({ Cookie: second, Origin: origin() });
  expect((await request.patch("/api/users/tess", { data: { disabled: true }, headers: json({ Cookie: admin }) })).status()).toBe(200);
  await disconnected(s2);
  expect((await request.get("/api/auth/me", { headers: { Cookie: second } })).status()).toBe(401);
});

test("passwords and tokens are never stored in clear", async ({ request }) => {
  const cookie = await cookieFor(request, "admin");
  const { token } = await (await request.post("/api/tokens", { data: { name: "clear-check" }, headers: json({ Cookie: cookie }) })).json();
  const store = new pg.Client({ host: readStack().storeSocketDir, database: "triage", user: "postgres" });
  await store.connect();
  try {
    const dump = JSON.stringify((await store.query(`select row_to_json(t)::text as r from (select * from "User") t union all select row_to_json(t)::text from (select * from "ApiToken") t union all select row_to_json(t)::text from (select * from "AuthSession") t`)).rows);
    expect(dump).not.toContain(PASSWORDS.admin);
    expect(dump).not.toContain(PASSWORDS.vera);
    expect(dump).not.toContain(token.slice(4));
    expect(dump).not.toContain(cookie.split("=")[1]);
    expect(dump).toContain("scrypt$");
  } finally {
    await store.end();
  }
});
