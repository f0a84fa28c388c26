//! Every Chinese text a decision carries is Chinese: for every conformance case (and
//! the sample county), the decision, year decision or county decision is generated,
//! and every `{zh, en}` text in it — gate requirements and findings, messages,
//! warnings, verdict and renewal reasons, actions, titles — is checked: its `zh` may
//! hold Latin letters only in an id (`art18.no_misuse`, `w1`, `A1`), a unit (`m²`,
//! `CNY`), a code in backticks, or a word of the input (a contractor's or station's
//! name, a finding's description). The names of every gate and finding kind are
//! checked too.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sws_eval::calendar::WorkCalendar;
use sws_eval::county::{County, CountyGateId, check_county};
use sws_eval::decision::{Evaluator, ProjectYear};
use sws_eval::evidence::{Evidence, FindingKind};
use sws_eval::gates::GateId;
use sws_eval::policy::PolicySet;

/// Units and symbols a Chinese sentence may carry in Latin letters.
const UNITS: &[&str] = &["m", "h", "CNY", "Art"];

/// The Latin runs of a text: maximal runs of ASCII letters, digits and the id
/// joiners `_ . -`, starting with a letter; backticked spans are left out.
fn latin_runs(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<String>| {
        let t = run.trim_end_matches(['.', '-', '_']).to_owned();
        if t.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            out.push(t);
        }
        run.clear();
    };
    for c in s.chars() {
        if c == '`' {
            flush(&mut run, &mut out);
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        let joins = matches!(c, '_' | '.' | '-') && !run.is_empty();
        if c.is_ascii_alphanumeric() || joins {
            if run.is_empty() && !c.is_ascii_alphabetic() {
                continue;
            }
            run.push(c);
        } else {
            flush(&mut run, &mut out);
        }
    }
    flush(&mut run, &mut out);
    out
}

/// An id: joined by `_`/`.`/`-`, or holding a digit (`w1`, `A1`, `Q3`), or a single
/// capital letter (a dimension `A`).
fn is_id(run: &str) -> bool {
    run.contains(['_', '.', '-'])
        || run.chars().any(|c| c.is_ascii_digit())
        || (run.len() == 1 && run.chars().all(|c| c.is_ascii_uppercase()))
}

/// The Latin runs of the inputs' names and descriptions: every string value except
/// enum values (`contractor`, `final`: lowercase snake case) and the English half of
/// a `{zh, en}` text.
fn input_words(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::String(s) => {
            let enum_value = s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !enum_value {
                out.extend(latin_runs(s));
            }
        }
        Value::Array(a) => a.iter().for_each(|x| input_words(x, out)),
        Value::Object(m) => m
            .iter()
            .filter(|(k, _)| k.as_str() != "en")
            .for_each(|(_, x)| input_words(x, out)),
        _ => {}
    }
}

/// The offending runs of a Chinese text.
fn offending(zh: &str, allowed: &BTreeSet<String>) -> Vec<String> {
    latin_runs(zh)
        .into_iter()
        .filter(|r| !is_id(r) && !UNITS.contains(&r.as_str()) && !allowed.contains(r))
        .collect()
}

