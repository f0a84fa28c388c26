//! Hostile and careless inputs (issue 10): every library entry point documented as
//! panic-free is fed the overflow cases; bounds, duplicate keys, negative zero,
//! byte-order marks and oversized configuration are refused with their codes; the
//! command line never writes over an input, escapes control characters and keeps one
//! JSON document on stdout with `--format json`. Large inputs are generated here, not
//! checked in. Nothing is timed (performance is measured by `benches/engine.rs`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};
use sws_eval::decision::{Evaluator, MAX_EVALUATIONS_PER_YEAR};
use sws_eval::json::{
    ErrorCode, InputKind, JsonError, MAX_ERRORS, evaluate_json, evaluate_year_json,
    load_calendar_json, load_policy_json, load_standard_json, validate_json,
};

const STATION: &str = include_str!("../examples/data/station.json");
const STANDARD: &str = include_str!("../data/standards/dongying-2022-reconstruction.json");
const POLICY: &str = include_str!("../data/policies/dongying.json");
const CALENDAR: &str = include_str!("../data/calendar/cn-official-holidays.json");
const BIN: &str = env!("CARGO_BIN_EXE_sws-eval");

fn station() -> Value {
    serde_json::from_str(STATION).unwrap()
}

fn codes(errors: &[JsonError]) -> Vec<(ErrorCode, String)> {
    errors.iter().map(|e| (e.code, e.pointer.clone())).collect()
}

fn has(errors: &[JsonError], code: ErrorCode, pointer: &str) -> bool {
    errors
        .iter()
        .any(|e| e.code == code && e.pointer == pointer)
}

/// Evaluates one evidence through every panic-free entry point: one evidence, a
/// project year holding it, and validation.
fn through_every_entry(v: &Value) -> Vec<JsonError> {
    let text = v.to_string();
    let eval = Evaluator::dongying();
    let one = evaluate_json(&text, &eval);
    let year = json!({ "evaluations": [v] }).to_string();
    let _ = evaluate_year_json(&year, &eval);
    let _ = validate_json(InputKind::ProjectYear, &year);
    let checked = validate_json(InputKind::Evidence, &text);
    assert_eq!(
        one.errors().is_empty(),
        checked.is_empty(),
        "validate and evaluate disagree: {:?} vs {:?}",
        codes(one.errors()),
        codes(&checked)
    );
    one.errors().to_vec()
}

// --- 1, 3: decimal overflow and money at the maximum --------------------------

const HUGE: &str = "79228162514264337593543950335";

#[test]
fn quantities_past_their_bound_are_out_of_range_with_their_pointer() {
    let cases: &[(&str, &str)] = &[
        ("/contract/price", HUGE),
        ("/contract/paid", "1000000000000"),
        ("/finance/spent_to_date", HUGE),
        ("/finance/budget_to_date", "1000000000000.00"),
        ("/premises/office_area_m2", HUGE),
        ("/training/0/hours", "10000"),
        ("/supervision/0/hours", HUGE),
    ];
    for (pointer, value) in cases {
        let mut v = station();
        *v.pointer_mut(pointer).unwrap() = json!(value);
        let errors = through_every_entry(&v);
        assert!(
            has(&errors, ErrorCode::OutOfRange, pointer),
            "{pointer} = {value}: {:?}",
            codes(&errors)
        );
    }
}

#[test]
fn sums_at_the_bounds_decide_without_panicking() {
    // Training hours whose per-worker sum would overflow a decimal if unbounded:
    // 20,000 records of the largest hours each, for one worker.
    let mut v = station();
    let record = json!({"worker": "w1", "date": "2024-03-01", "hours": "9999.99", "provider": "civil_affairs_bureau"});
    v["training"] = Value::Array(vec![record; 20_000]);
    v["supervision"] = Value::Array(vec![
        json!({"worker": "w1", "date": "2024-03-01", "hours": "9999.99"});
        20_000
    ]);
    // Money at the bound on both sides of a ratio, and the smallest over the largest.
    v["finance"]["budget_to_date"] = json!("999999999999.99");
    v["finance"]["spent_to_date"] = json!("999999999999.99");
    v["contract"]["price"] = json!("999999999999.99");
    v["premises"]["office_area_m2"] = json!("999999.99");
    let errors = through_every_entry(&v);
    assert!(errors.is_empty(), "{:?}", codes(&errors));
}

