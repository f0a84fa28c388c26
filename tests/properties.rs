//! Invariants of scoring and deciding, checked by proptest on generated evidence,
//! standards and policies (the generators are `sws_eval::strategies`, compiled in here
//! so that these tests run without the `proptest` feature too).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use rust_decimal::Decimal;
use serde_json::{Value, json};
// The strategies module names these through `crate::…`.
use sws_eval::{date, decision, evidence, facts, gates, num, policy, standard};

#[allow(dead_code)]
#[path = "../src/strategies.rs"]
mod strategies;

use sws_eval::calendar::WorkCalendar;
use sws_eval::decision::{Decision, Evaluator, Verdict, evaluate, evaluate_year};
use sws_eval::evidence::{EvaluationKind, Evidence};
use sws_eval::gates::{GateOutcome, Severity};
use sws_eval::num::round_total;
use sws_eval::policy::PolicySet;
use sws_eval::score::{Scorecard, score, score_total};
use sws_eval::standard::{CompiledStandard, Grade, Rule, Standard, StandardError};

fn cfg(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn default_std() -> &'static CompiledStandard {
    static S: std::sync::OnceLock<CompiledStandard> = std::sync::OnceLock::new();
    S.get_or_init(CompiledStandard::dongying_2022)
}

fn evaluator() -> &'static Evaluator {
    static E: std::sync::OnceLock<Evaluator> = std::sync::OnceLock::new();
    E.get_or_init(Evaluator::dongying)
}

/// Each node within [0, max]; each group the exact sum of its children; the
/// dimensions add up to the sum of the leaves, and the total is that sum rounded.
fn check_card(card: &Scorecard) -> Result<(), TestCaseError> {
    for n in &card.nodes {
        prop_assert!(n.points >= Decimal::ZERO, "{} below 0: {}", n.id, n.points);
        prop_assert!(
            n.points <= n.max,
            "{} above its max: {} > {}",
            n.id,
            n.points,
            n.max
        );
        prop_assert_eq!(n.lost, n.max - n.points);
        if n.rule.is_none() {
            let kids: Decimal = card
                .nodes
                .iter()
                .filter(|c| c.parent.as_deref() == Some(n.id.as_str()))
                .map(|c| c.points)
                .sum();
            prop_assert_eq!(kids, n.points, "group {}", &n.id);
        }
    }
    let leaves: Decimal = card
        .nodes
        .iter()
        .filter(|n| n.rule.is_some())
        .map(|n| n.points)
        .sum();
    let dims: Decimal = card
        .nodes
        .iter()
        .filter(|n| n.parent.is_none())
        .map(|n| n.points)
        .sum();
    prop_assert_eq!(leaves, dims);
    prop_assert_eq!(card.total, round_total(leaves));
    prop_assert!(card.total <= card.max);
    Ok(())
}

