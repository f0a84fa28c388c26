//! Engine vs GoRules ZEN vs the hand-written limit, in one criterion run.
//!
//! `cargo bench` in this folder. The equivalence test (`cargo test` here) proves the
//! three agree before anything is timed; this file checks it again on the stations it
//! times.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use sws_eval::calendar::WorkCalendar;
use sws_eval::decision::evaluate;
use sws_eval::policy::PolicySet;
use sws_eval::score::score_total;
use sws_eval::standard::CompiledStandard;
use sws_eval_peer_zen::{JDM_FILE, Zen, common, engine_outcome, engine_verdict, facts, zen_input};
use zen_engine::Variable;

fn peers(c: &mut Criterion) {
    let std = CompiledStandard::dongying_2022();
    let set = PolicySet::dongying();
    let cal = WorkCalendar::china_official();
    let zen = Zen::new(&serde_json::from_str(JDM_FILE).unwrap());
    let ev = common::typical();
    let policy = set.governing_on(ev.contract.signed_on).unwrap();
    assert_eq!(
        engine_outcome(&std, policy, &cal, &ev),
        zen.outcome(zen_input(policy, &cal, &ev))
    );

    // One typical station: the same decision (total, grade, verdict) three ways.
    let mut g = c.benchmark_group("decide_typical");
    g.bench_function("engine_lean", |b| {
        b.iter(|| engine_verdict(&std, policy, &cal, black_box(&ev)));
    });
    g.bench_function("engine_full_decision", |b| {
        b.iter(|| evaluate(&std, policy, &cal, black_box(&ev)).unwrap());
    });
    g.bench_function("zen_from_evidence", |b| {
        b.iter(|| zen.run(zen_input(policy, &cal, black_box(&ev))));
    });
    let input = zen_input(policy, &cal, &ev);
    g.bench_function("zen_prederived_facts", |b| {
        b.iter_batched(
            || input.clone(),
            |v: Variable| zen.run(v),
            BatchSize::SmallInput,
        );
    });
    g.bench_function("fact_derivation_for_zen", |b| {
        b.iter(|| zen_input(policy, &cal, black_box(&ev)));
    });
    g.bench_function("fact_object_only", |b| {
        b.iter(|| facts(policy, &cal, black_box(&ev)));
    });
    g.finish();

    // Scoring only: the engine beside the limit (the limit does not check gates).
    let mut g = c.benchmark_group("score_typical");
    g.bench_function("engine_score_total", |b| {
        b.iter(|| score_total(&std, black_box(&ev)).unwrap());
    });
    g.bench_function("limit", |b| {
        b.iter(|| common::limit::score_total(black_box(&ev)).unwrap());
    });
    g.finish();

    // 1,000 generated stations, end to end from evidence.
    let evs = common::stations(1_000);
    for ev in evs.iter().take(50) {
        assert_eq!(
            engine_outcome(&std, policy, &cal, ev),
            zen.outcome(zen_input(policy, &cal, ev))
        );
    }
    let mut g = c.benchmark_group("decide_1000_generated");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(6));
    g.throughput(Throughput::Elements(evs.len() as u64));
    g.bench_function("engine_lean", |b| {
        b.iter(|| {
            for ev in &evs {
                black_box(engine_verdict(&std, policy, &cal, ev));
            }
        });
    });
    g.bench_function("zen_from_evidence", |b| {
        b.iter(|| {
            for ev in &evs {
                black_box(zen.run(zen_input(policy, &cal, ev)));
            }
        });
    });
    g.bench_function("limit_score_only", |b| {
        b.iter(|| {
            for ev in &evs {
                black_box(common::limit::score_total(ev));
            }
        });
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = peers
}
criterion_main!(benches);
