// The triage cockpit as a new incident commander meets it at 1440x900: the culprit of a lock pile-up
// is the first actionable row of the first screen, its action works from there, pids lead to their
// rows, and the keyboard reaches Cancel in a handful of presses.
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";

test.use({ viewport: { width: 1440, height: 900 } });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

type Outcome = "finished" | string;
const opened: pg.Client[] = [];

async function connect(app: string): Promise<pg.Client & { pid: number }> {
  const c = new pg.Client({ connectionString: readStack().targets.main.url, application_name: app });
  c.on("error", () => {});
  await c.connect();
  opened.push(c);
  const pid: number = (await c.query("select pg_backend_pid() as pid")).rows[0].pid;
  return Object.assign(c, { pid });
}

/** Runs a statement in the background; resolves "finished" or its SQLSTATE. */
const background = (c: pg.Client, sql: string): Promise<Outcome> =>
  c.query(sql).then(
    () => "finished",
    (e: { code?: string }) => e.code ?? "error",
  );

test.afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.end().catch(() => {})));
});

async function pileUp(table: string, blockerSql: string) {
  const admin = await connect("e2e-cockpit-admin");
  await admin.query(`drop table if exists ${table}; create table ${table}(id int primary key, n int); insert into ${table} values (1, 0)`);
  const blocker = await connect("e2e-cockpit-blocker");
  await blocker.query(`begin; update ${table} set n = n + 1 where id = 1`);
  const blockerRun = blockerSql ? background(blocker, blockerSql) : Promise.resolve<Outcome>("idle");
  const waiters = await Promise.all(Array.from({ length: 5 }, (_, i) => connect(`e2e-cockpit-waiter-${i}`)));
  const waited = waiters.map((w) => background(w, `update ${table} set n = n + 1 where id = 1`));
  return { admin, blocker, blockerRun, waiters, waited };
}

/** The first row of the Suspects table, and whether it and its buttons lie inside the first viewport. */
async function firstSuspect(page: Page) {
  const row = page.locator("tr[data-suspect-pid]").first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  return row;
}

test("lock pile-up: the idle-in-transaction blocker is the first actionable row on the first screen; terminating it there frees the waiters, none of them signalled", async ({ page }) => {
  const p = await pileUp("e2e_cockpit_pileup", "");
  const idle = await Promise.all(Array.from({ length: 150 }, (_, i) => connect(`e2e-cockpit-idle-${i}`)));
  expect(idle).toHaveLength(150);

  await loginWithForm(page, "oscar");
  await page.goto("/targets/main");
  const row = await firstSuspect(page);
  await expect(row).toHaveAttribute("data-suspect-pid", String(p.blocker.pid), { timeout: 15_000 });
  await expect(row).toContainText("blocks 5 sessions");
  await expect(page.getByText(`5 waiting behind pid ${p.blocker.pid}`)).toBeVisible();
  // No waiter is offered as a suspect of its own.
  for (const w of p.waiters) await expect(page.locator(`tr[data-suspect-pid="${w.pid}"]`)).toHaveCount(0);

  const terminate = row.getByRole("button", { name: `Terminate pid ${p.blocker.pid}` });
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  const box = (await terminate.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(900); // on the first screen, no scrolling
  await terminate.click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Cancel is not offered");
  await dialog.getByRole("button", { name: `Terminate pid ${p.blocker.pid}` }).click();

  expect(await Promise.all(p.waited)).toEqual(["finished", "finished", "finished", "finished", "finished"]);
  const n = (await p.admin.query("select n from e2e_cockpit_pileup where id = 1")).rows[0].n;
  expect(n).toBe(5); // the blocker's update rolled back; every waiter's went through
  await expect(page.locator(`tr[data-suspect-pid="${p.blocker.pid}"]`)).toHaveCount(0, { timeout: 10_000 });
});

test("a pid in the Longest active query card leads to its highlighted row; the keyboard cancels a blocking query in a handful of presses", async ({ page }) => {
  // An active blocker: its query runs while its transaction holds the row a waiter needs.
  const p = await pileUp("e2e_cockpit_keys", "select pg_sleep(300)");
  await loginWithForm(page, "oscar");
  await page.goto("/targets/main");
  const row = await firstSuspect(page);
  await expect(row).toHaveAttribute("data-suspect-pid", String(p.blocker.pid), { timeout: 15_000 });

  // From the top of a fresh page, Tab alone reaches this blocker's Cancel (it took 89 presses before the cockpit).
  await page.reload();
  await expect(page.locator("tr[data-suspect-pid]").first()).toHaveAttribute("data-suspect-pid", String(p.blocker.pid), { timeout: 15_000 });
  let presses = 0;
  const cancelName = `Cancel pid ${p.blocker.pid}`;
  while (presses < 25 && (await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))) !== cancelName) {
    await page.keyboard.press("Tab");
    presses++;
  }
  expect(presses).toBeLessThan(25);
  console.log(`Tab presses from the page to ${cancelName}: ${presses}`);

  // The card names the longest running query (not a lock waiter); its pid leads to the row.
  const card = page.locator("dl[aria-label=Health] > div").filter({ hasText: "Longest active query" });
  const link = card.getByRole("button", { name: /^Show session pid \d+$/ });
  const pid = Number((await link.textContent())!.replace(/\D/g, ""));
  expect(p.waiters.map((w) => w.pid)).not.toContain(pid);
  await link.click();
  await expect(page.getByRole("tab", { name: /^Sessions/ })).toHaveAttribute("aria-selected", "true");
  const target = page.locator(`tr[data-pid="${pid}"]`);
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();

  // Focus → c → confirm: from the blocker's row in the sessions table.
  await page.locator(`tr[data-suspect-pid="${p.blocker.pid}"]`).getByRole("button", { name: `Show session pid ${p.blocker.pid}` }).click();
  await expect(page.locator(`tr[data-pid="${p.blocker.pid}"]`)).toBeFocused();
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: `Cancel query of pid ${p.blocker.pid}` })).toBeVisible();
  await expect(dialog.getByLabel("Reason")).toBeFocused(); // Enter in the field confirms: c, Enter is the whole cancel
  await page.keyboard.press("Enter");
  expect(await p.blockerRun).toBe("57014");
  // The cancel aborted the blocker's transaction: the waiters proceed once it rolls back.
  await p.blocker.query("rollback");
  expect(await Promise.all(p.waited)).toEqual(["finished", "finished", "finished", "finished", "finished"]);
});

test("the rest is one key or click away: tabs by arrow keys, / searches sessions from any tab, a filter survives a look at another tab", async ({ page }) => {
  await loginWithForm(page, "vera");
  await page.goto("/targets/main#memory");
  await expect(page.getByRole("tab", { name: "Memory" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("tab", { name: "Memory" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Contain" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("region", { name: "Guardrails", exact: true })).toBeVisible();
  await page.keyboard.press("/"); // focus is on the Contain tab: not typing, so a shortcut
  await expect(page.getByRole("tab", { name: /^Sessions/ })).toHaveAttribute("aria-selected", "true");
  const search = page.getByRole("searchbox", { name: "Search" });
  await expect(search).toBeFocused();
  await search.fill("kept-filter");
  await page.getByRole("tab", { name: "History" }).click();
  await page.getByRole("tab", { name: /^Sessions/ }).click();
  await expect(search).toHaveValue("kept-filter");
});