proptest! {
    #![proptest_config(cfg(96))]

    #[test]
    fn default_standard_nodes_within_bounds_and_sums_exact(ev in strategies::evidence()) {
        let card = score(default_std(), &ev).unwrap();
        check_card(&card)?;
        // Every point value of the default has at most two decimals: no rounding at all.
        let leaves: Decimal = card.nodes.iter().filter(|n| n.rule.is_some()).map(|n| n.points).sum();
        prop_assert_eq!(card.total, leaves);
        let (t, g) = score_total(default_std(), &ev).unwrap();
        prop_assert_eq!((t, g), (card.total, card.grade));
    }

    #[test]
    fn verdict_follows_vetoes_and_grade(ev in strategies::evidence()) {
        let d = evaluator().evaluate(&ev).unwrap();
        let veto_unmet = d.gates.iter().any(|g| g.severity == Severity::Veto && g.outcome == GateOutcome::NotMet);
        if veto_unmet {
            prop_assert_eq!(d.verdict, Verdict::Fail);
        }
        prop_assert_eq!(d.verdict == Verdict::Pass, !veto_unmet && d.grade.as_default().is_some_and(|g| g >= Grade::Qualified));
        prop_assert_eq!(&d.grade, &d.scorecard.grade);
        prop_assert_eq!(d.grade, default_std().grade_of(d.scorecard.total));
    }

    #[test]
    fn payment_adds_up(ev in strategies::evidence()) {
        let d = evaluator().evaluate(&ev).unwrap();
        let p = &d.payment;
        prop_assert_eq!(p.release + p.withheld, p.remaining);
        prop_assert!(p.release <= p.remaining);
        prop_assert!(p.release >= Decimal::ZERO && p.withheld >= Decimal::ZERO && p.remaining >= Decimal::ZERO);
        prop_assert_eq!(p.remaining, ev.contract.price.get() - ev.contract.paid.get());
        if ev.evaluation.kind == EvaluationKind::MidTerm {
            prop_assert!(p.release.is_zero() || ev.contract.mid_term_tranche.is_some());
        }
    }

    #[test]
    fn evaluation_is_deterministic_and_round_trips(ev in strategies::evidence()) {
        let a = serde_json::to_string(&evaluator().evaluate(&ev).unwrap()).unwrap();
        // The same evidence, read back from its own JSON, decides byte for byte the same.
        let again: Evidence = serde_json::from_str(&serde_json::to_string(&ev).unwrap()).unwrap();
        prop_assert_eq!(&again, &ev);
        let b = serde_json::to_string(&evaluator().evaluate(&again).unwrap()).unwrap();
        prop_assert_eq!(&a, &b);
        let back: Decision = serde_json::from_str(&a).unwrap();
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), a);
    }

    #[test]
    fn more_evidence_never_lowers_the_score(ev in strategies::evidence(), pick in 0usize..44, more in 1u32..20) {
        let before = score(default_std(), &ev).unwrap().total;
        let mut v = serde_json::to_value(&ev).unwrap();
        improve(&mut v, pick, more);
        let better: Evidence = serde_json::from_value(v).unwrap();
        prop_assert!(better.check().is_empty(), "{:?}", better.check());
        let after = score(default_std(), &better).unwrap().total;
        prop_assert!(after >= before, "{} → {} after improvement {}", before, after, pick);
    }

    #[test]
    fn project_years_decide_consistently(year in strategies::project_year()) {
        let y = evaluator().evaluate_year(&year).unwrap();
        prop_assert_eq!(y.evaluations.len(), year.evaluations.len());
        let has_final = year.evaluations.iter().any(|e| e.evaluation.kind == EvaluationKind::Final);
        prop_assert_eq!(y.verdict.is_some(), has_final);
        prop_assert_eq!(y.payment.is_some(), has_final);
        if let Some(p) = &y.payment {
            prop_assert_eq!(p.release + p.withheld, p.remaining);
        }
        let expected = if year.evaluations.len() >= 2 { GateOutcome::Met } else { GateOutcome::NotMet };
        prop_assert_eq!(y.evaluation_count_gate.outcome, expected);
        let json = serde_json::to_string(&year).unwrap();
        prop_assert_eq!(serde_json::from_str::<decision::ProjectYear>(&json).unwrap(), year);
    }
}

