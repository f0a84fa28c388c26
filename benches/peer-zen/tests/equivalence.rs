//! Before anything is timed: the engine, ZEN and the hand-written limit must reach the
//! same answers on the same generated stations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use sws_eval::calendar::WorkCalendar;
use sws_eval::decision::Evaluator;
use sws_eval::policy::PolicySet;
use sws_eval::score::score_total;
use sws_eval::standard::CompiledStandard;
use sws_eval_peer_zen::{Zen, common, engine_outcome, jdm, zen_input};

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
    let generated = jdm(std.standard(), policy);
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
    assert_eq!(
        common::limit::score_total(&typical),
        Some(score_total(&std, &typical).unwrap())
    );
    for i in 0..N {
        let ev = common::station(i);
        assert_eq!(
            common::limit::score_total(&ev),
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
            (total, grade.en(), pass),
            (
                engine.total,
                engine.grade.as_str(),
                engine.verdict == "pass"
            )
        );
        // The input is not consumed: the same input evaluates the same again.
        assert_eq!(zen.outcome(input), peer, "station {i}, second run");
        fails += usize::from(engine.verdict == "fail");
    }
    assert!(fails > 0);
}
