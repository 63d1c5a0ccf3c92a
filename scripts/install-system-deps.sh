#!/usr/bin/env bash
# System packages Recon's features and tests need, installed only when missing (idempotent).
#   poppler-utils: pdftotext, used by the report tests to read generated PDFs back as text.
#   chromium:      Debian's Chromium, driven by the browser tests (test/e2e) through playwright-core.
#   fonts-wqy-zenhei: a Chinese font for headless Chromium (`npm run screenshots` draws the zh pages);
#                  without one, Chinese text renders as empty boxes. Checked through fontconfig.
# The CJK font for PDFs comes from npm (@expo-google-fonts/noto-sans-sc), so PDFs need no font package.
set -euo pipefail

missing=()
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-zenhei)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  # Not fatal here: the tests that need these say so (the browser tests fail with this message).
  echo "install-system-deps: please install: ${missing[*]} (needs root and apt-get)" >&2
  exit 0
fi
echo "install-system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
