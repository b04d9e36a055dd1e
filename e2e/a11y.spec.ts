// Every page read the way axe-core (WCAG 2.1 A/AA) and a phone see it: no serious or critical
// violation at 1440×900, no page-level horizontal scroll and no tap target under 24 px at 390×844. A11Y_SHOTS=<dir> also saves screenshots.
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { overflowingElements, pageScrollWidth, seriousViolations } from "./a11y-helpers";
import { apiLogin, ensureUsers, origin } from "./auth-helpers";
import { readStack } from "./stack";

test.describe.configure({ timeout: 120_000 });
const SLOW = { timeout: 20_000 };
const APP = "e2e-a11y";
let incidentId = "";
const clients: pg.Client[] = [];

interface PageCase {
  name: string;
  path: () => string;
  anonymous?: boolean;
  ready: (page: Page) => Locator;
}

const PAGES: PageCase[] = [
  { name: "login", path: () => "/login", anonymous: true, ready: (p) => p.getByLabel("Username") },
  { name: "targets", path: () => "/", ready: (p) => p.getByRole("link", { name: /main/ }).first() },
  { name: "live view", path: () => "/targets/main", ready: (p) => p.locator("tr[data-pid]").first() },
  // The live view's other tabs (only the chosen one is rendered), each by its URL hash.
  ...(["Memory", "Contain", "Runbook", "Signals", "History"] as const).map((tab) => ({
    name: `live view ${tab.toLowerCase()} tab`,
    path: () => `/targets/main#${tab.toLowerCase()}`,
    ready: (p: Page) => p.getByRole("tabpanel", { name: tab }).getByRole("heading").first(),
  })),
  { name: "audit", path: () => "/audit", ready: (p) => p.getByText(/Chain intact/i) },
  { name: "incidents", path: () => "/incidents", ready: (p) => p.getByRole("table", { name: "Incidents" }) },
  { name: "incident", path: () => `/incidents/${incidentId}`, ready: (p) => p.getByRole("figure", { name: "Incident chart" }) },
  { name: "report", path: () => `/incidents/${incidentId}/report`, ready: (p) => p.getByRole("article", { name: "Incident report" }) },
  { name: "admin", path: () => "/admin", ready: (p) => p.getByRole("button", { name: "Reset password of admin" }) },
  { name: "tokens", path: () => "/tokens", ready: (p) => p.getByRole("heading", { name: "My API tokens" }) },
];

/** Sessions that give the live view something to show: a lock holder idle in transaction, its waiter, a long query. */
async function openSessions() {
  const url = readStack().targets.main.url;
  const open = async (name: string) => {
    const c = new pg.Client({ connectionString: url, application_name: `${APP}-${name}` });
    c.on("error", () => {});
    await c.connect();
    clients.push(c);
    return c;
  };
  await (await open("setup")).query("create table if not exists a11y_lock (id int)");
  const holder = await open("holder");
  await holder.query("begin; lock table a11y_lock in exclusive mode");
  void (await open("waiter")).query("lock table a11y_lock in exclusive mode").catch(() => {});
  void (await open("sleeper")).query("select pg_sleep(300)").catch(() => {});
}

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: origin() });
  await ensureUsers(request);
  const headers = { Origin: origin() };
  const openOne = () => request.post("/api/targets/main/incidents", { data: { title: "e2e a11y: memory pressure", severity: "sev2" }, headers });
  let res = await openOne();
  if (res.status() === 409) {
    const { incidents } = await (await request.get("/api/targets/main/incidents?status=open")).json();
    for (const i of incidents) await request.post(`/api/incidents/${i.id}/close`, { data: { summary: "closed by the a11y spec before it starts" }, headers });
    res = await openOne();
  }
  expect(res.status(), await res.text()).toBe(200);
  incidentId = (await res.json()).id;
  await request.post(`/api/incidents/${incidentId}/steps`, { data: { stepKey: "0.1", checked: true, note: "announced" }, headers });
  await request.post(`/api/incidents/${incidentId}/notes`, { data: { text: "a note for the a11y spec" }, headers });
  await request.post("/api/tokens", { data: { name: "a11y-spec" }, headers });
  await request.dispose();
  await openSessions();
});

