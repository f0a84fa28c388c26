//! Every scoring rule at every step boundary, on the default standard, and the checks
//! a standard must pass when it is loaded.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use rust_decimal::Decimal;
use serde_json::{Value, json};
use sws_eval::evidence::Evidence;
use sws_eval::score::{NodeOutcome, Scorecard, score, score_total};
use sws_eval::standard::{CompiledStandard, Grade, Standard, StandardError};

const STATION: &str = include_str!("../examples/data/station.json");

fn base() -> Value {
    serde_json::from_str(STATION).unwrap()
}

fn set(v: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    match v.pointer_mut(parent).unwrap() {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(list) => list[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}"),
    }
}

fn card(v: &Value) -> Scorecard {
    let ev: Evidence = serde_json::from_value(v.clone()).unwrap();
    score(&CompiledStandard::dongying_2022(), &ev).unwrap()
}

fn points(v: &Value, node: &str) -> String {
    let c = card(v);
    c.nodes
        .iter()
        .find(|n| n.id == node)
        .unwrap()
        .points
        .normalize()
        .to_string()
}

fn outcome(v: &Value, node: &str) -> NodeOutcome {
    card(v).nodes.iter().find(|n| n.id == node).unwrap().outcome
}

#[test]
fn the_default_standard_totals_25_15_40_12_8() {
    let s = CompiledStandard::dongying_2022();
    let maxima: Vec<String> = s
        .standard()
        .dimensions
        .iter()
        .map(|d| d.max.to_string())
        .collect();
    assert_eq!(maxima, ["25", "15", "40", "12", "8"]);
    let sum: Decimal = s.standard().dimensions.iter().map(|d| d.max.get()).sum();
    assert_eq!(sum, Decimal::from(100));
    assert_eq!(s.standard().max_points.get(), Decimal::from(100));
}

#[test]
fn the_default_standard_round_trips() {
    let s = Standard::dongying_2022();
    let json = serde_json::to_string_pretty(&s).unwrap();
    let again = Standard::from_json(&json).unwrap();
    assert_eq!(again, s);
    assert_eq!(
        again.compile().unwrap().hash(),
        CompiledStandard::dongying_2022().hash()
    );
}

#[test]
fn the_default_standard_marks_itself_a_reconstruction() {
    let s = Standard::dongying_2022();
    assert_eq!(
        s.provenance.kind,
        sws_eval::standard::Provenance::Reconstruction
    );
    fn all_assumed(n: &sws_eval::standard::Node) -> bool {
        n.assumed && n.children.iter().all(all_assumed)
    }
    assert!(s.dimensions.iter().all(all_assumed));
}

