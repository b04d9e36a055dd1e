// Deny by default: every page and API route refuses an anonymous request, found by walking app/,
// so a new route without a check fails here.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { origin } from "./auth-helpers";

const APP = path.resolve("app");
const PUBLIC = new Set(["page /login", "page /store-unavailable", "POST /api/auth/login", "GET /api/health"]);
const SAMPLE: Record<string, string> = { id: "main", username: "admin", pid: "1", guardrailId: "x" };

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const urlOf = (file: string) =>
  "/" +
  path
    .relative(APP, path.dirname(file))
    .split(path.sep)
    .filter((seg) => seg && !/^\(.*\)$/.test(seg))
    .map((seg) => seg.replace(/^\[(.+)\]$/, (_, name: string) => SAMPLE[name] ?? "x"))
    .join("/");

const files = walk(APP);
const pages = files.filter((f) => /\/page\.tsx$/.test(f)).map(urlOf);
const routes = files
  .filter((f) => /\/route\.ts$/.test(f))
  .flatMap((f) => [...fs.readFileSync(f, "utf8").matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => ({ method: m[1], url: urlOf(f) })));

test("the walk found the app's pages and routes", () => {
  expect(pages).toEqual(expect.arrayContaining(["/", "/targets/main", "/login"]));
  expect(routes.length).toBeGreaterThanOrEqual(8);
});

test("every page but /login sends an anonymous visitor to the login page", async ({ request }) => {
  for (const url of pages.filter((u) => !PUBLIC.has(`page ${u}`))) {
    const res = await request.get(url, { maxRedirects: 0 });
    expect(res.status(), url).toBeGreaterThanOrEqual(300);
    expect(res.status(), url).toBeLessThan(400);
    expect(res.headers().location, url).toMatch(/\/login\?next=/);
  }
});

test("every API route but login and health answers an anonymous request with 401", async ({ request }) => {
  for (const { method, url } of routes.filter((r) => !PUBLIC.has(`${r.method} ${r.url}`))) {
    const res = await request.fetch(url, { method, headers: { Origin: origin(), "Content-Type": "application/json" }, data: method === "GET" || method === "DELETE" ? undefined : {} });
    expect(res.status(), `${method} ${url}`).toBe(401);
    expect((await res.json()).error.code, `${method} ${url}`).toBe("unauthenticated");
    expect(res.headers()["cache-control"], `${method} ${url}`).toContain("no-store");
  }
});

test("a page rendered by a header trick is still refused (the check is in the page, not only the proxy)", async ({ request }) => {
  const res = await request.get("/targets/main", { maxRedirects: 0, headers: { Cookie: "triage_session=forged-value-that-is-not-a-session-token-xx", "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } });
  expect(res.status()).toBe(307);
  expect(res.headers().location).toMatch(/\/login\?next=%2Ftargets%2Fmain/);
});

test("anonymous health says only the overall status", async ({ request }) => {
  const body = await (await request.get("/api/health")).json();
  expect(Object.keys(body)).toEqual(["status"]);
});

test("pages carry a CSP without unsafe-inline scripts and refuse framing", async ({ request }) => {
  const res = await request.get("/login");
  const policy = res.headers()["content-security-policy"];
  const script = policy.split(";").find((d) => d.trim().startsWith("script-src"))!;
  expect(script).toMatch(/'nonce-[^']+'/);
  expect(script).not.toContain("unsafe-inline");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(res.headers()["referrer-policy"]).toBe("no-referrer");
});
