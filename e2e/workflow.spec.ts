// The runbook as a workflow, the way an incident commander walks it: open an incident from the live
// view, cancel the offending session, tick the step with its evidence, close with a summary, and
// download the report the reviewer reads.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { apiLogin, ensureUsers, loginWithForm, origin } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

const SLOW = { timeout: 20_000 };
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  // One open incident per target: close what another spec left open.
  expect((await apiLogin(request, "admin")).status()).toBe(200);
  const { incidents } = await (await request.get("/api/targets/main/incidents?status=open")).json();
  for (const i of incidents) await request.post(`/api/incidents/${i.id}/close`, { data: { summary: "closed by the workflow spec before it starts" }, headers: { Origin: origin() } });
  await request.dispose();
});

test("open an incident, cancel a session, tick a step, close, download the report", async ({ page }) => {
  const victim = new pg.Client({ connectionString: readStack().targets.main.url, application_name: "e2e-workflow-report" });
  victim.on("error", () => {});
  await victim.connect();
  const pid: number = (await victim.query("select pg_backend_pid() as pid")).rows[0].pid;
  const ended = victim.query("select pg_sleep(300) /* sales analysis */").then(() => "finished", (e: { code?: string }) => e.code ?? "error");
  try {
    await loginWithForm(page, "oscar");
    await page.goto("/targets/main");
    const bar = page.getByRole("region", { name: "Incident status", exact: true });
    await bar.getByRole("button", { name: "Open incident" }).click(SLOW);
    const open = page.getByRole("dialog", { name: "Open an incident" });
    await open.getByLabel("Title").fill("e2e workflow: report query eating memory");
    await open.getByLabel("Severity").selectOption("sev2");
    // This walk opens first and acts after: nothing earlier (other specs' cancels) is adopted.
    await open.getByRole("checkbox", { name: /Adopt what already happened/ }).uncheck();
    await open.getByRole("button", { name: "Open incident" }).click();
    await expect(bar.getByText("e2e workflow: report query eating memory")).toBeVisible(SLOW);
    const id = /\/incidents\/([0-9a-f-]{36})$/.exec((await bar.getByRole("link", { name: "Incident page" }).getAttribute("href")) ?? "")?.[1];
    expect(id).toBeTruthy();

    // Step 2.2: cancel before terminate, from the session's row.
    await page.getByLabel("Application").fill("e2e-workflow-report");
    const row = page.locator(`tr[data-pid="${pid}"]`);
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    await row.getByRole("button", { name: `Cancel pid ${pid}` }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Reason").fill("report query spilling to disk");
    await dialog.getByRole("button", { name: `Cancel query of pid ${pid}` }).click();
    expect(await ended).toBe("57014");

    // The checklist's evidence for 2.2 counts the cancel; tick it with a note.
    await openTab(page, "Runbook");
    const runbook = page.getByRole("region", { name: "Runbook checklist", exact: true });
    // Step 0.2 points at the containment command configured for it.
    await expect(runbook.getByRole("link", { name: "Pause Odoo cron" })).toHaveAttribute("href", "#command-pause-cron");
    await expect(runbook.getByRole("list", { name: "Evidence for 2.2" })).toContainText("1 cancel since the incident opened", SLOW);
    await runbook.getByLabel("Note for 2.2").fill("cancelled the sales analysis report");
    const step = runbook.getByRole("checkbox", { name: "2.2 Cancel worst offenders (before terminate)" });
    await step.check();
    await expect(step).toBeChecked(SLOW);

    await bar.getByRole("button", { name: "Close incident" }).click();
    const close = page.getByRole("dialog", { name: /^Close incident/ });
    await close.getByLabel("Summary").fill("one report query cancelled; memory back to normal");
    await close.getByRole("button", { name: "Close incident" }).click();
    await expect(bar.getByRole("button", { name: "Open incident" })).toBeVisible(SLOW);

    await page.goto(`/incidents/${id}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Markdown" }).click()]);
    const md = fs.readFileSync((await download.path())!, "utf8");
    expect(md).toContain("e2e workflow: report query eating memory");
    expect(md).toContain("one report query cancelled; memory back to normal");
    // What was done, by whom, with the session as it was: the cancel by oscar of that pid and its query.
    const cancelLine = md.split("\n").find((l) => /cancel/i.test(l) && l.includes(String(pid)));
    expect(cancelLine, md).toBeTruthy();
    expect(cancelLine).toContain("oscar");
    expect(md).toContain("pg_sleep(300) /* sales analysis */");
    expect(md).toMatch(/\| 2\.2 \| Cancel worst offenders \(before terminate\) \| checked \| oscar \|/);
    expect(md).toContain("cancelled the sales analysis report");
  } finally {
    await victim.end().catch(() => {});
  }
});
