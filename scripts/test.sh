#!/usr/bin/env bash
# Install everything the tests need (pip packages; Debian's Chromium and
# poppler-utils for the rendered-page, offline and PDF tests) and run the
# whole suite: pytest for the library, the batch (dsw run 2564) with its
# output scan and a Chromium screenshot, and nbval over every report notebook.
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e '.[test]'

# Debian packages: chromium (rendered-page, offline and PDF tests), poppler-utils (pdftotext/pdfinfo/pdfimages)
if ! command -v chromium >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium poppler-utils >/dev/null
  else
    echo "chromium or poppler-utils not found and not root: the browser and PDF tests will be skipped" >&2
  fi
fi

python -m pytest "$@" tests --nbval-lax notebooks
