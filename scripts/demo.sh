#!/usr/bin/env bash
# The demo: installs what it needs, then reconciles a realistic month for a few customers end to
# end and leaves GraphQL up. Pass --exit to stop after the summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node --max-semi-space-size=64 dist/main/demo.js "$@"
