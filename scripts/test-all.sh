#!/usr/bin/env bash
# The whole test suite: unit, integration (real PostgreSQL clusters), then e2e (real Chromium
# against the production build). Ends with two lines: the layers that ran (and the PostgreSQL
# versions the integration layer used), then "tests: N passed, N failed, N skipped", where
# anything that failed to run counts as failed. SKIP_E2E=1 leaves e2e out, and says so.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
out=data/test-results
rm -rf "$out" && mkdir -p "$out"
status=0
expect=unit,integration

# A fresh production build first: e2e and the integration tests that start the real console use it.
rm -rf .next # never test an older build when this one fails
built=1
npx next build || { echo "next build failed: e2e not run"; built=0; status=1; }

npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json" || status=1
if [ "${SKIP_E2E:-}" = "1" ]; then
  echo "SKIP_E2E=1: e2e not run"
else
  expect=$expect,e2e
  [ $built = 1 ] && { PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" npx playwright test --reporter=list,json || status=1; }
fi

node scripts/test-summary.mjs "$out" --expect "$expect" || status=1
exit $status
