#!/bin/sh
# Usage: chromium-dump-dom.sh FILE.html  Loads FILE in headless Chromium
# (Debian's chromium, installed by tool/install-deps.sh) with a fresh
# profile and no network services, and prints the DOM after its scripts ran.
# Fails when chromium is missing (never a silent pass).
set -eu
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
  echo "chromium-dump-dom: chromium is not installed (run tool/install-deps.sh)" >&2
  exit 1
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
file=$(realpath "$1")
timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
  --disable-background-networking --disable-component-update --disable-sync \
  --no-first-run --user-data-dir="$profile" --dump-dom "file://$file" 2>/dev/null