test.afterAll(async ({ playwright }) => {
  for (const c of clients) await c.end().catch(() => {});
  const request = await playwright.request.newContext({ baseURL: origin() });
  await apiLogin(request, "admin");
  const headers = { Origin: origin() };
  if (incidentId) await request.post(`/api/incidents/${incidentId}/close`, { data: { summary: "closed by the a11y spec" }, headers });
  const { tokens } = await (await request.get("/api/tokens")).json();
  for (const t of tokens ?? []) if (t.name === "a11y-spec" && !t.revokedAt) await request.delete(`/api/tokens/${t.id}`, { headers });
  await request.dispose();
});

const pageCase = (name: string) => PAGES.find((c) => c.name === name)!;

async function visit(page: Page, c: PageCase, width: number, height: number) {
  await page.setViewportSize({ width, height });
  if (!c.anonymous) expect((await apiLogin(page.request, "admin")).status()).toBe(200);
  await page.goto(c.path());
  await expect(c.ready(page)).toBeVisible(SLOW);
  await page.waitForTimeout(500); // lets polled panels render their first data
}

async function screenshot(page: Page, name: string) {
  const dir = process.env.A11Y_SHOTS;
  if (dir) await page.screenshot({ path: path.join(dir, `${name.replace(/\W+/g, "-")}.png`), fullPage: true });
}

for (const c of PAGES) {
  test(`${c.name}: no serious or critical axe violation at 1440×900`, async ({ page }) => {
    await visit(page, c, 1440, 900);
    await screenshot(page, `${c.name}-1440`);
    const found = await seriousViolations(page);
    expect(found, `${c.name} (${page.url()}):\n${found.join("\n")}`).toEqual([]);
  });

  test(`${c.name}: no horizontal page scroll and 24 px tap targets at 390×844`, async ({ page }) => {
    await visit(page, c, 390, 844);
    await screenshot(page, `${c.name}-390`);
    const width = await pageScrollWidth(page);
    expect(width, `${c.name} is ${width}px wide; sticking out: ${(await overflowingElements(page)).join(", ")}`).toBeLessThanOrEqual(391);
    const small = await seriousViolations(page, undefined, ["target-size"]); // WCAG 2.2 AA 2.5.8
    expect(small, `${c.name} tap targets:\n${small.join("\n")}`).toEqual([]);
  });
}

test("the close-incident and cancel confirmations are clean dialogs", async ({ page }) => {
  await visit(page, pageCase("live view"), 1440, 900);
  const bar = page.getByRole("region", { name: "Incident status", exact: true });
  await bar.getByRole("button", { name: "Close incident" }).click();
  const close = page.getByRole("dialog", { name: /^Close incident/ });
  await expect(close).toBeVisible();
  await screenshot(page, "close-incident-dialog");
  let found = await seriousViolations(page, "[role=dialog]");
  expect(found, `close-incident dialog:\n${found.join("\n")}`).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(close).toBeHidden();

  const row = page.locator("tr[data-pid]").filter({ hasText: `${APP}-sleeper` }).first();
  await row.getByRole("button", { name: /^Cancel pid \d+$/ }).click();
  const cancel = page.getByRole("dialog");
  await expect(cancel).toBeVisible();
  await screenshot(page, "cancel-dialog");
  found = await seriousViolations(page, "[role=dialog]");
  expect(found, `cancel dialog:\n${found.join("\n")}`).toEqual([]);
});

test("at 390×844 the header links sit behind a Menu disclosure; at 1440 they show", async ({ page }) => {
  await visit(page, pageCase("audit"), 390, 844);
  const menu = page.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("link", { name: "Admin", exact: true })).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const admin = page.getByRole("link", { name: "Admin", exact: true });
  expect((await admin.boundingBox())?.height ?? 0, "tap target height").toBeGreaterThanOrEqual(44);
  await admin.click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");

  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(menu).toBeHidden();
  await expect(page.getByRole("link", { name: "Audit", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Log out" })).toBeVisible();
});
