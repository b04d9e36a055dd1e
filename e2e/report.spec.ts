// The incident page and its report as a reviewer uses them: the list, the chart and event list, the
// Markdown download and the printable page.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { apiLogin, ensureUsers, loginWithForm, origin } from "./auth-helpers";

const TITLE = `E2E report <b>bold</b> \`tick\` | ${Date.now()}`;
let incidentId: string | null = null;

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: origin() });
  await ensureUsers(request);
  expect((await apiLogin(request, "admin")).status()).toBe(200);
  const headers = { Origin: origin() };
  const openOne = () => request.post("/api/targets/main/incidents", { data: { title: TITLE, severity: "sev3" }, headers });
  let res = await openOne();
  if (res.status() === 409) {
    // One open incident per target: close what another spec left open.
    const { incidents } = await (await request.get("/api/targets/main/incidents?status=open")).json();
    for (const i of incidents) await request.post(`/api/incidents/${i.id}/close`, { data: { summary: "closed by the report spec before it starts" }, headers });
    res = await openOne();
  }
  expect(res.status(), await res.text()).toBe(200);
  incidentId = (await res.json()).id;
  expect((await request.post(`/api/incidents/${incidentId}/steps`, { data: { stepKey: "0.1", checked: true, note: "freeze | announced" }, headers })).status()).toBe(200);
  expect((await request.post(`/api/incidents/${incidentId}/notes`, { data: { text: "note from the e2e\n# not a heading" }, headers })).status()).toBe(200);
  await request.dispose();
});

test.afterAll(async ({ playwright }) => {
  if (!incidentId) return;
  const request = await playwright.request.newContext({ baseURL: origin() });
  await apiLogin(request, "admin");
  await request.post(`/api/incidents/${incidentId}/close`, { data: { summary: "closed by the report e2e" }, headers: { Origin: origin() } });
  await request.dispose();
});

test("a reviewer finds the incident, sees the chart and the event list, downloads the Markdown and opens the printable report", async ({ page }) => {
  await loginWithForm(page, "admin");
  await page.getByRole("link", { name: "Incidents", exact: true }).click();
  await expect(page).toHaveURL(/\/incidents$/);
  await page.getByRole("table", { name: "Incidents" }).getByRole("link", { name: TITLE, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${incidentId}$`));

  // The untrusted title is text, not markup.
  await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
  const events = page.getByRole("table", { name: "Incident events" });
  await expect(events.getByRole("row").filter({ hasText: `Opened incident (sev3): ${TITLE}` })).toHaveCount(1);
  const chart = page.getByRole("figure", { name: "Incident chart" });
  await expect(chart).toBeVisible();
  await expect(chart.locator("svg.recharts-surface").first()).toBeVisible();
  await expect(chart.getByRole("img", { name: /incident by admin: Opened incident/ })).toHaveCount(1);
  await expect(page.getByRole("table", { name: "Step 0 — Stabilize blast radius" }).getByRole("row", { name: /0\.1 .*checked admin/ })).toBeVisible();
  await expect(events.getByRole("row").filter({ hasText: "Checked step 0.1: Freeze deploys and schema changes" })).toHaveCount(1);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download Markdown" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^incident-main-\d{4}-\d{2}-\d{2}\.md$/);
  const md = fs.readFileSync((await download.path())!, "utf8");
  expect(md.split("\n")[0]).toBe(`# Incident report: E2E report \\<b\\>bold\\</b\\> \\\`tick\\\` \\| ${TITLE.split("| ")[1]}`);
  expect(md).toContain("- **Opened:**");
  expect(md).toContain("by admin");
  expect(md).toContain("## Runbook checklist (1 of 19 checked)");
  expect(md).toContain("| 0.1 | Freeze deploys and schema changes | checked | admin |");
  expect(md).toContain("| freeze \\| announced |");
  expect(md).toContain("note from the e2e  \n\\# not a heading");
  expect(md).toContain("## Guardrails still in force");

  await page.getByRole("link", { name: "Printable report" }).click();
  const report = page.getByRole("article", { name: "Incident report" });
  await expect(report.getByRole("heading", { level: 1, name: `Incident report: ${TITLE}` })).toBeVisible();
  await expect(report.getByRole("table", { name: "Timeline" })).toContainText("Opened incident");
  await page.emulateMedia({ media: "print" });
  await expect(page.locator("body > header")).toBeHidden();
});
