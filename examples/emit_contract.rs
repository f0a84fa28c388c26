//! Writes what the engine produces for the contract's fixture corpus, so that validators
//! in other languages can check it against the schemas (`.ci/schema-hosts.sh`).
//!
//! ```text
//! cargo run --example emit_contract -- OUT_DIR
//! ```
//!
//! For every valid evidence fixture: its decision, its envelope, its batch input line
//! and its batch output line; for every valid project year: its year decision and
//! envelope; for every valid county file: its county decision; for every invalid fixture: the error envelope (and, for evidence and
//! project years, the evaluation envelope and batch output line). `OUT_DIR/manifest.json`
//! lists each file with the schema it must satisfy.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{Value, json};
use sws_eval::county::{County, check_county};
use sws_eval::decision::Evaluator;
use sws_eval::json::{
    BatchOutputLine, Envelope, ErrorEnvelope, InputKind, evaluate_batch_line, evaluate_json,
    evaluate_year_json, validate_json,
};

struct Out {
    dir: PathBuf,
    manifest: Vec<Value>,
}

impl Out {
    fn write<T: Serialize>(&mut self, schema: &str, stem: &str, value: &T) {
        let file = format!("{schema}--{stem}.json");
        let text = serde_json::to_string_pretty(value).unwrap();
        std::fs::write(self.dir.join(&file), text + "\n").unwrap();
        self.manifest.push(json!({"file": file, "schema": schema}));
    }
}

fn kind_of(file: &str) -> Option<InputKind> {
    InputKind::ALL
        .iter()
        .filter(|k| file.starts_with(&format!("{}-", k.as_str())))
        .max_by_key(|k| k.as_str().len())
        .copied()
}

fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .filter(|p| p.file_name().unwrap() != "expected.json")
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: emit_contract OUT_DIR"),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let eval = Evaluator::dongying();
    let mut out = Out {
        dir: dir.clone(),
        manifest: Vec::new(),
    };
    let (mut decisions, mut errors) = (0, 0);

    for (stem, text) in files(&root.join("valid")) {
        if stem.starts_with("county-") {
            let county: County = serde_json::from_str(&text).unwrap();
            out.write(
                "county-decision",
                &stem,
                &check_county(&eval, &county).unwrap(),
            );
            decisions += 1;
            continue;
        }
        match kind_of(&stem).unwrap_or_else(|| panic!("{stem}: no kind prefix")) {
            InputKind::Evidence => {
                let envelope = evaluate_json(&text, &eval);
                let Envelope::Ok { result, .. } = &envelope else {
                    panic!("{stem}: {:?}", envelope.errors());
                };
                out.write("decision", &stem, result);
                out.write("envelope", &stem, &envelope);
                let line: Value = serde_json::from_str(&text).unwrap();
                out.write("batch-input-line", &stem, &line);
                out.write(
                    "batch-output-line",
                    &stem,
                    &evaluate_batch_line(1, &text, &eval),
                );
                decisions += 1;
            }
            InputKind::ProjectYear => {
                let envelope = evaluate_year_json(&text, &eval);
                let Envelope::Ok { result, .. } = &envelope else {
                    panic!("{stem}: {:?}", envelope.errors());
                };
                out.write("year-decision", &stem, result);
                out.write("year-envelope", &stem, &envelope);
                decisions += 1;
            }
            _ => {}
        }
    }

    for (stem, text) in files(&root.join("invalid")) {
        let kind = kind_of(&stem).unwrap_or_else(|| panic!("{stem}: no kind prefix"));
        let found = match kind {
            InputKind::Evidence => {
                let envelope = evaluate_json(&text, &eval);
                out.write("envelope", &stem, &envelope);
                let line = evaluate_batch_line(2, &text, &eval);
                assert!(matches!(line, BatchOutputLine::Error { .. }), "{stem}");
                out.write("batch-output-line", &stem, &line);
                envelope.errors().to_vec()
            }
            InputKind::ProjectYear => {
                let envelope = evaluate_year_json(&text, &eval);
                out.write("year-envelope", &stem, &envelope);
                envelope.errors().to_vec()
            }
            _ => validate_json(kind, &text),
        };
        assert!(!found.is_empty(), "{stem}: the engine accepted it");
        out.write("error-envelope", &stem, &ErrorEnvelope::from(found));
        errors += 1;
    }

    let manifest = Value::Array(out.manifest);
    std::fs::write(
        dir.join("manifest.json"),
        serde_json::to_string_pretty(&manifest).unwrap(),
    )
    .unwrap();
    println!(
        "emit_contract: {} files ({decisions} decisions, {errors} error envelopes) in {}",
        manifest.as_array().map_or(0, Vec::len),
        dir.display()
    );
}
