//! The golden conformance suite: every case in `tests/conformance/*.json` is run
//! through the engine and every expected field is checked; all mismatches of all
//! cases are reported together. The cases were written from the measure and
//! docs/default-standard.md by hand (each says what it varies and why the figures follow),
//! not copied from the engine's output. The format is language-neutral and documented
//! in `tests/conformance/FORMAT.md`, so that another evaluator's tool can run the same
//! cases.
//!
//! The second test is the coverage invariant: every gate id, action kind, renewal
//! status, payment status, verdict, grade, and every step of every scoring rule of the
//! default standard must have a case for each of its outcomes. The enums are
//! enumerated with `match`es that have no wildcard, so a new variant without a case
//! fails the build or this test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value};
use sws_eval::calendar::WorkCalendar;
use sws_eval::decision::{
    ActionKind, Decision, DecisionError, Evaluator, PaymentStatus, ProjectYear, RenewalStatus,
    Verdict, YearDecision,
};
use sws_eval::evidence::Evidence;
use sws_eval::gates::{GateId, GateOutcome};
use sws_eval::policy::PolicySet;
use sws_eval::score::{NodeOutcome, Scorecard};
use sws_eval::standard::{Grade, IndicatorKind, Rule, Standard};

// ---------------------------------------------------------------------------------
// The case format (see tests/conformance/FORMAT.md).

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    description: Option<String>,
    articles: Vec<String>,
    evaluation_date: String,
    input: Input,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    #[serde(default)]
    evidence: Option<Doc>,
    #[serde(default)]
    project_year: Option<Vec<Doc>>,
    #[serde(default)]
    standard: Option<Doc>,
    #[serde(default)]
    policy: Option<Doc>,
    #[serde(default)]
    policy_version: Option<String>,
    #[serde(default)]
    calendar: Option<Doc>,
}

/// A JSON document: `inline`, or a `base` file (relative to the case file), then
/// an RFC 7386 merge `patch`, then RFC 6901 pointer `set`s.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Doc {
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    inline: Option<Value>,
    #[serde(default)]
    patch: Option<Value>,
    #[serde(default)]
    set: Map<String, Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    #[serde(default)]
    error: Option<ErrorExpect>,
    /// `pass`, `fail`, or null (a project year without a final evaluation).
    #[serde(default)]
    verdict: Option<Value>,
    #[serde(default)]
    grade: Option<Value>,
    #[serde(default)]
    total: Option<Value>,
    #[serde(default)]
    nodes: BTreeMap<String, String>,
    #[serde(default)]
    items: BTreeMap<String, String>,
    #[serde(default)]
    insufficient_evidence: Option<Vec<String>>,
    #[serde(default)]
    gates: BTreeMap<String, String>,
    #[serde(default)]
    other_gates: Option<String>,
    #[serde(default)]
    payment: Option<Value>,
    #[serde(default)]
    renewal: Option<String>,
    #[serde(default)]
    renewal_reasons: Option<Vec<String>>,
    #[serde(default)]
    actions: Option<Vec<String>>,
    #[serde(default)]
    warnings: Option<Vec<String>>,
    /// Project years: the decision on each evaluation, in order.
    #[serde(default)]
    evaluations: Option<Vec<Expect>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ErrorExpect {
    kind: String,
    #[serde(default)]
    codes: Vec<String>,
    #[serde(default)]
    pointers: Vec<String>,
}

// ---------------------------------------------------------------------------------
// Loading.

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance")
}

fn load_cases() -> Vec<(PathBuf, Case)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let case: Case = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: not a conformance case: {e}", p.display()));
            (p, case)
        })
        .collect()
}

fn resolve(case_dir: &Path, doc: &Doc) -> Result<Value, String> {
    let mut v = match (&doc.base, &doc.inline) {
        (Some(base), None) => {
            let path = case_dir.join(base);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("base `{}`: {e}", path.display()))?;
            serde_json::from_str(&text).map_err(|e| format!("base `{}`: {e}", path.display()))?
        }
        (None, Some(inline)) => inline.clone(),
        _ => return Err("a document needs exactly one of `base` and `inline`".into()),
    };
    if let Some(p) = &doc.patch {
        sws_eval::json::pointer::merge_patch(&mut v, p);
    }
    for (ptr, value) in &doc.set {
        sws_eval::json::pointer::set(&mut v, ptr, value.clone()).map_err(|e| e.to_string())?;
    }
    Ok(v)
}

// ---------------------------------------------------------------------------------
// Running a case.

enum Outcome {
    One(Box<Decision>),
    Year(Box<YearDecision>),
    Error {
        kind: String,
        codes: Vec<String>,
        pointers: Vec<String>,
    },
}

fn err(kind: &str) -> Outcome {
    Outcome::Error {
        kind: kind.into(),
        codes: Vec::new(),
        pointers: Vec::new(),
    }
}

fn decision_error(e: DecisionError) -> Outcome {
    match e {
        DecisionError::Evidence(issues) => Outcome::Error {
            kind: "evidence".into(),
            codes: issues.iter().map(|i| i.code.to_owned()).collect(),
            pointers: issues.iter().map(|i| i.pointer.clone()).collect(),
        },
        DecisionError::Policy(_) => err("policy"),
        DecisionError::Year(_) => err("year"),
    }
}

