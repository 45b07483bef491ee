#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (/usr/bin/chromium), in Dutch and in English: install it, with
# its language files (chromium-l10n), when they are missing.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
LOCALES=/usr/lib/chromium/locales
if [ -x "$CHROMIUM" ] && { [ -n "${CHROMIUM_PATH:-}" ] || [ -f "$LOCALES/nl.pak" ]; }; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium chromium-l10n)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $CHROMIUM, with its language files (they start it in Dutch and in English).
  Debian/Ubuntu: sudo apt-get install chromium chromium-l10n
  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chromium
MSG
exit 1
