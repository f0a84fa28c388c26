"""The sample station through the typed models: its evidence loads and round-trips, the
engine's decision loads, and the figures are the real ones (pass, good, 87.50).

Run from bindings/python with the engine built:
    SWS_EVAL=../../target/debug/sws-eval python -m unittest discover -s tests
"""

import json
import os
import unittest
from decimal import Decimal
from pathlib import Path

from sws_eval import Decision, EngineError, Evidence, evaluate

ROOT = Path(__file__).resolve().parents[3]
STATION = ROOT / "examples" / "data" / "station.json"
BINARY = os.environ.get("SWS_EVAL", str(ROOT / "target" / "debug" / "sws-eval"))


class SampleStation(unittest.TestCase):
    def test_evidence_loads_and_writes_back_unchanged(self):
        text = STATION.read_text(encoding="utf-8")
        evidence = Evidence.model_validate_json(text)
        self.assertEqual(evidence.evaluation.kind, "final")
        again = json.loads(evidence.model_dump_json(by_alias=True, exclude_unset=True))
        self.assertEqual(again, json.loads(text))

    def test_decision_is_typed_and_has_the_real_figures(self):
        evidence = Evidence.model_validate_json(STATION.read_text(encoding="utf-8"))
        decision = evaluate(evidence, binary=BINARY)
        self.assertIsInstance(decision, Decision)
        self.assertEqual(decision.verdict, "pass")
        self.assertEqual(decision.grade, "good")
        self.assertIsInstance(decision.scorecard.total, Decimal)
        self.assertEqual(decision.scorecard.total, Decimal("87.50"))
        self.assertGreater(decision.scorecard.total, Decimal("9"))  # numbers, not text
        self.assertIsInstance(decision.payment.release, Decimal)
        # The same decision from the file path.
        self.assertEqual(evaluate(STATION, binary=BINARY), decision)

    def test_a_refused_input_raises_with_typed_errors(self):
        evidence = json.loads(STATION.read_text(encoding="utf-8"))
        evidence["stationn"] = evidence.pop("station")
        with self.assertRaises(EngineError) as caught:
            evaluate(evidence, binary=BINARY)
        codes = {e.code for e in caught.exception.errors}
        self.assertIn("unknown_field", codes)

    def test_the_models_refuse_what_the_engine_refuses(self):
        from pydantic import ValidationError

        evidence = json.loads(STATION.read_text(encoding="utf-8"))
        with self.assertRaises(ValidationError):
            Evidence.model_validate({**evidence, "stationn": 1})  # an unknown key
        evidence["contract"]["price"] = "50000.001"  # three decimal places of yuan
        with self.assertRaises(ValidationError):
            Evidence.model_validate(evidence)


if __name__ == "__main__":
    unittest.main()
