#!/usr/bin/env bash
# Renders the sample reports as HTML and screenshots them in a real headless browser,
# prints the HTML to PDF with the browser (to check the print styles: A4, page numbers,
# repeated table headers), renders the same reports with sws-eval's own `--format pdf`, and
# rasterises every PDF page to PNG, so a person can look at them. Not part of CI.
#
# Needs Debian's Chromium, a CJK font and poppler's pdftoppm:
#   apt-get update && apt-get install -y chromium fonts-noto-cjk poppler-utils
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
"$bin" evaluate "$county/04-xindian-veto.json" --lang zh -o "$out/station-veto-zh.pdf"
"$bin" evaluate "$county/01-dongcheng-pass.json" --lang en -o "$out/station-pass-en.pdf"
"$bin" county "$county" --lang zh -o "$out/county-zh.pdf"

for page in "$out"/*.html; do
  png="${page%.html}.png"
  profile="$(mktemp -d)"
  "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" \
    --screenshot="$png" --window-size="${WIDTH:-1200},${HEIGHT:-2000}" "file://$page" >/dev/null 2>&1
  rm -rf "$profile"
  echo "$png"
  # The browser's print of the same page: how the print styles lay it out on A4.
  profile="$(mktemp -d)"
  "$browser" --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
    --no-pdf-header-footer --print-to-pdf="${page%.html}-print.pdf" "file://$page" >/dev/null 2>&1 || true
  rm -rf "$profile"
done

if command -v pdftoppm >/dev/null; then
  for pdf in "$out"/*.pdf; do
    pdftoppm -r "${DPI:-80}" -png "$pdf" "${pdf%.pdf}-page"
    echo "${pdf%.pdf}-page-*.png ($(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}') pages)"
  done
else
  echo "no pdftoppm: apt-get install -y poppler-utils to rasterise the PDFs" >&2
fi
