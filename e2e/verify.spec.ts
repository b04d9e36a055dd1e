import { expect, test } from "@playwright/test";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

/** Switches the Odoo stand-in's answer for GET /web/login. */
const odooAnswers = async (status: number) => {
  const r = await fetch(`${readStack().odooUrl}/status/${status}`, { method: "POST" });
  expect(r.status).toBe(200);
};

test("the recovery verification panel follows the Odoo login page going down and back", async ({ page }) => {
  // The server checks Odoo every 15 s unless TRIAGE_VERIFY_HTTP_MS is set for the run.
  test.setTimeout(90_000);
  await loginWithForm(page, "vera");
  await page.goto("/targets/main");
  await openTab(page, "Runbook");
  const panel = page.getByRole("region", { name: "Recovery verification", exact: true });
  await expect(panel).toBeVisible({ timeout: 10_000 });
  const line = (key: string) => panel.locator(`li[data-line="${key}"]`);

  await expect(line("postgres")).toContainText("up, pg_is_in_recovery false", { timeout: 10_000 });
  await expect(line("postgres")).toHaveAttribute("data-tone", "ok");
  await expect(line("oom")).toContainText(/no open incident|since the incident opened/);
  await expect(line("cron")).toContainText("not an Odoo database", { timeout: 40_000 });
  await expect(line("odoo")).toContainText(/HTTP 200 in \d+ ms/, { timeout: 25_000 });
  await expect(line("odoo")).toHaveAttribute("data-tone", "ok");
  try {
    await odooAnswers(503);
    await expect(line("odoo")).toContainText(/HTTP 503 in \d+ ms/, { timeout: 25_000 });
    await expect(line("odoo")).toHaveAttribute("data-tone", "bad");
  } finally {
    await odooAnswers(200);
  }
  await expect(line("odoo")).toContainText(/HTTP 200 in \d+ ms/, { timeout: 25_000 });
});