/// The README's worked example: the sample station, leaf by leaf.
#[test]
fn readme_worked_example() {
    let c = card(&base());
    let got: Vec<(String, String)> = c
        .nodes
        .iter()
        .map(|n| (n.id.to_string(), n.points.normalize().to_string()))
        .collect();
    let want = [
        ("A", "24"),
        ("A1", "4"),
        ("A2", "1"),
        ("A3", "4"),
        ("A4", "5"),
        ("A5", "6"),
        ("A5.1", "3"),
        ("A5.2", "3"),
        ("A6", "4"),
        ("A6.1", "2"),
        ("A6.2", "1"),
        ("A6.3", "1"),
        ("B", "15"),
        ("B1", "5"),
        ("B2", "4"),
        ("B3", "3"),
        ("B4", "3"),
        ("C", "32.5"),
        ("C1", "3"),
        ("C2", "4"),
        ("C3", "6"),
        ("C4", "4"),
        ("C5", "6"),
        ("C6", "2"),
        ("C7", "2"),
        ("C8", "5.5"),
        ("D", "10"),
        ("D1", "5"),
        ("D2", "4"),
        ("D3", "1"),
        ("E", "6"),
        ("E1", "4"),
        ("E2", "2"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    assert_eq!(got, want);
    assert_eq!(c.total.to_string(), "87.50");
    assert_eq!(c.grade, Grade::Good);
    let reasons: Vec<(&str, String)> = c
        .reasons
        .iter()
        .map(|r| (r.node.as_str(), r.lost.normalize().to_string()))
        .collect();
    assert_eq!(
        reasons,
        [
            ("C7", "3".to_owned()),
            ("C4", "2".into()),
            ("E2", "2".into()),
            ("A4", "1".into()),
            ("C1", "1".into()),
            ("C6", "1".into()),
            ("D1", "1".into()),
            ("D3", "1".into()),
            ("C8", "0.5".into())
        ]
    );
    assert!(c.insufficient_evidence.is_empty());
}

#[test]
fn explained_and_fast_paths_agree() {
    let ev: Evidence = serde_json::from_str(STATION).unwrap();
    let s = CompiledStandard::dongying_2022();
    let (total, grade) = score_total(&s, &ev).unwrap();
    let c = score(&s, &ev).unwrap();
    assert_eq!((total, grade), (c.total, c.grade));
}

#[test]
fn checklist_items_and_inputs_are_explained() {
    let mut v = base();
    set(&mut v, "/premises/office_area_m2", json!("23.99"));
    let c = card(&v);
    let a1 = c.nodes.iter().find(|n| n.id == "A1").unwrap();
    assert_eq!(a1.points.normalize().to_string(), "3");
    let office = a1.inputs.iter().find(|i| i.item == "office_area").unwrap();
    assert_eq!(office.required, "≥ 6");
    assert_eq!(office.actual, "5.9975");
    assert_eq!(office.source, "/premises/office_area_m2");
    assert!(office.points.is_zero());
    set(&mut v, "/premises/office_area_m2", json!("24"));
    assert_eq!(points(&v, "A1"), "4");
}

#[test]
fn check_rule_all_or_nothing() {
    let mut v = base();
    assert_eq!(points(&v, "B1"), "5");
    set(&mut v, "/finance/ledger_per_funding_source", json!(false));
    assert_eq!(points(&v, "B1"), "0");
    set(&mut v, "/records/retention_years", json!(4));
    assert_eq!(points(&v, "A6.3"), "0");
    set(&mut v, "/records/retention_years", json!(5));
    assert_eq!(points(&v, "A6.3"), "1");
}

#[test]
fn ratio_steps_at_every_boundary() {
    // C3: ≥ 1.0 → 6; ≥ 0.8 → 4; ≥ 0.6 → 2; else 0.
    let mut v = base();
    for (planned, delivered, want) in [
        (10_000, 10_000, "6"),
        (10_000, 9_999, "4"),
        (10_000, 12_000, "6"),
        (10_000, 8_000, "4"),
        (10_000, 7_999, "2"),
        (10_000, 6_000, "2"),
        (10_000, 5_999, "0"),
        (10_000, 0, "0"),
        (5, 4, "4"),
        (3, 2, "2"),
    ] {
        set(
            &mut v,
            "/services/casework",
            json!({"planned": planned, "delivered": delivered}),
        );
        assert_eq!(points(&v, "C3"), want, "{delivered}/{planned}");
    }
    // Nothing planned is an input error, not a division.
    set(
        &mut v,
        "/services/casework",
        json!({"planned": 0, "delivered": 3}),
    );
    let ev: Evidence = serde_json::from_value(v.clone()).unwrap();
    let err = score(&CompiledStandard::dongying_2022(), &ev).unwrap_err();
    assert_eq!(err.issues[0].code, "zero_planned");
    assert_eq!(err.issues[0].pointer, "/services/casework/planned");
}

#[test]
fn rate_steps_with_minimum_sample() {
    // D1: at least 30 respondents; ≥ 0.95 → 6; ≥ 0.90 → 5; ≥ 0.80 → 3; ≥ 0.70 → 1.
    let mut v = base();
    for (n, k, want) in [
        (100, 95, "6"),
        (100, 94, "5"),
        (100, 90, "5"),
        (100, 89, "3"),
        (100, 80, "3"),
        (100, 79, "1"),
        (100, 70, "1"),
        (100, 69, "0"),
        (30, 30, "6"),
    ] {
        set(
            &mut v,
            "/surveys/satisfaction",
            json!({"respondents": n, "positive": k}),
        );
        assert_eq!(points(&v, "D1"), want, "{k}/{n}");
        assert_eq!(outcome(&v, "D1"), NodeOutcome::Scored);
    }
    set(
        &mut v,
        "/surveys/satisfaction",
        json!({"respondents": 29, "positive": 29}),
    );
    assert_eq!(points(&v, "D1"), "0");
    assert_eq!(outcome(&v, "D1"), NodeOutcome::InsufficientEvidence);
    let c = card(&v);
    assert_eq!(c.insufficient_evidence, ["D1"]);
    // B3 has no sample size: budget execution 0.9 → 3, 0.8999 → 2, 0.6 → 1, 0.5999 → 0.
    for (spent, want) in [
        ("90000.00", "3"),
        ("89990.00", "2"),
        ("80000.00", "2"),
        ("79999.99", "1"),
        ("60000.00", "1"),
        ("59999.99", "0"),
    ] {
        set(&mut v, "/finance/budget_to_date", json!("100000.00"));
        set(&mut v, "/finance/spent_to_date", json!(spent));
        assert_eq!(points(&v, "B3"), want, "{spent}");
    }
    // Spending above the budget is a rate above 1: refused, with its pointer.
    set(&mut v, "/finance/spent_to_date", json!("100000.01"));
    let ev: Evidence = serde_json::from_value(v).unwrap();
    let err = score(&CompiledStandard::dongying_2022(), &ev).unwrap_err();
    assert_eq!(err.issues[0].code, "rate_above_one");
}

#[test]
fn levels_give_fixed_points_and_unknown_levels_are_refused() {
    let mut v = base();
    for (level, want) in [("A", "2"), ("B", "1.5"), ("C", "1"), ("D", "0")] {
        set(&mut v, "/levels/archives", json!(level));
        assert_eq!(points(&v, "A6.1"), want);
    }
    set(&mut v, "/levels/archives", json!("a"));
    let ev: Evidence = serde_json::from_value(v.clone()).unwrap();
    let err = score(&CompiledStandard::dongying_2022(), &ev).unwrap_err();
    assert_eq!(err.issues[0].code, "unknown_level");
    assert_eq!(err.issues[0].pointer, "/levels/archives");
    set(&mut v, "/levels", json!({}));
    let c = card(&v);
    assert_eq!(
        c.insufficient_evidence,
        ["A6.1", "B2", "C1", "C2", "C7", "D2", "E2"]
    );
}

#[test]
fn deductions_and_their_floor() {
    let mut v = base();
    // A5.1: 1 per worker under 48 countable hours; 4 workers, max 3: floor at 0.
    set(&mut v, "/training/0/hours", json!("15.99"));
    assert_eq!(points(&v, "A5.1"), "2");
    for i in [4, 8, 12] {
        set(&mut v, &format!("/training/{i}/hours"), json!("15.99"));
    }
    assert_eq!(points(&v, "A5.1"), "0"); // 3 − 4 → 0, never below
    // C8: 0.5 per missing briefing, 1.5 mid-term, 1.5 annual.
    let mut v = base();
    set(&mut v, "/reports/monthly_briefings", json!(11));
    assert_eq!(points(&v, "C8"), "6");
    set(&mut v, "/reports/monthly_briefings", json!(12)); // more than due: no bonus
    assert_eq!(points(&v, "C8"), "6");
    set(&mut v, "/reports/monthly_briefings", json!(0));
    assert_eq!(points(&v, "C8"), "0.5"); // 6 − 5.5
    set(&mut v, "/reports/mid_term_report", json!(false));
    assert_eq!(points(&v, "C8"), "0"); // 6 − 7 → 0
    let mut v = base();
    set(&mut v, "/reports/monthly_briefings", json!(11));
    set(&mut v, "/reports/annual_report", json!(false));
    assert_eq!(points(&v, "C8"), "4.5");
    set(&mut v, "/evaluation/kind", json!("mid_term")); // annual not due at mid-term
    set(&mut v, "/training", json!([]));
    set(&mut v, "/supervision", json!([]));
    assert_eq!(points(&v, "C8"), "6");
}

#[test]
fn mid_term_hours_are_pro_rata() {
    // Mid-term on 2024-07-01 (182 of 366 days): 48 h × 182/366 = 23.87 h required.
    let mut v = base();
    set(&mut v, "/evaluation/kind", json!("mid_term"));
    set(&mut v, "/evaluation/date", json!("2024-07-01"));
    set(&mut v, "/reports/monthly_briefings", json!(6));
    let keep = |list: &Value, cut: &str| -> Value {
        Value::Array(
            list.as_array()
                .unwrap()
                .iter()
                .filter(|r| r["date"].as_str().unwrap() <= cut)
                .cloned()
                .collect(),
        )
    };
    let t = keep(&v["training"], "2024-07-01");
    let s = keep(&v["supervision"], "2024-07-01");
    set(&mut v, "/training", t);
    set(&mut v, "/supervision", s);
    // Training so far: 32 countable hours each (≥ 23.87); supervision 24 h each (≥ 23.87).
    assert_eq!(points(&v, "A5.1"), "3");
    assert_eq!(points(&v, "A5.2"), "3");
    set(&mut v, "/supervision/0/hours", json!("11.86")); // w1: 23.86 h < 23.87
    assert_eq!(points(&v, "A5.2"), "2");
}

#[test]
fn missing_sections_are_insufficient_not_unmet() {
    let mut v = base();
    v.as_object_mut().unwrap().remove("premises");
    v.as_object_mut().unwrap().remove("surveys");
    let c = card(&v);
    assert_eq!(c.insufficient_evidence, ["A1", "D1", "D3"]);
    let a = c.nodes.iter().find(|n| n.id == "A").unwrap();
    assert_eq!(a.outcome, NodeOutcome::InsufficientEvidence);
    assert_eq!(c.total.to_string(), "77.50"); // 87.5 − 4 − 5 − 1
}

#[test]
fn total_rounds_half_away_from_zero_and_grades_by_band() {
    let s = CompiledStandard::dongying_2022();
    for (t, g) in [
        ("0", Grade::Unqualified),
        ("59.99", Grade::Unqualified),
        ("60", Grade::Qualified),
        ("79.99", Grade::Qualified),
        ("80", Grade::Good),
        ("89.99", Grade::Good),
        ("90", Grade::Excellent),
        ("100", Grade::Excellent),
    ] {
        assert_eq!(s.grade_of(t.parse().unwrap()), g, "{t}");
    }
    assert_eq!(
        sws_eval::num::round_total("89.995".parse().unwrap()).to_string(),
        "90.00"
    );
    assert_eq!(
        sws_eval::num::round_total("89.994".parse().unwrap()).to_string(),
        "89.99"
    );
}

// --- loading and checking a standard -------------------------------------------------

fn std_json() -> Value {
    serde_json::to_value(Standard::dongying_2022()).unwrap()
}

fn compile(v: &Value) -> Result<CompiledStandard, StandardError> {
    CompiledStandard::from_json(&v.to_string())
}

#[test]
fn children_must_add_up() {
    let mut v = std_json();
    v["dimensions"][0]["children"][0]["max"] = json!("5");
    v["dimensions"][0]["children"][0]["rule"]["checklist"]["items"][0]["points"] = json!("2");
    let e = compile(&v).unwrap_err();
    assert!(
        matches!(&e, StandardError::ChildrenSum { id, .. } if id == "A"),
        "{e}"
    );
    let mut v = std_json();
    v["max_points"] = json!("99");
    assert!(
        matches!(compile(&v).unwrap_err(), StandardError::ChildrenSum { id, .. } if id == "(root)")
    );
}

#[test]
fn ids_must_be_unique() {
    let mut v = std_json();
    v["dimensions"][1]["children"][0]["id"] = json!("A1");
    assert!(matches!(compile(&v).unwrap_err(), StandardError::BadId { id, .. } if id == "A1"));
}

#[test]
fn checklist_items_must_add_up_to_the_leaf() {
    let mut v = std_json();
    v["dimensions"][0]["children"][1]["rule"]["checklist"]["items"][0]["points"] = json!("0.4");
    assert!(matches!(compile(&v).unwrap_err(), StandardError::ItemsSum { id, .. } if id == "A2"));
}

#[test]
fn steps_must_be_ordered_and_within_max() {
    let mut v = std_json();
    let c3 = &mut v["dimensions"][2]["children"][2]["rule"]["ratio_steps"]["steps"];
    c3[1]["at_least"] = json!("1.0");
    assert!(matches!(compile(&v).unwrap_err(), StandardError::Rule { id, .. } if id == "C3"));
    let mut v = std_json();
    v["dimensions"][2]["children"][2]["rule"]["ratio_steps"]["steps"][0]["points"] = json!("7");
    assert!(matches!(compile(&v).unwrap_err(), StandardError::Rule { id, .. } if id == "C3"));
    let mut v = std_json();
    v["dimensions"][3]["children"][0]["rule"]["rate_steps"]["steps"][0]["at_least"] = json!("1.5");
    assert!(matches!(compile(&v).unwrap_err(), StandardError::Rule { id, .. } if id == "D1"));
}

#[test]
fn levels_must_be_within_max() {
    let mut v = std_json();
    v["dimensions"][1]["children"][1]["rule"]["levels"]["levels"][0]["points"] = json!("4.01");
    assert!(matches!(compile(&v).unwrap_err(), StandardError::Rule { id, .. } if id == "B2"));
}

#[test]
fn bands_must_cover_without_gap_or_overlap() {
    let mut v = std_json();
    v["grades"][1]["from"] = json!("61");
    assert!(
        matches!(compile(&v).unwrap_err(), StandardError::Bands { message } if message.contains("gap"))
    );
    let mut v = std_json();
    v["grades"][1]["from"] = json!("59");
    assert!(matches!(
        compile(&v).unwrap_err(),
        StandardError::Bands { .. }
    ));
    let mut v = std_json();
    v["grades"][0]["from"] = json!("1");
    assert!(matches!(
        compile(&v).unwrap_err(),
        StandardError::Bands { .. }
    ));
    let mut v = std_json();
    v["grades"][3]["below"] = json!("100");
    assert!(matches!(
        compile(&v).unwrap_err(),
        StandardError::Bands { .. }
    ));
}

#[test]
fn unknown_facts_get_a_suggestion() {
    let mut v = std_json();
    v["dimensions"][2]["children"][2]["rule"]["ratio_steps"]["fact"] = json!("services.casewrk");
    match compile(&v).unwrap_err() {
        StandardError::UnknownFact { id, suggestion, .. } => {
            assert_eq!(id, "C3");
            assert_eq!(suggestion.as_deref(), Some("services.casework"));
        }
        e => panic!("{e}"),
    }
    let mut v = std_json();
    v["dimensions"][2]["children"][2]["rule"]["ratio_steps"]["fact"] = json!("levels.archives");
    assert!(matches!(
        compile(&v).unwrap_err(),
        StandardError::FactKind { .. }
    ));
}

#[test]
fn a_node_is_a_group_or_a_leaf() {
    let mut v = std_json();
    v["dimensions"][0]["children"][0]["children"] = json!([]);
    v["dimensions"][0]["children"][0]
        .as_object_mut()
        .unwrap()
        .remove("rule");
    assert!(matches!(
        compile(&v).unwrap_err(),
        StandardError::Shape {
            found: "neither",
            ..
        }
    ));
}

#[test]
fn hostile_standards_are_bounded() {
    // Deep nesting.
    let mut node = json!({"id": "x0", "title": {"zh": "", "en": ""}, "max": "1", "rule": {"check": {"when": {"fact": "records.info_system_entries"}}}});
    for i in 1..10 {
        node = json!({"id": format!("x{i}"), "title": {"zh": "", "en": ""}, "max": "1", "children": [node]});
    }
    let mut v = std_json();
    v["max_points"] = json!("1");
    v["grades"] = json!([{"grade": "unqualified", "from": "0", "below": "0.6"}, {"grade": "qualified", "from": "0.6"}]);
    v["dimensions"] = json!([node]);
    assert!(matches!(
        compile(&v).unwrap_err(),
        StandardError::TooDeep { .. }
    ));
    // Too many nodes.
    let leaf = |i: usize| json!({"id": format!("n{i}"), "title": {"zh": "", "en": ""}, "max": "0", "rule": {"check": {"when": {"fact": "records.info_system_entries"}}}});
    let mut v = std_json();
    v["max_points"] = json!("0");
    v["grades"] = json!([{"grade": "qualified", "from": "0"}]);
    v["dimensions"] = Value::Array((0..2_500).map(leaf).collect());
    assert!(matches!(
        compile(&v).unwrap_err(),
        StandardError::TooLarge { .. }
    ));
    // Too many bytes.
    let big = format!("{{\"id\": \"{}\"}}", "x".repeat(2 << 20));
    assert!(matches!(
        CompiledStandard::from_json(&big).unwrap_err(),
        StandardError::TooLarge { .. }
    ));
}

#[test]
fn unknown_fields_are_rejected() {
    let mut v = std_json();
    v["dimensions"][0]["weighting"] = json!("1");
    assert!(matches!(
        compile(&v).unwrap_err(),
        StandardError::Json { .. }
    ));
    let mut ev = base();
    ev["premises"]["office_area"] = json!("30");
    let err = serde_json::from_value::<Evidence>(ev).unwrap_err();
    assert!(err.to_string().contains("unknown field `office_area`"));
}

/// Every decimal of a scorecard is in its normal form (no trailing zeros: `"24"`, not
/// `"24.0"`), except the total, which always has two places (`"87.50"`).
#[test]
fn scorecard_decimals_are_normalised() {
    fn walk(key: &str, v: &Value, bad: &mut Vec<String>) {
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| walk(k, x, bad)),
            Value::Array(l) => l.iter().for_each(|x| walk(key, x, bad)),
            Value::String(s) => {
                let decimal = s.matches('.').count() == 1
                    && s.trim_start_matches('-')
                        .bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.');
                if key == "total" {
                    assert_eq!(s.split_once('.').map(|(_, f)| f.len()), Some(2), "{s}");
                } else if decimal && s.ends_with('0') {
                    bad.push(format!("{key}: {s}"));
                }
            }
            _ => {}
        }
    }
    let mut cards = vec![card(&base())];
    for entry in std::fs::read_dir("examples/data/county").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        if let Ok(ev) = serde_json::from_str::<Evidence>(&text) {
            cards.push(score(&CompiledStandard::dongying_2022(), &ev).unwrap());
        }
    }
    for name in ["star-150", "sheet-100"] {
        let std = CompiledStandard::from_json(
            &std::fs::read_to_string(format!("examples/standards/{name}.json")).unwrap(),
        )
        .unwrap();
        let text =
            std::fs::read_to_string(format!("examples/standards/{name}.evidence.json")).unwrap();
        let ev: Evidence = serde_json::from_str(&text).unwrap();
        cards.push(score(&std, &ev).unwrap());
    }
    assert!(cards.len() > 5);
    let mut bad = Vec::new();
    for c in &cards {
        walk("", &serde_json::to_value(c).unwrap(), &mut bad);
    }
    assert!(bad.is_empty(), "not normalised: {bad:?}");
}
