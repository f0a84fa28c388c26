//! Before anything is timed: the engine, ZEN and the hand-written limit must reach the
//! same answers on the same generated stations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use sws_eval::calendar::WorkCalendar;
use sws_eval::decision::Evaluator;
use sws_eval::evidence::IndicatorValue;
use sws_eval::gates::GateId;
use sws_eval::policy::PolicySet;
use sws_eval::score::score_total;
use sws_eval::standard::CompiledStandard;
use sws_eval::standard::IndicatorKind;
use sws_eval_peer_zen::{Zen, common, engine_outcome, gate_rows, jdm, zen_input};

const N: u64 = 2_000;

fn setup() -> (CompiledStandard, PolicySet, WorkCalendar) {
    (
        CompiledStandard::dongying_2022(),
        PolicySet::dongying(),
        WorkCalendar::china_official(),
    )
}

#[test]
fn checked_in_jdm_is_the_generated_one() {
    let (std, set, _) = setup();
    let policy = set.by_id("dongying-2022").unwrap();
    let generated = jdm(&std, policy);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/dongying-2022.jdm.json");
    if std::env::var_os("UPDATE_JDM").is_some() {
        std::fs::write(
            path,
            serde_json::to_string_pretty(&generated).unwrap() + "\n",
        )
        .unwrap();
        return;
    }
    let file: serde_json::Value = serde_json::from_str(sws_eval_peer_zen::JDM_FILE).unwrap();
    assert_eq!(
        file, generated,
        "regenerate with UPDATE_JDM=1 cargo test checked_in_jdm"
    );
}

#[test]
fn the_graph_has_a_row_for_every_station_gate() {
    let (_, set, _) = setup();
    let policy = set.by_id("dongying-2022").unwrap();
    let rows: Vec<GateId> = gate_rows(policy).into_iter().map(|(id, _)| id).collect();
    let want: Vec<GateId> = GateId::ALL
        .iter()
        .copied()
        .filter(|g| *g != GateId::Art28TwoEvaluationsAYear)
        .collect();
    assert_eq!(rows, want);
}

#[test]
fn generated_stations_are_valid_and_varied() {
    let eval = Evaluator::dongying();
    let mut grades = BTreeMap::new();
    let mut verdicts = BTreeMap::new();
    for i in 0..N {
        let ev = common::station(i);
        assert!(ev.check().is_empty(), "station {i}: {:?}", ev.check());
        let d = eval
            .evaluate(&ev)
            .unwrap_or_else(|e| panic!("station {i}: {e}"));
        *grades.entry(format!("{:?}", d.grade)).or_insert(0) += 1;
        *verdicts.entry(format!("{:?}", d.verdict)).or_insert(0) += 1;
    }
    // Every grade and both verdicts occur: the mix exercises every branch that matters.
    assert_eq!(grades.len(), 4, "{grades:?}");
    assert_eq!(verdicts.len(), 2, "{verdicts:?}");
    // Same seed, same station.
    assert_eq!(common::station_json(7), common::station_json(7));
}

#[test]
fn the_limit_gives_the_engines_total_and_grade() {
    let (std, _, _) = setup();
    let typical = common::typical();
    fn limit(ev: &sws_eval::evidence::Evidence) -> Option<(Decimal, sws_eval::standard::GradeId)> {
        common::limit::score_total(ev).map(|(t, g)| (t, g.into()))
    }
    assert_eq!(limit(&typical), Some(score_total(&std, &typical).unwrap()));
    for i in 0..N {
        let ev = common::station(i);
        assert_eq!(
            limit(&ev),
            Some(score_total(&std, &ev).unwrap()),
            "station {i}"
        );
    }
}

