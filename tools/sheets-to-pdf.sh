#!/usr/bin/env bash
# Writes the evidence template, a decision workbook and a county workbook, and converts
# each to PDF (every sheet) and each sheet of the template to CSV with headless
# LibreOffice, so that a person can look at them. Not run in CI (LibreOffice is heavy).
#
#   sudo apt-get install libreoffice-calc      # Debian/Ubuntu
#   tools/sheets-to-pdf.sh [OUT_DIR]           # default: target/sheets
#
# The PDFs land in OUT_DIR next to the workbooks.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/sheets}"
mkdir -p "$out"
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
  echo "LibreOffice (soffice) not found: apt-get install libreoffice-calc" >&2
  exit 2
fi
# SWS_EVAL names a built binary; otherwise the debug build (warm in a working copy).
bin="${SWS_EVAL:-}"
if [ -z "$bin" ]; then
  cargo build --quiet --bin sws-eval
  bin=target/debug/sws-eval
fi
"$bin" template --lang zh -o "$out/template.xlsx"
# A standard with panels: one column per evaluator on the Indicators sheet.
"$bin" template --lang zh --standard examples/standards/party-split-1000.json \
  -o "$out/template-panel.xlsx"
"$bin" convert examples/data/station.json -o "$out/station.xlsx"
"$bin" evaluate "$out/station.xlsx" --lang zh -o "$out/decision.xlsx"
"$bin" county examples/data/county --lang zh -o "$out/county.xlsx" || true
# A private profile so a running LibreOffice does not get in the way.
profile="file://$(mktemp -d)"
for wb in template template-panel station decision county; do
  "$soffice" -env:UserInstallation="$profile" --headless --convert-to pdf \
    --outdir "$out" "$out/$wb.xlsx" >/dev/null
done
# CSV of the filled workbook's first sheet (LibreOffice converts the active sheet), in
# UTF-8 (filter token 76; the default is the system's legacy code page).
"$soffice" -env:UserInstallation="$profile" --headless \
  --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
  --outdir "$out" "$out/station.xlsx" >/dev/null
# And back: the workbook LibreOffice re-saves still reads as the same evidence.
"$soffice" -env:UserInstallation="$profile" --headless --convert-to ods \
  --outdir "$out" "$out/station.xlsx" >/dev/null
"$bin" convert "$out/station.ods" -o "$out/station-from-ods.json"
ls -l "$out"
