import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

test.use({ viewport: { width: 1440, height: 900 } });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

const sessionsRegion = (page: Page) => page.getByRole("region", { name: "Sessions", exact: true });

/** A session on the main target running `sql`; `ended` resolves to its SQLSTATE when the query fails. */
async function openSession(applicationName: string, sql: string, setup: string[] = []) {
  const client = new pg.Client({ connectionString: readStack().targets.main.url, application_name: applicationName });
  client.on("error", () => {});
  await client.connect();
  for (const s of setup) await client.query(s);
  const pid: number = (await client.query("select pg_backend_pid() as pid")).rows[0].pid;
  const ended = client.query(sql).then(
    () => "finished",
    (e: { code?: string }) => e.code ?? "error",
  );
  const close = async () => {
    const admin = new pg.Client(readStack().targets.main.url);
    await admin.connect();
    await admin.query("select pg_terminate_backend($1)", [pid]);
    await admin.end();
    await client.end().catch(() => {});
  };
  return { pid, ended, close };
}

test("at 1440x900 the Query column of a session is on screen without scrolling the table sideways", async ({ page }) => {
  const s = await openSession("e2e-dense", "select pg_sleep(60) /* e2e-dense-marker */");
  try {
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    const row = page.locator(`tr[data-pid="${s.pid}"]`);
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    await row.scrollIntoViewIfNeeded();
    const query = row.locator("code", { hasText: "e2e-dense-marker" });
    await expect(query).toBeVisible();
    const box = (await query.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1440);
    await expect(query).toHaveAttribute("title", "select pg_sleep(60) /* e2e-dense-marker */");
    // The table fits its box: nothing to scroll sideways, and the page does not overflow either.
    const scroller = sessionsRegion(page).locator("table").locator("xpath=..");
    const overflow = await scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
    for (const name of ["PID", "State", "Running", "Memory", "Query"]) {
      await expect(sessionsRegion(page).getByRole("columnheader", { name, exact: true })).toBeVisible();
    }
  } finally {
    await s.close();
  }
});

test("background processes are hidden by default and shown by the toggle", async ({ page }) => {
  await loginWithForm(page, "vera");
  await page.goto("/targets/main");
  const region = sessionsRegion(page);
  const toggle = region.getByRole("checkbox", { name: /^Show background processes \(\d+\)$/ });
  await expect(toggle).not.toBeChecked({ timeout: 10_000 });
  const checkpointer = region.getByRole("row").filter({ hasText: "checkpointer" });
  await expect(region.getByRole("row").filter({ hasText: "pg-triage" }).first()).toBeVisible();
  await expect(checkpointer).toHaveCount(0);
  await toggle.check();
  await expect(checkpointer).toHaveCount(1);
  await expect(region.getByRole("row").filter({ hasText: "autovacuum launcher" })).toHaveCount(1);
  await toggle.uncheck();
  await expect(checkpointer).toHaveCount(0);
});

test("keyboard: j/k move between rows, c opens Cancel for the focused pid, Enter confirms, the query gets 57014", async ({ page }) => {
  const first = await openSession("e2e-keys-a", "select pg_sleep(300)");
  const second = await openSession("e2e-keys-b", "select pg_sleep(300)");
  try {
    await loginWithForm(page, "oscar");
    await page.goto("/targets/main");
    await page.getByLabel("Application").fill("e2e-keys-");
    const rows = sessionsRegion(page).locator("tbody tr[data-pid]");
    await expect(rows).toHaveCount(2, { timeout: 10_000 });
    const pids = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute("data-pid"))))) as number[];
    await rows.first().focus();
    await page.keyboard.press("j");
    await expect(rows.nth(1)).toBeFocused();
    await page.keyboard.press("k");
    await expect(rows.first()).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(rows.nth(1)).toBeFocused();
    const target = pids[1];
    const victim = target === first.pid ? first : second;
    expect([first.pid, second.pid]).toContain(target);

    await page.keyboard.press("c");
    const dialog = page.getByRole("dialog", { name: `Cancel the query of pid ${target}?` });
    await expect(dialog).toBeVisible();
    // Keys belong to the dialog now: j does not move the table behind it.
    await page.keyboard.press("j");
    await dialog.getByRole("button", { name: `Cancel query of pid ${target}` }).focus();
    await page.keyboard.press("Enter");
    expect(await victim.ended).toBe("57014");
    await expect(dialog).toHaveCount(0);
  } finally {
    await first.close();
    await second.close();
  }
});

test("? opens the keyboard help, / focuses the search, and typing in a field is not a shortcut", async ({ page }) => {
  await loginWithForm(page, "vera");
  await page.goto("/targets/main");
  await expect(sessionsRegion(page).getByRole("row").filter({ hasText: "pg-triage" }).first()).toBeVisible({ timeout: 10_000 });
  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const text of ["Next session", "Cancel the focused session's query", "Terminate the focused session", "Search sessions"]) await expect(help).toContainText(text);
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  await page.keyboard.press("/");
  const search = sessionsRegion(page).getByRole("searchbox", { name: "Search" });
  await expect(search).toBeFocused();
  await page.keyboard.type("?/c");
  await expect(search).toHaveValue("?/c");
  await expect(help).toHaveCount(0);
});

