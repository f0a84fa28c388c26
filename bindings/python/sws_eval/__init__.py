"""Typed Python bindings of the sws-eval JSON contract.

`sws_eval.models` holds pydantic v2 models generated from the project's JSON Schema
(`schemas/v1/sws-eval.json`): `Evidence`, `Decision`, `ProjectYear`, `YearDecision`,
`County`, `CountyDecision`, `Standard`, `ErrorEnvelope` and every type they use, with
`decimal.Decimal` for decimals and `Literal`s for closed sets. `sws_eval.client` runs the
`sws-eval` binary and returns typed decisions.
"""

from . import models
from .client import EngineError, evaluate
from .models import *  # noqa: F403

__all__ = ["EngineError", "evaluate", "models", *models.__all__]
