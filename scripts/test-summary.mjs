// Adds up vitest's and Playwright's JSON reports into the closing lines:
//   layers: unit, integration (PG 18, 15), e2e
//   tests: N passed, N failed, N skipped
// What failed to run counts as failed: a test file whose setup threw, Playwright's global errors
// (a web server that never came up), a layer that was expected and left no report or ran no test.
// Usage: node scripts/test-summary.mjs <dir> [--expect unit,integration,e2e]
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const PG_KINDS = [
  ["embedded-18", "18"],
  ["debian-15", "15"],
];

const layerOf = (file) => (/[\\/]test[\\/]integration[\\/]/.test(file) ? "integration" : "unit");

/** One layer's counts from vitest's JSON report (both vitest layers share one report). */
function vitestLayers(report) {
  const layers = {};
  for (const file of report.testResults ?? []) {
    const layer = (layers[layerOf(file.name)] ??= { passed: 0, failed: 0, skipped: 0, pg: new Set(), problems: [] });
    const tests = file.assertionResults ?? [];
    const count = (...states) => tests.filter((t) => states.includes(t.status)).length;
    const failed = count("failed");
    const notRun = count("skipped", "pending", "todo");
    layer.passed += count("passed");
    if (file.status === "failed" && failed === 0) {
      // The file's setup (beforeAll, an import) threw: its tests never ran, they did not pass.
      layer.failed += Math.max(1, notRun);
      layer.problems.push(`${path.basename(file.name)} failed to run: ${(file.message ?? "").split("\n")[0]}`);
    } else {
      layer.failed += failed;
      layer.skipped += notRun;
    }
    for (const t of tests) {
      if (t.status !== "passed") continue;
      const where = [...(t.ancestorTitles ?? []), t.title ?? ""].join(" ");
      for (const [kind, version] of PG_KINDS) if (where.includes(kind)) layer.pg.add(version);
    }
  }
  return layers;
}

function playwrightLayer(report) {
  const s = report.stats ?? {};
  const errors = report.errors ?? [];
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: (s.unexpected ?? 0) + errors.length,
    skipped: s.skipped ?? 0,
    pg: new Set(),
    problems: errors.map((e) => `e2e: ${(e.message ?? "").split("\n")[0]}`),
  };
}

/**
 * @param {{ vitest: object | null, playwright: object | null, expect: string[] }} input
 * @returns {{ passed: number, failed: number, skipped: number, layersLine: string, line: string, problems: string[] }}
 */
export function summarize({ vitest, playwright, expect }) {
  const layers = { ...(vitest ? vitestLayers(vitest) : {}), ...(playwright ? { e2e: playwrightLayer(playwright) } : {}) };
  const problems = [];
  let passed = 0, failed = 0, skipped = 0;
  for (const l of Object.values(layers)) {
    passed += l.passed;
    failed += l.failed;
    skipped += l.skipped;
    problems.push(...l.problems);
  }
  for (const name of expect) {
    const l = layers[name];
    if (!l) {
      failed++;
      problems.push(`${name}: expected to run, left no report`);
    } else if (l.passed + l.failed === 0) {
      failed++;
      problems.push(`${name}: expected to run, ran no test`);
    }
  }
  if (vitest && vitest.success === false && !Object.values(layers).some((l) => l.failed > 0)) {
    failed++; // vitest failed for a reason no test shows (an unhandled error between tests)
    problems.push("vitest reported failure (an unhandled error?)");
  }
  const ran = ["unit", "integration", "e2e"]
    .filter((n) => layers[n] && layers[n].passed + layers[n].failed > 0)
    .map((n) => (layers[n].pg.size ? `${n} (PG ${[...layers[n].pg].sort((a, b) => b - a).join(", ")})` : n));
  const notRun = ["unit", "integration", "e2e"].filter((n) => !ran.some((r) => r.startsWith(n)) && !expect.includes(n));
  const layersLine = `layers: ${ran.join(", ") || "none"}${notRun.length ? `; not run: ${notRun.join(", ")}` : ""}`;
  return { passed, failed, skipped, problems, layersLine, line: `tests: ${passed} passed, ${failed} failed, ${skipped} skipped` };
}

function main() {
  const dir = process.argv[2];
  const i = process.argv.indexOf("--expect");
  const expect = i > 0 ? process.argv[i + 1].split(",").filter(Boolean) : ["unit", "integration", "e2e"];
  const read = (f) => {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) return null;
    try {
      return JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      return null; // a truncated report: the layer counts as not reported
    }
  };
  const r = summarize({ vitest: read("vitest.json"), playwright: read("playwright.json"), expect });
  for (const p of r.problems) console.log(`problem: ${p}`);
  console.log(r.layersLine);
  console.log(r.line);
  process.exit(r.failed > 0 || r.passed === 0 ? 1 : 0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
