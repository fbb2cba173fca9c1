#!/usr/bin/env bash
# Install everything the tests need (pip packages, Debian's Chromium for the
# rendered-page test) and run the whole suite: pytest for the library, the
# batch (dsw run 2564) with its output scan and a Chromium screenshot, and
# nbval over every report notebook.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e '.[test]'

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "chromium not found and not root: the browser test will be skipped" >&2
  fi
fi

python -m pytest "$@" tests --nbval-lax notebooks