/// Runs a case; `Err` is a defect of the case itself (a base that does not exist).
fn run(case_dir: &Path, case: &Case) -> Result<Outcome, String> {
    let i = &case.input;
    let mut eval = Evaluator::dongying();
    if let Some(doc) = &i.standard {
        let text = resolve(case_dir, doc)?.to_string();
        match sws_eval::json::load_standard_json(&text) {
            Ok(s) => eval.standard = s,
            Err(errors) => {
                return Ok(Outcome::Error {
                    kind: "invalid_standard".into(),
                    codes: errors.iter().map(|e| e.code.as_str().to_owned()).collect(),
                    pointers: errors.iter().map(|e| e.pointer.clone()).collect(),
                });
            }
        }
    }
    if let Some(doc) = &i.policy {
        match PolicySet::from_json(&resolve(case_dir, doc)?.to_string()) {
            Ok(p) => eval.policies = p,
            Err(_) => return Ok(err("invalid_policy")),
        }
    }
    if let Some(doc) = &i.calendar {
        match WorkCalendar::from_json(&resolve(case_dir, doc)?.to_string()) {
            Ok(c) => eval.calendar = c,
            Err(_) => return Ok(err("invalid_calendar")),
        }
    }
    eval.policy_version.clone_from(&i.policy_version);
    let parse = |doc: &Doc| -> Result<Option<Evidence>, String> {
        Ok(serde_json::from_value(resolve(case_dir, doc)?).ok())
    };
    match (&i.evidence, &i.project_year) {
        (Some(doc), None) => {
            let Some(ev) = parse(doc)? else {
                return Ok(err("invalid_evidence"));
            };
            if ev.evaluation.date.to_string() != case.evaluation_date {
                return Err(format!(
                    "evaluation_date {} is not the evidence's evaluation date {}",
                    case.evaluation_date, ev.evaluation.date
                ));
            }
            Ok(match eval.evaluate(&ev) {
                Ok(d) => Outcome::One(Box::new(d)),
                Err(e) => decision_error(e),
            })
        }
        (None, Some(docs)) => {
            let mut evaluations = Vec::new();
            for doc in docs {
                let Some(ev) = parse(doc)? else {
                    return Ok(err("invalid_evidence"));
                };
                evaluations.push(ev);
            }
            let last = evaluations.last().map(|e| e.evaluation.date.to_string());
            if last.as_deref() != Some(case.evaluation_date.as_str()) {
                return Err(format!(
                    "evaluation_date {} is not the last evaluation's date {last:?}",
                    case.evaluation_date
                ));
            }
            Ok(match eval.evaluate_year(&ProjectYear { evaluations }) {
                Ok(d) => Outcome::Year(Box::new(d)),
                Err(e) => decision_error(e),
            })
        }
        _ => Err("input needs exactly one of `evidence` and `project_year`".into()),
    }
}

fn name_of<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn dec(s: &str) -> Option<Decimal> {
    s.parse().ok()
}

/// Collects mismatches between an expectation and what the engine decided.
struct Check<'a> {
    out: &'a mut Vec<String>,
    at: String,
}

