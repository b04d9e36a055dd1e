import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { attachCluster } from "../lib/server/local-cluster";
import { loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";

test.beforeEach(async ({ page }) => loginWithForm(page, "admin"));

/** The sessions table (the host panel lists backends too). */
const sessionsRegion = (page: Page) => page.getByRole("region", { name: "Sessions", exact: true });

const stack = () => readStack();

/** A session held open by the test: a long query with the given text, on the given target. */
async function openSleeper(targetId: string, applicationName: string, select = "pg_sleep(120)") {
  const client = new pg.Client({ connectionString: stack().targets[targetId].url, application_name: applicationName });
  client.on("error", () => {});
  await client.connect();
  const pid: number = (await client.query("select pg_backend_pid() as pid")).rows[0].pid;
  client.query(`select ${select}`).catch(() => {});
  // Closing the socket does not stop a running pg_sleep: end the backend itself.
  const close = async () => {
    const admin = new pg.Client(stack().targets[targetId].url);
    await admin.connect();
    await admin.query("select pg_terminate_backend($1)", [pid]);
    await admin.end();
    await client.end().catch(() => {});
  };
  return { pid, close };
}

test("the overview lists every configured target with its status (route handlers see server.ts's monitors)", async ({ page }) => {
  const health = await (await page.request.get("/api/health")).json();
  expect(health.targets.map((t: { id: string }) => t.id).sort()).toEqual(["fragile", "main"]);
  await page.goto("/");
  await expect(page.getByRole("link", { name: /e2e main/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /e2e fragile/ })).toBeVisible();
});

test("a session the test opened appears in the live table with its pid and application", async ({ page }) => {
  const s = await openSleeper("main", "e2e-visible");
  try {
    await page.goto("/targets/main");
    const row = sessionsRegion(page).getByRole("row").filter({ hasText: "e2e-visible" });
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    await expect(row.getByRole("cell", { name: String(s.pid), exact: true })).toBeVisible();
    await expect(page.locator(`tr[data-pid="${s.pid}"]`)).toHaveCount(1);
    await expect(row).toContainText("active");
  } finally {
    await s.close();
  }
  // Gone from the table once the session closes.
  await expect(sessionsRegion(page).getByRole("row").filter({ hasText: "e2e-visible" })).toHaveCount(0, { timeout: 10_000 });
});

test("query text is rendered as text, never as HTML", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const payload = "<img src=x onerror=alert(1)>";
  const s = await openSleeper("main", "e2e-xss", `'${payload}' as x, pg_sleep(120)`);
  try {
    await page.goto("/targets/main");
    const row = sessionsRegion(page).getByRole("row").filter({ hasText: "e2e-xss" });
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    await expect(row).toContainText(payload);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    expect(dialogs).toEqual([]);
  } finally {
    await s.close();
  }
});

test("stopping the target marks the data stale and the target disconnected", async ({ page }) => {
  const t = stack().targets.fragile;
  await page.goto("/targets/fragile");
  await expect(page.getByRole("row").filter({ hasText: "pg-triage" }).first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText(/stale/i)).toHaveCount(0);
  const cluster = await attachCluster(t.kind, t.root, t.port);
  await cluster.stop();
  try {
    await expect(page.getByText(/stale/i).first()).toBeVisible({ timeout: 4 * stack().pollMs + 3000 });
    await expect(page.getByText(/disconnected/i).first()).toBeVisible();
  } finally {
    await cluster.start();
  }
  // And it recovers by itself.
  await expect(page.getByText(/stale/i)).toHaveCount(0, { timeout: 10_000 });
});

test("an unknown target is a 404 page, not a crash", async ({ page }) => {
  const res = await page.goto("/targets/does-not-exist");
  expect(res?.status()).toBe(404);
});