#[test]
fn money_at_the_maximum_keeps_every_fen() {
    let mut v = station();
    v["contract"]["price"] = json!("999999999999.99");
    v["contract"]["paid"] = json!("0.01");
    let env = evaluate_json(&v.to_string(), &Evaluator::dongying());
    let d = env.into_result().unwrap();
    let payment = serde_json::to_value(&d.payment).unwrap();
    let text = payment.to_string();
    // Final evaluation of a passing station: the remaining payment is released whole.
    assert!(text.contains("\"999999999999.98\""), "{text}");
    // The decimal's own maximum is refused, not rounded.
    v["contract"]["price"] = json!(HUGE);
    let errors = through_every_entry(&v);
    assert!(has(&errors, ErrorCode::OutOfRange, "/contract/price"));
}

#[test]
fn a_county_whose_released_sum_is_large_decides() {
    let mut ev = station();
    ev["contract"]["price"] = json!("999999999999.99");
    ev["contract"]["paid"] = json!("0.01");
    let county = json!({
        "county": ev["station"]["county"],
        "year": 2024,
        "as_of": "2025-01-20",
        "stations": vec![ev; 40],
    });
    let county: sws_eval::county::County = serde_json::from_value(county).unwrap();
    let d = sws_eval::county::check_county(&Evaluator::dongying(), &county).unwrap();
    let text = serde_json::to_string(&d.summary).unwrap();
    assert!(text.contains("39999999999999.20"), "{text}");
}

// --- 2: custom standard and policy values -------------------------------------

#[test]
fn standard_values_past_the_bounds_are_refused_at_load() {
    let mut s: Value = serde_json::from_str(STANDARD).unwrap();
    s["max_points"] = json!(HUGE);
    let errors = load_standard_json(&s.to_string()).unwrap_err();
    assert!(
        has(&errors, ErrorCode::OutOfRange, "/max_points"),
        "{:?}",
        codes(&errors)
    );
    // The largest points accepted: sums and deductions saturate, never panic.
    let text = STANDARD.replace("\"points_each\": \"1\"", "\"points_each\": \"999999.99\"");
    if let Ok(std) = load_standard_json(&text) {
        let ev: sws_eval::Evidence = serde_json::from_str(STATION).unwrap();
        let _ = sws_eval::score(&std, &ev);
    }
}

#[test]
fn policy_periods_past_the_bounds_are_refused_at_load() {
    for (name, value) in [
        ("max_term_years", 19_999u64),
        ("qualification_years", 19_999),
        ("rectification_days", 7_304_885),
        ("handover_working_days", 4_000_000_000),
        ("signing_days", 7_304_885),
        ("max_entry_age", 4_000_000_000),
    ] {
        let mut p: Value = serde_json::from_str(POLICY).unwrap();
        p["versions"][0]["parameters"][name]["value"] = json!(value);
        let errors = load_policy_json(&p.to_string()).unwrap_err();
        let pointer = format!("/versions/0/parameters/{name}");
        assert!(
            has(&errors, ErrorCode::BadParameter, &pointer),
            "{name}: {:?}",
            codes(&errors)
        );
        assert!(!validate_json(InputKind::Policy, &p.to_string()).is_empty());
    }
}

#[test]
fn dates_far_out_do_not_panic() {
    let d = sws_eval::date::Date::new(2200, 12, 31).unwrap();
    assert_eq!(d.add_days(i32::MAX), None);
    assert_eq!(d.add_years(i16::MAX), None);
    assert_eq!(d.add_days(i32::MIN), None);
}

// --- 4, 5, 6: linear work, capped errors, bounded project years -----------------

