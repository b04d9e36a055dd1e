// The closing line on recorded reports: vitest's JSON from a scratch file whose beforeAll throws
// (vitest itself counted it "1 passed, 0 failed, 2 skipped"), Playwright's JSON from a run whose web
// server never started, and good runs of both.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain .mjs script without types
import { summarize } from "./test-summary.mjs";

const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8"));
const brokenVitest = fixture("vitest-broken-beforeall.json");
const goodVitest = fixture("vitest-unit-and-integration.json");
const webServerFailed = fixture("playwright-webserver-failed.json");
const goodPlaywright = fixture("playwright-ok.json");
const ALL = ["unit", "integration", "e2e"];

describe("test summary", () => {
  it("counts a file whose beforeAll threw as failed, not its tests as skipped", () => {
    const r = summarize({ vitest: brokenVitest, playwright: null, expect: ["integration"] });
    expect(r.line).toBe("tests: 1 passed, 2 failed, 0 skipped");
    expect(r.problems.join("\n")).toContain("broken.test.ts failed to run: cluster did not start");
  });

  it("counts Playwright's global errors (a web server that never started) as failed", () => {
    const r = summarize({ vitest: goodVitest, playwright: webServerFailed, expect: ALL });
    expect(r.failed).toBeGreaterThanOrEqual(1);
    expect(r.problems.join("\n")).toContain("config.webServer was not able to start");
  });

  it("a layer expected to run that left no report is a failure, and the layers line says what ran", () => {
    const r = summarize({ vitest: goodVitest, playwright: null, expect: ALL });
    expect(r.failed).toBe(1);
    expect(r.problems).toContain("e2e: expected to run, left no report");
    expect(r.layersLine).toBe("layers: unit, integration (PG 18, 15)");
  });

  it("a good run: the totals of both reports, the layers and PostgreSQL versions that ran", () => {
    const r = summarize({ vitest: goodVitest, playwright: goodPlaywright, expect: ALL });
    expect(r.line).toBe(`tests: ${goodVitest.numPassedTests + 1} passed, 0 failed, 1 skipped`);
    expect(r.layersLine).toBe("layers: unit, integration (PG 18, 15), e2e");
    expect(r.problems).toEqual([]);
  });

  it("e2e left out on purpose is named as not run, not counted as failed", () => {
    const r = summarize({ vitest: goodVitest, playwright: null, expect: ["unit", "integration"] });
    expect(r.failed).toBe(0);
    expect(r.layersLine).toBe("layers: unit, integration (PG 18, 15); not run: e2e");
  });

  it("vitest's failure with no failing test (an unhandled error) still fails the line", () => {
    const r = summarize({ vitest: { ...goodVitest, success: false }, playwright: goodPlaywright, expect: ALL });
    expect(r.failed).toBe(1);
  });
});
