#!/usr/bin/env bash
# Debian chromium + fonts-noto-cjk (Korean glyphs) + fonts-noto-color-emoji (the notes' headings use emoji)
# for tests/test_browser.py.
# Never runs `playwright install`: playwright drives the system chromium at /usr/bin/chromium.
# Installs only when something is missing and we are root; otherwise says what is missing (the test then skips).
set -u

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

missing=()
{ installed chromium && [ -x /usr/bin/chromium ]; } || missing+=(chromium)
installed fonts-noto-cjk || missing+=(fonts-noto-cjk)
installed fonts-noto-color-emoji || missing+=(fonts-noto-color-emoji)

if [ ${#missing[@]} -eq 0 ]; then
  echo "ensure-browser: nothing to do: chromium ($(/usr/bin/chromium --version 2>/dev/null || echo '?')), fonts-noto-cjk and fonts-noto-color-emoji are installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-browser: missing ${missing[*]} and this is not a Debian/Ubuntu system; the browser test will be skipped" >&2
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-browser: missing ${missing[*]}; run as root: sudo $0 (the browser test is skipped until then)" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
echo "ensure-browser: apt-get update"
apt-get update -qq
echo "ensure-browser: apt-get install ${missing[*]}"
apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig
fc-cache -f >/dev/null 2>&1 || true
echo "ensure-browser: installed ${missing[*]}: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium ?'); $(fc-list :lang=ko family | head -1)"
