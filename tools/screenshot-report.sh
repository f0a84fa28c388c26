#!/usr/bin/env bash
# Renders the sample reports as HTML and screenshots them in a real headless browser,
# so a person can look at them. Not part of CI.
#
# Needs Debian's Chromium and a CJK font:
#   apt-get update && apt-get install -y chromium fonts-noto-cjk
#
# Usage: tools/screenshot-report.sh [OUT_DIR]     (default: target/screenshots)
# Then open OUT_DIR/*.png. Set SWS_EVAL=path/to/sws-eval to use a built binary.
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-target/screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

bin="${SWS_EVAL:-}"
if [ -z "$bin" ]; then
  cargo build --release --quiet --bin sws-eval
  bin="${CARGO_TARGET_DIR:-target}/release/sws-eval"
fi
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "no chromium found: apt-get install -y chromium fonts-noto-cjk" >&2
  exit 2
fi

county=examples/data/county
"$bin" evaluate "$county/01-dongcheng-pass.json" --format html --lang zh -o "$out/station-pass-zh.html"
"$bin" evaluate "$county/04-xindian-veto.json" --format html --lang en -o "$out/station-veto-en.html"
"$bin" evaluate "$county/07-shikou-after-expiry.json" --format html --lang en -o "$out/station-expired-en.html"
"$bin" county "$county" --format html --lang zh -o "$out/county-zh.html"
"$bin" county "$county" --format html --lang en -o "$out/county-en.html"
"$bin" standard --format html --lang zh -o "$out/standard-zh.html"

for page in "$out"/*.html; do
  png="${page%.html}.png"
  profile="$(mktemp -d)"
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$png" --window-size="${WIDTH:-1200},${HEIGHT:-2000}" "file://$page" >/dev/null 2>&1
  rm -rf "$profile"
  echo "$png"
done
