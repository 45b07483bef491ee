#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (/usr/bin/chromium), in Dutch and in English, and install the
# Firefox build in Debian's Firefox ESR (/usr/bin/firefox-esr): install what is missing, with Chromium's
# language files (chromium-l10n).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
FIREFOX="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
LOCALES=/usr/lib/chromium/locales
missing=()
if ! { [ -x "$CHROMIUM" ] && { [ -n "${CHROMIUM_PATH:-}" ] || [ -f "$LOCALES/nl.pak" ]; }; }; then
  missing+=(chromium chromium-l10n)
fi
if [ ! -x "$FIREFOX" ]; then
  missing+=(firefox-esr)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing the browsers for the browser tests (apt-get install ${missing[*]})…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $CHROMIUM, with its language files (they start it in Dutch and in English),
and Firefox ESR at $FIREFOX (they install the Firefox build of the extension in it).
  Debian/Ubuntu: sudo apt-get install ${missing[*]}
  Elsewhere: install them and set CHROMIUM_PATH=/path/to/chromium and FIREFOX_PATH=/path/to/firefox
MSG
exit 1
