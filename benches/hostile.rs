//! Hostile sizes (issue 10): an 8 MiB evidence, valid and invalid, must decide in well
//! under a second. The valid one has a roster of 20,000 workers and 36,000 training and
//! supervision records; the invalid one names workers that are not on the roster in
//! every record (each error needs a "did you mean", cut at 200). Before the fix these
//! took 24 s and 17 min.
//!
//! Run with `cargo bench --bench hostile`; the figures are in BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    missing_docs
)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::{Value, json};
use sws_eval::decision::Evaluator;
use sws_eval::json::{Envelope, MAX_INPUT_BYTES, evaluate_json};

const STATION: &str = include_str!("../examples/data/station.json");

/// An evidence of just under 8 MiB: `workers` on the roster, `records` training and
/// supervision records; with `unknown`, every record names a worker not on the roster.
fn big_evidence(workers: usize, records: usize, unknown: bool) -> String {
    let mut v: Value = serde_json::from_str(STATION).unwrap();
    let roster: Vec<Value> = (0..workers)
        .map(|i| {
            json!({"id": format!("w{i}"), "name": format!("社工{i}"), "provided_by": "contractor",
                   "full_time": true, "birth_date": "1990-05-10", "entry_date": "2023-01-01",
                   "education": "bachelor",
                   "qualifications": [{"kind": "national_certificate", "obtained_on": "2021-06-01"}]})
        })
        .collect();
    v["staff"]["workers"] = Value::Array(roster);
    let who = |i: usize| {
        if unknown {
            format!("x{}", i % workers)
        } else {
            format!("w{}", i % workers)
        }
    };
    v["training"] = Value::Array(
        (0..records / 2)
            .map(|i| json!({"worker": who(i), "date": "2024-03-15", "hours": "48", "provider": "civil_affairs_bureau"}))
            .collect(),
    );
    v["supervision"] = Value::Array(
        (0..records / 2)
            .map(|i| json!({"worker": who(i), "date": "2024-03-15", "hours": "48"}))
            .collect(),
    );
    let text = v.to_string();
    assert!(text.len() <= MAX_INPUT_BYTES, "{} bytes", text.len());
    text
}

fn hostile(c: &mut Criterion) {
    let eval = Evaluator::dongying();
    let valid = big_evidence(20_000, 36_000, false);
    let invalid = big_evidence(20_000, 36_000, true);
    assert!(matches!(evaluate_json(&valid, &eval), Envelope::Ok { .. }));
    assert!(matches!(
        evaluate_json(&invalid, &eval),
        Envelope::Error { .. }
    ));
    let mut g = c.benchmark_group("evidence_8mib");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.throughput(Throughput::Bytes(valid.len() as u64));
    g.bench_function("valid", |b| {
        b.iter(|| evaluate_json(black_box(&valid), &eval))
    });
    g.throughput(Throughput::Bytes(invalid.len() as u64));
    g.bench_function("invalid_unknown_workers", |b| {
        b.iter(|| evaluate_json(black_box(&invalid), &eval))
    });
    g.finish();
}

criterion_group!(benches, hostile);
criterion_main!(benches);
