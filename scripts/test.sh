#!/usr/bin/env bash
# The whole test suite, as CI runs it: setup, type check, lint, format check, then jest against
# real MariaDB and real Temporal servers. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

failed_checks=0
passed_checks=0
check() {
  local name=$1; shift
  if "$@"; then passed_checks=$((passed_checks + 1)); echo "check passed: $name"
  else failed_checks=$((failed_checks + 1)); echo "check FAILED: $name"; fi
}
check "typescript (server, browser tests, web app with its generated operations)" npm run --silent typecheck
check "eslint" npx eslint --max-warnings=0 .
check "prettier" npx prettier --check --log-level=warn .

report=$(mktemp)
npx jest --ci --json --outputFile="$report" "$@"
jest_status=$?
read -r passed failed pending < <(node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const failedSuites = r.testResults.filter((s) => s.status === "failed" && s.assertionResults.length === 0).length;
  console.log(r.numPassedTests, r.numFailedTests + failedSuites, r.numPendingTests + r.numTodoTests);
' "$report" 2>/dev/null || echo "0 1 0")
rm -f "$report"

passed=$((passed + passed_checks))
failed=$((failed + failed_checks))
if [ "$jest_status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$pending" -gt 0 ]; then
  echo "$passed passed, $failed failed, $pending skipped"
else
  echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