test("parallel workers sit under their leader: a count, expandable, never top-level rows", async ({ page }) => {
  const admin = new pg.Client(readStack().targets.main.url);
  await admin.connect();
  await admin.query("create table if not exists e2e_parallel as select g as id from generate_series(1, 1000000) g");
  await admin.query("analyze e2e_parallel");
  await admin.end();
  const leader = await openSession("e2e-parallel", "select count(*) from e2e_parallel where pg_sleep(0.0001) is not null", [
    "set max_parallel_workers_per_gather = 2",
    "set parallel_setup_cost = 0",
    "set parallel_tuple_cost = 0",
  ]);
  try {
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    await page.getByLabel("Application").fill("e2e-parallel");
    const region = sessionsRegion(page);
    const toggle = region.getByRole("button", { name: `+2 parallel workers of pid ${leader.pid}` });
    await expect(toggle).toBeVisible({ timeout: 10_000 });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    // Only the leader is a row: its workers (same application) are folded into the count.
    await expect(region.locator("tbody tr[data-pid]")).toHaveCount(1);
    await toggle.click();
    const workers = region.locator("tbody tr[data-pid]");
    await expect(workers).toHaveCount(3);
    await expect(workers.nth(1)).toContainText("parallel worker");
  } finally {
    await leader.close();
  }
});

test("at 390 px the page does not overflow sideways: the table scrolls inside its own box", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginWithForm(page, "vera");
  await page.goto("/targets/main");
  const region = sessionsRegion(page);
  // Narrow: user and application fold into the expanded row; the pid, state and query stay.
  await expect(region.locator("tbody tr[data-pid]").first()).toBeVisible({ timeout: 10_000 });
  const box = (await region.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  expect(await region.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await expect(region.getByRole("columnheader", { name: "Query", exact: true })).toBeAttached();
});

test("under the pointer the order holds: new rows wait behind 'N changes — refresh', rows that left show as gone", async ({ page }) => {
  const a = await openSession("e2e-hold-a", "select pg_sleep(300)");
  let b: Awaited<ReturnType<typeof openSession>> | null = null;
  try {
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    await page.getByLabel("Application").fill("e2e-hold-");
    const region = sessionsRegion(page);
    const rowA = region.locator(`tr[data-pid="${a.pid}"]`);
    await expect(rowA).toHaveCount(1, { timeout: 10_000 });
    await rowA.hover();
    await expect(region.getByText("Order held while you work on the table")).toBeVisible();
    b = await openSession("e2e-hold-b", "select pg_sleep(300)");
    const refresh = region.getByRole("button", { name: /^1 change — refresh$/ });
    await expect(refresh).toBeVisible({ timeout: 10_000 });
    await expect(region.locator(`tr[data-pid="${b.pid}"]`)).toHaveCount(0);
    await a.close();
    await expect(rowA).toHaveAttribute("data-gone", "true", { timeout: 10_000 });
    await expect(rowA).toContainText("gone");
    await expect(region.getByRole("button", { name: /^2 changes — refresh$/ })).toBeVisible();
    await region.getByRole("button", { name: /changes — refresh$/ }).click();
    await expect(region.locator(`tr[data-pid="${b.pid}"]`)).toHaveCount(1);
    await expect(rowA).toHaveCount(0);
  } finally {
    await a.close();
    await b?.close();
  }
});

test("a pid link elsewhere on the page (the host's process table) switches off the hiding filter, scrolls to the row, rings and focuses it", async ({ page }) => {
  // ~200 MiB of local buffers: high enough in the host's process list (top 50 by memory) to be listed there.
  const s = await openSession("e2e-focus-me", "insert into big select repeat('x', 1000) from generate_series(1, 180000)", [
    "set temp_buffers = '300MB'",
    "create temp table big (t text)",
  ]);
  try {
    expect(await s.ended).toBe("finished");
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    await page.getByLabel("Application").fill("nothing-matches-this");
    await openTab(page, "Memory");
    const link = page.getByRole("region", { name: "Host memory", exact: true }).getByRole("button", { name: `Show session pid ${s.pid}` });
    await expect(link).toBeVisible({ timeout: 15_000 });
    await link.click();
    await expect(page.getByLabel("Application")).toHaveValue("");
    const row = sessionsRegion(page).locator(`tr[data-pid="${s.pid}"]`);
    await expect(row).toBeFocused();
    await expect(row).toBeInViewport();
    await expect(row).toHaveClass(/outline-amber-400/);
  } finally {
    await s.close();
  }
});
