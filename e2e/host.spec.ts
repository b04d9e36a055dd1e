import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
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
    const host = page.getByRole("region", { name: "Host memory", exact: true });
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
    await expect(page.getByRole("region", { name: "OOM risk", exact: true })).toContainText(/available/);
  } finally {
    await client.end().catch(() => {});
  }
});

test("Odoo workers are compared with limit_memory_soft/hard by virtual size, as Odoo does", async ({ page }) => {
  // A stand-in Odoo worker: a python process whose command line names odoo (the probe's rule).
  const worker = spawn("python3", ["-c", "import time; time.sleep(120)", "odoo-e2e-worker"], { stdio: "ignore" });
  try {
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    const host = page.getByRole("region", { name: "Host memory", exact: true });
    await expect(host.getByTestId("odoo-limit-summary")).toContainText("0 Odoo workers over limit_memory_soft (2 GiB) · 0 at limit_memory_hard (2.5 GiB)", { timeout: 15_000 });
    await expect(host.getByText("Compared: virtual size (VSZ), as Odoo checks it, not RSS or PSS.")).toBeVisible();
    await expect(host.getByRole("columnheader", { name: "Odoo limits (VSZ)" })).toBeVisible();
  } finally {
    worker.kill("SIGKILL");
  }
});