#[test]
fn zen_gives_the_engines_total_grade_verdict_and_unmet_gates() {
    let (std, set, cal) = setup();
    let zen = Zen::new(&serde_json::from_str(sws_eval_peer_zen::JDM_FILE).unwrap());
    let mut evs = vec![common::typical()];
    evs.extend((0..N).map(common::station));
    let mut fails = 0;
    let mut unmet = std::collections::BTreeSet::new();
    for (i, ev) in evs.iter().enumerate() {
        let policy = set.governing_on(ev.contract.signed_on).unwrap();
        let engine = engine_outcome(&std, policy, &cal, ev);
        let input = zen_input(policy, &cal, ev);
        let peer = zen.outcome(input.clone());
        assert_eq!(engine, peer, "station {i}");
        // The lean gate path agrees with the full one, gate by gate.
        let full: Vec<_> = sws_eval::gates::check_gates(policy, &cal, ev)
            .iter()
            .map(|g| (g.id, g.severity, g.outcome))
            .collect();
        assert_eq!(
            sws_eval::gates::gate_outcomes(policy, &cal, ev),
            full,
            "station {i}"
        );
        let (total, grade, pass) = sws_eval_peer_zen::engine_verdict(&std, policy, &cal, ev);
        assert_eq!(
            (total, grade.as_str(), pass),
            (
                engine.total,
                engine.grade.as_str(),
                engine.verdict == "pass"
            )
        );
        // The input is not consumed: the same input evaluates the same again.
        assert_eq!(zen.outcome(input), peer, "station {i}, second run");
        fails += usize::from(engine.verdict == "fail");
        unmet.extend(engine.unmet.iter().cloned());
    }
    assert!(fails > 0);
    // Every gate that one evaluation can fail fails somewhere in the mix, except the
    // 3-year qualification rule (every generated project started in 2023).
    let never: Vec<&str> = gate_rows(set.by_id("dongying-2022").unwrap())
        .iter()
        .map(|(id, _)| id.as_str())
        .filter(|id| !unmet.contains(*id))
        .collect();
    assert_eq!(never, ["art12.all_qualified_after_3y"]);
}

/// Values for the indicators `std` declares, varied per station `i`: marks (and
/// amounts, hours) on their step within their range, mostly in the upper half; counts
/// 0–6; flags true in 3 %; levels any; about 4 % left out (the leaf reads nothing).
fn indicators(std: &CompiledStandard, i: u64) -> BTreeMap<String, IndicatorValue> {
    let mut r = common::Rng::new(i ^ 0x5EED_0150);
    let mut out = BTreeMap::new();
    for ind in &std.standard().indicators {
        if r.chance(4) {
            continue;
        }
        let v = match ind.kind {
            IndicatorKind::Flag => IndicatorValue::Flag(r.chance(3)),
            IndicatorKind::Count => IndicatorValue::Count(r.range(0, 6)),
            IndicatorKind::Mark | IndicatorKind::Amount | IndicatorKind::Hours => {
                let min = ind.min.map_or(Decimal::ZERO, |m| m.get());
                let max = ind.max.map_or(Decimal::from(100), |m| m.get());
                let step = ind.step.map_or(Decimal::new(5, 1), |s| s.get());
                let n = u64::try_from(((max - min) / step).trunc().mantissa()).unwrap();
                let k = r.range(n * 4 / 10, n);
                IndicatorValue::Text((min + step * Decimal::from(k)).normalize().to_string())
            }
            IndicatorKind::Level => IndicatorValue::Text(r.pick(&ind.levels).clone()),
            IndicatorKind::Pair => panic!("{}: pair indicators are not generated", ind.id),
        };
        out.insert(ind.id.clone(), v);
    }
    out
}

/// The standard language's bonus dimension, group cap, total cap, open bands and a
/// band veto, as ZEN expresses them: `examples/standards/star-150.json` (130 base
/// points, a 20-point innovation bonus with a group capped at 6 of its 10, total
/// capped at 150, five star bands, a safety veto to `no_star`) on the generated stations, each with
/// generated indicator values. Engine and ZEN agree on total, band, verdict and unmet
/// gates.
#[test]
fn zen_gives_the_engines_answer_on_a_standard_with_bonus_caps_and_a_veto() {
    let std =
        CompiledStandard::from_json(include_str!("../../../examples/standards/star-150.json"))
            .unwrap();
    let (_, set, cal) = setup();
    let policy = set.by_id("dongying-2022").unwrap();
    let zen = Zen::new(&jdm(&std, policy));
    let mut bands = BTreeMap::new();
    let (mut capped, mut vetoed) = (0, 0);
    for i in 0..=N {
        let mut ev = common::station(i);
        ev.indicators = indicators(&std, i);
        let engine = engine_outcome(&std, policy, &cal, &ev);
        let peer = zen.outcome(zen_input(policy, &cal, &ev));
        assert_eq!(engine, peer, "station {i}");
        *bands.entry(engine.grade.clone()).or_insert(0) += 1;
        capped += usize::from(matches!(
            ev.indicators.get("x.innovation_awards"),
            Some(IndicatorValue::Count(n)) if *n >= 4
        ));
        vetoed += usize::from(
            ev.indicators.get("x.safety_incident") == Some(&IndicatorValue::Flag(true)),
        );
    }
    // Every band occurs, the group cap binds (4 or more awards) and the veto triggers
    // somewhere.
    assert_eq!(bands.len(), std.bands().len(), "{bands:?}");
    assert!(capped > 0 && vetoed > 0, "capped {capped}, vetoed {vetoed}");
}
