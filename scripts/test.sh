#!/usr/bin/env bash
# Install what the tests need on a fresh machine, then run the whole suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  # Playwright cannot download a browser on a closed network: use Debian's Chromium.
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq chromium >/dev/null
fi
python -m pip install -q --disable-pip-version-check -r requirements-test.txt

python -m ruff check .
python -m pytest -v "$@"