/// Every `{zh, en}` object in a JSON value, with its pointer.
fn texts<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(zh)), Some(Value::String(_))) = (m.get("zh"), m.get("en")) {
                out.push((at.clone(), zh));
            }
            for (k, x) in m {
                texts(x, format!("{at}/{k}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                texts(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn resolve(case_dir: &Path, doc: &Value) -> Value {
    let mut v = match (doc.get("base"), doc.get("inline")) {
        (Some(Value::String(base)), None) => {
            let text = std::fs::read_to_string(case_dir.join(base)).unwrap();
            serde_json::from_str(&text).unwrap()
        }
        (None, Some(inline)) => inline.clone(),
        _ => panic!("a document needs exactly one of `base` and `inline`"),
    };
    if let Some(p) = doc.get("patch") {
        sws_eval::json::pointer::merge_patch(&mut v, p);
    }
    if let Some(Value::Object(set)) = doc.get("set") {
        for (ptr, value) in set {
            sws_eval::json::pointer::set(&mut v, ptr, value.clone()).unwrap();
        }
    }
    v
}

/// The decision JSON of one case (none when the case expects an error) and the
/// inputs it was decided from.
fn decide(case_dir: &Path, case: &Value) -> (Option<Value>, Vec<Value>) {
    let i = &case["input"];
    let mut eval = Evaluator::dongying();
    let mut inputs = Vec::new();
    if let Some(doc) = i.get("standard") {
        let v = resolve(case_dir, doc);
        match sws_eval::json::load_standard_json(&v.to_string()) {
            Ok(s) => eval.standard = s,
            Err(_) => return (None, inputs),
        }
        inputs.push(v);
    }
    if let Some(doc) = i.get("policy") {
        let v = resolve(case_dir, doc);
        match PolicySet::from_json(&v.to_string()) {
            Ok(p) => eval.policies = p,
            Err(_) => return (None, inputs),
        }
        inputs.push(v);
    }
    if let Some(doc) = i.get("calendar") {
        match WorkCalendar::from_json(&resolve(case_dir, doc).to_string()) {
            Ok(c) => eval.calendar = c,
            Err(_) => return (None, inputs),
        }
    }
    eval.policy_version = i
        .get("policy_version")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut evidence = Vec::new();
    let docs: Vec<&Value> = match (i.get("evidence"), i.get("project_year")) {
        (Some(doc), None) => vec![doc],
        (None, Some(Value::Array(docs))) => docs.iter().collect(),
        _ => panic!("input needs exactly one of `evidence` and `project_year`"),
    };
    for doc in docs {
        let v = resolve(case_dir, doc);
        let Ok(ev) = serde_json::from_value::<Evidence>(v.clone()) else {
            return (None, inputs);
        };
        inputs.push(v);
        evidence.push(ev);
    }
    let out = if i.get("evidence").is_some() {
        eval.evaluate(&evidence[0])
            .ok()
            .map(|d| serde_json::to_value(d).unwrap())
    } else {
        eval.evaluate_year(&ProjectYear {
            evaluations: evidence,
        })
        .ok()
        .map(|d| serde_json::to_value(d).unwrap())
    };
    (out, inputs)
}

fn check(label: &str, decision: &Value, inputs: &[Value], problems: &mut Vec<String>) {
    let mut allowed = BTreeSet::new();
    for v in inputs {
        input_words(v, &mut allowed);
    }
    let mut found = Vec::new();
    texts(decision, String::new(), &mut found);
    assert!(!found.is_empty(), "{label}: no texts found");
    for (at, zh) in found {
        let bad = offending(zh, &allowed);
        if !bad.is_empty() {
            problems.push(format!("{label} {at}: {bad:?} in {zh:?}"));
        }
    }
}

#[test]
fn the_checker_tells_ids_from_words() {
    let none = BTreeSet::new();
    assert!(offending("第18条 资金专款专用（art18.no_misuse）", &none).is_empty());
    assert!(offending("缺少：`contract.clauses`；w1 50学时；6 m²；A1", &none).is_empty());
    assert_eq!(
        offending("要求：11 monthly briefings", &none),
        ["monthly", "briefings"]
    );
    let names: BTreeSet<String> = ["Sunshine".to_owned()].into();
    assert!(offending("承接机构 Sunshine 已退出", &names).is_empty());
}

#[test]
fn every_gate_and_finding_kind_has_a_chinese_name() {
    let none = BTreeSet::new();
    let mut problems = Vec::new();
    for g in GateId::ALL {
        for zh in [g.name().0, g.rule().0, &g.label().zh] {
            if !offending(zh, &none).is_empty() {
                problems.push(format!("{g}: {zh}"));
            }
        }
    }
    for g in CountyGateId::ALL {
        for zh in [g.name().0, g.rule().0, &g.label().zh] {
            if !offending(zh, &none).is_empty() {
                problems.push(format!("{g}: {zh}"));
            }
        }
    }
    for k in [
        FindingKind::MixingFunds,
        FindingKind::DivertingFunds,
        FindingKind::MisappropriatingFunds,
        FindingKind::OutsidePurpose,
        FindingKind::FalsifiedRecords,
        FindingKind::SafetyIncident,
        FindingKind::EthicsBreach,
        FindingKind::SeriousDeviation,
        FindingKind::FailedInspection,
    ] {
        if !offending(k.name().0, &none).is_empty() {
            problems.push(format!("{k:?}: {}", k.name().0));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_chinese_text_of_every_conformance_decision_is_chinese() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut problems = Vec::new();
    let mut decided = 0;
    for p in &paths {
        let case: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
        let (decision, inputs) = decide(&dir, &case);
        if let Some(d) = decision {
            decided += 1;
            let name = p.file_stem().unwrap().to_string_lossy();
            check(&name, &d, &inputs, &mut problems);
        }
    }
    assert!(decided > 100, "only {decided} cases decided");
    assert!(
        problems.is_empty(),
        "{} Chinese texts with English words:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_chinese_text_of_the_sample_county_is_chinese() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/county");
    let county_json: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("county.json")).unwrap()).unwrap();
    let mut county: County = serde_json::from_value(county_json.clone()).unwrap();
    let mut inputs = vec![county_json];
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "county.json"))
        .collect();
    files.sort();
    for f in files {
        let v: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        county
            .stations
            .push(serde_json::from_value(v.clone()).unwrap());
        inputs.push(v);
    }
    let d = check_county(&Evaluator::dongying(), &county).unwrap();
    let mut problems = Vec::new();
    check(
        "county",
        &serde_json::to_value(d).unwrap(),
        &inputs,
        &mut problems,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
