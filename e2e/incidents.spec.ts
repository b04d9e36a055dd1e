import { expect, test, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { apiLogin, ensureUsers, loginWithForm, origin } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

// Two cores shared with other builds: mutations answer slower than on an idle machine.
const SLOW = { timeout: 20_000 };
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

/** The live view of "main" with the incident bar loaded; an incident another spec left open is closed first. */
async function openLiveView(page: Page, user: string): Promise<{ bar: Locator; runbook: Locator }> {
  await loginWithForm(page, user);
  await page.goto("/targets/main");
  const bar = page.getByRole("region", { name: "Incident status", exact: true });
  await expect(bar.getByText(/No open incident|opened by/)).toBeVisible({ timeout: 15_000 });
  await openTab(page, "Runbook");
  return { bar, runbook: page.getByRole("region", { name: "Runbook checklist", exact: true }) };
}

async function closeLeftover(page: Page, bar: Locator) {
  if (!(await bar.getByRole("link", { name: "Incident page" }).isVisible())) return;
  await bar.getByRole("button", { name: "Close incident" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Summary").fill("closed by the incidents spec before it starts");
  await dialog.getByRole("button", { name: "Close incident" }).click();
  await expect(bar.getByRole("button", { name: "Open incident" })).toBeVisible(SLOW);
}

test("an operator opens an incident from the live view, ticks a step with a note, and closes it with a summary", async ({ page }) => {
  const { bar, runbook } = await openLiveView(page, "oscar");
  await closeLeftover(page, bar);
  await expect(runbook.getByText("Open an incident to check steps")).toBeVisible();
  await expect(runbook.getByRole("checkbox", { name: "3.1 No ongoing OOM kills" })).toBeDisabled();

  await bar.getByRole("button", { name: "Open incident" }).click();
  const open = page.getByRole("dialog", { name: "Open an incident" });
  await expect(open.getByRole("button", { name: "Open incident" })).toBeDisabled();
  await open.getByLabel("Title").fill("e2e: Odoo workers OOM-killed");
  await open.getByLabel("Severity").selectOption("sev1");
  await open.getByRole("button", { name: "Open incident" }).click();
  await expect(open).toBeHidden(SLOW);
  await expect(bar.getByText("e2e: Odoo workers OOM-killed")).toBeVisible(SLOW);
  await expect(bar.getByText("sev1")).toBeVisible();
  await expect(bar.getByText(/opened by oscar/)).toBeVisible();
  const href = await bar.getByRole("link", { name: "Incident page" }).getAttribute("href");
  const id = /^\/incidents\/([0-9a-f-]{36})$/.exec(href ?? "")?.[1];
  expect(id, `incident link ${href}`).toBeTruthy();

  // The checklist is live evidence beside the steps; 3.1 shows what the host's oom_kill counter says.
  await expect(runbook.getByRole("list", { name: "Evidence for 3.1" })).toContainText(/oom_kill|host/, SLOW);
  await runbook.getByLabel("Note for 3.1").fill("no kills since the workers were capped");
  const step = runbook.getByRole("checkbox", { name: "3.1 No ongoing OOM kills" });
  await step.check();
  await expect(step).toBeChecked(SLOW);
  await expect(runbook.getByText(/Checked by oscar/)).toBeVisible(SLOW);
  await expect(runbook.getByText("— no kills since the workers were capped")).toBeVisible();

  await bar.getByRole("button", { name: "Close incident" }).click();
  const close = page.getByRole("dialog", { name: /^Close incident/ });
  await expect(close.getByRole("button", { name: "Close incident" })).toBeDisabled();
  await close.getByLabel("Summary").fill("workers capped at 1, guardrails applied, no OOM for 10 min");
  await close.getByRole("button", { name: "Close incident" }).click();
  await expect(bar.getByRole("button", { name: "Open incident" })).toBeVisible(SLOW);
  await expect(runbook.getByText("Open an incident to check steps")).toBeVisible(SLOW);

  // What the reviewer reads: the step with its note and the evidence of that moment, the summary.
  const detail = await (await page.request.get(`/api/incidents/${id}`)).json();
  expect(detail.incident).toMatchObject({ status: "closed", severity: "sev1", openedBy: "oscar", closedBy: "oscar", summary: "workers capped at 1, guardrails applied, no OOM for 10 min" });
  const checked = detail.checklist.find((s: { key: string }) => s.key === "3.1");
  expect(checked).toMatchObject({ checked: true, by: "oscar", note: "no kills since the workers were capped", evidenceAtCheck: [{ kind: "oom_quiet" }] });
});

test("a viewer sees the incident and the checklist but every control is disabled with the reason", async ({ page, playwright }) => {
  const oscar = await playwright.request.newContext({ baseURL: readStack().baseURL });
  expect((await apiLogin(oscar, "oscar")).status()).toBe(200);
  const res = await oscar.post("/api/targets/main/incidents", { data: { title: "e2e: viewer check", severity: "sev3" }, headers: { Origin: origin() } });
  expect(res.status()).toBe(200);
  const { id } = await res.json();
  try {
    const { bar, runbook } = await openLiveView(page, "vera");
    await expect(bar.getByText("e2e: viewer check")).toBeVisible(SLOW);
    await expect(bar.getByRole("button", { name: "Close incident" })).toBeDisabled();
    await expect(bar.getByText(/operator/i)).toBeVisible();
    await expect(runbook.getByRole("checkbox", { name: "3.2 PostgreSQL health" })).toBeDisabled();
    await expect(runbook.getByLabel("Note for 3.2")).toHaveCount(0);
    await expect(runbook.getByText(/read-only for you/)).toBeVisible();
  } finally {
    await oscar.post(`/api/incidents/${id}/close`, { data: { summary: "viewer spec done" }, headers: { Origin: origin() } });
    await oscar.dispose();
  }
  await page.reload();
  await expect(page.getByRole("region", { name: "Incident status", exact: true }).getByRole("button", { name: "Open incident" })).toBeDisabled();
});

// A zone that is not UTC, so local and UTC times differ on any machine.
test.describe("in New York", () => {
test.use({ timezoneId: "America/New_York" });
test("an incident opened after a cancel and a guardrail change adopts both: report, impact table, one audit row per action", async ({ page }) => {
  const headers = { Origin: origin() };
  const victim = new pg.Client({ connectionString: readStack().targets.main.url, application_name: "e2e-adopt-victim" });
  victim.on("error", () => {});
  await victim.connect();
  const pid: number = (await victim.query("select pg_backend_pid() as pid")).rows[0].pid;
  const ended = victim.query("select pg_sleep(300) /* adopted */").then(() => "finished", (e: { code?: string }) => e.code ?? "error");
  const admin = new pg.Client({ connectionString: readStack().targets.main.url, application_name: "e2e-adopt-admin" });
  await admin.connect();
  let guardrailId: string | null = null;
  try {
    await admin.query("do $$ begin if not exists (select from pg_roles where rolname = 'odoo') then create role odoo login; end if; end $$");
    const { bar } = await openLiveView(page, "oscar");
    await closeLeftover(page, bar);
    // People act first: oscar cancels the query and caps work_mem for odoo, through the API the UI uses.
    const bs: string = (await admin.query("select backend_start::text as bs from pg_stat_activity where pid = $1", [pid])).rows[0].bs;
    expect((await page.request.post(`/api/targets/main/sessions/${pid}/cancel`, { data: { backendStart: bs }, headers })).status()).toBe(200);
    expect(await ended).toBe("57014");
    expect((await page.request.post("/api/targets/main/helm", { data: {}, headers })).status()).toBe(200);
    const g = await page.request.post("/api/targets/main/guardrails", { data: { role: "odoo", setting: "work_mem", value: "2MB" }, headers });
    expect(g.status(), await g.text()).toBe(200);
    guardrailId = (await g.json()).guardrail.id;

    // ...then open the incident; adopting the last 30 minutes is the default.
    await bar.getByRole("button", { name: "Open incident" }).click(SLOW);
    const open = page.getByRole("dialog", { name: "Open an incident" });
    await open.getByLabel("Title").fill("e2e adopted: cancel and guardrail first");
    await expect(open.getByRole("checkbox", { name: /Adopt what already happened/ })).toBeChecked();
    await expect(open.getByLabel(/Incident started at/)).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await open.getByRole("button", { name: "Open incident" }).click();
    await expect(bar.getByText("e2e adopted: cancel and guardrail first")).toBeVisible(SLOW);
    const id = /\/incidents\/([0-9a-f-]{36})$/.exec((await bar.getByRole("link", { name: "Incident page" }).getAttribute("href")) ?? "")?.[1];

    await page.goto(`/incidents/${id}/report`);
    const report = page.getByRole("article", { name: "Incident report" });
    const done = report.getByRole("table", { name: "What was done" });
    await expect(done.getByRole("row").filter({ hasText: `Cancel pid ${pid}: query stopped` })).toContainText("before open");
    // Other specs' guardrail changes of the last 30 minutes are adopted too: this one is the change to 2MB.
    await expect(done.getByRole("row").filter({ hasText: "Guardrail work_mem for odoo" }).filter({ hasText: "→ 2MB" }).first()).toBeVisible();
    const impact = report.getByRole("table", { name: "Impact" });
    for (const metric of ["MemAvailable", "Swap-in (pages/s)", "Active sessions", "Idle in transaction", "Waiting on locks", "Temp bytes/s"]) {
      await expect(impact.getByRole("row").filter({ hasText: metric })).toHaveCount(1);
    }
    await expect(impact.getByRole("columnheader")).toHaveText(["Metric", "Before", "Worst", "Now"]);

    // The audit trail: the cancel is one row (intent and outcome paired), its effect beside it.
    await page.goto("/audit");
    const trail = page.getByRole("table", { name: "Audit trail" });
    const cancelRows = trail.getByRole("row").filter({ hasText: "session.cancel" }).filter({ hasText: `pid ${pid} · select pg_sleep(300)` });
    await expect(cancelRows).toHaveCount(1, SLOW);
    await expect(cancelRows).toContainText(/ok\s*query stopped/);
    await expect(trail.getByRole("columnheader", { name: /^Time \(/ })).toHaveText(/^Time \(E[SD]T, UTC-0[45]:00\)$/);
    await expect(page.getByText(/now local: E[SD]T, UTC-0[45]:00/)).toBeVisible();
    await expect(trail.getByRole("row").filter({ hasText: "guardrail.apply" }).filter({ hasText: "work_mem for odoo" }).filter({ hasText: "→ 2MB" }).first()).toBeVisible();
    await page.getByLabel("Times in UTC").check();
    await expect(trail.getByRole("columnheader", { name: "Time (UTC)" })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel("Times in UTC")).toBeChecked();
    await expect(cancelRows.getByRole("cell").nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
    await page.getByLabel("Times in UTC").uncheck();
    await expect(cancelRows.getByRole("cell").nth(1)).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} E[SD]T, UTC-0[45]:00$/);

    await page.request.post(`/api/incidents/${id}/close`, { data: { summary: "closed by the adoption e2e" }, headers });
  } finally {
    if (guardrailId) await page.request.post(`/api/targets/main/guardrails/${guardrailId}/revert`, { data: {}, headers });
    await page.request.delete("/api/targets/main/helm", { headers });
    await Promise.all([victim.end().catch(() => {}), admin.end().catch(() => {})]);
  }
});
});
