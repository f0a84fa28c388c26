// A tiny client: runs the `sws-eval` binary and returns the typed decision.
// The binary is `options.binary`, else the SWS_EVAL environment variable, else
// `sws-eval` on PATH. Types: client.d.mts and types.d.ts.
import { spawnSync } from "node:child_process";

/** The engine refused the input (exit 1); `errors` lists every error it found. */
export class EngineError extends Error {
  constructor(envelope) {
    const first = envelope.errors[0];
    super(
      `sws-eval refused the input (${envelope.errors.length} errors; first: ` +
        (first ? `${first.pointer || "/"}: ${first.code}: ${first.message})` : "none listed)"),
    );
    this.name = "EngineError";
    this.envelope = envelope;
    this.errors = envelope.errors;
  }
}

/**
 * Decides one evaluation. `evidence` is the evidence as an object, or the path of an
 * evidence file (JSON or a workbook) when it is a string.
 */
export function evaluate(evidence, options = {}) {
  const binary = options.binary ?? process.env.SWS_EVAL ?? "sws-eval";
  const args = ["evaluate", typeof evidence === "string" ? evidence : "-", "--format", "json"];
  for (const flag of ["standard", "policy", "calendar"]) {
    if (options[flag] !== undefined) args.push(`--${flag}`, options[flag]);
  }
  const run = spawnSync(binary, args, {
    input: typeof evidence === "string" ? undefined : JSON.stringify(evidence),
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  if (run.status === 0) return JSON.parse(run.stdout);
  if (run.status === 1 && run.stdout.trim() !== "") throw new EngineError(JSON.parse(run.stdout));
  throw new Error(`sws-eval exited with ${run.status}: ${run.stderr.trim()}`);
}
