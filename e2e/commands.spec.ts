import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ensureUsers, loginWithForm, origin } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

test("an operator pauses cron from the commands panel through the confirmation, sees its output, and finds it in the audit trail", async ({ page }) => {
  const stack = readStack();
  fs.rmSync(stack.commandMarker, { force: true });
  await loginWithForm(page, "oscar");
  await page.goto("/targets/main");
  await openTab(page, "Contain");
  const panel = page.getByRole("region", { name: "Containment commands", exact: true });

  // The admin-only command is visibly disabled for an operator, with the reason.
  await expect(panel.getByRole("button", { name: "Run Restart PostgreSQL" })).toBeDisabled({ timeout: 15_000 });
  await expect(panel.getByText("Requires the admin role (you are an operator)")).toBeVisible();
  const row = panel.getByRole("row", { name: /Pause Odoo cron/ });
  await expect(row).toContainText("Step 0.2");
  await expect(row).toContainText("operator");

  await row.getByRole("button", { name: "Run Pause Odoo cron" }).click();
  const dialog = page.getByRole("dialog", { name: "Run Pause Odoo cron?" });
  await expect(dialog.getByLabel("Command pause-cron")).toHaveText(`echo cron paused; touch ${stack.commandMarker}`);
  expect(fs.existsSync(stack.commandMarker)).toBe(false); // nothing runs before the confirmation
  await dialog.getByLabel("Reason").fill("e2e: stop the BI cron $(touch /tmp/never)");
  // Keyboard works: the confirm button names the command.
  await dialog.getByRole("button", { name: "Run pause-cron" }).focus();
  await page.keyboard.press("Enter");

  const done = page.getByRole("dialog", { name: "Pause Odoo cron" });
  await expect(done.getByText(/Exit 0 — succeeded in/)).toBeVisible({ timeout: 15_000 });
  await expect(done.getByLabel("Output (stdout)")).toHaveText("cron paused");
  expect(fs.existsSync(stack.commandMarker)).toBe(true);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(row).toContainText(/exit 0 in .* by oscar/, { timeout: 10_000 });

  // The server refuses the admin-only command anyway.
  const res = await page.request.post("/api/targets/main/commands/restart-postgresql/run", { data: { confirm: "restart-postgresql" }, headers: { Origin: origin() } });
  expect(res.status()).toBe(403);

  await page.goto("/audit");
  const entry = page.getByRole("row").filter({ hasText: "command.run" }).filter({ hasText: "oscar" }).first();
  await expect(entry).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText(/Chain intact/i)).toBeVisible();
});
