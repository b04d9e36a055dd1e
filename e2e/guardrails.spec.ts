import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

/** Runs one statement on the "main" target as `user` in a NEW session (ALTER ROLE SET reaches new sessions only). */
async function inNewSession<T extends pg.QueryResultRow>(user: string, sql: string): Promise<T[]> {
  const url = new URL(readStack().targets.main.url);
  url.username = user;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const show = async (setting: string) => (await inNewSession<Record<string, string>>("odoo", `show ${setting}`))[0][setting];
const kb = (v: string) => {
  const m = /^(\d+)(kB|MB|GB)$/.exec(v);
  if (!m) throw new Error(`not a memory value: ${v}`);
  return Number(m[1]) * { kB: 1, MB: 1024, GB: 1024 * 1024 }[m[2] as "kB"];
};

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
  // The runbook's subject: an Odoo login role with no per-role settings yet.
  await inNewSession("postgres", "do $$ begin if not exists (select from pg_roles where rolname = 'odoo') then create role odoo login; end if; end $$");
  await inNewSession("postgres", "alter role odoo reset all");
  await inNewSession("postgres", "alter role odoo in database postgres reset all");
});

async function openPanel(page: Page, user: string) {
  await loginWithForm(page, user);
  await page.goto("/targets/main");
  await openTab(page, "Contain");
  const panel = page.getByRole("region", { name: "Guardrails", exact: true });
  await expect(panel.getByText(/holds? the helm|Nobody holds the helm/)).toBeVisible({ timeout: 15_000 });
  return panel;
}