impl Check<'_> {
    fn eq(&mut self, what: &str, want: &str, got: &str) {
        if want != got {
            self.out
                .push(format!("{}{what}: expected {want}, got {got}", self.at));
        }
    }

    fn dec_eq(&mut self, what: &str, want: &str, got: Option<Decimal>) {
        match (dec(want), got) {
            (Some(w), Some(g)) if w == g => {}
            (_, g) => self.out.push(format!(
                "{}{what}: expected {want}, got {}",
                self.at,
                g.map_or("nothing".to_owned(), |g| g.to_string())
            )),
        }
    }

    fn set_eq(&mut self, what: &str, want: &[String], got: Vec<String>) {
        let mut w = want.to_vec();
        let mut g = got;
        w.sort();
        g.sort();
        if w != g {
            self.out
                .push(format!("{}{what}: expected {w:?}, got {g:?}", self.at));
        }
    }

    fn opt(&mut self, what: &str, want: &Option<Value>, got: Option<String>) {
        if let Some(w) = want {
            let w = w.as_str().map(str::to_owned);
            if w != got {
                self.out
                    .push(format!("{}{what}: expected {w:?}, got {got:?}", self.at));
            }
        }
    }

    fn scorecard(&mut self, want: &Expect, card: &Scorecard, check_total: bool) {
        if check_total && let Some(t) = &want.total {
            self.dec_eq("total", t.as_str().unwrap_or("?"), Some(card.total));
        }
        for (id, points) in &want.nodes {
            let got = card.nodes.iter().find(|n| &n.id == id).map(|n| n.points);
            self.dec_eq(&format!("node {id}"), points, got);
        }
        for (key, want_item) in &want.items {
            let Some((leaf, item)) = key.split_once('/') else {
                self.out
                    .push(format!("{}item key `{key}` is not LEAF/ITEM", self.at));
                continue;
            };
            let read = card
                .nodes
                .iter()
                .find(|n| n.id == leaf)
                .and_then(|n| n.inputs.iter().find(|r| r.item == item));
            match read {
                None => self
                    .out
                    .push(format!("{}item {key}: not reported", self.at)),
                Some(r) if want_item == "missing" => {
                    self.eq(&format!("item {key}"), "missing", &r.actual);
                }
                Some(r) => {
                    if r.actual == "missing" {
                        self.out.push(format!(
                            "{}item {key}: expected {want_item}, got missing",
                            self.at
                        ));
                    } else {
                        self.dec_eq(&format!("item {key}"), want_item, Some(r.points));
                    }
                }
            }
        }
        if let Some(ins) = &want.insufficient_evidence {
            self.set_eq(
                "insufficient_evidence",
                ins,
                card.insufficient_evidence
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            );
            for id in ins {
                let leaf = card.nodes.iter().find(|n| &n.id == id);
                if leaf.is_some_and(|n| n.outcome != NodeOutcome::InsufficientEvidence) {
                    self.out
                        .push(format!("{}node {id}: not insufficient_evidence", self.at));
                }
            }
        }
    }

    fn gates(&mut self, want: &Expect, gates: &[(String, String)]) {
        for (id, outcome) in &want.gates {
            match gates.iter().find(|(g, _)| g == id) {
                None => self.out.push(format!("{}gate {id}: not reported", self.at)),
                Some((_, got)) => self.eq(&format!("gate {id}"), outcome, got),
            }
        }
        if let Some(other) = &want.other_gates {
            for (id, got) in gates {
                if !want.gates.contains_key(id) {
                    self.eq(&format!("gate {id}"), other, got);
                }
            }
        }
    }

    fn decision(&mut self, want: &Expect, d: &Decision) {
        self.opt("verdict", &want.verdict, Some(name_of(&d.verdict)));
        self.opt("grade", &want.grade, Some(name_of(&d.grade)));
        self.scorecard(want, &d.scorecard, true);
        let gates: Vec<(String, String)> = d
            .gates
            .iter()
            .map(|g| (g.id.as_str().to_owned(), name_of(&g.outcome)))
            .collect();
        self.gates(want, &gates);
        self.payment(want, Some(&d.payment));
        self.renewal(want, &d.renewal);
        self.actions(want, &d.actions);
        self.warnings(want, &d.warnings);
    }

    fn payment(&mut self, want: &Expect, got: Option<&sws_eval::decision::Payment>) {
        let Some(w) = &want.payment else { return };
        match (w, got) {
            (Value::Null, None) => {}
            (Value::Null, Some(_)) => self.out.push(format!("{}payment: expected none", self.at)),
            (Value::Object(_), None) => self.out.push(format!("{}payment: none decided", self.at)),
            (Value::Object(m), Some(p)) => {
                for (k, v) in m {
                    let v = v.as_str().unwrap_or("?");
                    match k.as_str() {
                        "remaining" => self.dec_eq("payment.remaining", v, Some(p.remaining)),
                        "release" => self.dec_eq("payment.release", v, Some(p.release)),
                        "withheld" => self.dec_eq("payment.withheld", v, Some(p.withheld)),
                        "status" => self.eq("payment.status", v, &name_of(&p.status)),
                        other => self
                            .out
                            .push(format!("{}payment: unknown field {other}", self.at)),
                    }
                }
            }
            _ => self.out.push(format!(
                "{}payment: expectation must be an object or null",
                self.at
            )),
        }
    }

    fn renewal(&mut self, want: &Expect, r: &sws_eval::decision::Renewal) {
        if let Some(s) = &want.renewal {
            self.eq("renewal", s, &name_of(&r.status));
        }
        if let Some(codes) = &want.renewal_reasons {
            self.set_eq(
                "renewal_reasons",
                codes,
                r.reasons
                    .iter()
                    .map(|x| x.code.as_str().to_owned())
                    .collect(),
            );
        }
    }

    fn actions(&mut self, want: &Expect, actions: &[sws_eval::decision::Action]) {
        if let Some(a) = &want.actions {
            self.set_eq("actions", a, actions.iter().map(action_key).collect());
        }
    }

    fn warnings(&mut self, want: &Expect, warnings: &[sws_eval::decision::Warning]) {
        if let Some(w) = &want.warnings {
            let mut got: Vec<String> = warnings
                .iter()
                .map(|x| x.code.as_str().to_owned())
                .collect();
            got.dedup();
            self.set_eq("warnings", w, got);
        }
    }
}

fn action_key(a: &sws_eval::decision::Action) -> String {
    match a.gate {
        Some(g) => format!("{}:{}", name_of(&a.kind), g.as_str()),
        None => name_of(&a.kind),
    }
}

