//! Regression tests for defects found by the property tests, fuzzing and the mutation
//! check. Each says what was found, by what, and what the fix was.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use sws_eval::decision::{ActionKind, Decision, Evaluator, RenewalStatus, Verdict};
use sws_eval::evidence::Evidence;

const STATION: &str = include_str!("../examples/data/station.json");

fn station() -> Value {
    serde_json::from_str(STATION).unwrap()
}

fn decide(v: &Value) -> Decision {
    let ev: Evidence = serde_json::from_value(v.clone()).unwrap();
    Evaluator::dongying().evaluate(&ev).unwrap()
}

/// Found by `properties::evaluation_is_deterministic_and_round_trips`: a deficiency
/// counted 0 times reported `"points": "-0"` (a negated zero), so a decision read back
/// from its JSON printed differently. Fixed in `score.rs`: a deduction of nothing is 0.
#[test]
fn a_deduction_of_nothing_is_zero_not_minus_zero() {
    let d = decide(&station());
    let json = serde_json::to_string(&d).unwrap();
    assert!(!json.contains("\"-0\""), "negative zero in the decision");
    let c8 = d.scorecard.nodes.iter().find(|n| n.id == "C8").unwrap();
    let mid = c8
        .inputs
        .iter()
        .find(|i| i.item == "mid_term_report")
        .unwrap();
    assert!(mid.points.is_zero() && !mid.points.is_sign_negative());
    let back: Decision = serde_json::from_str(&json).unwrap();
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
}

/// Found by the conformance cases `mid_term_fail_on_score` and `mid_term_veto`: a failed
/// mid-term made renewal `ineligible` and ordered no renewal and re-procurement, while
/// DEFAULT-STANDARD §5 lets only the final evaluation decide renewal. Fixed in
/// `decision.rs`: at mid-term renewal is `undetermined`, with every reason listed.
#[test]
fn a_failed_mid_term_does_not_decide_renewal() {
    let mut v = station();
    v["evaluation"]["kind"] = json!("mid_term");
    v["findings"] = json!([{"kind": "falsified_records", "description": "x"}]);
    let d = decide(&v);
    assert_eq!(d.verdict, Verdict::Fail);
    assert_eq!(d.renewal.status, RenewalStatus::Undetermined);
    let codes: Vec<&str> = d.renewal.reasons.iter().map(|r| r.code.as_str()).collect();
    assert!(codes.contains(&"verdict_fail") && codes.contains(&"mid_term"));
    let kinds: Vec<ActionKind> = d.actions.iter().map(|a| a.kind).collect();
    assert!(kinds.contains(&ActionKind::SuspendOrStop));
    for k in [
        ActionKind::NoRenewal,
        ActionKind::ReProcure,
        ActionKind::WithholdRemainingPayment,
    ] {
        assert!(!kinds.contains(&k), "{k:?} at mid-term");
    }
}
