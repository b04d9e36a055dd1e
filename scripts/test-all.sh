#!/usr/bin/env bash
# The whole test suite: unit, integration (real PostgreSQL clusters), then e2e (real Chromium
# against the production build). Prints one closing line: "tests: N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
out=data/test-results
rm -rf "$out" && mkdir -p "$out"
status=0

npx vitest run --reporter=default --reporter=json --outputFile.json="$out/vitest.json" || status=1
if [ -z "${SKIP_E2E:-}" ]; then
  npx next build || { echo "next build failed"; status=1; }
  PLAYWRIGHT_JSON_OUTPUT_NAME="$out/playwright.json" npx playwright test --reporter=list,json || status=1
fi

node scripts/test-summary.mjs "$out" || status=1
exit $status
