import { describe, expect, it } from "vitest";
import { renderMarkdown, reportFilename } from "./markdown";
import { HOSTILE, hostileTimeline } from "./report-fixture";

/** CommonMark fences: an opening run of ≥3 backticks closes at the first line of at least as many backticks alone. */
function blocks(md: string): { prose: string[]; code: string[] } {
  const prose: string[] = [];
  const code: string[] = [];
  let fence: string | null = null;
  let body: string[] = [];
  for (const line of md.split("\n")) {
    if (fence === null) {
      const m = /^(`{3,})[^`]*$/.exec(line);
      if (m) {
        fence = m[1];
        body = [];
      } else prose.push(line);
    } else if (new RegExp(`^\`{${fence.length},}\\s*$`).test(line)) {
      code.push(body.join("\n"));
      fence = null;
    } else body.push(line);
  }
  expect(fence, "every fence is closed").toBeNull();
  return { prose, code };
}

const cellsOf = (row: string) => row.split(/(?<!\\)\|/).length - 2;

describe("renderMarkdown", () => {
  const md = renderMarkdown(hostileTimeline());
  const { prose, code } = blocks(md);

  it("has exactly the report's own headings: hostile titles and notes add none", () => {
    const headings = prose.filter((l) => /^#{1,6} /.test(l));
    expect(headings[0]).toMatch(/^# Incident report: DB down \\# pwned \\<script\\>alert\(1\)\\<\/script\\> \\\| x www\\\.evil\.example$/);
    expect(headings.slice(1)).toEqual([
      "## Summary",
      "## What happened",
      "### Alerts",
      "### Latest signal lines (1 of 5)",
      "## Impact",
      "## What was done (6)",
      "### Queries and output",
      "## Runbook checklist (1 of 19 checked)",
      "### Step 0 — Stabilize blast radius",
      "### Step 1 — Confirm where memory is being consumed",
      "### Step 2 — Contain safely (production order)",
      "### Step 3 — Recovery verification",
      "### Rollback / backout plan",
      "## Guardrails still in force (as of 2026-11-26 10:40:00 UTC)",
      "## Notes (1)",
      "## Timeline (12 events)",
    ]);
  });

  it("says who opened and closed it, when, and for how long", () => {
    expect(md).toContain("- **Opened:** 2026-11-26 10:00:00 UTC by alice");
    expect(md).toContain("- **Closed:** 2026-11-26 10:30:00 UTC by bob");
    expect(md).toContain("- **Duration:** 30m 00s");
    expect(md).toContain("- **Target:** Main \\| \\<DB\\> (main)");
    expect(md).toContain("- **OOM kills during the incident:** 2");
    expect(md).toContain("- **Signal lines:** 5 (fatal: 4, signal\\_9: 1)");
  });

  it("lists what was done by whom, in order, with before → after values", () => {
    const rows = prose.filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toContain("| alice | Took the helm | ok | holder nobody → alice |");
    expect(rows[1]).toContain("| alice | Cancel pid 4242: query stopped | ok | user odoo, database prod, application odoo-bin \\| \\*cron\\* \\[link\\](http\\://evil), state active; reason: runaway \\| report |");
    expect(rows[2]).toContain("work\\_mem for odoo: 64MB → 16MB; statement\\_timeout for odoo: not set → 60s");
    expect(rows[3]).toContain("| bob | Reverted work\\_mem for odoo | ok | work\\_mem for odoo: 16MB → 64MB; via API token |");
    expect(rows[4]).toContain("| alice | Command pause-cron: exit 0 | ok | runs systemctl stop odoo-cron |");
    expect(rows[5]).toContain("| refused | work\\_mem for odoo: ? → 8MB; refused: bob holds the helm |");
  });

  it("keeps every table row's cell count whatever the cells hold", () => {
    const tables = prose.filter((l) => l.startsWith("|"));
    for (const row of tables) expect(row.endsWith("|"), row).toBe(true);
    const what = tables.filter((l) => /^\| (#|\d+) \|/.test(l));
    expect(new Set(what.map(cellsOf))).toEqual(new Set([6]));
  });

  it("quotes the query and the log line in fences nothing inside can close, intact", () => {
    expect(code).toContain(HOSTILE.query);
    expect(code.some((c) => c.includes("was terminated by signal 9: Killed ``` [31m"))).toBe(true);
    expect(md).toContain("`````sql\n");
  });

  it("never lets HTML or control characters through outside code", () => {
    for (const l of prose) {
      expect(l, l).not.toMatch(/(?<!\\)<(script|img|b)\b/i);
    }
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
  });

  it("lets no bare URL, www. host or e-mail address become a link outside code", () => {
    const text = prose.join("\n");
    expect(text).toContain("https\\://evil.example/login");
    expect(text).not.toMatch(/(^|[^\\])(:\/\/|\bwww\.|@)/im);
  });

  it("shows the checklist with the newest check per step and its evidence", () => {
    expect(md).toContain("| 2.2 | Cancel worst offenders (before terminate) | checked | alice | 2026-11-26 10:05:00 | pid 4242 \\| cancelled | actions\\_taken: ok, 1 cancel, 0 terminates |");
    expect(md).toContain("| 0.1 | Freeze deploys and schema changes | unchecked | bob | 2026-11-26 10:02:00 | not yet | — |");
    expect(md).toContain("| 3.1 | No ongoing OOM kills | not done | — | — |   | — |");
  });

  it("lists the guardrails still in force with what a revert restores", () => {
    expect(md).toContain("| statement\\_timeout | odoo | prod | 60s | not set (RESET) | alice | 2026-11-26 10:04:00 | — |");
  });

  it("keeps a note's lines without letting them become headings or lists", () => {
    expect(md).toContain("**2026-11-26 10:06:00 UTC, carol:**  \nrestarted cron  \n\\#\\# fake heading  \n\\- fake item \\<b\\>bold\\</b\\>  \nsee https\\://evil.example/x or www\\.evil.example, ops\\@evil.example");
    expect(md).toContain("Cron export ran \\`select \\*\\`.  \n1\\. cancelled  \n\\| a \\| b \\|");
  });

  it("has an impact table: before, worst and after from the metric history", () => {
    expect(md).toContain("| Metric | Before | Worst | After |");
    expect(md).toContain("| MemAvailable | 2 GiB (25 %) | 100 MiB (1.2 %) | 1.5 GiB (18.8 %) |");
    expect(md).toContain("| Swap-in (pages/s) | 0/s | 2.1k/s | 3.5/s |");
    expect(md).toContain("| Active sessions | 4 | 77 | 5 |");
    expect(md).toContain("| Waiting on locks | 0 | 12 | — |");
    expect(md).toContain("| Temp bytes/s | — | 3 MiB/s | 0 B/s |");
    expect(md).toContain("Before: the 5 minutes before the start (60 samples, averages). Worst: during the incident (480 samples). After: its last samples (12, averages).");
  });

  it("says when the incident started before it was opened, and marks what it adopted", () => {
    expect(md).toContain("- **Started:** 2026-11-26 09:50:00 UTC (adopted when it was opened");
    const t = hostileTimeline();
    t.events = t.events.map((e) => (e.title === "Took the helm" ? { ...e, at: "2026-11-26T09:55:00.000Z" } : e)).sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const adopted = renderMarkdown(t);
    expect(adopted).toContain("1 of them before the incident was opened (adopted).");
    expect(adopted).toContain("| 1 | 2026-11-26 09:55:00 (before open) | alice | Took the helm |");
    const noHistory = { ...t, impact: { ...t.impact, before: { ...t.impact.before, samples: 0 }, during: { ...t.impact.during, samples: 0 } } };
    expect(renderMarkdown(noHistory)).toContain("## Impact\n\n_No metric history was recorded for this window._");
  });

  it("is the same bytes for the same input", () => {
    expect(renderMarkdown(hostileTimeline())).toBe(md);
  });
});

describe("reportFilename", () => {
  it("names the target and the opening day with safe characters only", () => {
    const t = hostileTimeline();
    expect(reportFilename(t)).toBe("incident-main-2026-11-26.md");
    t.incident.targetId = 'a"b/../c';
    expect(reportFilename(t)).toBe("incident-a_b_.._c-2026-11-26.md");
  });
});
