// Checks sws-eval's JSON Schemas with ajv (draft 2020-12, strict mode, ajv-formats).
//
//     node tools/validate_js.mjs SCHEMA_DIR FIXTURE_DIR EMITTED_DIR
//
// The same four checks as tools/validate_py.py: every schema compiles in strict mode;
// valid fixtures are accepted; invalid fixtures are rejected exactly when expected.json
// says a schema can express their rule; every engine output matches its schema.
// Prints one line per failure and a closing `javascript: N passed, M failed` line;
// exits 1 on any failure.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const KINDS = ["evidence", "project-year", "standard", "policy", "calendar", "county"];
const [schemaDir, fixtureDir, emittedDir] = process.argv.slice(2);

let passed = 0;
let failed = 0;
const counts = new Map();
const ok = (what) => {
  passed += 1;
  counts.set(what, (counts.get(what) ?? 0) + 1);
};
const fail = (message) => {
  failed += 1;
  console.log(`javascript: FAIL ${message}`);
};
const load = (p) => JSON.parse(fs.readFileSync(p, "utf8"));
const kindOf = (name) => {
  const matches = KINDS.filter((k) => name.startsWith(`${k}-`));
  if (matches.length === 0) throw new Error(`${name}: no kind prefix`);
  return matches.reduce((a, b) => (b.length > a.length ? b : a));
};

// Strict mode: unknown keywords, unknown formats, ignored keywords and ambiguous
// types are errors, not warnings. Each schema gets its own instance (their $defs
// share names). The contract's own vocabulary is registered: the `decimal` format
// (an exact decimal string) and the `x-schema-version` annotation.
const DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
const validators = new Map();
for (const name of fs.readdirSync(schemaDir).sort()) {
  if (!name.endsWith(".json")) continue;
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("decimal", DECIMAL);
  ajv.addKeyword({ keyword: "x-schema-version", schemaType: "string" });
  try {
    validators.set(name.slice(0, -".json".length), ajv.compile(load(path.join(schemaDir, name))));
    ok("schemas compiled");
  } catch (e) {
    fail(`schema ${name} does not compile in strict mode: ${e.message}`);
  }
}

const errorsOf = (schema, value) => {
  const validate = validators.get(schema);
  if (!validate) return [`no schema \`${schema}\``];
  return validate(value) ? [] : validate.errors.map((e) => `${e.instancePath || "/"}: ${e.message}`);
};

const validDir = path.join(fixtureDir, "valid");
for (const name of fs.readdirSync(validDir).sort()) {
  if (!name.endsWith(".json")) continue;
  const errs = errorsOf(kindOf(name), load(path.join(validDir, name)));
  if (errs.length) fail(`valid fixture ${name} rejected: ${errs.slice(0, 3).join("; ")}`);
  else ok("valid fixtures accepted");
}

const invalidDir = path.join(fixtureDir, "invalid");
const expected = load(path.join(invalidDir, "expected.json"));
for (const [name, want] of Object.entries(expected).sort()) {
  let rejected;
  try {
    rejected = errorsOf(want.kind, load(path.join(invalidDir, name))).length > 0;
  } catch (e) {
    if (!(e instanceof SyntaxError || e instanceof RangeError)) throw e;
    rejected = true;
  }
  if (rejected !== want.schema_rejects) {
    fail(`invalid fixture ${name} ${rejected ? "rejected" : "accepted"} (schema_rejects is ${want.schema_rejects})`);
  } else if (rejected) ok("invalid fixtures rejected");
  else ok("engine-only fixtures accepted");
}

for (const entry of load(path.join(emittedDir, "manifest.json"))) {
  const errs = errorsOf(entry.schema, load(path.join(emittedDir, entry.file)));
  if (errs.length) fail(`engine output ${entry.file} does not match \`${entry.schema}\`: ${errs.slice(0, 3).join("; ")}`);
  else ok("engine outputs valid");
}

const version = require("ajv/package.json").version;
const formats = require("ajv-formats/package.json").version;
const detail = [...counts].map(([what, n]) => `${n} ${what}`).join(", ");
console.log(`javascript ajv ${version} (strict, draft 2020-12, ajv-formats ${formats}): ${detail}`);
console.log(`javascript: ${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);
