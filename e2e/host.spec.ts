import { expect, test } from "@playwright/test";
import pg from "pg";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

test("the host memory chart and the per-session memory column render from live data", async ({ page }) => {
  const client = new pg.Client({ connectionString: readStack().targets.main.url, application_name: "e2e-memory" });
  client.on("error", () => {});
  await client.connect();
  const pid: number = (await client.query("select pg_backend_pid() as pid")).rows[0].pid;
  try {
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    const host = page.getByRole("region", { name: "Host memory" });
    await expect(host).toBeVisible({ timeout: 10_000 });
    const chart = page.getByRole("figure", { name: "Memory chart" });
    await expect(chart).toBeVisible();
    // The chart grows from live probes.
    const points = async () => Number(await chart.getAttribute("data-points"));
    const first = await points();
    await expect.poll(points, { timeout: 10_000 }).toBeGreaterThan(first);
    await expect(chart).toContainText(/used \d/);

    await page.getByLabel("Application").fill("e2e-memory");
    const row = page.locator(`tr[data-pid="${pid}"]`);
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    await expect(page.getByRole("columnheader", { name: "Memory", exact: true })).toBeVisible();
    // This backend runs on this machine, so its resident memory is known: a size, not "—".
    await expect(row).toContainText(/\d+(\.\d+)? (KiB|MiB|GiB)/, { timeout: 10_000 });
    await expect(page.getByRole("region", { name: "OOM risk" })).toContainText(/available/);
  } finally {
    await client.end().catch(() => {});
  }
});
