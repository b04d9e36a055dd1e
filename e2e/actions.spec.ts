import { expect, test } from "@playwright/test";
import pg from "pg";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

/** A pg_sleep victim with its own application name; resolves its query's error code when it ends. */
async function openVictim(applicationName: string) {
  const client = new pg.Client({ connectionString: readStack().targets.main.url, application_name: applicationName });
  client.on("error", () => {});
  await client.connect();
  const pid: number = (await client.query("select pg_backend_pid() as pid")).rows[0].pid;
  const ended = client.query("select pg_sleep(300)").then(
    () => "finished",
    (e: { code?: string }) => e.code ?? "error",
  );
  return { pid, ended, close: () => client.end().catch(() => {}) };
}

test("an operator cancels a pg_sleep query from its row, sees the row go, and finds the entry in the audit trail", async ({ page }) => {
  const victim = await openVictim("e2e-victim-cancel");
  try {
    await loginWithForm(page, "oscar");
    await page.goto("/targets/main");
    await page.getByLabel("Application").fill("e2e-victim-cancel");
    const row = page.locator(`tr[data-pid="${victim.pid}"]`);
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    await row.getByRole("button", { name: `Cancel pid ${victim.pid}` }).click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toContainText(String(victim.pid));
    await expect(dialog).toContainText("e2e-victim-cancel");
    await dialog.getByLabel("Reason").fill("e2e: runaway report");
    // Keyboard works for the confirmation too.
    await dialog.getByRole("button", { name: `Cancel query of pid ${victim.pid}` }).focus();
    await page.keyboard.press("Enter");
    expect(await victim.ended).toBe("57014");
    // The session stays connected but is no longer active.
    await expect(row.getByText("active", { exact: true })).toHaveCount(0, { timeout: 10_000 });

    await page.goto("/audit");
    const entry = page.getByRole("row").filter({ hasText: "session.cancel" }).filter({ hasText: String(victim.pid) }).first();
    await expect(entry).toBeVisible({ timeout: 10_000 });
    await expect(entry).toContainText("oscar");
    await expect(page.getByText(/Chain intact/i)).toBeVisible();
  } finally {
    await victim.close();
  }
});

test("a viewer sees no enabled Cancel or Terminate button", async ({ page }) => {
  const victim = await openVictim("e2e-victim-viewer");
  try {
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    await page.getByLabel("Application").fill("e2e-victim-viewer");
    const row = page.locator(`tr[data-pid="${victim.pid}"]`);
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    const buttons = row.getByRole("button", { name: new RegExp(`^(Cancel|Terminate) pid ${victim.pid}$`) });
    const n = await buttons.count();
    for (let i = 0; i < n; i++) await expect(buttons.nth(i)).toBeDisabled();
    // And the server refuses anyway.
    const res = await page.request.post(`/api/targets/main/sessions/${victim.pid}/cancel`, {
      data: { backendStart: "2026-01-01 00:00:00+00" },
      headers: { Origin: readStack().baseURL },
    });
    expect(res.status()).toBe(403);
  } finally {
    await victim.close();
  }
});
