import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";
import fs from "node:fs";
import pg from "pg";
import { formatBytes } from "../lib/format";
import { ensureUsers, loginWithForm } from "./auth-helpers";
import { readStack } from "./stack";
import { openTab } from "./live-tabs";

test.beforeAll(async ({ playwright }) => {
  const request = await playwright.request.newContext({ baseURL: readStack().baseURL });
  await ensureUsers(request);
  await request.dispose();
});

test("the host memory chart and the per-session memory column render from live data", async ({ page }) => {
  const client = new pg.Client({ connectionString: readStack().targets.main.url, application_name: "e2e-memory" });
  client.on("error", () => {});
  await client.connect();
  const pid: number = (await client.query("select pg_backend_pid() as pid")).rows[0].pid;
  try {
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    await openTab(page, "Memory");
    const host = page.getByRole("region", { name: "Host memory", exact: true });
    await expect(host).toBeVisible({ timeout: 10_000 });
    const chart = page.getByRole("figure", { name: "Memory chart" });
    await expect(chart).toBeVisible();
    // The chart grows from live probes.
    const points = async () => Number(await chart.getAttribute("data-points"));
    const first = await points();
    await expect.poll(points, { timeout: 10_000 }).toBeGreaterThan(first);
    await expect(chart).toContainText(/used \d/);
    await expect(page.getByRole("region", { name: "OOM risk", exact: true })).toContainText(/available/);

    await openTab(page, "Sessions");
    await page.getByLabel("Application").fill("e2e-memory");
    const row = page.locator(`tr[data-pid="${pid}"]`);
    await expect(row).toHaveCount(1, { timeout: 10_000 });
    await expect(page.getByRole("columnheader", { name: "Memory", exact: true })).toBeVisible();
    // This backend runs on this machine, so its resident memory is known: a size, not "—".
    await expect(row).toContainText(/\d+(\.\d+)? (KiB|MiB|GiB)/, { timeout: 10_000 });
  } finally {
    await client.end().catch(() => {});
  }
});

test("Odoo workers are detected by the probe and compared with limit_memory_soft/hard by virtual size, as Odoo does", async ({ page }) => {
  // Two stand-in Odoo workers: python processes whose command line names odoo (the probe's rule). The
  // second reserves 2300 MiB of address space it never touches: VSZ between soft (2 GiB) and hard
  // (2.5 GiB, e2e/serve.ts) while its RSS stays small, so only a comparison by VSZ flags it.
  const small = spawn("python3", ["-c", "import time; time.sleep(120)", "odoo-e2e-worker"], { stdio: "ignore" });
  const reserve = "import mmap, time; m = mmap.mmap(-1, 2300 * 1024 * 1024, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS, prot=mmap.PROT_READ); time.sleep(120)";
  const big = spawn("python3", ["-c", reserve, "odoo-e2e-worker-big"], { stdio: "ignore" });
  try {
    await loginWithForm(page, "vera");
    await page.goto("/targets/main");
    await openTab(page, "Memory");
    const host = page.getByRole("region", { name: "Host memory", exact: true });
    await expect(host.getByTestId("odoo-limit-summary")).toContainText(/[1-9]\d* Odoo workers over limit_memory_soft \(2 GiB\) · \d+ at limit_memory_hard \(2\.5 GiB\)/, { timeout: 15_000 });
    await expect(host.getByText("Compared: virtual size (VSZ), as Odoo checks it, not RSS or PSS.")).toBeVisible();
    await expect(host.getByRole("columnheader", { name: "Odoo limits (VSZ)" })).toBeVisible();
    // Odoo processes first (sort by kind), so the workers are in the table whatever else runs here.
    await host.getByRole("columnheader", { name: "Kind" }).getByRole("button").click();
    for (const [worker, level, label] of [[small, "ok", null], [big, "soft", "over limit_memory_soft"]] as const) {
      const row = host.locator(`tr[data-process-pid="${worker.pid}"]`);
      await expect(row, `worker ${worker.pid}`).toHaveCount(1, { timeout: 10_000 });
      const vszBytes = vszOf(worker.pid!); // settled: the probe has seen it
      await expect(row.getByRole("cell").nth(2)).toHaveText("odoo");
      const cell = row.locator("td[data-odoo-limit]");
      await expect(cell).toHaveAttribute("data-odoo-limit", level);
      await expect(cell).toContainText(new RegExp(`^${formatBytes(vszBytes).replace(".", "\\.")} · (<1|\\d+(\\.\\d+)?) ?% of soft · (<1|\\d+(\\.\\d+)?) ?% of hard`));
      if (label) await expect(cell).toContainText(label);
      else await expect(cell).not.toContainText("limit_memory");
    }
    expect(vszOf(big.pid!)).toBeGreaterThan(2 * 1024 ** 3);
    expect(vszOf(big.pid!)).toBeLessThan(2.5 * 1024 ** 3);
  } finally {
    small.kill("SIGKILL");
    big.kill("SIGKILL");
  }
});

/** A process's virtual size as the kernel counts it (what ps reports as VSZ). */
function vszOf(pid: number): number {
  const m = /^VmSize:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`no VmSize for ${pid}`);
  return Number(m[1]) * 1024;
}
