#!/usr/bin/env bash
# Debian chromium + fonts-noto-cjk (Korean glyphs) for the browser test. Never runs `playwright install`:
# playwright drives the system chromium at /usr/bin/chromium.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  echo "browser test deps present: chromium, fonts-noto-cjk"
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "browser test deps missing (${missing[*]}); install them with apt-get as root, or the browser test is skipped"
  exit 0
fi
echo "installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
echo "installed ${missing[*]}"
