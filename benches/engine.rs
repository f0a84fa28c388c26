//! The engine's criterion suite: compile, score (explained, total, and the hand-written
//! limit in the same run), the full decision, `evaluate_json` beside serde_json's bare
//! parse of the same input, and batch throughput over 10,000 generated stations.
//!
//! Run with `cargo bench --bench engine`; see BENCHMARKS.md for the table and ratios.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

mod common;

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use sws_eval::decision::Evaluator;
use sws_eval::evidence::Evidence;
use sws_eval::gates::{GateOutcome, Severity, check_gates, gate_outcomes};
use sws_eval::score::{score, score_total};
use sws_eval::standard::CompiledStandard;

/// `evaluate_json` end to end: parse and check the input, decide, serialise the envelope.
fn evaluate_json(input: &str, eval: &Evaluator) -> String {
    serde_json::to_string(&sws_eval::json::evaluate_json(input, eval)).unwrap()
}

/// Generated stations, made once per process and only for the benches that run.
fn generated(n: usize) -> &'static [Evidence] {
    static ALL: OnceLock<Vec<Evidence>> = OnceLock::new();
    let all = ALL.get_or_init(|| common::stations(10_000));
    &all[..n]
}

fn generated_lines() -> &'static [String] {
    static ALL: OnceLock<Vec<String>> = OnceLock::new();
    ALL.get_or_init(|| (0..10_000).map(common::station_json).collect())
}

fn compile(c: &mut Criterion) {
    let mut g = c.benchmark_group("compile");
    g.bench_function("default_standard", |b| {
        b.iter(CompiledStandard::dongying_2022);
    });
    g.finish();
}

fn scoring(c: &mut Criterion) {
    let std = CompiledStandard::dongying_2022();
    let ev = common::typical();
    // The limit must agree with the engine before it is worth timing.
    assert_eq!(
        common::limit::score_total(&ev).map(|(t, g)| (t, g.into())),
        Some(score_total(&std, &ev).unwrap())
    );
    let mut g = c.benchmark_group("score_typical");
    g.bench_function("explained", |b| b.iter(|| score(&std, black_box(&ev))));
    g.bench_function("total", |b| b.iter(|| score_total(&std, black_box(&ev))));
    g.bench_function("limit", |b| {
        b.iter(|| common::limit::score_total(black_box(&ev)));
    });
    g.finish();

    let mut g = c.benchmark_group("score_1000_generated");
    g.throughput(Throughput::Elements(1_000));
    g.bench_function("total", |b| {
        let mix = generated(1_000);
        b.iter(|| {
            for ev in mix {
                black_box(score_total(&std, black_box(ev)).ok());
            }
        });
    });
    g.bench_function("limit", |b| {
        let mix = generated(1_000);
        b.iter(|| {
            for ev in mix {
                black_box(common::limit::score_total(black_box(ev)));
            }
        });
    });
    g.finish();
}

fn decision(c: &mut Criterion) {
    let eval = Evaluator::dongying();
    let ev = common::typical();
    let policy = eval.policies.governing_on(ev.contract.signed_on).unwrap();
    let mut g = c.benchmark_group("decision_typical");
    g.bench_function("evaluate", |b| b.iter(|| eval.evaluate(black_box(&ev))));
    // The lean path: the total and grade, every gate's outcome, the verdict.
    g.bench_function("lean", |b| {
        b.iter(|| {
            let ev = black_box(&ev);
            let (_, grade) = score_total(&eval.standard, ev).unwrap();
            let veto = gate_outcomes(policy, &eval.calendar, ev)
                .iter()
                .any(|(_, s, o)| *s == Severity::Veto && *o == GateOutcome::NotMet);
            !veto && eval.standard.passes(&grade)
        });
    });
    g.bench_function("check_gates", |b| {
        b.iter(|| check_gates(policy, &eval.calendar, black_box(&ev)));
    });
    g.bench_function("evidence_check", |b| b.iter(|| black_box(&ev).check()));
    g.finish();
}

fn json(c: &mut Criterion) {
    let eval = Evaluator::dongying();
    let input = common::STATION_JSON;
    let decision = eval
        .evaluate(&serde_json::from_str::<Evidence>(input).unwrap())
        .unwrap();
    let mut g = c.benchmark_group("json_typical");
    g.throughput(Throughput::Bytes(input.len() as u64));
    g.bench_function("parse_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(input)).unwrap());
    });
    g.bench_function("parse_evidence", |b| {
        b.iter(|| serde_json::from_str::<Evidence>(black_box(input)).unwrap());
    });
    let evidence: Evidence = serde_json::from_str(input).unwrap();
    g.bench_function("serialise_evidence", |b| {
        // What the receipt's input hash serialises (then hashes).
        b.iter(|| serde_json::to_vec(black_box(&evidence)).unwrap());
    });
    g.bench_function("serialise_decision", |b| {
        b.iter(|| serde_json::to_string(black_box(&decision)).unwrap());
    });
    g.bench_function("evaluate_json", |b| {
        b.iter(|| evaluate_json(black_box(input), &eval));
    });
    g.finish();
}

fn batch(c: &mut Criterion) {
    const N: u64 = 10_000;
    let eval = Evaluator::dongying();
    let mut g = c.benchmark_group("batch_10k");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Elements(N));
    g.bench_function("score_total", |b| {
        let evs = generated(10_000);
        b.iter(|| {
            for ev in evs {
                black_box(score_total(&eval.standard, ev).ok());
            }
        });
    });
    g.bench_function("evaluate", |b| {
        let evs = generated(10_000);
        b.iter(|| {
            for ev in evs {
                black_box(eval.evaluate(ev).ok());
            }
        });
    });
    g.bench_function("evaluate_json_lines", |b| {
        let lines = generated_lines();
        b.iter_batched_ref(
            || Vec::with_capacity(64 << 20),
            |out: &mut Vec<u8>| {
                for line in lines {
                    out.extend_from_slice(evaluate_json(line, &eval).as_bytes());
                    out.push(b'\n');
                }
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

/// The county checks over 2,000 generated stations, grouped into their counties.
fn county(c: &mut Criterion) {
    use sws_eval::county::{County, Funding, QuarterlyReport, check_counties};
    let eval = Evaluator::dongying();
    let mut counties: Vec<County> = Vec::new();
    for ev in generated(2_000) {
        let name = ev.station.county.clone();
        let i = match counties.iter().position(|c| c.county == name) {
            Some(i) => i,
            None => {
                counties.push(County {
                    county: name,
                    year: 2024,
                    as_of: "2025-01-20".parse().unwrap(),
                    funding: None,
                    quarterly_reports: Some(
                        (1..=4)
                            .map(|q| QuarterlyReport {
                                quarter: q,
                                filed_on: "2024-12-20".parse().unwrap(),
                            })
                            .collect(),
                    ),
                    pay_standards: None,
                    stations: Vec::new(),
                });
                counties.len() - 1
            }
        };
        counties[i].stations.push(ev.clone());
    }
    for c in &mut counties {
        c.funding = Some(Funding {
            purchase_funding: format!("{}.00", 60_000 * c.stations.len()).parse().unwrap(),
            stations: None,
        });
    }
    check_counties(&eval, &counties).unwrap();
    let mut g = c.benchmark_group("county_2000");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    g.throughput(Throughput::Elements(2_000));
    g.bench_function("check_counties", |b| {
        b.iter(|| check_counties(&eval, black_box(&counties)).unwrap());
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = compile, scoring, decision, json, batch, county
}
criterion_main!(benches);
