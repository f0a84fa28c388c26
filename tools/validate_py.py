#!/usr/bin/env python3
"""Checks sws-eval's JSON Schemas with Python's `jsonschema` (draft 2020-12).

    python3 tools/validate_py.py SCHEMA_DIR FIXTURE_DIR EMITTED_DIR

1. every schema in SCHEMA_DIR is a valid draft 2020-12 schema;
2. every file in FIXTURE_DIR/valid is accepted by the schema of its kind (the kind is
   the file name's prefix: evidence-, project-year-, standard-, policy-, calendar-, county-);
3. every file in FIXTURE_DIR/invalid is rejected if expected.json says a schema can
   express its rule (`schema_rejects`), and accepted otherwise (the engine alone
   rejects it); text that is not JSON counts as rejected;
4. every engine output listed in EMITTED_DIR/manifest.json is accepted by its schema.

Formats are checked (`format: date`, and the contract's `format: decimal`). Prints one line per failure and a closing
`python: N passed, M failed` line; exits 1 on any failure.
"""

import importlib.metadata
import json
import os
import re
import sys

import jsonschema
from jsonschema import Draft202012Validator, FormatChecker

DECIMAL = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
FORMATS = FormatChecker()
FORMATS.checks("decimal")(lambda value: not isinstance(value, str) or DECIMAL.match(value) is not None)
for _name, _check in Draft202012Validator.FORMAT_CHECKER.checkers.items():
    FORMATS.checkers.setdefault(_name, _check)

KINDS = ["evidence", "project-year", "standard", "policy", "calendar", "county"]


def kind_of(name):
    matches = [k for k in KINDS if name.startswith(k + "-")]
    if not matches:
        raise SystemExit(f"{name}: no kind prefix")
    return max(matches, key=len)


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    schema_dir, fixture_dir, emitted_dir = sys.argv[1:4]
    passed, failed = 0, 0
    counts = {}

    def ok(what):
        nonlocal passed
        passed += 1
        counts[what] = counts.get(what, 0) + 1

    def fail(message):
        nonlocal failed
        failed += 1
        print(f"python: FAIL {message}")

    validators = {}
    for name in sorted(os.listdir(schema_dir)):
        if not name.endswith(".json"):
            continue
        schema = load(os.path.join(schema_dir, name))
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.SchemaError as e:
            fail(f"schema {name} does not compile: {e.message}")
            continue
        validators[name[: -len(".json")]] = Draft202012Validator(
            schema, format_checker=FORMATS
        )
        ok("schemas compiled")

    def errors_of(schema, value):
        v = validators.get(schema)
        if v is None:
            return [f"no schema `{schema}`"]
        return [f"{'/' + '/'.join(map(str, e.absolute_path))}: {e.message}" for e in v.iter_errors(value)]

    valid_dir = os.path.join(fixture_dir, "valid")
    for name in sorted(os.listdir(valid_dir)):
        if not name.endswith(".json"):
            continue
        errs = errors_of(kind_of(name), load(os.path.join(valid_dir, name)))
        if errs:
            fail(f"valid fixture {name} rejected: {errs[:3]}")
        else:
            ok("valid fixtures accepted")

    invalid_dir = os.path.join(fixture_dir, "invalid")
    expected = load(os.path.join(invalid_dir, "expected.json"))
    for name, want in sorted(expected.items()):
        path = os.path.join(invalid_dir, name)
        try:
            value = load(path)
            rejected = bool(errors_of(want["kind"], value))
        except (json.JSONDecodeError, RecursionError):
            rejected = True
        if rejected != want["schema_rejects"]:
            verb = "accepted" if not rejected else "rejected"
            fail(f"invalid fixture {name} {verb} (schema_rejects is {want['schema_rejects']})")
        elif rejected:
            ok("invalid fixtures rejected")
        else:
            ok("engine-only fixtures accepted")

    manifest = load(os.path.join(emitted_dir, "manifest.json"))
    for entry in manifest:
        errs = errors_of(entry["schema"], load(os.path.join(emitted_dir, entry["file"])))
        if errs:
            fail(f"engine output {entry['file']} does not match `{entry['schema']}`: {errs[:3]}")
        else:
            ok("engine outputs valid")

    try:
        version = importlib.metadata.version("jsonschema")
    except importlib.metadata.PackageNotFoundError:
        version = "(unknown version)"
    detail = ", ".join(f"{n} {what}" for what, n in counts.items())
    print(f"python jsonschema {version}: {detail}")
    print(f"python: {passed} passed, {failed} failed")
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
