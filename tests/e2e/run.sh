#!/usr/bin/env bash
# Real-browser test of the review page. Installs what it needs from this repository's own
# files: Debian's chromium (when missing and we may install packages) and the npm packages
# pinned in package-lock.json. Usage: tests/e2e/run.sh PATH/TO/leitplanke
set -euo pipefail
cd "$(dirname "$0")"
BIN="${1:?usage: run.sh PATH/TO/leitplanke}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }
  else
    echo "e2e: $CHROMIUM missing and cannot install it (needs root and apt-get)" >&2
    exit 77
  fi
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q nodejs npm >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q nodejs npm >/dev/null; }
  else
    echo "e2e: node/npm missing" >&2
    exit 77
  fi
fi
if [ ! -d node_modules/playwright-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi
CHROMIUM="$CHROMIUM" node review-page.mjs "$BIN"