#[test]
fn a_huge_roster_with_unknown_references_is_cut_at_200() {
    let mut v = station();
    let workers: Vec<Value> = (0..5_000)
        .map(|i| {
            json!({"id": format!("w{i}"), "name": "x", "provided_by": "contractor",
                   "birth_date": "1990-01-01", "entry_date": "2020-01-01", "full_time": true,
                   "education": "bachelor", "qualifications": []})
        })
        .collect();
    v["staff"]["workers"] = Value::Array(workers);
    let refs: Vec<Value> = (0..5_000)
        .map(|i| json!({"worker": format!("x{i}"), "date": "2024-03-01", "hours": "1", "provider": "other"}))
        .collect();
    v["training"] = Value::Array(refs);
    let errors = validate_json(InputKind::Evidence, &v.to_string());
    assert_eq!(
        errors[0].code,
        ErrorCode::UnknownWorker,
        "{:?}",
        codes(&errors)
    );
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    assert_eq!(errors.last().unwrap().code, ErrorCode::TooManyErrors);
}

#[test]
fn a_project_year_holds_at_most_24_evaluations() {
    let one = station();
    let year = json!({ "evaluations": vec![one.clone(); MAX_EVALUATIONS_PER_YEAR + 1] });
    let env = evaluate_year_json(&year.to_string(), &Evaluator::dongying());
    assert!(
        has(env.errors(), ErrorCode::OutOfRange, "/evaluations"),
        "{:?}",
        codes(env.errors())
    );
    // The schema says the same.
    let schema = sws_eval::schema::schema("project-year").unwrap();
    assert_eq!(
        schema["properties"]["evaluations"]["maxItems"],
        json!(MAX_EVALUATIONS_PER_YEAR)
    );
    // The library refuses it too when the value is built in code.
    let y: sws_eval::decision::ProjectYear = serde_json::from_value(json!({
        "evaluations": vec![one; 2]
    }))
    .unwrap();
    let mut many = y.clone();
    many.evaluations = vec![y.evaluations[0].clone(); MAX_EVALUATIONS_PER_YEAR + 1];
    assert!(Evaluator::dongying().evaluate_year(&many).is_err());
}

// --- 7: configuration size caps -------------------------------------------------

#[test]
fn oversized_configuration_is_refused() {
    let big = format!(
        "{}{}",
        " ".repeat(sws_eval::standard::MAX_STANDARD_BYTES),
        STANDARD
    );
    let errors = load_standard_json(&big).unwrap_err();
    assert_eq!(errors[0].code, ErrorCode::StandardTooLarge);
    let big = format!("{}{}", " ".repeat(sws_eval::json::MAX_CONFIG_BYTES), POLICY);
    assert_eq!(
        load_policy_json(&big).unwrap_err()[0].code,
        ErrorCode::InputTooLarge
    );
    let big = format!(
        "{}{}",
        " ".repeat(sws_eval::json::MAX_CONFIG_BYTES),
        CALENDAR
    );
    assert_eq!(
        load_calendar_json(&big).unwrap_err()[0].code,
        ErrorCode::InputTooLarge
    );
}

// --- 9: duplicate keys in maps ---------------------------------------------------

#[test]
fn duplicate_keys_in_maps_are_refused() {
    // A second, empty "2024" after the real one.
    let cal = CALENDAR.replacen(
        "\"2025\":",
        "\"2024\": {\"off_days\": [], \"make_up_workdays\": []},\n    \"2025\":",
        1,
    );
    assert_ne!(cal, CALENDAR);
    let errors = load_calendar_json(&cal).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.code == ErrorCode::DuplicateField && e.pointer == "/years/2024"),
        "{:?}",
        codes(&errors)
    );
    let std = STANDARD.replacen(
        "\"township_min\": \"1\",",
        "\"township_min\": \"1\", \"township_min\": \"0\",",
        1,
    );
    assert_ne!(std, STANDARD);
    let errors = load_standard_json(&std).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.code == ErrorCode::DuplicateField
                && e.pointer.ends_with("/params/township_min")),
        "{:?}",
        codes(&errors)
    );
}