/// One improvement of the evidence that can only help: a checklist flag turned on, a
/// delivered count, briefings or satisfied respondents raised, countable training,
/// supervision or office area added.
fn improve(v: &mut Value, pick: usize, more: u32) {
    const FLAGS: &[&str] = &[
        "/premises/casework_room",
        "/premises/group_work_room",
        "/premises/activity_area",
        "/premises/archive_room",
        "/premises/desks_and_chairs",
        "/premises/computer",
        "/premises/printer",
        "/premises/file_cabinets",
        "/signage/station_plate_with_logo",
        "/signage/brand_mark",
        "/written_rules/organisation_chart",
        "/written_rules/procedures_and_standards",
        "/written_rules/personnel",
        "/written_rules/finance",
        "/written_rules/volunteers",
        "/written_rules/premises_use",
        "/written_rules/archives",
        "/written_rules/service_pledge",
        "/records/info_system_entries",
        "/finance/payments_documented",
        "/reports/mid_term_report",
        "/reports/annual_report",
    ];
    const COUNTS: &[&str] = &[
        "/services/casework/delivered",
        "/services/group_work/delivered",
        "/services/community_activities/delivered",
        "/services/visits/delivered",
        "/services/publicity/delivered",
        "/reports/monthly_briefings",
    ];
    if let Some(ptr) = FLAGS.get(pick) {
        if let Some(slot) = v.pointer_mut(ptr) {
            *slot = json!(true);
        }
        return;
    }
    if let Some(ptr) = pick.checked_sub(FLAGS.len()).and_then(|i| COUNTS.get(i)) {
        if let Some(slot) = v.pointer_mut(ptr) {
            *slot = json!(slot.as_u64().unwrap() + u64::from(more));
        }
        return;
    }
    // The rest: four more kinds of improvement.
    match pick % 4 {
        0 => {
            if let Some(s) = v.pointer_mut("/surveys/satisfaction") {
                let r = s["respondents"].as_u64().unwrap();
                let p = s["positive"].as_u64().unwrap();
                s["positive"] = json!((p + u64::from(more)).min(r));
            }
        }
        1 | 2 => {
            let key = if pick % 4 == 1 {
                "training"
            } else {
                "supervision"
            };
            let worker = v.pointer("/staff/workers/0/id").cloned();
            let date = v.pointer("/evaluation/date").cloned();
            if let (Some(list), Some(w), Some(d)) =
                (v.pointer_mut(&format!("/{key}")), worker, date)
            {
                let mut rec = json!({"worker": w, "date": d, "hours": format!("{more}")});
                if key == "training" {
                    rec["provider"] = json!("industry_body");
                }
                list.as_array_mut().unwrap().push(rec);
            }
        }
        _ => {
            if let Some(a) = v.pointer_mut("/premises/office_area_m2") {
                let area: Decimal = a.as_str().unwrap().parse().unwrap();
                *a = json!((area + Decimal::from(more)).to_string());
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// Generated standards and policies.

proptest! {
    #![proptest_config(cfg(64))]

    #[test]
    fn generated_standards_load_and_score_within_bounds(s in strategies::standard(), ev in strategies::evidence()) {
        let json = serde_json::to_string(&s).unwrap();
        let back = Standard::from_json(&json).unwrap();
        prop_assert_eq!(&back, &s);
        let compiled = CompiledStandard::from_json(&json).unwrap();
        let card = score(&compiled, &ev).unwrap();
        check_card(&card)?;
        prop_assert_eq!(card.nodes.len(), count_nodes(&s));
        prop_assert_eq!(card.grade, compiled.grade_of(card.total));
    }

    #[test]
    fn grade_bands_partition_every_total(s in strategies::standard(), frac in 0u32..=10_000) {
        let compiled = s.clone().compile().unwrap();
        let max = s.max_points.get();
        let total = round_total(max * Decimal::from(frac) / Decimal::from(10_000));
        let containing: Vec<Grade> = s
            .grades
            .iter()
            .filter(|b| b.from.get() <= total && b.below.is_none_or(|u| total < u.get()))
            .filter_map(|b| b.grade)
            .collect();
        prop_assert_eq!(containing.len(), 1, "total {} in bands {:?}", total, containing);
        prop_assert_eq!(compiled.grade_of(total), containing[0]);
    }

    #[test]
    fn default_bands_map_every_total_to_one_grade(centi in 0i64..=10_000) {
        let total = Decimal::new(centi, 2);
        let s = default_std();
        let containing: Vec<Grade> = s
            .standard()
            .grades
            .iter()
            .filter(|b| b.from.get() <= total && b.below.is_none_or(|u| total < u.get()))
            .filter_map(|b| b.grade)
            .collect();
        prop_assert_eq!(containing.len(), 1);
        let want = if centi >= 9000 { Grade::Excellent } else if centi >= 8000 { Grade::Good } else if centi >= 6000 { Grade::Qualified } else { Grade::Unqualified };
        prop_assert_eq!(s.grade_of(total), want);
        prop_assert_eq!(containing[0], want);
    }

    #[test]
    fn broken_standards_are_refused_with_a_typed_error(s in strategies::standard(), which in 0usize..10) {
        let (broken, expect) = break_standard(s, which);
        let json = serde_json::to_string(&broken).unwrap();
        let err = CompiledStandard::from_json(&json).unwrap_err();
        prop_assert!(expect(&err), "defect {} gave {:?}", which, err);
        prop_assert!(!err.to_string().is_empty());
    }

    #[test]
    fn generated_policies_load_and_keep_the_payment_invariant(p in strategies::policy_set(), ev in strategies::evidence()) {
        let json = serde_json::to_string(&p).unwrap();
        let back = PolicySet::from_json(&json).unwrap();
        prop_assert_eq!(&back, &p);
        let policy = back.governing_on(ev.contract.signed_on).unwrap();
        let d = evaluate(default_std(), policy, &WorkCalendar::china_official(), &ev).unwrap();
        prop_assert_eq!(d.payment.release + d.payment.withheld, d.payment.remaining);
        let veto_unmet = d.gates.iter().any(|g| g.severity == Severity::Veto && g.outcome == GateOutcome::NotMet);
        prop_assert_eq!(d.verdict == Verdict::Pass, !veto_unmet && d.grade.as_default().is_some_and(|g| g >= Grade::Qualified));
        let year = evaluate_year(default_std(), policy, &WorkCalendar::china_official(),
            &decision::ProjectYear { evaluations: vec![ev] }).unwrap();
        if let Some(p) = &year.payment {
            prop_assert_eq!(p.release + p.withheld, p.remaining);
        }
    }
}

fn count_nodes(s: &Standard) -> usize {
    fn walk(n: &standard::Node) -> usize {
        1 + n.children.iter().map(walk).sum::<usize>()
    }
    s.dimensions.iter().map(walk).sum()
}

fn first_leaf(n: &mut standard::Node) -> &mut standard::Node {
    if n.children.is_empty() {
        n
    } else {
        first_leaf(&mut n.children[0])
    }
}

type Expect = fn(&StandardError) -> bool;

/// One defect in an otherwise valid standard, and the error it must give.
fn break_standard(mut s: Standard, which: usize) -> (Standard, Expect) {
    let cent = Decimal::new(1, 2);
    match which {
        0 => {
            s.max_points = num::Points::new(s.max_points.get() + cent).unwrap();
            (s, |e| matches!(e, StandardError::ChildrenSum { .. }))
        }
        1 => {
            let copy = s.dimensions[0].clone();
            s.max_points = num::Points::new(s.max_points.get() + copy.max.get()).unwrap();
            s.dimensions.push(copy);
            (s, |e| matches!(e, StandardError::BadId { .. }))
        }
        2 => {
            s.dimensions[0].id = " ".into();
            (s, |e| matches!(e, StandardError::BadId { .. }))
        }
        3 => {
            let leaf = first_leaf(&mut s.dimensions[0]);
            leaf.rule = Some(Rule::Check {
                when: standard::Condition::flag("premises.swimming_pool"),
            });
            (s, |e| matches!(e, StandardError::UnknownFact { .. }))
        }
        4 => {
            let leaf = first_leaf(&mut s.dimensions[0]);
            leaf.rule = Some(Rule::Levels {
                fact: "services.casework".into(),
                levels: vec![],
            });
            (s, |e| matches!(e, StandardError::FactKind { .. }))
        }
        5 => {
            let leaf = first_leaf(&mut s.dimensions[0]);
            leaf.rule = Some(Rule::RatioSteps {
                fact: "services.casework".into(),
                steps: vec![],
            });
            (s, |e| matches!(e, StandardError::Rule { .. }))
        }
        6 => {
            let leaf = first_leaf(&mut s.dimensions[0]);
            leaf.rule = None;
            (s, |e| matches!(e, StandardError::Shape { .. }))
        }
        7 => {
            let b = &mut s.grades[1];
            b.from = num::Points::new(b.from.get() + cent).unwrap();
            (s, |e| matches!(e, StandardError::Bands { .. }))
        }
        8 => {
            s.grades.swap(1, 2);
            (s, |e| matches!(e, StandardError::Bands { .. }))
        }
        _ => {
            // Nest the first dimension seven levels deep (the limit is six).
            let mut node = s.dimensions[0].clone();
            for i in 0..7 {
                node = standard::Node {
                    id: format!("deep{i}"),
                    children: vec![node],
                    rule: None,
                    ..s.dimensions[0].clone()
                };
            }
            s.dimensions[0] = node;
            (s, |e| matches!(e, StandardError::TooDeep { .. }))
        }
    }
}

#[test]
fn unreadable_and_oversized_standards_are_typed_errors() {
    assert!(matches!(
        CompiledStandard::from_json("{\"id\": 1}"),
        Err(StandardError::Json { .. })
    ));
    let huge = format!("\"{}\"", "x".repeat(2 << 20));
    assert!(matches!(
        CompiledStandard::from_json(&huge),
        Err(StandardError::TooLarge { .. })
    ));
}

#[test]
fn the_generators_are_realistic() {
    // Every generated evidence is valid; a good share of them pass, some fail.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut verdicts = std::collections::BTreeMap::new();
    for _ in 0..64 {
        let ev = strategies::evidence()
            .new_tree(&mut runner)
            .unwrap()
            .current();
        assert!(ev.check().is_empty(), "{:?}", ev.check());
        let d = evaluator().evaluate(&ev).unwrap();
        *verdicts.entry(format!("{:?}", d.verdict)).or_insert(0) += 1;
    }
    assert!(verdicts.len() == 2, "both verdicts appear: {verdicts:?}");
    let _ = (
        date::Date::new(2024, 1, 1),
        facts::catalogue().len(),
        gates::GateId::ALL.len(),
    );
    let _ = policy::PolicySet::dongying();
    let _: Option<evidence::Evidence> = None;
}

// ---------------------------------------------------------------------------------
// The standard language on the example standards (docs/STANDARD-FORMAT.md).

fn example(name: &str) -> CompiledStandard {
    let path = format!(
        "{}/examples/standards/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    CompiledStandard::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn sheet() -> &'static CompiledStandard {
    static S: std::sync::OnceLock<CompiledStandard> = std::sync::OnceLock::new();
    S.get_or_init(|| example("sheet-100"))
}

fn star() -> &'static CompiledStandard {
    static S: std::sync::OnceLock<CompiledStandard> = std::sync::OnceLock::new();
    S.get_or_init(|| example("star-150"))
}

fn station_json() -> Value {
    serde_json::from_str(include_str!("../examples/data/station.json")).unwrap()
}

/// Every node within [0, its (weighted) max] and, for a capped group, within its cap;
/// every group the sum of its children's contributions, capped and weighted.
fn check_language_card(card: &Scorecard) -> Result<(), TestCaseError> {
    for n in &card.nodes {
        prop_assert!(
            n.points >= Decimal::ZERO && n.points <= n.max,
            "{}: {} not in [0, {}]",
            n.id,
            n.points,
            n.max
        );
        if let Some(cap) = n.cap {
            prop_assert!(
                n.points <= cap * n.weight.unwrap_or(Decimal::ONE),
                "{} above its cap",
                n.id
            );
        }
        if n.rule.is_none() {
            let sum: Decimal = card
                .nodes
                .iter()
                .filter(|c| c.parent.as_deref() == Some(n.id.as_str()))
                .map(|c| c.points)
                .sum();
            let capped = n.cap.map_or(sum, |c| sum.min(c));
            prop_assert_eq!(
                n.points,
                capped * n.weight.unwrap_or(Decimal::ONE),
                "group {}",
                &n.id
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(cfg(64))]

    #[test]
    fn sheet_totals_follow_the_language(
        party in 0u32..=60, org: bool, done in 0u32..=60, planned in 1u32..=60,
        level in prop::sample::select(vec!["A", "B", "C", "D"]), hours in 0u32..=200,
        complaints in 0u64..=8, na in prop::collection::btree_set(prop::sample::select(vec!["P1", "P2", "S1", "S2", "S3", "M1", "M3"]), 0..7),
    ) {
        let mut v = station_json();
        v["indicators"] = json!({
            "x.party_building": party.to_string(), "x.party_org": org,
            "x.home_visits": {"numerator": done.to_string(), "denominator": planned.to_string()},
            "x.plan_quality": level, "x.volunteer_hours": hours.to_string(),
            "x.complaints": complaints, "x.safety_incident": false, "x.falsified_records": false,
        });
        v["not_applicable"] = na.iter().map(|n| (n.to_string(), json!("generated"))).collect::<serde_json::Map<_, _>>().into();
        let ev: Evidence = serde_json::from_value(v).unwrap();
        let card = score(sheet(), &ev).unwrap();
        check_language_card(&card)?;
        let (total, grade) = score_total(sheet(), &ev).unwrap();
        prop_assert_eq!(total, card.total);
        prop_assert_eq!(&grade, &card.grade);
        // Rescaling never lifts the total above the full scale.
        prop_assert!(card.total >= Decimal::ZERO && card.total <= Decimal::from(100));
        // The total is the dimensions' sum, rescaled to the applicable maximum, less
        // the capped deduction, floored at 0, rounded once.
        let base: Decimal = card.nodes.iter().filter(|n| n.depth == 1).map(|n| n.points).sum();
        let removed: Decimal = card.nodes.iter()
            .filter(|n| n.rule.is_some() && na.contains(n.id.as_str()))
            .map(|n| if n.parent.as_deref() == Some("P") { n.max / Decimal::from(10) } else { n.max })
            .sum();
        let applicable = Decimal::from(100) - removed;
        let rescaled = if removed.is_zero() { base } else { (base * Decimal::from(100) / applicable).min(Decimal::from(100)) };
        let loss = (Decimal::from(complaints) * Decimal::from(2)).min(Decimal::from(10));
        prop_assert_eq!(card.total, round_total((rescaled - loss).max(Decimal::ZERO)));
    }

    #[test]
    fn star_totals_respect_caps_and_bonus(
        marks in prop::collection::vec(0u32..=50, 8), awards in 0u64..=8, project in 0u32..=14,
    ) {
        let maxima = [10u32, 15, 15, 10, 20, 25, 15, 20];
        let ids = ["x.g1", "x.g2", "x.z1", "x.z2", "x.x1", "x.p1", "x.p2", "x.s1"];
        let mut ind = serde_json::Map::new();
        for ((id, m), max) in ids.iter().zip(&marks).zip(maxima) {
            // Marks in half points within 0..=max.
            let half = Decimal::from(m % (2 * max + 1)) / Decimal::from(2);
            ind.insert((*id).into(), json!(half.normalize().to_string()));
        }
        ind.insert("x.innovation_awards".into(), json!(awards));
        ind.insert("x.innovation_project".into(), json!(project.to_string()));
        ind.insert("x.safety_incident".into(), json!(false));
        let mut v = station_json();
        v["indicators"] = Value::Object(ind);
        let ev: Evidence = serde_json::from_value(v).unwrap();
        let card = score(star(), &ev).unwrap();
        check_language_card(&card)?;
        let i1 = card.nodes.iter().find(|n| n.id == "I1").unwrap();
        prop_assert_eq!(i1.points, (Decimal::from(awards.min(5) * 2)).min(Decimal::from(6)));
        let sum: Decimal = card.nodes.iter().filter(|n| n.depth == 1).map(|n| n.points).sum();
        prop_assert_eq!(card.total, round_total(sum.min(Decimal::from(150))));
        prop_assert!(card.total <= Decimal::from(150));
        let band = star().band_of(card.total).unwrap();
        prop_assert_eq!(&card.grade, &band.id);
    }
}

fn party_split() -> &'static CompiledStandard {
    static S: std::sync::OnceLock<CompiledStandard> = std::sync::OnceLock::new();
    S.get_or_init(|| example("party-split-1000"))
}

proptest! {
    #![proptest_config(cfg(64))]

    /// A combined panel mark lies between the panel's lowest and highest mark; a trimmed
    /// mean between the second-lowest and the second-highest; a median of an even count
    /// is the exact mean of the middle two; the leaf scores the combined mark.
    #[test]
    fn panel_marks_combine_within_the_panel(
        party in prop::collection::vec(0u32..=60, 3..8),
        management in prop::collection::vec(0u32..=100, 1..8),
        records in prop::collection::vec(0u32..=200, 1..8),
        supervisors in prop::collection::vec(0u32..=100, 1..6),
    ) {
        let by = |marks: &[u32], scale: u32| {
            let m: serde_json::Map<String, Value> = marks
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let d = Decimal::from(*x) / Decimal::from(scale);
                    (format!("evaluator {i}"), json!(d.normalize().to_string()))
                })
                .collect();
            json!({ "by": m })
        };
        let text = std::fs::read_to_string(format!(
            "{}/examples/standards/party-split-1000.evidence.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v["indicators"]["x.party_work"] = by(&party, 1);
        v["indicators"]["x.management"] = by(&management, 1);
        // Half points: the step of the records mark is 0.5.
        v["indicators"]["x.records_quality"] = by(&records, 2);
        v["indicators"]["x.supervisor_mark"] = by(&supervisors, 1);
        let ev: Evidence = serde_json::from_value(v).unwrap();
        let card = score(party_split(), &ev).unwrap();
        check_language_card(&card)?;
        for p in &card.panels {
            let mut marks: Vec<Decimal> = p.marks.iter().map(|m| m.value.parse().unwrap()).collect();
            marks.sort();
            let combined: Decimal = p.combined.parse().unwrap();
            let (lo, hi) = (marks[0], marks[marks.len() - 1]);
            prop_assert!(lo <= combined && combined <= hi, "{}: {combined} not in [{lo}, {hi}]", p.indicator);
            match p.combine.as_str() {
                "trimmed_mean" => {
                    let (lo2, hi2) = (marks[1], marks[marks.len() - 2]);
                    prop_assert!(lo2 <= combined && combined <= hi2, "{}: {combined} not in [{lo2}, {hi2}]", p.indicator);
                    prop_assert_eq!(p.marks.iter().filter(|m| !m.used).count(), 2);
                }
                "median" if marks.len().is_multiple_of(2) => {
                    let h = marks.len() / 2;
                    prop_assert_eq!(combined, (marks[h - 1] + marks[h]) / Decimal::from(2));
                }
                "median" => prop_assert_eq!(combined, marks[marks.len() / 2]),
                "minimum" => prop_assert_eq!(combined, lo),
                "mean" => {
                    let sum: Decimal = marks.iter().sum();
                    prop_assert_eq!(combined, (sum / Decimal::from(marks.len())).normalize());
                }
                _ => {}
            }
        }
        let t12 = card.nodes.iter().find(|n| n.id == "T1.2").unwrap();
        let party_panel = card.panels.iter().find(|p| p.indicator == "x.party_work").unwrap();
        prop_assert_eq!(t12.points, party_panel.combined.parse::<Decimal>().unwrap());
        prop_assert_eq!(score_total(party_split(), &ev).unwrap().0, card.total);
    }
}
