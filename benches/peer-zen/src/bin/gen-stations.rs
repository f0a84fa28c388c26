//! Writes N generated stations as JSON Lines to stdout (the input of the batch memory
//! measurement in BENCHMARKS.md): `cargo run --release --bin gen-stations -- 100000`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    for i in 0..n {
        writeln!(out, "{}", sws_eval_peer_zen::common::station_json(i)).unwrap();
    }
}