// --- 10: negative zero -------------------------------------------------------------

#[test]
fn negative_zero_is_refused_like_the_schema() {
    for (pointer, value) in [
        ("/contract/paid", "-0"),
        ("/contract/paid", "-0.00"),
        ("/training/0/hours", "-0.0"),
    ] {
        let mut v = station();
        *v.pointer_mut(pointer).unwrap() = json!(value);
        let errors = through_every_entry(&v);
        assert!(
            has(&errors, ErrorCode::NegativeNumber, pointer),
            "{:?}",
            codes(&errors)
        );
    }
}

// --- 13, 14: validate agrees with evaluate; byte-order marks -------------------

#[test]
fn validate_refuses_what_evaluate_refuses() {
    let text = include_str!("fixtures/invalid/evidence-signed-after-the-policy-ended.json");
    let errors = validate_json(InputKind::Evidence, text);
    assert!(
        has(&errors, ErrorCode::NoPolicyInForce, "/contract/signed_on"),
        "{:?}",
        codes(&errors)
    );
    let env = evaluate_json(text, &Evaluator::dongying());
    assert!(has(
        env.errors(),
        ErrorCode::NoPolicyInForce,
        "/contract/signed_on"
    ));
}

#[test]
fn a_byte_order_mark_is_skipped_in_every_input() {
    let bom = |t: &str| format!("\u{feff}{t}");
    assert!(
        evaluate_json(&bom(STATION), &Evaluator::dongying())
            .errors()
            .is_empty()
    );
    assert!(validate_json(InputKind::Evidence, &bom(STATION)).is_empty());
    let year = json!({"evaluations": [station()]}).to_string();
    assert!(
        evaluate_year_json(&bom(&year), &Evaluator::dongying())
            .errors()
            .is_empty()
    );
    assert!(load_standard_json(&bom(STANDARD)).is_ok());
    assert!(load_policy_json(&bom(POLICY)).is_ok());
    assert!(load_calendar_json(&bom(CALENDAR)).is_ok());
}

