#!/usr/bin/env bash
# Install what the tests need on a fresh machine, then run the whole suite (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's packages: Chromium (Playwright cannot download a browser on a closed network) and the Noto fonts the
# printed handouts embed, so every script prints as written.
missing=()
if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
[ -f /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf ] || missing+=(fonts-noto-core)
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt_get="apt-get"; else apt_get="sudo apt-get"; fi
  $apt_get update -qq && DEBIAN_FRONTEND=noninteractive $apt_get install -y -qq "${missing[@]}" >/dev/null
fi
python -m pip install -q --disable-pip-version-check -r requirements-test.txt

python -m ruff check .
python -m pytest -v "$@"
