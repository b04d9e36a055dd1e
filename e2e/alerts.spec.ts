import fs from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

/** A session left idle in transaction on the "main" target. */
async function idleInTransaction(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: readStack().targets.main.url, application_name: "e2e-alert-idle-tx" });
  c.on("error", () => {});
  await c.connect();
  await c.query("begin; select 1");
  return c;
}

const firingPosts = () => {
  const file = readStack().webhookLog;
  const lines = fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").filter(Boolean) : [];
  return lines.map((l) => JSON.parse(l)).filter((b) => b.rule === "idle_in_transaction_count" && b.state === "firing");
};

test("three sessions idle in transaction raise the banner and one webhook POST; the banner goes when they end and says what cleared", async ({ page }) => {
  await loginWithForm(page, "vera");
  await page.goto("/targets/main");
  const banner = page.getByRole("alert", { name: "Firing alerts" });
  await expect(banner).toHaveCount(0);
  const before = firingPosts().length;
  const sessions = [await idleInTransaction(), await idleInTransaction(), await idleInTransaction()];
  try {
    await expect(banner).toContainText(/sessions idle in transaction: [3-9] > 2/, { timeout: 10_000 });
    await expect.poll(() => firingPosts().length, { timeout: 10_000 }).toBe(before + 1);
    expect(firingPosts().at(-1)).toMatchObject({ targetId: "main", threshold: 2, text: expect.stringContaining("FIRING e2e main") });
  } finally {
    await Promise.all(sessions.map((s) => s.end().catch(() => {})));
  }
  await expect(banner).toHaveCount(0, { timeout: 10_000 });
  const cleared = page.getByRole("region", { name: "Cleared alerts" });
  await expect(cleared).toContainText(/cleared: sessions idle in transaction now [0-2], threshold 2 \(at \d\d:\d\d:\d\d\)/, { timeout: 10_000 });
});

test("the metric history region shows stored points and switches range", async ({ page }) => {
  await loginWithForm(page, "vera");
  await page.goto("/targets/main");
  await openTab(page, "History");
  const region = page.getByRole("region", { name: "Metric history", exact: true });
  await expect(region).toBeVisible();
  const group = region.getByRole("group", { name: "History range" });
  await group.getByRole("button", { name: "15 min" }).click();
  await expect(group.getByRole("button", { name: "15 min" })).toHaveAttribute("aria-pressed", "true");
  // Samples are written every 5 s by default; the panel refreshes every 12 s.
  const chart = region.getByRole("figure", { name: "Sessions by state history chart" });
  await expect(chart).toHaveAttribute("data-points", /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(region.getByRole("figure", { name: "MemAvailable history chart" })).toBeVisible();
  await group.getByRole("button", { name: "14 days" }).click();
  await expect(group.getByRole("button", { name: "14 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(region.getByText(/per point/)).toContainText("2020 s per point", { timeout: 10_000 });
});
