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
/// docs/default-standard.md §5 lets only the final evaluation decide renewal. Fixed in
/// `decision.rs`: at mid-term renewal is `undetermined`, and (issue 11) its only reason
/// says that the final evaluation decides: no "no renewal" beside "undetermined".
#[test]
fn a_failed_mid_term_does_not_decide_renewal() {
    let mut v = station();
    v["evaluation"]["kind"] = json!("mid_term");
    v["findings"] = json!([{"kind": "falsified_records", "description": "x"}]);
    let d = decide(&v);
    assert_eq!(d.verdict, Verdict::Fail);
    assert_eq!(d.renewal.status, RenewalStatus::Undetermined);
    let codes: Vec<&str> = d.renewal.reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["mid_term"]);
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

/// Found by the mutation check (`cargo mutants -f src/score.rs -f src/gates.rs`): the
/// explanation texts (what each rule required and found, the reasons ranked by points
/// lost, each gate's required and actual values) were asserted nowhere, so mutants
/// emptying them survived. They are part of the decision a purchaser reads.
#[test]
fn the_sample_stations_explanations() {
    let d = decide(&station());
    let card = &d.scorecard;
    let input = |node: &str, item: &str| {
        card.nodes
            .iter()
            .find(|n| n.id == node)
            .and_then(|n| n.inputs.iter().find(|i| i.item == item))
            .map(|i| {
                (
                    i.required.to_string(),
                    i.actual.to_string(),
                    i.source.to_string(),
                )
            })
            .unwrap()
    };
    let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        input("C4", "steps"),
        s(
            "≥ 1 → 6; ≥ 0.8 → 4; ≥ 0.6 → 2",
            "9 / 10 = 0.9",
            "/services/group_work/planned"
        )
    );
    assert_eq!(
        input("A6.1", "level"),
        s("A 2 / B 1.5 / C 1 / D 0", "A", "/levels/archives")
    );
    assert_eq!(
        input("A1", "office_area"),
        s("≥ 6", "7.5", "/premises/office_area_m2")
    );
    assert_eq!(input("A1", "casework_room").1, "yes");
    assert_eq!(input("A4", "all_qualified").1, "no");
    assert_eq!(input("C8", "monthly_briefing"), s("0", "1", "/reports"));
    assert_eq!(input("D1", "steps").1, "110 / 120 = 0.9167");
    let ranked: Vec<(u32, &str, String)> = card
        .reasons
        .iter()
        .map(|r| (r.rank, r.node.as_str(), r.lost.normalize().to_string()))
        .collect();
    let want: Vec<(u32, &str, String)> = [
        ("C7", "3"),
        ("C4", "2"),
        ("E2", "2"),
        ("A4", "1"),
        ("C1", "1"),
        ("C6", "1"),
        ("D1", "1"),
        ("D3", "1"),
        ("C8", "0.5"),
    ]
    .iter()
    .enumerate()
    .map(|(i, (n, l))| (i as u32 + 1, *n, (*l).to_owned()))
    .collect();
    assert_eq!(ranked, want);
    assert!(card.insufficient_evidence.is_empty());

    let gate = |id: &str| {
        d.gates
            .iter()
            .find(|g| g.id.as_str() == id)
            .map(|g| (g.required.en.clone(), g.actual.en.clone()))
            .unwrap()
    };
    let p = |a: &str, b: &str| (a.to_owned(), b.to_owned());
    // The same figures in Chinese, from the Chinese template.
    let zh = |id: &str| {
        d.gates
            .iter()
            .find(|g| g.id.as_str() == id)
            .map(|g| (g.required.zh.clone(), g.actual.zh.clone()))
            .unwrap()
    };
    assert_eq!(
        zh("art26.reports_filed"),
        p(
            "月度简报11份、中期报告、年度报告",
            "月度简报10份；中期报告：有；年度报告：有"
        )
    );
    assert_eq!(
        zh("art10.office_area"),
        p("每名驻站社工办公面积 ≥ 6 m²", "30 m² ÷ 4人 = 7.5 m²")
    );
    assert_eq!(
        gate("art26.reports_filed"),
        p(
            "11 monthly briefings, the mid-term report, the annual report",
            "10 briefings, mid-term: yes, annual: yes"
        )
    );
    assert_eq!(
        gate("art10.office_area"),
        p("≥ 6 m² per resident worker", "30 m² / 4 workers = 7.5 m²")
    );
    assert_eq!(gate("art11.written_rules").1, "all present");
    assert_eq!(gate("art12.entry_age").1, "every worker within the limit");
    assert_eq!(
        gate("art12.education").1,
        "every worker junior college or above"
    );
    assert_eq!(
        gate("art8.contractor_eligible").1,
        "registered: yes, main business social work: yes"
    );
    assert_eq!(gate("art31.training_48h").1, "w1 48, w2 48, w3 48, w4 48");
    assert_eq!(gate("art18.no_misuse").1, "none found");
    assert_eq!(gate("art14.signage").1, "plate: yes, brand mark: yes");
    let art26 = d
        .gates
        .iter()
        .find(|g| g.id.as_str() == "art26.reports_filed")
        .unwrap();
    assert!(art26.message.en.starts_with("Art. 26: "));
    assert!(art26.message.en.contains("not met"));
    assert!(art26.message.zh.starts_with("第26条"));

    // The same texts where the evidence says otherwise.
    let mut v = station();
    v["written_rules"]["finance"] = json!(false);
    v["staff"]["workers"][1]["education"] = json!("below_junior_college");
    v["surveys"]["satisfaction"] = json!({"respondents": 29, "positive": 29});
    v["findings"] = json!(null);
    let d = decide(&v);
    let gate = |id: &str| {
        d.gates
            .iter()
            .find(|g| g.id.as_str() == id)
            .map(|g| g.actual.clone())
            .unwrap()
    };
    assert_eq!(gate("art11.written_rules").en, "lacking: finance");
    assert_eq!(gate("art11.written_rules").zh, "缺少：财务管理");
    assert_eq!(gate("art12.education").en, "w2 below junior college");
    assert_eq!(gate("art12.education").zh, "w2学历低于大专");
    assert!(gate("art18.no_misuse").en.starts_with("missing: findings"));
    assert!(gate("art18.no_misuse").zh.starts_with("缺少：`findings`"));
    let d1 = d.scorecard.nodes.iter().find(|n| n.id == "D1").unwrap();
    assert_eq!(d1.inputs[0].item, "sample");
    assert_eq!(d1.inputs[0].required, "≥ 30 respondents");
    assert_eq!(d1.inputs[0].actual, "29");
}

