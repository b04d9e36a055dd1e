// CSRF: every mutating API route (found by walking app/api, so a new one cannot be forgotten), sent
// with an admin's session cookie from another site's Origin, from `Origin: null` and without an
// Origin, answers 403 cross_origin and changes nothing. Each known route gets a request that WOULD
// change something (real ids, a valid body) if the check were missing; login is walked too.
import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { apiLogin, ensureUsers, origin, PASSWORDS, sessionCookieOf } from "./auth-helpers";
import { readStack } from "./stack";

const API = path.resolve("app/api");
const ORIGINS: Array<string | undefined> = ["http://evil.example", "null", undefined];

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** "POST /api/targets/[id]/helm" for each mutating export of each route file. */
const mutating = walk(API)
  .filter((f) => f.endsWith("/route.ts"))
  .flatMap((f) => {
    const pattern = "/api/" + path.relative(API, path.dirname(f)).split(path.sep).join("/");
    return [...fs.readFileSync(f, "utf8").matchAll(/export (?:const|async function|function) (POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${pattern}`);
  })
  .sort();

interface Fixture {
  cookie: string;
  tokenId: string;
  incidentId: string;
  victim: { pid: number; backendStart: string };
}
type Probe = { url: string; body?: unknown; anonymous?: boolean };

/** What each route gets: real ids and a valid body, so a missing check would show as a change. */
const probes = (f: Fixture): Record<string, Probe> => ({
  "POST /api/auth/login": { url: "/api/auth/login", body: { username: "admin", password: PASSWORDS.admin }, anonymous: true },
  "POST /api/auth/logout": { url: "/api/auth/logout", body: {} },
  "POST /api/users": { url: "/api/users", body: { username: "csrf-mallory", password: "mallory-password-1", role: "admin" } },
  "PATCH /api/users/[username]": { url: "/api/users/vera", body: { role: "admin" } },
  "POST /api/tokens": { url: "/api/tokens", body: { name: "csrf-made" } },
  "DELETE /api/tokens/[id]": { url: `/api/tokens/${f.tokenId}` },
  "POST /api/targets/[id]/incidents": { url: "/api/targets/main/incidents", body: { title: "csrf incident", severity: "sev1" } },
  "POST /api/incidents/[id]/close": { url: `/api/incidents/${f.incidentId}/close`, body: { summary: "closed by another site" } },
  "POST /api/incidents/[id]/steps": { url: `/api/incidents/${f.incidentId}/steps`, body: { stepKey: "0.1", checked: true } },
  "POST /api/incidents/[id]/notes": { url: `/api/incidents/${f.incidentId}/notes`, body: { text: "written by another site" } },
  "POST /api/targets/[id]/guardrails": { url: "/api/targets/main/guardrails", body: { role: "postgres", setting: "work_mem", value: "8MB" } },
  "POST /api/targets/[id]/guardrails/preset": { url: "/api/targets/main/guardrails/preset", body: { role: "postgres", database: "postgres" } },
  "POST /api/targets/[id]/guardrails/[guardrailId]/revert": { url: "/api/targets/main/guardrails/all/revert", body: { force: true } },
  "POST /api/targets/[id]/guardrails/[guardrailId]/recycle": { url: "/api/targets/main/guardrails/00000000-0000-4000-8000-000000000000/recycle", body: {} },
  "POST /api/targets/[id]/helm": { url: "/api/targets/main/helm", body: { force: true } },
  "DELETE /api/targets/[id]/helm": { url: "/api/targets/main/helm" },
  "POST /api/targets/[id]/sessions/[pid]/cancel": { url: `/api/targets/main/sessions/${f.victim.pid}/cancel`, body: { backendStart: f.victim.backendStart } },
  "POST /api/targets/[id]/sessions/[pid]/terminate": { url: `/api/targets/main/sessions/${f.victim.pid}/terminate`, body: { backendStart: f.victim.backendStart } },
  "POST /api/targets/[id]/sessions/bulk": { url: "/api/targets/main/sessions/bulk", body: { action: "terminate", filter: { application: "csrf-victim" }, dryRun: false, sessions: [f.victim] } },
  "POST /api/targets/[id]/commands/[name]/run": { url: "/api/targets/main/commands/pause-cron/run", body: { confirm: "pause-cron" } },
});

/** A route nobody wrote a probe for yet is still walked: sample ids and an empty JSON body. */
const fallback = (key: string): Probe => ({ url: key.split(" ")[1].replace(/\[[^\]]+\]/g, "x"), body: key.startsWith("DELETE") ? undefined : {} });

let victimClient: pg.Client;
/** Another connection to "main", to look at the victim while its query runs. */
let watcher: pg.Client;

test.afterAll(async () => {
  await victimClient?.end().catch(() => {});
  await watcher?.end().catch(() => {});
});

test("the walk found every mutating route, login included", () => {
  expect(mutating).toEqual(expect.arrayContaining(["POST /api/auth/login", "PATCH /api/users/[username]", "DELETE /api/targets/[id]/helm", "POST /api/targets/[id]/commands/[name]/run"]));
  expect(mutating.length).toBeGreaterThanOrEqual(20);
  // A new route is walked anyway (fallback), but deserves a probe that would change something.
  const known = Object.keys(probes({ cookie: "", tokenId: "", incidentId: "", victim: { pid: 0, backendStart: "" } }));
  expect(mutating.filter((k) => !known.includes(k)), "mutating routes without a probe in e2e/csrf.spec.ts").toEqual([]);
});

test("every mutating route refuses an admin's cookie from a foreign, null or missing Origin, and changes nothing", async ({ request }) => {
  test.setTimeout(180_000); // ~20 routes × 3 origins, each followed by a full read of the state
  await ensureUsers(request);
  const f = await setUp(request);
  const table = probes(f);
  const json = (o: Record<string, string>) => ({ "Content-Type": "application/json", ...o });
  const get = async (url: string) => (await request.get(url, { headers: { Cookie: f.cookie } })).json();
  const marker = readStack().commandMarker;

  /** What any of the routes could change, read through the API (and the target, for the victim). */
  const state = async () => ({
    auditHead: (await get("/api/audit?limit=1")).entries[0]?.id ?? null,
    users: (await get("/api/users")).users.map((u: { username: string; role: string; disabled: boolean }) => [u.username, u.role, u.disabled]),
    tokens: (await get("/api/tokens?all=1")).tokens.map((t: { id: string; revokedAt: string | null }) => [t.id, t.revokedAt]),
    incidents: (await get("/api/targets/main/incidents?status=all")).incidents.map((i: { id: string; status: string }) => [i.id, i.status]),
    incident: await get(`/api/incidents/${f.incidentId}`).then((d) => ({ status: d.incident.status, notes: d.notes.length, checked: d.checklist.filter((s: { checked: boolean }) => s.checked).length })),
    guardrails: await get("/api/targets/main/guardrails").then((g) => ({ active: g.guardrails.map((x: { id: string }) => x.id), helm: g.helm?.holder ?? null })),
    loggedIn: (await request.get("/api/auth/me", { headers: { Cookie: f.cookie } })).status(),
    victim: (await watcher.query("select state, backend_start::text as bs from pg_stat_activity where pid = $1", [f.victim.pid])).rows,
    commandMarker: fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : null,
  });

  const before = await state();
  expect(before).toMatchObject({ loggedIn: 200, guardrails: { helm: "admin" }, incident: { status: "open" }, victim: [{ state: "active", bs: f.victim.backendStart }] });
  for (const key of mutating) {
    const method = key.split(" ")[0];
    const p = table[key] ?? fallback(key);
    for (const o of ORIGINS) {
      const headers = json({ ...(p.anonymous ? {} : { Cookie: f.cookie }), ...(o === undefined ? {} : { Origin: o }) });
      const res = await request.fetch(p.url, { method, headers, data: p.body === undefined ? undefined : JSON.stringify(p.body) });
      const what = `${key} with Origin ${o ?? "(none)"}`;
      expect(res.status(), what).toBe(403);
      expect((await res.json()).error.code, what).toBe("cross_origin");
      expect(res.headers()["set-cookie"], what).toBeUndefined();
    }
    expect(await state(), `${key} changed something`).toEqual(before);
  }
  await tearDown(request, f);
});

/** Same-origin, as the admin's own pages would: a token, an incident, the helm, a running query to aim at. */
async function setUp(request: APIRequestContext): Promise<Fixture> {
  const login = await apiLogin(request, "admin");
  expect(login.status()).toBe(200);
  const cookie = sessionCookieOf(login.headers()["set-cookie"]);
  const ours = { Cookie: cookie, Origin: origin(), "Content-Type": "application/json" };
  const token = await request.post("/api/tokens", { data: { name: "csrf-victim-token" }, headers: ours });
  expect(token.status()).toBe(200);
  // On "fragile", so no other spec finds an incident of ours open on "main".
  const opened = await request.post("/api/targets/fragile/incidents", { data: { title: "csrf probe", severity: "sev4" }, headers: ours });
  const o = await opened.json();
  expect([200, 409], JSON.stringify(o)).toContain(opened.status());
  const incidentId = opened.status() === 200 ? o.id : o.error.incident.id;
  expect((await request.post("/api/targets/main/helm", { data: { force: true }, headers: ours })).status()).toBe(200);
  victimClient = new pg.Client({ connectionString: readStack().targets.main.url, application_name: "csrf-victim" });
  victimClient.on("error", () => {});
  await victimClient.connect();
  void victimClient.query("select pg_sleep(300)").catch(() => {});
  watcher = new pg.Client({ connectionString: readStack().targets.main.url, application_name: "csrf-watch" });
  watcher.on("error", () => {});
  await watcher.connect();
  let victim: Fixture["victim"] | undefined;
  await expect
    .poll(async () => {
      const r = await watcher.query(`select pid, backend_start::text as "backendStart" from pg_stat_activity where application_name = 'csrf-victim' and state = 'active'`);
      victim = r.rows[0];
      return r.rows.length;
    }, { timeout: 10_000 })
    .toBe(1);
  return { cookie, tokenId: (await token.json()).summary.id, incidentId, victim: victim! };
}

async function tearDown(request: APIRequestContext, f: Fixture) {
  const ours = { Cookie: f.cookie, Origin: origin(), "Content-Type": "application/json" };
  expect((await request.post(`/api/incidents/${f.incidentId}/close`, { data: { summary: "csrf probe done" }, headers: ours })).status()).toBe(200);
  expect((await request.delete("/api/targets/main/helm", { headers: { Cookie: f.cookie, Origin: origin() } })).status()).toBe(200);
  expect((await request.delete(`/api/tokens/${f.tokenId}`, { headers: { Cookie: f.cookie, Origin: origin() } })).status()).toBe(200);
  await watcher.query("select pg_terminate_backend($1)", [f.victim.pid]); // leave no running query to later specs
  // The same-origin calls above worked with that cookie: the 403s were the Origin check, not a bad login.
}