fn check_case(case_dir: &Path, case: &Case) -> Vec<String> {
    let mut out = Vec::new();
    if case.articles.is_empty() {
        out.push("the case names no article".into());
    }
    if case.name.trim().is_empty() {
        out.push("the case has no name".into());
    }
    let outcome = match run(case_dir, case) {
        Ok(o) => o,
        Err(e) => {
            out.push(format!("case defect: {e}"));
            return out;
        }
    };
    let want = &case.expect;
    let mut c = Check {
        out: &mut out,
        at: String::new(),
    };
    match (&want.error, outcome) {
        (
            Some(w),
            Outcome::Error {
                kind,
                codes,
                pointers,
            },
        ) => {
            c.eq("error kind", &w.kind, &kind);
            for code in &w.codes {
                if !codes.contains(code) {
                    c.out
                        .push(format!("error: expected code {code}, got {codes:?}"));
                }
            }
            for p in &w.pointers {
                if !pointers.contains(p) {
                    c.out
                        .push(format!("error: expected pointer {p}, got {pointers:?}"));
                }
            }
        }
        (Some(w), _) => c
            .out
            .push(format!("expected a `{}` error, got a decision", w.kind)),
        (None, Outcome::Error { kind, codes, .. }) => {
            c.out.push(format!(
                "expected a decision, got a `{kind}` error {codes:?}"
            ));
        }
        (None, Outcome::One(d)) => c.decision(want, &d),
        (None, Outcome::Year(y)) => {
            c.opt("verdict", &want.verdict, y.verdict.map(|v| name_of(&v)));
            c.opt("grade", &want.grade, y.grade.map(|g| name_of(&g)));
            let final_d = y
                .evaluations
                .iter()
                .find(|d| d.receipt.evaluation_kind == sws_eval::evidence::EvaluationKind::Final);
            if let Some(t) = &want.total {
                let got = y.weighted_total.or(final_d.map(|d| d.scorecard.total));
                match t {
                    Value::Null if got.is_none() => {}
                    Value::String(s) => c.dec_eq("total", s, got),
                    _ => c.out.push(format!("total: expected {t}, got {got:?}")),
                }
            }
            if let Some(fd) = final_d {
                c.scorecard(want, &fd.scorecard, false);
            }
            let mut gates: Vec<(String, String)> = final_d
                .map(|d| {
                    d.gates
                        .iter()
                        .filter(|g| g.id != GateId::Art28TwoEvaluationsAYear)
                        .map(|g| (g.id.as_str().to_owned(), name_of(&g.outcome)))
                        .collect()
                })
                .unwrap_or_default();
            gates.push((
                y.evaluation_count_gate.id.as_str().to_owned(),
                name_of(&y.evaluation_count_gate.outcome),
            ));
            c.gates(want, &gates);
            c.payment(want, y.payment.as_ref());
            c.renewal(want, &y.renewal);
            c.actions(want, &y.actions);
            c.warnings(want, &y.warnings);
            if let Some(each) = &want.evaluations {
                if each.len() != y.evaluations.len() {
                    c.out.push(format!(
                        "evaluations: expected {}, got {}",
                        each.len(),
                        y.evaluations.len()
                    ));
                }
                for (i, (w, d)) in each.iter().zip(&y.evaluations).enumerate() {
                    let mut sub = Check {
                        out: c.out,
                        at: format!("evaluations[{i}].",),
                    };
                    sub.decision(w, d);
                }
            }
        }
    }
    out
}

