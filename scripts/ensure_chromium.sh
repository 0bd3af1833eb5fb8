#!/usr/bin/env bash
# Make Debian's Chromium available for the Playwright browser tests and screenshots.
# Installs it with apt when /usr/bin/chromium is missing and we are root; otherwise says
# why and exits 0, so that `make test` goes on (the browser tests then skip with a reason).
set -u
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure_chromium: /usr/bin/chromium is missing and apt-get as root is not available;" \
       "browser tests will be skipped (install the 'chromium' package to run them)" >&2
  exit 0
fi
echo "ensure_chromium: installing Debian's chromium package" >&2
export DEBIAN_FRONTEND=noninteractive
if ! { apt-get update -q && apt-get install -y -q --no-install-recommends chromium; } >&2; then
  echo "ensure_chromium: apt-get could not install chromium; browser tests will be skipped" >&2
fi
exit 0
