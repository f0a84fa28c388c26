// The sample station through the types: its evidence is read as `Evidence`, the engine's
// decision comes back as `Decision`, and the figures are the real ones (pass, 87.50).
// Run with the engine built: SWS_EVAL=../../target/debug/sws-eval npm test
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { EngineError, evaluate } from "../client.mjs";
import type { Decision, Evidence, GradeId, Money, Points, Verdict } from "../client.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const station = `${root}examples/data/station.json`;
const binary = process.env.SWS_EVAL ?? `${root}target/debug/sws-eval`;

const evidence: Evidence = JSON.parse(readFileSync(station, "utf8")) as Evidence;
assert.equal(evidence.evaluation.kind, "final");
const price: Money = evidence.contract.price;
assert.equal(price, "300000.00");

const decision: Decision = evaluate(evidence, { binary });
const verdict: Verdict = decision.verdict;
const grade: GradeId = decision.grade;
const total: Points | string = decision.scorecard.total;
assert.equal(verdict, "pass");
assert.equal(grade, "good");
assert.equal(total, "87.50"); // a decimal string, exact
assert.deepEqual(evaluate(station, { binary }), decision);

const misspelt = { ...JSON.parse(readFileSync(station, "utf8")), stationn: {} } as unknown as Evidence;
assert.throws(
  () => evaluate(misspelt, { binary }),
  (e: unknown) => e instanceof EngineError && e.errors.some((x) => x.code === "unknown_field"),
);
console.log(`sample station: ${verdict} ${grade} ${total}`);