#[test]
fn conformance_cases() {
    let cases = load_cases();
    assert!(
        cases.len() >= 60,
        "the suite must have at least 60 cases, it has {}",
        cases.len()
    );
    let mut names = BTreeSet::new();
    let mut failures = Vec::new();
    for (path, case) in &cases {
        let file = path.file_stem().unwrap().to_string_lossy().into_owned();
        if file != case.name {
            failures.push(format!(
                "{file}: the case is named `{}`; name the file after it",
                case.name
            ));
        }
        if !names.insert(case.name.clone()) {
            failures.push(format!("{}: name used twice", case.name));
        }
        let _ = &case.description;
        let problems = check_case(&dir(), case);
        if !problems.is_empty() {
            failures.push(format!("{}:\n    {}", case.name, problems.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} conformance cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------------
// The coverage invariant.

/// Every outcome a gate can produce (docs/default-standard.md §4 and the engine's rules). A new
/// gate (the enum is `#[non_exhaustive]`) fails here until it is listed, and then needs
/// cases.
fn gate_outcomes(g: GateId) -> &'static [GateOutcome] {
    use GateId as G;
    use GateOutcome::{InsufficientEvidence as I, Met as M, NotApplicable as NA, NotMet as N};
    match g {
        G::Art8ContractorEligible => &[M, N, I],
        G::Art9ProjectStructure => &[M, N, I],
        // No resident worker on the roster: nothing to divide the area among.
        G::Art10OfficeArea => &[M, N, NA, I],
        G::Art10FunctionalAreas => &[M, N, I],
        G::Art11WrittenRules => &[M, N, I],
        G::Art12MinStaff => &[M, N, I],
        G::Art12StaffSplit => &[M, N, I],
        G::Art12EntryAge => &[M, N, I],
        G::Art12Education => &[M, N, I],
        G::Art12SupervisorQualified => &[M, N, I],
        // Not applicable until 3 years after the project's start.
        G::Art12AllQualifiedAfter3y => &[M, N, NA, I],
        G::Art13RecordsRetained => &[M, N, I],
        G::Art13AccountingArchives => &[M, N, I],
        // Not applicable while the contractor stays or before the handover is due;
        // insufficient when the deadline runs past the work calendar.
        G::Art13Handover => &[M, N, NA, I],
        G::Art14Signage => &[M, N, I],
        G::Art18SeparateLedgers => &[M, N, I],
        G::Art18NoMisuse => &[M, N, I],
        G::Art25SignedWithin10Days => &[M, N, I],
        // Only contract dates, which every evidence has.
        G::Art25TermAtMost3Years => &[M, N],
        G::Art25RequiredClauses => &[M, N, I],
        G::Art25InspectionPassed => &[M, N, I],
        G::Art26ReportsFiled => &[M, N, I],
        // Not applicable while no listed report has been filed.
        G::Art26ReportsOnTime => &[M, N, NA, I],
        G::Art26InfoSystem => &[M, N, I],
        // Not applicable on one evaluation; met or not on a project year.
        G::Art28TwoEvaluationsAYear => &[M, N, NA],
        G::Art28NoSeriousDeviation => &[M, N, I],
        // Not applicable at a mid-term evaluation (an annual amount).
        G::Art31Training48h => &[M, N, NA, I],
        G::Art32Supervision48h => &[M, N, NA, I],
        G::SeriousFalsifiedRecords => &[M, N, I],
        G::SeriousSafetyIncident => &[M, N, I],
        G::SeriousEthicsBreach => &[M, N, I],
        other => panic!("gate {other} is not listed in gate_outcomes: list its outcomes"),
    }
}

/// Enumerates an enum through a `match`: a new variant must be chained in here
/// (`ActionKind` is `#[non_exhaustive]`; `every_action_kind_is_chained` counts them
/// against the schema).
fn next_action(k: Option<ActionKind>) -> Option<ActionKind> {
    use ActionKind as A;
    match k {
        None => Some(A::WithholdRemainingPayment),
        Some(A::WithholdRemainingPayment) => Some(A::NoRenewal),
        Some(A::NoRenewal) => Some(A::ReProcure),
        Some(A::ReProcure) => Some(A::SuspendOrStop),
        Some(A::SuspendOrStop) => Some(A::Rectify),
        Some(A::Rectify) => Some(A::ChangeOrTerminateContract),
        Some(A::ChangeOrTerminateContract) => None,
        Some(other) => panic!("action kind {other:?} is not chained in next_action"),
    }
}

#[test]
fn every_action_kind_is_chained() {
    let schema = sws_eval::schema::schema("decision").unwrap();
    let listed = schema["$defs"]["ActionKind"]["oneOf"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(
        all(next_action).len(),
        listed,
        "chain every ActionKind in next_action"
    );
}

fn next_renewal(k: Option<RenewalStatus>) -> Option<RenewalStatus> {
    use RenewalStatus as R;
    match k {
        None => Some(R::Eligible),
        Some(R::Eligible) => Some(R::Ineligible),
        Some(R::Ineligible) => Some(R::Undetermined),
        Some(R::Undetermined) => None,
    }
}

fn next_payment(k: Option<PaymentStatus>) -> Option<PaymentStatus> {
    use PaymentStatus as P;
    match k {
        None => Some(P::ReleasedInFull),
        Some(P::ReleasedInFull) => Some(P::Withheld),
        Some(P::Withheld) => Some(P::MidTermTrancheReleased),
        Some(P::MidTermTrancheReleased) => Some(P::DeferredToFinal),
        Some(P::DeferredToFinal) => None,
    }
}

fn next_verdict(k: Option<Verdict>) -> Option<Verdict> {
    match k {
        None => Some(Verdict::Pass),
        Some(Verdict::Pass) => Some(Verdict::Fail),
        Some(Verdict::Fail) => None,
    }
}

fn next_grade(k: Option<Grade>) -> Option<Grade> {
    use Grade as G;
    match k {
        None => Some(G::Unqualified),
        Some(G::Unqualified) => Some(G::Qualified),
        Some(G::Qualified) => Some(G::Good),
        Some(G::Good) => Some(G::Excellent),
        Some(G::Excellent) => None,
    }
}

fn all<T: Copy>(next: fn(Option<T>) -> Option<T>) -> Vec<T> {
    let mut out = Vec::new();
    let mut cur = next(None);
    while let Some(k) = cur {
        out.push(k);
        cur = next(Some(k));
    }
    out
}

/// The outcome slots of one leaf of a standard: what a case must show it doing.
fn leaf_slots(id: &str, max: Decimal, rule: &Rule) -> Vec<String> {
    let mut s = Vec::new();
    let ins = format!("{id}: insufficient_evidence");
    match rule {
        Rule::Check { .. } => {
            s.push(format!("{id}: met"));
            s.push(format!("{id}: not_met"));
            s.push(ins);
        }
        Rule::Checklist { items } => {
            for it in items {
                s.push(format!("{id}/{}: met", it.id));
                s.push(format!("{id}/{}: not_met", it.id));
            }
            s.push(ins);
        }
        Rule::RatioSteps { steps, .. } => {
            for st in steps {
                s.push(format!("{id}: step ≥ {} reached", st.at_least));
            }
            s.push(format!("{id}: no step reached"));
            s.push(ins);
        }
        Rule::RateSteps {
            steps, min_sample, ..
        } => {
            for st in steps {
                s.push(format!("{id}: step ≥ {} reached", st.at_least));
            }
            s.push(format!("{id}: no step reached"));
            if min_sample.is_some_and(|m| m > 0) {
                s.push(format!("{id}: below the minimum sample"));
            }
            s.push(ins);
        }
        Rule::Levels { levels, .. } => {
            for l in levels {
                s.push(format!("{id}: level {}", l.level));
            }
            s.push(ins);
        }
        Rule::Deduct { deficiencies } => {
            let _ = max;
            s.push(format!("{id}: nothing deducted"));
            s.push(format!("{id}: deducted above the floor"));
            s.push(format!("{id}: deductions reach the floor of 0"));
            for d in deficiencies {
                s.push(format!("{id}/{}: counted", d.id));
            }
            s.push(ins);
        }
        Rule::Mark { .. } => {
            s.push(format!("{id}: full mark"));
            s.push(format!("{id}: partial mark"));
            s.push(ins);
        }
    }
    s
}

/// The slots a case covers for one leaf, from what the case asserts.
fn leaf_covered(
    id: &str,
    max: Decimal,
    rule: &Rule,
    want: &Expect,
    evidence: Option<&Value>,
    out: &mut BTreeSet<String>,
) {
    let Some(points) = want.nodes.get(id).and_then(|p| dec(p)) else {
        // Checklist items may be asserted without the leaf.
        if let Rule::Checklist { items } = rule {
            item_slots(id, items, want, out);
        }
        return;
    };
    // Whether the leaf was scored is known only when the case lists its
    // insufficient leaves.
    let ins = want
        .insufficient_evidence
        .as_ref()
        .map(|l| l.iter().any(|x| x == id));
    if ins == Some(true) {
        if points.is_zero() {
            out.insert(format!("{id}: insufficient_evidence"));
        }
        if let (
            Rule::RateSteps {
                fact,
                min_sample: Some(m),
                ..
            },
            Some(ev),
        ) = (rule, evidence)
        {
            let section = fact.strip_prefix("surveys.").unwrap_or(fact);
            let respondents = ev
                .pointer(&format!("/surveys/{section}/respondents"))
                .and_then(Value::as_u64);
            if respondents.is_some_and(|r| r < u64::from(*m)) {
                out.insert(format!("{id}: below the minimum sample"));
            }
        }
        return;
    }
    let scored = ins == Some(false);
    match rule {
        Rule::Check { .. } => {
            if points == max && scored {
                out.insert(format!("{id}: met"));
            }
            if points.is_zero() && scored {
                out.insert(format!("{id}: not_met"));
            }
        }
        Rule::Checklist { items } => item_slots(id, items, want, out),
        Rule::RatioSteps { steps, .. } | Rule::RateSteps { steps, .. } => {
            match steps.iter().find(|st| st.points.get() == points) {
                Some(st) if !points.is_zero() || scored => {
                    out.insert(format!("{id}: step ≥ {} reached", st.at_least));
                }
                Some(_) => {}
                None if points.is_zero() && scored => {
                    out.insert(format!("{id}: no step reached"));
                }
                None => {}
            }
        }
        Rule::Levels { levels, .. } => {
            if let Some(l) = levels.iter().find(|l| l.points.get() == points)
                && (!points.is_zero() || scored)
            {
                out.insert(format!("{id}: level {}", l.level));
            }
        }
        Rule::Deduct { deficiencies } => {
            let mut lost = Decimal::ZERO;
            for d in deficiencies {
                if let Some(v) = want
                    .items
                    .get(&format!("{id}/{}", d.id))
                    .and_then(|v| dec(v))
                {
                    lost -= v;
                    if v < Decimal::ZERO {
                        out.insert(format!("{id}/{}: counted", d.id));
                    }
                }
            }
            if points == max && scored {
                out.insert(format!("{id}: nothing deducted"));
            } else if points > Decimal::ZERO && points < max && scored {
                out.insert(format!("{id}: deducted above the floor"));
            } else if points.is_zero() && scored && lost > max {
                out.insert(format!("{id}: deductions reach the floor of 0"));
            }
        }
        Rule::Mark { .. } => {
            if points == max && scored {
                out.insert(format!("{id}: full mark"));
            } else if points < max && scored {
                out.insert(format!("{id}: partial mark"));
            }
        }
    }
}

fn item_slots(
    id: &str,
    items: &[sws_eval::standard::ChecklistItem],
    want: &Expect,
    out: &mut BTreeSet<String>,
) {
    for it in items {
        match want
            .items
            .get(&format!("{id}/{}", it.id))
            .map(|v| (v.as_str(), dec(v)))
        {
            Some((_, Some(p))) if p == it.points.get() => {
                out.insert(format!("{id}/{}: met", it.id));
            }
            Some((_, Some(p))) if p.is_zero() => {
                out.insert(format!("{id}/{}: not_met", it.id));
            }
            _ => {}
        }
    }
}

fn leaves(n: &sws_eval::standard::Node, out: &mut Vec<(String, Decimal, Rule)>) {
    if let Some(r) = &n.rule {
        out.push((n.id.clone(), n.max.get(), r.clone()));
    }
    for c in &n.children {
        leaves(c, out);
    }
}

/// Every kind of declared indicator, by a `match` without wildcard.
fn next_indicator_kind(k: Option<IndicatorKind>) -> Option<IndicatorKind> {
    use IndicatorKind as K;
    match k {
        None => Some(K::Flag),
        Some(K::Flag) => Some(K::Count),
        Some(K::Count) => Some(K::Amount),
        Some(K::Amount) => Some(K::Hours),
        Some(K::Hours) => Some(K::Pair),
        Some(K::Pair) => Some(K::Level),
        Some(K::Level) => Some(K::Mark),
        Some(K::Mark) => None,
    }
}

/// The error codes of the standard language: each needs a case that raises it.
const LANGUAGE_ERRORS: &[&str] = &[
    "unknown_indicator",
    "indicator_kind",
    "mark_out_of_range",
    "mark_off_step",
    "unknown_level",
    "bad_indicator",
    "undeclared_indicator",
    "not_applicable_refused",
    "unknown_node",
    "all_not_applicable",
    "children_sum",
    "grade_bands",
    "panel_not_declared",
    "panel_required",
    "panel_empty",
    "panel_too_small",
    "unknown_source",
];

/// What the decisions of cases with their own standard must show, each at its boundary.
const LANGUAGE_OUTCOMES: &[&str] = &[
    "open band that passes",
    "open band that does not pass",
    "bonus dimension",
    "group cap reached",
    "group cap exceeded",
    "total cap reached",
    "total cap exceeded",
    "weighted group",
    "not applicable rescaled, one leaf",
    "not applicable rescaled, all but one leaf",
    "not applicable scored zero",
    "deduction after the tree",
    "deduction cap reached",
    "deduction cap exceeded",
    "deductions reach the floor of 0",
    "veto fail with a perfect score",
    "veto zero_total",
    "veto band",
    "warning standard_not_in_effect",
    "warning standard_provenance",
    "warning panel_spread",
    "panel mean",
    "panel median of an odd count",
    "panel median of an even count",
    "panel trimmed mean with 3 marks",
    "panel trimmed mean with more than 3 marks",
    "panel minimum",
    "panel prefer first source",
    "panel prefer fallback source",
    "panel spread at its limit",
    "panel spread above its limit",
];

/// The language outcomes one decision shows (see [`LANGUAGE_OUTCOMES`]).
fn language_outcomes(std: &Standard, d: &Decision, have: &mut BTreeSet<String>) {
    use sws_eval::score::{TotalStepKind, VetoOutcome};
    use sws_eval::standard::VetoEffect;
    let mut add = |s: &str| {
        have.insert(format!("feature outcome {s}"));
    };
    let card = &d.scorecard;
    if let Some(b) = std
        .grades
        .iter()
        .find(|b| b.id.as_deref() == Some(d.grade.as_str()))
    {
        add(if b.passes == Some(true) {
            "open band that passes"
        } else {
            "open band that does not pass"
        });
    }
    for n in &card.nodes {
        if n.weight.is_some() && n.points > Decimal::ZERO {
            add("weighted group");
        }
        if let Some(cap) = n.cap {
            match n.raw {
                Some(raw) if raw > cap => add("group cap exceeded"),
                None if n.points == cap => add("group cap reached"),
                _ => {}
            }
        }
    }
    let bonus = std.dimensions.iter().any(|d| d.bonus);
    for st in &card.total_steps {
        match st.step {
            TotalStepKind::Bonus if st.after > st.before => add("bonus dimension"),
            TotalStepKind::TotalCap => add("total cap exceeded"),
            TotalStepKind::Deduction => {
                add("deduction after the tree");
                if st.after.is_zero() {
                    add("deductions reach the floor of 0");
                }
                if st.note.contains("capped") {
                    add("deduction cap exceeded");
                }
            }
            _ => {}
        }
    }
    if bonus
        && std.total_cap.is_some_and(|c| c.get() == card.total)
        && !card
            .total_steps
            .iter()
            .any(|s| s.step == TotalStepKind::TotalCap)
    {
        add("total cap reached");
    }
    for (ded, st) in std.deductions.iter().filter_map(|x| {
        card.total_steps
            .iter()
            .find(|s| s.id.as_deref() == Some(x.id.as_str()))
            .map(|s| (x, s))
    }) {
        if ded.cap.is_some_and(|c| st.before - st.after == c.get()) && !st.note.contains("capped") {
            add("deduction cap reached");
        }
    }
    let leaves: Vec<_> = card.nodes.iter().filter(|n| n.rule.is_some()).collect();
    let na = leaves
        .iter()
        .filter(|n| n.outcome == NodeOutcome::NotApplicable)
        .count();
    if na > 0 {
        match std.not_applicable {
            Some(sws_eval::standard::NotApplicableMode::Rescale) if na == 1 => {
                add("not applicable rescaled, one leaf");
            }
            Some(sws_eval::standard::NotApplicableMode::Rescale) if na + 1 == leaves.len() => {
                add("not applicable rescaled, all but one leaf");
            }
            Some(sws_eval::standard::NotApplicableMode::Zero) => add("not applicable scored zero"),
            _ => {}
        }
    }
    for v in card
        .vetoes
        .iter()
        .filter(|v| v.outcome == VetoOutcome::Triggered)
    {
        match &v.effect {
            VetoEffect::Fail if card.total == card.max => add("veto fail with a perfect score"),
            VetoEffect::ZeroTotal => add("veto zero_total"),
            VetoEffect::Band(_) => add("veto band"),
            VetoEffect::Fail => {}
        }
    }
    for w in &d.warnings {
        add(&format!("warning {}", w.code));
    }
    for p in &card.panels {
        let n = p.marks.len();
        match p.combine.as_str() {
            "mean" => add("panel mean"),
            "median" if n % 2 == 1 => add("panel median of an odd count"),
            "median" => add("panel median of an even count"),
            "trimmed_mean" if n == 3 => add("panel trimmed mean with 3 marks"),
            "trimmed_mean" => add("panel trimmed mean with more than 3 marks"),
            "minimum" => add("panel minimum"),
            "prefer" => {
                let first = std
                    .indicators
                    .iter()
                    .find(|i| i.id == p.indicator)
                    .and_then(|i| i.panel.as_ref())
                    .and_then(|pl| match &pl.combine {
                        sws_eval::standard::Combine::Prefer(order) => order.first().cloned(),
                        _ => None,
                    });
                let used = p.marks.iter().find(|m| m.used).map(|m| m.by.clone());
                add(if used == first {
                    "panel prefer first source"
                } else {
                    "panel prefer fallback source"
                });
            }
            _ => {}
        }
        match (p.spread, p.spread_limit) {
            (Some(s), Some(l)) if s == l => add("panel spread at its limit"),
            (Some(s), Some(l)) if s > l => add("panel spread above its limit"),
            _ => {}
        }
    }
}

/// Features of the standard language (rules only a declared standard uses, every kind
/// of indicator, the language's error codes): each needs a case through a standard
/// given in the case.
fn feature_coverage(
    cases: &[(PathBuf, Case)],
    need: &mut BTreeSet<String>,
    have: &mut BTreeSet<String>,
) {
    for k in all(next_indicator_kind) {
        need.insert(format!("feature indicator {}", k.name()));
    }
    for slot in ["full mark", "partial mark", "insufficient_evidence"] {
        need.insert(format!("feature rule mark: {slot}"));
    }
    for code in LANGUAGE_ERRORS {
        need.insert(format!("feature error {code}"));
    }
    for o in LANGUAGE_OUTCOMES {
        need.insert(format!("feature outcome {o}"));
    }
    for (_, case) in cases {
        let w = &case.expect;
        if let Some(e) = &w.error {
            for code in &e.codes {
                have.insert(format!("feature error {code}"));
            }
            continue;
        }
        let Some(doc) = &case.input.standard else {
            continue;
        };
        let Ok(std) = serde_json::from_value::<Standard>(resolve(&dir(), doc).unwrap()) else {
            continue;
        };
        if let Ok(Outcome::One(d)) = run(&dir(), case) {
            language_outcomes(&std, &d, have);
        }
        let mut ls = Vec::new();
        for d in &std.dimensions {
            leaves(d, &mut ls);
        }
        let evidence = case
            .input
            .evidence
            .as_ref()
            .and_then(|d| resolve(&dir(), d).ok());
        // An indicator kind is covered when a leaf reading it is scored from evidence.
        for (id, _, rule) in &ls {
            let scored = w
                .insufficient_evidence
                .as_ref()
                .is_some_and(|l| !l.contains(id))
                && w.nodes.contains_key(id);
            if !scored {
                continue;
            }
            let text = serde_json::to_string(rule).unwrap();
            for ind in &std.indicators {
                if text.contains(&format!("\"{}\"", ind.id)) {
                    have.insert(format!("feature indicator {}", ind.kind.name()));
                }
            }
        }
        let mut covered = BTreeSet::new();
        for (id, max, rule) in &ls {
            if matches!(rule, Rule::Mark { .. }) {
                leaf_covered(id, *max, rule, w, evidence.as_ref(), &mut covered);
                for s in &covered {
                    if let Some(rest) = s.strip_prefix(&format!("{id}: ")) {
                        have.insert(format!("feature rule mark: {rest}"));
                    }
                }
                covered.clear();
            }
        }
    }
}

#[test]
fn every_outcome_has_a_case() {
    let cases = load_cases();
    let mut need: BTreeSet<String> = BTreeSet::new();
    let mut have: BTreeSet<String> = BTreeSet::new();

    for g in GateId::ALL {
        for o in gate_outcomes(*g) {
            need.insert(format!("gate {g}: {}", name_of(o)));
        }
    }
    for k in all(next_action) {
        need.insert(format!("action {}", name_of(&k)));
    }
    for k in all(next_renewal) {
        need.insert(format!("renewal {}", name_of(&k)));
    }
    for k in all(next_payment) {
        need.insert(format!("payment {}", name_of(&k)));
    }
    for k in all(next_verdict) {
        need.insert(format!("verdict {}", name_of(&k)));
    }
    for k in all(next_grade) {
        need.insert(format!("grade {}", name_of(&k)));
    }
    let default = Standard::dongying_2022();
    let mut default_leaves = Vec::new();
    for d in &default.dimensions {
        leaves(d, &mut default_leaves);
    }
    for (id, max, rule) in &default_leaves {
        for s in leaf_slots(id, *max, rule) {
            need.insert(format!("rule {} {s}", rule.name()));
        }
    }

    for (_, case) in &cases {
        let w = &case.expect;
        if w.error.is_some() {
            have.insert("an input error".into());
            continue;
        }
        let mut gates: BTreeMap<String, String> = w.gates.clone();
        if let Some(other) = &w.other_gates {
            for g in GateId::ALL {
                gates
                    .entry(g.as_str().to_owned())
                    .or_insert_with(|| other.clone());
            }
        }
        for (g, o) in &gates {
            have.insert(format!("gate {g}: {o}"));
        }
        let mut expectations = vec![w];
        expectations.extend(w.evaluations.iter().flatten());
        for e in &expectations {
            for a in e.actions.iter().flatten() {
                let kind = a.split(':').next().unwrap_or("");
                have.insert(format!("action {kind}"));
            }
            if let Some(r) = &e.renewal {
                have.insert(format!("renewal {r}"));
            }
            if let Some(s) = e
                .payment
                .as_ref()
                .and_then(|p| p.get("status"))
                .and_then(Value::as_str)
            {
                have.insert(format!("payment {s}"));
            }
            if let Some(v) = e.verdict.as_ref().and_then(Value::as_str) {
                have.insert(format!("verdict {v}"));
            }
            if let Some(g) = e.grade.as_ref().and_then(Value::as_str) {
                have.insert(format!("grade {g}"));
            }
        }
        // Rule steps count only for cases scored by the default standard, and only
        // from a single evaluation (whose evidence is known).
        if case.input.standard.is_none() {
            let evidence = case
                .input
                .evidence
                .as_ref()
                .and_then(|d| resolve(&dir(), d).ok());
            let mut covered = BTreeSet::new();
            for (id, max, rule) in &default_leaves {
                leaf_covered(id, *max, rule, w, evidence.as_ref(), &mut covered);
            }
            for s in covered {
                let rule = default_leaves
                    .iter()
                    .find(|(id, _, _)| {
                        s.starts_with(&format!("{id}:")) || s.starts_with(&format!("{id}/"))
                    })
                    .map(|(_, _, r)| r.name())
                    .unwrap_or("?");
                have.insert(format!("rule {rule} {s}"));
            }
        }
    }
    need.insert("an input error".into());
    feature_coverage(&cases, &mut need, &mut have);
    let missing: Vec<&String> = need.difference(&have).collect();
    assert!(
        missing.is_empty(),
        "{} outcome(s) have no conformance case:\n  {}",
        missing.len(),
        missing
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
}