// --- The command line: 7, 8, 11, 12, 14 ---------------------------------------------

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env("SWS_EVAL_LANG", "en")
        .output()
        .unwrap()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn one_json_document(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not one JSON document ({e}): {:?} / stderr {:?}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let dir = tempdir();
    let d = dir.path();
    write(d, "s.json", STATION.as_bytes());
    let o = run(d, &["evaluate", "s.json", "-o", "s.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(d.join("s.json")).unwrap(), STATION);
    let o = run(d, &["evaluate", "s.json", "-o", "./s.json"]);
    assert_eq!(o.status.code(), Some(2));
    let line = format!("{}\n", station());
    write(d, "in.jsonl", line.as_bytes());
    let o = run(d, &["batch", "in.jsonl", "-o", "in.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(d.join("in.jsonl")).unwrap(), line);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(d.join("s.json"), d.join("link.json")).unwrap();
        let o = run(d, &["evaluate", "s.json", "-o", "link.json"]);
        assert_eq!(o.status.code(), Some(2));
        let o = run(
            d,
            &[
                "evaluate",
                "s.json",
                "--standard",
                "std.json",
                "-o",
                "std.json",
            ],
        );
        assert_eq!(
            o.status.code(),
            Some(2),
            "a missing --standard is exit 2 too"
        );
    }
    // A normal output is written whole, with no temporary file left beside it.
    let o = run(d, &["evaluate", "s.json", "-o", "out.json"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(serde_json::from_slice::<Value>(&std::fs::read(d.join("out.json")).unwrap()).is_ok());
    let leftovers: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
#[cfg(unix)]
fn dev_zero_as_configuration_is_read_up_to_the_cap() {
    let dir = tempdir();
    let d = dir.path();
    write(d, "s.json", STATION.as_bytes());
    for flag in ["--standard", "--policy", "--calendar"] {
        let o = run(
            d,
            &["evaluate", "s.json", flag, "/dev/zero", "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(2), "{flag}");
        let doc = one_json_document(&o);
        assert_eq!(doc["status"], "error", "{flag}");
    }
    let o = run(d, &["standard", "--standard", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let dir = tempdir();
    let d = dir.path();
    let mut v = station();
    v["station"]["name"] = json!("evil\u{1b}]0;owned\u{7}\r\u{0}\u{9b}name");
    write(d, "s.json", v.to_string().as_bytes());
    for format in ["text", "markdown", "html"] {
        let o = run(d, &["evaluate", "s.json", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}");
        let out = String::from_utf8(o.stdout).unwrap();
        for c in ['\u{1b}', '\u{7}', '\r', '\u{0}', '\u{9b}'] {
            assert!(!out.contains(c), "{format} prints {c:?}");
        }
    }
    // An unknown key with an escape sequence, quoted in an error on stderr.
    let mut v = station();
    v["evil\u{1b}[2J\u{7}"] = json!(1);
    write(d, "bad.json", v.to_string().as_bytes());
    for args in [
        &["evaluate", "bad.json"][..],
        &["validate", "bad.json"][..],
        &["batch", "bad.json"][..],
    ] {
        let o = run(d, args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(o.stderr).unwrap();
        assert!(
            !err.contains('\u{1b}') && !err.contains('\u{7}'),
            "{args:?}: {err}"
        );
        if args[0] == "validate" {
            let out = String::from_utf8(o.stdout).unwrap();
            assert!(!out.contains('\u{1b}'), "{out}");
        }
    }
}

#[test]
fn with_format_json_stdout_is_always_one_document() {
    let dir = tempdir();
    let d = dir.path();
    let mut big = STATION.as_bytes().to_vec();
    big.resize(sws_eval::json::MAX_INPUT_BYTES + 10, b' ');
    write(d, "big.json", &big);
    write(d, "latin1.json", b"{\"station\": \"\xff\"}");
    write(d, "s.json", STATION.as_bytes());
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["evaluate", "big.json", "--format", "json"],
            1,
            "input_too_large",
        ),
        (
            &["evaluate", "latin1.json", "--format", "json"],
            1,
            "invalid_json",
        ),
        (
            &["evaluate", "missing.json", "--format", "json"],
            2,
            "unreadable_file",
        ),
        (
            &[
                "evaluate",
                "s.json",
                "--as-of",
                "not-a-date",
                "--format",
                "json",
            ],
            2,
            "bad_argument",
        ),
        (
            &["evaluate", "s.json", "--format=json", "--lang", "xx"],
            2,
            "bad_argument",
        ),
        (
            &[
                "evaluate",
                "s.json",
                "--policy-version",
                "nope",
                "--format",
                "json",
            ],
            2,
            "bad_argument",
        ),
        (
            &["county", "missing-dir", "--format", "json"],
            2,
            "unreadable_file",
        ),
    ];
    for (args, code, error) in cases {
        let o = run(d, args);
        assert_eq!(o.status.code(), Some(*code), "{args:?}");
        let doc = one_json_document(&o);
        assert_eq!(doc["status"], "error", "{args:?}");
        assert_eq!(doc["errors"][0]["code"], *error, "{args:?}: {doc}");
    }
    // validate --format json names the oversized file's error.
    let o = run(d, &["validate", "big.json", "--format", "json"]);
    let doc = one_json_document(&o);
    assert_eq!(doc[0]["errors"][0]["code"], "input_too_large", "{doc}");
}

#[test]
fn the_command_line_reads_a_byte_order_mark() {
    let dir = tempdir();
    let d = dir.path();
    let with_bom = format!("\u{feff}{STATION}");
    write(d, "s.json", with_bom.as_bytes());
    write(d, "std.json", format!("\u{feff}{STANDARD}").as_bytes());
    let o = run(
        d,
        &[
            "evaluate",
            "s.json",
            "--standard",
            "std.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = run(d, &["validate", "s.json"]);
    assert_eq!(o.status.code(), Some(0));
    write(d, "b.jsonl", format!("\u{feff}{}\n", station()).as_bytes());
    let o = run(d, &["batch", "b.jsonl"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
}
