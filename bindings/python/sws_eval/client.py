"""A tiny client: runs the `sws-eval` binary and returns typed results.

    from sws_eval import evaluate
    decision = evaluate("examples/data/station.json")
    decision.verdict            # "pass"
    decision.scorecard.total    # Decimal("87.50")

The binary is `binary=`, else the `SWS_EVAL` environment variable, else `sws-eval` on
PATH (`cargo install --path .` puts it there).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .models import Decision, ErrorEnvelope, Evidence

__all__ = ["EngineError", "evaluate"]


class EngineError(Exception):
    """The engine refused the input (exit 1): `errors` lists every error it found, each
    with a stable code, a JSON pointer, what was expected and what was found."""

    def __init__(self, envelope: ErrorEnvelope):
        self.envelope = envelope
        self.errors = envelope.errors
        first = envelope.errors[0] if envelope.errors else None
        where = f"{first.pointer or '/'}: {first.code}: {first.message}" if first else "no errors listed"
        super().__init__(f"sws-eval refused the input ({len(envelope.errors)} errors; first: {where})")


def _binary(binary: str | os.PathLike[str] | None) -> str:
    return os.fspath(binary) if binary is not None else os.environ.get("SWS_EVAL", "sws-eval")


def evaluate(
    evidence: Evidence | Mapping[str, Any] | str | os.PathLike[str],
    *,
    binary: str | os.PathLike[str] | None = None,
    standard: str | os.PathLike[str] | None = None,
    policy: str | os.PathLike[str] | None = None,
    calendar: str | os.PathLike[str] | None = None,
) -> Decision:
    """Decides one evaluation: `evidence` as typed `Evidence`, a plain mapping, or the
    path of an evidence file (JSON or a workbook). `standard`, `policy` and `calendar`
    are files that replace the built-in ones.

    Raises `EngineError` when the engine refuses the input (exit 1) and `RuntimeError`
    for a usage or configuration error (exit 2, e.g. a standard file that does not load).
    """
    args = [_binary(binary), "evaluate"]
    stdin = None
    if isinstance(evidence, Evidence):
        args.append("-")
        stdin = evidence.model_dump_json(by_alias=True, exclude_unset=True)
    elif isinstance(evidence, Mapping):
        args.append("-")
        stdin = json.dumps(evidence, ensure_ascii=False)
    else:
        args.append(os.fspath(Path(evidence)))
    args += ["--format", "json"]
    for flag, value in (("--standard", standard), ("--policy", policy), ("--calendar", calendar)):
        if value is not None:
            args += [flag, os.fspath(value)]
    run = subprocess.run(args, input=stdin, capture_output=True, text=True, encoding="utf-8")
    if run.returncode == 0:
        return Decision.model_validate_json(run.stdout)
    if run.returncode == 1 and run.stdout.strip():
        raise EngineError(ErrorEnvelope.model_validate_json(run.stdout))
    raise RuntimeError(f"sws-eval exited with {run.returncode}: {run.stderr.strip()}")
