#!/usr/bin/env python3
"""Writes the JSON contract's fixture corpus: tests/fixtures/{valid,invalid}/.

Each invalid file is a valid one with exactly one thing wrong, named for that thing.
tests/fixtures/invalid/expected.json says, for each file, which input kind it is, the
error code and JSON pointer the engine must report, and whether a JSON Schema can
express the rule (`schema_rejects`): if it can, Python's jsonschema and ajv must reject
the file; if it cannot, they must accept it (and the engine alone rejects it).

The expectations are written here by hand, from the contract; they are never copied
from the engine's output. Run from the repository root:

    python3 tools/gen_contract_fixtures.py
"""

import copy
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VALID = os.path.join(ROOT, "tests", "fixtures", "valid")
INVALID = os.path.join(ROOT, "tests", "fixtures", "invalid")


def load(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return json.load(f)


def dump(path, value):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")


STATION = load("examples/data/station.json")
STANDARD = load("data/standards/dongying-2022-reconstruction.json")
POLICY = load("data/policies/dongying.json")
CALENDAR = load("data/calendar/cn-official-holidays.json")


def station():
    return copy.deepcopy(STATION)


# ------------------------------------------------------------------ valid corpus


def mid_term():
    """The same station at its mid-term evaluation: reports not all due yet."""
    ev = station()
    ev["evaluation"] = {
        "kind": "mid_term",
        "date": "2024-06-28",
        "project_year_start": "2024-01-01",
        "evaluator": "山东某第三方评估机构",
    }
    ev["contract"]["paid"] = "150000.00"
    ev["contract"]["mid_term_tranche"] = "90000.00"
    ev["training"] = [t for t in ev["training"] if t["date"] <= "2024-06-28"]
    ev["supervision"] = [s for s in ev["supervision"] if s["date"] <= "2024-06-28"]
    ev["reports"] = {"monthly_briefings": 5, "mid_term_report": True, "annual_report": False}
    ev["finance"]["budget_to_date"] = "150000.00"
    ev["finance"]["spent_to_date"] = "140000.00"
    for k in ev["services"]:
        ev["services"][k]["planned"] = max(1, ev["services"][k]["planned"] // 2)
        ev["services"][k]["delivered"] = ev["services"][k]["delivered"] // 2
    del ev["renewal"]
    return ev


def failing():
    """A final evaluation that fails: funds misappropriated (a veto), thin staff."""
    ev = station()
    ev["station"] = {
        "id": "DY-KLQ-007",
        "name": "垦利街道社会工作服务站",
        "county": "垦利区",
        "township": "垦利街道",
    }
    ev["contractor"]["county"] = "垦利区"
    ev["findings"] = [
        {"kind": "misappropriating_funds", "description": "项目经费挪用于机构其他项目 12,000 元"}
    ]
    ev["staff"]["workers"] = ev["staff"]["workers"][:2]
    ev["training"] = [t for t in ev["training"] if t["worker"] in ("w1", "w2")]
    ev["supervision"] = [s for s in ev["supervision"] if s["worker"] in ("w1", "w2")]
    ev["levels"] = {k: "D" for k in ev["levels"]}
    ev["surveys"]["satisfaction"] = {"respondents": 60, "positive": 31}
    return ev


def minimal():
    """Only the four required sections: every other leaf is insufficient evidence."""
    ev = station()
    return {k: ev[k] for k in ("station", "contractor", "contract", "evaluation")}


def departed():
    """The contractor left mid-contract and handed the archives over; no renewal."""
    ev = station()
    ev["departure"] = {
        "left_on": "2024-11-29",
        "handover": {"date": "2024-12-06", "with_list": True, "signed_agreement": True},
    }
    del ev["renewal"]
    ev["contract"]["award_notice_date"] = "2022-12-15"
    return ev


def project_year():
    ev_mid = mid_term()
    ev_final = station()
    return {"evaluations": [ev_mid, ev_final]}


def small_standard():
    """An official two-dimension standard a county might load."""
    return {
        "id": "county-sample-2024",
        "version": "2024.1",
        "title": {"zh": "某县社工站评估标准（示例）", "en": "A county's station evaluation standard (sample)"},
        "provenance": {"kind": "official", "note": "A sample official table with two dimensions."},
        "effective": {"from": "2024-01-01"},
        "max_points": "100",
        "grades": [
            {"grade": "unqualified", "from": "0", "below": "60"},
            {"grade": "qualified", "from": "60", "below": "75"},
            {"grade": "good", "from": "75", "below": "90"},
            {"grade": "excellent", "from": "90"},
        ],
        "dimensions": [
            {
                "id": "S",
                "title": {"zh": "人员与培训", "en": "Staff and training"},
                "articles": ["12", "31"],
                "max": "60",
                "children": [
                    {
                        "id": "S1",
                        "title": {"zh": "信息系统录入", "en": "Information system entries"},
                        "articles": ["26"],
                        "max": "20",
                        "rule": {"check": {"when": {"fact": "records.info_system_entries"}}},
                    },
                    {
                        "id": "S2",
                        "title": {"zh": "档案完整性", "en": "Archives"},
                        "articles": ["13"],
                        "max": "40",
                        "rule": {
                            "levels": {
                                "fact": "levels.archives",
                                "levels": [
                                    {"level": "A", "points": "40"},
                                    {"level": "B", "points": "30"},
                                    {"level": "C", "points": "15"},
                                    {"level": "D", "points": "0"},
                                ],
                            }
                        },
                    },
                ],
            },
            {
                "id": "T",
                "title": {"zh": "服务成效", "en": "Outcomes"},
                "articles": ["9"],
                "max": "40",
                "rule": {
                    "ratio_steps": {
                        "fact": "services.casework",
                        "steps": [
                            {"at_least": "1", "points": "40"},
                            {"at_least": "0.8", "points": "30"},
                            {"at_least": "0.5", "points": "10"},
                        ],
                    }
                },
            },
        ],
    }


def weighted_policy():
    p = copy.deepcopy(POLICY)
    v = p["versions"][0]
    later = copy.deepcopy(v)
    later["id"] = "county-2025-weighted"
    later["document"] = "某民〔2025〕1号"
    later["in_force"] = {"from": "2025-11-15", "until": "2028-11-14", "article": "附则"}
    later["combination"] = {"weighted": {"mid_term": "0.4", "final": "0.6"}}
    p["versions"].append(later)
    return p


def county_calendar():
    return {
        "source": "A county's own calendar for 2027 (sample)",
        "years": {
            "2027": {
                "off_days": [
                    {"date": "2027-01-01", "name": "New Year's Day 元旦"},
                    {"date": "2027-10-01", "name": "National Day 国庆节"},
                ],
                "make_up_workdays": [{"date": "2027-09-26", "name": "National Day 国庆节"}],
            }
        },
    }


def county():
    """examples/data/county as one file: the county's data with its stations inline."""
    folder = os.path.join(ROOT, "examples", "data", "county")
    c = load(os.path.join("examples", "data", "county", "county.json"))
    c["stations"] = [
        load(os.path.join("examples", "data", "county", name))
        for name in sorted(os.listdir(folder))
        if name.endswith(".json") and name != "county.json"
    ]
    return c


VALID_FILES = {
    "evidence-final-pass.json": station(),
    "evidence-mid-term.json": mid_term(),
    "evidence-final-fail-veto.json": failing(),
    "evidence-minimal.json": minimal(),
    "evidence-departed-with-handover.json": departed(),
    "project-year-mid-term-and-final.json": project_year(),
    "standard-default.json": STANDARD,
    "standard-county-sample.json": small_standard(),
    "policy-dongying.json": POLICY,
    "policy-with-weighted-successor.json": weighted_policy(),
    "calendar-official.json": CALENDAR,
    "calendar-county-2027.json": county_calendar(),
    "county-dongying-2025.json": county(),
}

# ------------------------------------------------------------------ invalid corpus

INVALID_FILES = {}
EXPECTED = {}


def bad(name, kind, value, code, pointer, schema_rejects, raw=None, also=()):
    """Registers one invalid file (value is JSON, or raw text when `raw` is given).

    The engine must report exactly `code` at `pointer` and the `also` errors (code,
    pointer) that the one defect necessarily implies, and nothing else."""
    fname = f"{kind}-{name}.json"
    INVALID_FILES[fname] = raw if raw is not None else value
    EXPECTED[fname] = {
        "kind": kind,
        "code": code,
        "pointer": pointer,
        "schema_rejects": schema_rejects,
    }
    if also:
        EXPECTED[fname]["also"] = [{"code": c, "pointer": p} for c, p in also]


def ev(mutate):
    v = station()
    mutate(v)
    return v


def setp(path, value):
    """A mutation setting a value at a path of keys and indices."""

    def f(v):
        *head, last = path
        for k in head:
            v = v[k]
        v[last] = value

    return f


def delp(path):
    def f(v):
        *head, last = path
        for k in head:
            v = v[k]
        del v[last]

    return f


def rename(path, old, new):
    def f(v):
        for k in path:
            v = v[k]
        v[new] = v.pop(old)

    return f


E = "evidence"
# Structure: what a schema can say.
bad("wrong-type-station-is-a-string", E, ev(setp(["station"], "DY-DYQ-001")), "wrong_type", "/station", True)
bad("wrong-type-full-time-is-a-string", E, ev(setp(["staff", "workers", 0, "full_time"], "yes")), "wrong_type", "/staff/workers/0/full_time", True)
bad("wrong-type-root-is-an-array", E, [station()], "wrong_type", "", True)
bad("wrong-type-contract-is-null", E, ev(setp(["contract"], None)), "wrong_type", "/contract", True)
bad("wrong-type-premises-is-a-list", E, ev(setp(["premises"], [])), "wrong_type", "/premises", True)
bad("fractional-count-delivered", E, ev(setp(["services", "group_work", "delivered"], 9.5)), "wrong_type", "/services/group_work/delivered", True)
bad("missing-field-contract-price", E, ev(delp(["contract", "price"])), "missing_field", "/contract/price", True)
bad("missing-field-worker-birth-date", E, ev(delp(["staff", "workers", 2, "birth_date"])), "missing_field", "/staff/workers/2/birth_date", True)
bad("missing-field-evaluation", E, ev(delp(["evaluation"])), "missing_field", "/evaluation", True)
bad("unknown-key-trainin", E, ev(rename([], "training", "trainin")), "unknown_field", "/trainin", True)
bad("unknown-key-worker-birthdate", E, ev(rename(["staff", "workers", 0], "birth_date", "birthdate")), "unknown_field", "/staff/workers/0/birthdate", True, also=[("missing_field", "/staff/workers/0/birth_date")])
bad("unknown-key-in-optional-section", E, ev(setp(["premises", "parking"], True)), "unknown_field", "/premises/parking", True)
bad("negative-hours", E, ev(setp(["training", 0, "hours"], "-16")), "negative_number", "/training/0/hours", True)
bad("negative-count-planned", E, ev(setp(["services", "casework", "planned"], -20)), "negative_number", "/services/casework/planned", True)
bad("count-too-large", E, ev(setp(["surveys", "satisfaction", "respondents"], 5000000000)), "out_of_range", "/surveys/satisfaction/respondents", True)
bad("malformed-date-month-13", E, ev(setp(["contract", "signed_on"], "2022-13-20")), "malformed_date", "/contract/signed_on", True)
bad("malformed-date-february-30", E, ev(setp(["evaluation", "date"], "2024-02-30")), "malformed_date", "/evaluation/date", True)
bad("malformed-date-slashes", E, ev(setp(["staff", "workers", 1, "entry_date"], "2023/01/01")), "malformed_date", "/staff/workers/1/entry_date", True)
bad("malformed-date-in-optional-field", E, ev(setp(["contract", "award_notice_date"], "12 Dec 2022")), "malformed_date", "/contract/award_notice_date", True)
bad("too-many-places-money", E, ev(setp(["contract", "paid"], "240000.005")), "too_many_places", "/contract/paid", True)
bad("too-many-places-hours", E, ev(setp(["supervision", 0, "hours"], "12.125")), "too_many_places", "/supervision/0/hours", True)
bad("too-many-places-written-zeros", E, ev(setp(["premises", "office_area_m2"], "30.000")), "too_many_places", "/premises/office_area_m2", True)
bad("number-instead-of-decimal-string-price", E, ev(setp(["contract", "price"], 300000)), "decimal_as_number", "/contract/price", True)
bad("number-instead-of-decimal-string-hours", E, ev(setp(["training", 2, "hours"], 16)), "decimal_as_number", "/training/2/hours", True)
bad("number-instead-of-decimal-string-optional", E, ev(setp(["contract", "mid_term_tranche"], 90000.5)), "decimal_as_number", "/contract/mid_term_tranche", True)
bad("malformed-decimal-exponent", E, ev(setp(["finance", "spent_to_date"], "2.8e5")), "malformed_decimal", "/finance/spent_to_date", True)
bad("malformed-decimal-comma", E, ev(setp(["contract", "price"], "300,000.00")), "malformed_decimal", "/contract/price", True)
bad("unknown-enum-evaluation-kind", E, ev(setp(["evaluation", "kind"], "finale")), "unknown_value", "/evaluation/kind", True)
bad("unknown-enum-training-provider", E, ev(setp(["training", 1, "provider"], "industry_bodies")), "unknown_value", "/training/1/provider", True)
bad("unknown-enum-finding-kind", E, ev(setp(["findings"], [{"kind": "fraud", "description": "x"}])), "unknown_value", "/findings/0/kind", True)
bad("not-json-truncated", E, None, "invalid_json", "", True, raw=json.dumps(station(), ensure_ascii=False, indent=2)[:400])
bad("not-json-trailing-comma", E, None, "invalid_json", "", True, raw='{"station": {"id": "x",}}\n')
bad("too-deep-nesting", E, ev(setp(["findings"], json.loads("[" * 80 + "]" * 80))), "input_too_deep", "", True)
# Structure a schema cannot see.
bad("date-before-1900", E, ev(setp(["staff", "workers", 0, "birth_date"], "1899-05-10")), "malformed_date", "/staff/workers/0/birth_date", False)
bad(
    "duplicate-key-paid",
    E,
    None,
    "duplicate_field",
    "/contract/paid",
    False,
    raw=json.dumps(station(), ensure_ascii=False, indent=2).replace(
        '"paid": "240000.00",', '"paid": "240000.00",\n    "paid": "250000.00",', 1
    ),
)
# Semantics: rules no schema can express.
bad("contradictory-dates-signed-before-award", E, ev(setp(["contract", "signed_on"], "2022-12-01")), "contradictory_dates", "/contract/signed_on", False)
bad("contradictory-dates-term-ends-before-start", E, ev(setp(["contract", "term_end"], "2022-12-31")), "contradictory_dates", "/contract/term_end", False)
bad("contradictory-dates-evaluated-before-year", E, ev(setp(["evaluation", "project_year_start"], "2024-12-11")), "contradictory_dates", "/evaluation/date", False)
bad("contradictory-dates-worker-entered-before-birth", E, ev(setp(["staff", "workers", 1, "birth_date"], "2023-06-01")), "contradictory_dates", "/staff/workers/1/entry_date", False)
bad("contradictory-dates-training-after-evaluation", E, ev(setp(["training", 3, "date"], "2024-12-20")), "contradictory_dates", "/training/3/date", False)
bad(
    "contradictory-dates-handover-before-departure",
    E,
    ev(setp(["departure"], {"left_on": "2024-11-29", "handover": {"date": "2024-11-20", "with_list": True, "signed_agreement": True}})),
    "contradictory_dates",
    "/departure/handover/date",
    False,
)
bad("contradictory-dates-renewal-ends-before-start", E, ev(setp(["renewal", "end"], "2024-12-31")), "contradictory_dates", "/renewal/end", False)
bad("unknown-worker-in-training", E, ev(setp(["training", 0, "worker"], "w9")), "unknown_worker", "/training/0/worker", False)
bad("unknown-worker-in-supervision", E, ev(setp(["supervision", 5, "worker"], "W2")), "unknown_worker", "/supervision/5/worker", False)
bad("duplicate-worker-id", E, ev(lambda v: v["staff"]["workers"].append(dict(v["staff"]["workers"][1], name="李娜（重复登记）"))), "duplicate_worker", "/staff/workers/4/id", False)
bad("overpaid-contract", E, ev(setp(["contract", "paid"], "300000.01")), "overpaid", "/contract/paid", False)
bad("tranche-exceeds-price", E, ev(setp(["contract", "mid_term_tranche"], "310000.00")), "tranche_exceeds_price", "/contract/mid_term_tranche", False)
bad("more-satisfied-than-asked", E, ev(setp(["surveys", "satisfaction", "positive"], 121)), "impossible_count", "/surveys/satisfaction/positive", False)
bad("planned-zero", E, ev(setp(["services", "publicity"], {"planned": 0, "delivered": 3})), "zero_planned", "/services/publicity/planned", False)
bad("unknown-level", E, ev(setp(["levels", "archives"], "a")), "unknown_level", "/levels/archives", False)
bad("signed-after-the-policy-ended", E, ev(lambda v: (v["contract"].update(signed_on="2025-12-01", award_notice_date="2025-11-25", project_start="2026-01-01", term_end="2026-12-31"), v["evaluation"].update(date="2026-12-10", project_year_start="2026-01-01"), v["staff"]["workers"][3].update(entry_date="2023-03-01"), v.pop("renewal"))), "no_policy_in_force", "/contract/signed_on", False)

Y = "project-year"


def year(mutate):
    y = project_year()
    mutate(y)
    return y


bad("two-finals", Y, year(lambda y: y["evaluations"][0]["evaluation"].update(kind="final")), "too_many_finals", "/evaluations/1/evaluation/kind", False)
bad("out-of-order", Y, year(lambda y: y["evaluations"].reverse()), "out_of_order", "/evaluations/1/evaluation/date", False)
bad("mixed-stations", Y, year(lambda y: y["evaluations"][1]["station"].update(id="DY-DYQ-002")), "mixed_project_years", "/evaluations/1/evaluation/project_year_start", False)
bad("no-evaluations", Y, {"evaluations": []}, "no_evaluations", "/evaluations", False)
bad("unknown-key-inside-an-evaluation", Y, year(rename(["evaluations", 1], "signage", "signs")), "unknown_field", "/evaluations/1/signs", True)
bad("overpaid-inside-an-evaluation", Y, year(setp(["evaluations", 0, "contract", "paid"], "999999.00")), "overpaid", "/evaluations/0/contract/paid", False)

S = "standard"


def std(mutate):
    s = copy.deepcopy(STANDARD)
    mutate(s)
    return s


bad("children-sum", S, std(setp(["dimensions", 0, "max"], "26")), "children_sum", "/dimensions/0/max", False)
bad("unknown-fact", S, std(setp(["dimensions", 0, "children", 0, "rule", "checklist", "items", 1, "when", "fact"], "premises.casework_rooms")), "unknown_fact", "/dimensions/0/children/0/rule", False)
bad("unknown-rule-kind", S, std(rename(["dimensions", 0, "children", 0, "rule"], "checklist", "checklst")), "unknown_field", "/dimensions/0/children/0/rule/checklst", True)
bad("grade-bands-gap", S, std(setp(["grades", 1, "from"], "61")), "grade_bands", "/grades", False)
bad("duplicate-node-id", S, std(setp(["dimensions", 1, "id"], "A")), "bad_node_id", "/dimensions/1/id", False)
bad("points-as-number", S, std(setp(["max_points"], 100)), "decimal_as_number", "/max_points", True)
bad("unknown-grade", S, std(setp(["grades", 3, "grade"], "outstanding")), "unknown_value", "/grades/3/grade", True)

P = "policy"


def pol(mutate):
    p = copy.deepcopy(POLICY)
    mutate(p)
    return p


bad("missing-gate-severity", P, pol(lambda p: p["versions"][0]["gates"].pop()), "gate_severity", "/versions/0/gates", False)
bad("weights-do-not-add-up-to-one", P, pol(setp(["versions", 0, "combination"], {"weighted": {"mid_term": "0.5", "final": "0.6"}})), "bad_parameter", "/versions/0/combination/weighted", False)
bad("threshold-as-number", P, pol(setp(["versions", 0, "parameters", "min_training_hours", "value"], 48)), "decimal_as_number", "/versions/0/parameters/min_training_hours/value", True)
bad("unknown-severity", P, pol(setp(["versions", 0, "gates", 0, "severity"], "fatal")), "unknown_value", "/versions/0/gates/0/severity", True)

C = "calendar"


def cal(mutate):
    c = county_calendar()
    mutate(c)
    return c


bad("make-up-on-a-weekday", C, cal(setp(["years", "2027", "make_up_workdays", 0, "date"], "2027-09-27")), "make_up_on_weekday", "/years/2027/make_up_workdays/0/date", False)
bad("bad-year-key", C, cal(lambda c: c["years"].update({"27": c["years"].pop("2027")})), "bad_year_key", "/years/27", False)
bad("day-off-and-workday", C, cal(lambda c: c["years"]["2027"]["off_days"].append({"date": "2027-09-26", "name": "x"})), "day_off_and_workday", "/years/2027/make_up_workdays/0/date", False)
bad("days-is-not-a-list", C, cal(setp(["years", "2027", "off_days"], {"2027-01-01": "New Year"})), "wrong_type", "/years/2027/off_days", True)


def main():
    for d in (VALID, INVALID):
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
    for name, value in VALID_FILES.items():
        dump(os.path.join(VALID, name), value)
    for name, value in INVALID_FILES.items():
        path = os.path.join(INVALID, name)
        if isinstance(value, str):
            with open(path, "w", encoding="utf-8") as f:
                f.write(value)
        else:
            dump(path, value)
    dump(os.path.join(INVALID, "expected.json"), dict(sorted(EXPECTED.items())))
    print(f"{len(VALID_FILES)} valid, {len(INVALID_FILES)} invalid fixtures written")


if __name__ == "__main__":
    main()