/// Found by the mutation check: parsing a gate id (`FromStr`) was exercised by no test
/// of this suite, so `==` → `!=` in it survived.
#[test]
fn every_gate_id_parses_back_and_unknown_ones_are_refused() {
    use sws_eval::gates::GateId;
    for g in GateId::ALL {
        assert_eq!(g.as_str().parse::<GateId>().unwrap(), *g);
        assert_eq!(g.to_string(), g.as_str());
    }
    let err = "art31.training_84h".parse::<GateId>().unwrap_err();
    assert_eq!(err.suggestion.as_deref(), Some("art31.training_48h"));
    assert_eq!(
        sws_eval::gates::check_gates(
            sws_eval::policy::PolicySet::dongying()
                .by_id("dongying-2022")
                .unwrap(),
            &sws_eval::calendar::WorkCalendar::china_official(),
            &serde_json::from_value(station()).unwrap(),
        )
        .len(),
        GateId::ALL.len()
    );
}

/// Found by the mutation check (shard 0/4 of `score.rs` + `gates.rs`): replacing
/// `gate_outcomes` with an empty list survived, because only its doctest and the peer
/// crate compared it with `check_gates`. The lean path must agree with the explained one
/// on every gate, for evidence that reaches each outcome.
#[test]
fn lean_gate_outcomes_agree_with_the_explained_gates() {
    use sws_eval::calendar::WorkCalendar;
    use sws_eval::gates::{check_gates, gate_outcomes};
    use sws_eval::policy::PolicySet;
    let mut variants = vec![station()];
    let mut v = station();
    v["findings"] = json!([{"kind": "mixing_funds", "description": "x"}]);
    v["departure"] = json!({"left_on": "2024-09-27"});
    v["premises"]["archive_room"] = json!(false);
    variants.push(v);
    let mut v = station();
    for key in [
        "findings",
        "premises",
        "staff",
        "training",
        "supervision",
        "records",
    ] {
        v.as_object_mut().unwrap().remove(key);
    }
    variants.push(v);
    let set = PolicySet::dongying();
    let policy = set.by_id("dongying-2022").unwrap();
    let cal = WorkCalendar::china_official();
    for v in variants {
        let ev: Evidence = serde_json::from_value(v).unwrap();
        let full: Vec<_> = check_gates(policy, &cal, &ev)
            .iter()
            .map(|g| (g.id, g.severity, g.outcome))
            .collect();
        assert_eq!(full.len(), sws_eval::gates::GateId::ALL.len());
        assert_eq!(gate_outcomes(policy, &cal, &ev), full);
    }
}

/// Found by the mutation check: turning the separator test in the message builder
/// around survived. A gate resting on two articles names both, separated.
#[test]
fn gate_messages_join_several_articles() {
    let d = decide(&station());
    let g = d
        .gates
        .iter()
        .find(|g| g.id.as_str() == "art18.no_misuse")
        .unwrap();
    assert!(
        g.message.en.starts_with("Art. 18, 19: "),
        "{}",
        g.message.en
    );
    assert!(g.message.zh.starts_with("第18、19条："), "{}", g.message.zh);
    assert!(
        g.required.en.contains(
            "(`mixing_funds`) / diverting funds (`diverting_funds`) / misappropriating funds"
        ),
        "{}",
        g.required.en
    );
    assert!(
        g.required
            .zh
            .contains("资金混用（`mixing_funds`）、挤占资金（`diverting_funds`）、"),
        "{}",
        g.required.zh
    );
}
