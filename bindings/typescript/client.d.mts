import type { Decision, ErrorEnvelope, Evidence, JsonError } from "./types.js";

export type * from "./types.js";

/** Files that replace the built-in standard, policy versions or work calendar. */
export interface EvaluateOptions {
  /** The sws-eval binary; default: $SWS_EVAL, else `sws-eval` on PATH. */
  binary?: string;
  /** An evaluation standard JSON file (`--standard`). */
  standard?: string;
  /** Policy versions JSON file (`--policy`). */
  policy?: string;
  /** A work calendar JSON file (`--calendar`). */
  calendar?: string;
}

/** The engine refused the input (exit 1): every error it found. */
export declare class EngineError extends Error {
  readonly envelope: ErrorEnvelope & { status: "error" };
  readonly errors: JsonError[];
}

/**
 * Decides one evaluation: the evidence as an object, or the path of an evidence file.
 * Throws `EngineError` for a refused input (exit 1), `Error` for a usage error (exit 2).
 */
export declare function evaluate(evidence: Evidence | string, options?: EvaluateOptions): Decision;
