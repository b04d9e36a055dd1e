import { expect, test, type Locator, type Page } from "@playwright/test";
import { apiLogin, ensureUsers, loginWithForm, origin } from "./auth-helpers";
import { readStack } from "./stack";

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
