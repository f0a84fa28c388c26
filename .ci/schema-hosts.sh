#!/usr/bin/env bash
# Proves the JSON contract outside Rust: Python's jsonschema and JavaScript's ajv
# (strict mode, draft 2020-12, with ajv-formats) each compile every schema under
# schemas/v1/, accept every valid fixture and every decision, envelope and batch line
# the engine produces for the fixture corpus, and reject exactly the invalid fixtures
# whose rule a schema can express (tests/fixtures/invalid/expected.json).
# Then the typed bindings (bindings/python, bindings/typescript): they match what
# tools/gen_bindings.py generates from schemas/v1/sws-eval.json, and each one's test
# decides the sample station through its types.
#
# Installs its own tools from the registries (pip into tools/.venv, npm into
# tools/node_modules from tools/package-lock.json), so a fresh machine passes.
# Works unattended (CI=true, no stdin); exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

for tool in cargo python3 node npm; do
  command -v "$tool" >/dev/null || { echo "schema-hosts: $tool is not installed" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "-- engine outputs for the fixture corpus"
cargo run --quiet --example emit_contract -- "$work/emitted" </dev/null

echo "-- installing Python jsonschema (tools/.venv)"
py=tools/.venv/bin/python
if [ ! -x "$py" ] && ! python3 -m venv tools/.venv >/dev/null 2>&1; then
  # No venv module: install for the user instead.
  rm -rf tools/.venv
  py=python3
  pip_user=--user
fi
case $py in */*) py="$PWD/$py" ;; esac
"$py" -m pip install --quiet --disable-pip-version-check ${pip_user:-} \
  -r tools/requirements-schema-hosts.txt </dev/null

echo "-- installing JavaScript ajv + ajv-formats (tools/node_modules)"
npm ci --prefix tools --no-audit --no-fund --loglevel=error </dev/null >/dev/null

status=0
echo "-- Python"
"$py" tools/validate_py.py schemas/v1 tests/fixtures "$work/emitted" || status=1
echo "-- the README's Python example, run as written"
cargo build --quiet --bin sws-eval </dev/null
target_dir=$(cargo metadata --format-version 1 --no-deps | "$py" -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
awk '/^```python$/ {f = 1; next} /^```$/ {if (f) exit} f' README.md >"$work/readme_example.py"
if out=$(SWS_EVAL="$target_dir/debug/sws-eval" "$py" "$work/readme_example.py" examples/data/station.json) \
  && printf '%s\n' "$out" | grep -qx 'pass good 87.50'; then
  echo "README example: OK"
else
  echo "FAIL: the README's Python example printed: $out"
  status=1
fi
echo "-- JavaScript"
node tools/validate_js.mjs schemas/v1 tests/fixtures "$work/emitted" || status=1

echo "-- typed bindings: generated from the bundled schema (drift)"
python3 tools/gen_bindings.py --check || status=1
echo "-- Python binding (pydantic, pinned in bindings/python/requirements-test.txt)"
"$py" -m pip install --quiet --disable-pip-version-check ${pip_user:-} \
  -r bindings/python/requirements-test.txt </dev/null
(cd bindings/python && SWS_EVAL="$target_dir/debug/sws-eval" "$py" -m unittest discover -s tests </dev/null) \
  || { echo "FAIL: the Python binding's test"; status=1; }
echo "-- TypeScript binding (typescript, pinned in bindings/typescript/package-lock.json)"
npm ci --prefix bindings/typescript --no-audit --no-fund --loglevel=error </dev/null >/dev/null
(cd bindings/typescript && SWS_EVAL="$target_dir/debug/sws-eval" npm test --silent </dev/null) \
  || { echo "FAIL: the TypeScript binding's test"; status=1; }

if [ "$status" -eq 0 ]; then
  echo "schema-hosts: OK: Python and JavaScript agree with the engine ($((SECONDS - start)) s)"
else
  echo "schema-hosts: FAILED (see the FAIL lines above)"
fi
exit "$status"