test("an operator takes the helm, applies the emergency profile for odoo (never a raise), sees it in force, and reverts all", async ({ page }) => {
  const baseline = { work_mem: await show("work_mem"), statement_timeout: await show("statement_timeout") };
  const panel = await openPanel(page, "oscar");

  // Without the helm, parameter changes are disabled with the reason.
  await expect(panel.getByRole("button", { name: "Emergency profile…" })).toBeDisabled();
  await expect(panel.getByText("Take the helm to change parameters").first()).toBeVisible();
  const take = panel.getByRole("button", { name: "Take the helm", exact: true });
  const takeFrom = panel.getByRole("button", { name: /^Take the helm from / });
  if (await takeFrom.isVisible()) {
    await takeFrom.click();
    await page.getByRole("dialog").getByRole("button", { name: /^Take the helm from / }).click();
  } else if (await take.isVisible()) {
    await take.click();
  }
  await expect(panel.getByText(/You hold the helm/)).toBeVisible();
  await expect(panel.getByRole("button", { name: "Release the helm" })).toBeEnabled();

  await panel.getByRole("button", { name: "Emergency profile…" }).click();
  const dialog = page.getByRole("dialog", { name: "Emergency profile (runbook 2.3)" });
  await expect(dialog.getByLabel("Role")).toHaveValue("odoo");
  await dialog.getByLabel("Database").fill("postgres");
  // Empty fields: computed by the server from the value in force, shown with how.
  await expect(dialog.getByLabel("work_mem")).toHaveValue("");
  await expect(dialog.getByLabel("work_mem")).toHaveAttribute("placeholder", /never a raise/);
  const workMemRow = dialog.getByRole("row", { name: /^work_mem/ });
  await expect(workMemRow).toContainText(`half of the ${baseline.work_mem} in force (server)`, { timeout: 10_000 });
  await expect(workMemRow).toContainText("from server");
  await expect(workMemRow).toContainText("lower");
  await expect(dialog.getByRole("row", { name: /^statement_timeout/ })).toContainText("60s");
  await dialog.getByRole("button", { name: "Apply emergency profile" }).click();
  await expect(dialog).toHaveCount(0);

  // Told that only new sessions get it, and it shows in force and in the rollback view.
  await expect(panel.getByText(/sessions? of odoo started before the change \(\d+ idle\)/)).toBeVisible();
  const odoo = panel.locator('tbody[data-role="odoo"]');
  await expect(odoo.getByRole("row").filter({ hasText: "work_mem" })).toContainText("pg-triage", { timeout: 10_000 });
  await expect(panel.getByRole("button", { name: "Revert work_mem for odoo" })).toBeVisible();
  expect(kb(await show("work_mem"))).toBeLessThan(kb(baseline.work_mem));
  expect(await show("statement_timeout")).toBe("1min");
  expect(await show("idle_in_transaction_session_timeout")).toBe("2min");

  await panel.getByRole("button", { name: "Revert all" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revert all" }).click();
  await expect(panel.getByText("No active guardrails.")).toBeVisible({ timeout: 10_000 });
  await expect(odoo.getByRole("row").filter({ hasText: "work_mem" })).toHaveCount(0);
  expect(await show("work_mem")).toBe(baseline.work_mem);
  expect(await show("statement_timeout")).toBe(baseline.statement_timeout);

  await panel.getByRole("button", { name: "Release the helm" }).click();
  await expect(panel.getByText("Nobody holds the helm")).toBeVisible();
});

test("a value changed outside pg-triage is shown as a conflict and only overwritten when asked", async ({ page }) => {
  const baseline = await show("work_mem");
  const panel = await openPanel(page, "oscar");
  const take = panel.getByRole("button", { name: "Take the helm", exact: true });
  if (await take.isVisible()) await take.click();
  await expect(panel.getByText(/You hold the helm/)).toBeVisible();

  const form = panel.getByRole("form", { name: "Apply a guardrail" });
  await form.getByLabel("Role").fill("odoo");
  await form.getByLabel("Database (optional)").fill("postgres");
  await form.getByLabel("Setting").selectOption("work_mem");
  // The server names a malformed value; nothing is applied.
  await form.getByLabel("Value").fill("64MB; RESET ALL");
  await form.getByRole("button", { name: "Apply guardrail" }).click();
  await expect(form.getByRole("alert")).toContainText("value");
  await form.getByLabel("Value").fill("32MB");
  await form.getByLabel("Reason").fill("e2e: conflict");
  await form.getByRole("button", { name: "Apply guardrail" }).click();
  // 32MB is above the value in force: the server refuses until it is confirmed in its own dialog.
  const raise = page.getByRole("dialog", { name: "Raise work_mem during a memory incident?" });
  await expect(raise).toContainText(`32MB is above the ${baseline} in force (server)`);
  await raise.getByRole("button", { name: "Raise work_mem to 32MB" }).click();
  await expect(raise).toHaveCount(0);
  await expect(panel.getByRole("button", { name: "Revert work_mem for odoo" })).toBeVisible({ timeout: 10_000 });
  expect(await show("work_mem")).toBe("32MB");

  await inNewSession("postgres", "alter role odoo in database postgres set work_mem = '48MB'");
  await expect(panel.getByText("changed outside pg-triage", { exact: true })).toBeVisible({ timeout: 10_000 });
  await panel.getByRole("button", { name: "Revert work_mem for odoo" }).click();
  const dialog = page.getByRole("dialog", { name: "Changed outside pg-triage" });
  await expect(dialog).toContainText("32MB");
  await expect(dialog).toContainText("48MB");
  await dialog.getByRole("button", { name: "Overwrite with the prior value" }).click();
  await expect(panel.getByText("No active guardrails.")).toBeVisible({ timeout: 10_000 });
  expect(await show("work_mem")).toBe(baseline);

  // CONNECTION LIMIT: per role, in force and in the rollback section like the others.
  await form.getByLabel("Database (optional)").fill("");
  await form.getByLabel("Setting").selectOption("connection_limit");
  await form.getByLabel("Value").fill("50");
  await form.getByRole("button", { name: "Apply guardrail" }).click();
  const odoo = panel.locator('tbody[data-role="odoo"]');
  await expect(odoo.getByRole("row").filter({ hasText: "connection_limit" })).toContainText("pg-triage", { timeout: 10_000 });
  expect((await inNewSession<{ n: number }>("postgres", "select rolconnlimit as n from pg_roles where rolname = 'odoo'"))[0].n).toBe(50);
  await panel.getByRole("button", { name: "Revert connection_limit for odoo" }).click();
  await expect(panel.getByText("No active guardrails.")).toBeVisible({ timeout: 10_000 });
  expect((await inNewSession<{ n: number }>("postgres", "select rolconnlimit as n from pg_roles where rolname = 'odoo'"))[0].n).toBe(-1);
  await panel.getByRole("button", { name: "Release the helm" }).click();
});

test("a viewer sees who holds the helm but no enabled parameter change", async ({ page }) => {
  const panel = await openPanel(page, "vera");
  await expect(panel.getByRole("button", { name: "Emergency profile…" })).toBeDisabled();
  await expect(panel.getByRole("button", { name: "Apply guardrail" })).toBeDisabled();
  await expect(panel.getByRole("button", { name: /^Take the helm/ })).toBeDisabled();
});
