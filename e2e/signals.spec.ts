import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

const pgStamp = (d = new Date()) => d.toISOString().replace("T", " ").replace("Z", " UTC");
const odooStamp = (d = new Date()) => d.toISOString().replace("T", " ").replace("Z", "").replace(".", ",");

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

test("incident signals: lines written to the target's logs show up as counts and text, with each source's status", async ({ page }) => {
  const { logs } = readStack();
  await loginWithForm(page, "vera");
  await page.goto("/targets/main");
  await openTab(page, "Signals");
  const panel = page.getByRole("region", { name: "Incident signals", exact: true });
  await expect(panel).toBeVisible({ timeout: 10_000 });
  await expect(panel.getByLabel("Window")).toHaveValue("20");

  fs.appendFileSync(logs.postgres, `${pgStamp()} [4242] LOG:  server process (PID 4343) was terminated by signal 9: Killed\n${pgStamp()} [4244] LOG:  checkpoint complete\n`);
  fs.appendFileSync(
    logs.odoo,
    `${odooStamp()} 1241 ERROR odoo odoo.http: Exception during request handling.\nTraceback (most recent call last):\nMemoryError: <img src=x onerror="document.title='owned'">\n` +
      `${odooStamp()} 1241 INFO odoo werkzeug: 127.0.0.1 - - [26/Nov/2026 18:00:03] "POST /web/dataset/call_kw HTTP/1.1" 500 - 211 1.021 14.117\n`,
  );
  const counts = panel.getByRole("list", { name: "Signal counts" });
  // The console reads the logs every ~12 s and the panel polls every 5 s.
  await expect(counts).toContainText("terminated by signal 9", { timeout: 30_000 });
  await expect(counts).toContainText("HTTP 500", { timeout: 30_000 });
  await expect(counts.getByRole("listitem").filter({ hasText: "MemoryError" })).toHaveText(/^\d+ MemoryError$/);
  const lines = panel.getByRole("list", { name: "Latest signal lines" });
  await expect(lines).toContainText("was terminated by signal 9: Killed");
  await expect(lines).toContainText(`<img src=x onerror="document.title='owned'">`);
  await expect(panel.locator("img")).toHaveCount(0);
  await expect(lines).not.toContainText("checkpoint complete");

  const sources = panel.getByRole("list", { name: "Signal sources" });
  await expect(sources.getByRole("listitem").filter({ hasText: "PostgreSQL log" })).toContainText(`${logs.postgres} read`);
  await expect(sources.getByRole("listitem").filter({ hasText: "Odoo log" })).toContainText(`${logs.odoo} read`);
  await expect(sources.getByRole("listitem").filter({ hasText: "Kernel log" })).toBeVisible();

  await panel.getByLabel("Window").selectOption("5");
  await expect(panel).toContainText("Counts in the last 5 minutes");
  await expect(counts).toContainText("HTTP 500");
});

test("a target without log files says why PostgreSQL's own log is not read", async ({ page }) => {
  await loginWithForm(page, "vera");
  await page.goto("/targets/fragile");
  await openTab(page, "Signals");
  const sources = page.getByRole("region", { name: "Incident signals", exact: true }).getByRole("list", { name: "Signal sources" });
  const pgSource = sources.getByRole("listitem").filter({ hasText: "PostgreSQL log" });
  await expect(pgSource).toContainText("logging_collector is off", { timeout: 30_000 });
  await expect(sources.getByRole("listitem").filter({ hasText: "Odoo log" })).toContainText("odoo.logPath is not set in the config");
});
