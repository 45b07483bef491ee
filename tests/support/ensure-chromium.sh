#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (/usr/bin/chromium). Install it when it is missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $CHROMIUM.
  Debian/Ubuntu: sudo apt-get install chromium
  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium
MSG
exit 1
