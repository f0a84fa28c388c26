//! Generated documents, kept in sync with the code and data they describe:
//!
//! - `docs/default-standard.md`, generated from `data/standards/` (the tree, points, rules
//!   and grade bands), the gate table (`GateId::ALL`, `CountyGateId::ALL`) and the built-in
//!   policy's severities, with the reasoning behind each assumed value (`REASONS`);
//! - `docs/ARTICLES.md`, the measure traced article by article (`sws_eval::articles`, the
//!   Markdown form of `sws-eval articles`).
//!
//! A test fails when a committed file differs from what the code and data say; rewrite
//! them with `SWS_EVAL_WRITE_DOCS=1 cargo test --test docs`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;
use sws_eval::county::CountyGateId;
use sws_eval::gates::GateId;
use sws_eval::policy::PolicySet;
use sws_eval::standard::Standard;

/// Why each assumed value is what it is, by node id. A node of the default standard
/// without a reason here fails the test: a new leaf needs its reasoning written down.
const REASONS: &[(&str, &str)] = &[
    (
        "A",
        "Jinan's standard gives administration about a quarter of the points; the measure's own station requirements (Arts. 10–14, 31, 32) are mostly administrative, so 25.",
    ),
    (
        "A1",
        "Art. 10 names the 6 m² rule and five functional areas; the area rule weighs 1 (it is a number the measure fixes), each room 0.5, equipment 1.",
    ),
    (
        "A2",
        "Art. 14 asks for the plate and brand; signage is visible but minor, so 1 point split evenly.",
    ),
    (
        "A3",
        "Art. 11 lists eight kinds of written rules; 0.5 each makes 4, every rule equal because the measure ranks none.",
    ),
    (
        "A4",
        "Art. 12 is the measure's longest station rule; the headcount (2) matters most because the station cannot serve without it, the other four conditions 1 each.",
    ),
    (
        "A5",
        "Arts. 31 and 32 set 48 hours of training and of supervision; the two are equal in the measure, so 3 and 3.",
    ),
    (
        "A5.1",
        "One point lost per resident worker short of 48 countable hours: a station of three workers all short scores 0.",
    ),
    ("A5.2", "As A5.1, for supervision hours."),
    (
        "A6",
        "Art. 13 (archives, retention) and Art. 26 (the information system); archives carry most of the evidence an evaluator reads, so 2 of 4.",
    ),
    (
        "A6.1",
        "Completeness of archives is a judgement, so levels A–D; D scores 0 because an archive that cannot be read cannot support any service claimed.",
    ),
    (
        "A6.2",
        "Art. 26 requires entry in the national system; all or nothing, 1 point.",
    ),
    (
        "A6.3",
        "Art. 13 requires five years' retention; all or nothing, 1 point.",
    ),
    (
        "B",
        "Jinan gives finance about 15 %; the measure's veto on misuse (Arts. 18, 19) sits in the gates, so the score keeps 15.",
    ),
    (
        "B1",
        "Art. 18 separate ledgers: the most checkable finance rule, 5 points all or nothing.",
    ),
    (
        "B2",
        "Art. 19 spending within purpose is a judgement (levels); outright misuse is a veto gate, so the levels grade the grey zone.",
    ),
    (
        "B3",
        "Art. 21 budget execution: steps at 90 %, 80 % and 60 % follow the usual government-procurement practice of judging execution against plan.",
    ),
    (
        "B4",
        "Art. 27 payments backed by request, agreement and vouchers: all or nothing, 3 points.",
    ),
    (
        "C",
        "Service delivery is the point of the station; Jinan gives it the largest share, 40.",
    ),
    (
        "C1",
        "Needs research (Art. 26) judged by level; 0 for D because a plan without research is not grounded.",
    ),
    ("C2", "The service plan (Art. 26) judged by level, as C1."),
    (
        "C3",
        "Casework against plan (Arts. 9, 26): full points at 100 %, steps at 80 % and 60 %; below 60 % the plan was not carried out.",
    ),
    ("C4", "Group work, as C3."),
    ("C5", "Community activities, as C3."),
    (
        "C6",
        "Visits (Arts. 13, 26) are lighter work than casework, so 3 points with the same steps.",
    ),
    (
        "C7",
        "Volunteers and resource linkage (Art. 36, 五社联动) judged by level; C scores 2 and D 0 to separate token from absent linkage.",
    ),
    (
        "C8",
        "Reports (Art. 26): each missing monthly briefing 0.5, a missing mid-term or annual report 1.5 each, so one missing annual report costs as much as three briefings.",
    ),
    (
        "D",
        "Social evaluation (12) follows Jinan's share; satisfaction is the largest part.",
    ),
    (
        "D1",
        "Client satisfaction (Art. 11's feedback pledge) with at least 30 respondents, the common minimum for a rate to mean anything; steps at 95/90/80/70 %.",
    ),
    (
        "D2",
        "The purchaser's and township's appraisal (Art. 39) judged by level.",
    ),
    (
        "D3",
        "Public awareness has no article; 2 points, with the same 30-respondent minimum as D1.",
    ),
    (
        "E",
        "Publicity and innovation (8) as in Jinan; the measure asks for publicity (Art. 4) and experience summaries (Art. 34).",
    ),
    (
        "E1",
        "Publicity items against plan, steps at 100/80/60 % as the service ratios.",
    ),
    (
        "E2",
        "Experience summaries and innovation (Arts. 26, 34) judged by level.",
    ),
];

fn text(v: &Value) -> String {
    match (v["en"].as_str(), v["zh"].as_str()) {
        (Some(en), Some(zh)) => format!("{en} {zh}"),
        _ => v.as_str().unwrap_or_default().to_owned(),
    }
}

fn steps(v: &Value) -> String {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "≥ {} → {}",
                s["at_least"].as_str().unwrap(),
                s["points"].as_str().unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// One rule in words, from its JSON (any rule kind a standard may hold).
fn rule(r: &Value) -> String {
    let (kind, body) = r.as_object().unwrap().iter().next().unwrap();
    let detail = match kind.as_str() {
        "check" => format!("fact `{}`", body["when"]["fact"].as_str().unwrap_or("?")),
        "checklist" => body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{} {}",
                    i["title"]["en"].as_str().unwrap(),
                    i["points"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        "ratio_steps" | "rate_steps" => {
            let mut s = format!(
                "`{}`: {}",
                body["fact"].as_str().unwrap_or("?"),
                steps(&body["steps"])
            );
            if let Some(n) = body.get("min_sample").and_then(Value::as_u64) {
                let _ = write!(s, "; at least {n} respondents");
            }
            s
        }
        "levels" => body["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                format!(
                    "{} {}",
                    l["level"].as_str().unwrap(),
                    l["points"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join(" / "),
        "deduct" => body["deficiencies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "−{} each: {}",
                    d["points_each"].as_str().unwrap(),
                    d["title"]["en"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => serde_json::to_string(body).unwrap(),
    };
    format!("`{kind}`: {detail}")
}

fn walk(nodes: &Value, depth: usize, out: &mut String, missing: &mut Vec<String>) {
    for n in nodes.as_array().unwrap() {
        let id = n["id"].as_str().unwrap();
        let arts: Vec<&str> = n["articles"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let how = match n.get("rule") {
            Some(r) => rule(r),
            None => "group".to_owned(),
        };
        let bold = if depth == 0 { "**" } else { "" };
        let assumed = n["assumed"].as_bool().unwrap_or(false);
        let why = REASONS.iter().find(|(k, _)| *k == id).map(|(_, w)| *w);
        if assumed && why.is_none() {
            missing.push(id.to_owned());
        }
        let _ = writeln!(
            out,
            "| {bold}{id}{bold} | {bold}{}{bold} | {} | {bold}{}{bold}{} | {how} | {} |",
            text(&n["title"]),
            if arts.is_empty() {
                "—".to_owned()
            } else {
                arts.join(", ")
            },
            n["max"].as_str().unwrap(),
            if assumed { " (assumed)" } else { "" },
            why.unwrap_or(""),
        );
        if let Some(children) = n.get("children") {
            walk(children, depth + 1, out, missing);
        }
    }
}

fn render() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("data/standards/dongying-2022-reconstruction.json"))
            .unwrap(),
    )
    .unwrap();
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# The default standard and the decision rules\n");
    let _ = writeln!(
        w,
        "<!-- Generated by tests/docs.rs from data/standards/, the gate table and the built-in policy. Do not edit: run `SWS_EVAL_WRITE_DOCS=1 cargo test --test docs`. -->\n"
    );
    let _ = writeln!(
        w,
        "What the engine computes out of the box: the standard `{}` version {} ({}), in force {} to {}.\n",
        data["id"].as_str().unwrap(),
        data["version"].as_str().unwrap(),
        data["provenance"]["kind"].as_str().unwrap(),
        data["effective"]["from"].as_str().unwrap(),
        data["effective"]["until"].as_str().unwrap_or("(open)"),
    );
    let _ = writeln!(
        w,
        "{}\n",
        data["provenance"]["note"].as_str().unwrap_or_default()
    );
    let _ = writeln!(
        w,
        "Annex 2 of the measure (the official point table) is not published, so the default standard is a \
**reconstruction**: its dimensions follow the closest published Shandong standard (Jinan's \
街道（镇）社会工作服务站运营评估标准), its leaves come from what the measure itself requires of a station, \
and every value marked *assumed* is our assumption, with the reasoning given beside it. A county that \
has the official table loads it as a file (`--standard`); nothing needs recompiling. Every point value \
has at most two decimals, so sums are exact; nothing is rounded before the total.\n"
    );
    let _ = writeln!(w, "## §1 Scoring rules a leaf can use\n");
    let _ = writeln!(w, "| rule | meaning |\n|---|---|");
    for (r, m) in [
        (
            "check",
            "all or nothing: the leaf's points if the evidence holds, else 0",
        ),
        (
            "checklist",
            "items, each with its own points; the leaf scores the sum of the items met",
        ),
        (
            "ratio_steps",
            "`actual / planned`; the highest step reached gives its points, else 0; `planned = 0` is an input error, not a division",
        ),
        (
            "rate_steps",
            "like `ratio_steps` on a rate in [0, 1], with an optional minimum sample size below which the leaf is `insufficient_evidence`",
        ),
        (
            "levels",
            "the evaluator picks one named level; each level has fixed points",
        ),
        (
            "deduct",
            "starts at the leaf's points and loses a fixed amount per counted deficiency, never below 0",
        ),
    ] {
        let _ = writeln!(w, "| `{r}` | {m} |");
    }
    let _ = writeln!(
        w,
        "\nA leaf whose evidence is missing scores 0 and is reported as `insufficient_evidence`, never silently as \"not met\". \
The format of a standard, including the rules a county may add, is in `docs/STANDARD-FORMAT.md`.\n"
    );
    let _ = writeln!(
        w,
        "## §2 The tree ({} points)\n",
        data["max_points"].as_str().unwrap()
    );
    let _ = writeln!(
        w,
        "| id | indicator | art. | points | rule | why this value |\n|---|---|---|---|---|---|"
    );
    let mut missing = Vec::new();
    walk(&data["dimensions"], 0, w, &mut missing);
    assert!(
        missing.is_empty(),
        "assumed nodes without a reason in tests/docs.rs REASONS: {missing:?}"
    );
    let _ = writeln!(w, "\n## §3 Grades and verdict\n");
    let _ = writeln!(
        w,
        "| grade | total (rounded to 0.01, half away from zero) |\n|---|---|"
    );
    for g in data["grades"].as_array().unwrap().iter().rev() {
        let from = g["from"].as_str().unwrap();
        let range = match g.get("below").and_then(Value::as_str) {
            Some(b) => format!("≥ {from} and < {b}"),
            None => format!("≥ {from}"),
        };
        let id = g
            .get("grade")
            .or_else(|| g.get("id"))
            .and_then(Value::as_str)
            .unwrap();
        let _ = writeln!(w, "| `{id}` | {range} |");
    }
    let _ = writeln!(
        w,
        "\nThe bands are the usual four grades of Shandong's station evaluations with the pass mark at 60 (assumed: \
the measure names the grades but not their bands). Bands are data: a standard whose bands overlap or leave a \
gap is refused when loaded. **Verdict**: `fail` if any gate of severity `veto` is not met; otherwise `pass` \
exactly when the grade is `qualified` or better.\n"
    );
    let _ = writeln!(w, "## §4 Gates\n");
    let _ = writeln!(
        w,
        "Severity: `veto` fails the evaluation whatever the score; `rectify` orders a correction with a deadline \
but does not fail it by itself; `advisory` is reported only. Severities are policy data; the defaults below \
are the built-in policy's. A gate's outcome is `met`, `not_met`, `not_applicable` or `insufficient_evidence`, \
kept distinct. The `serious.*` gates (falsified records, safety incident, ethics breach) are assumptions: \
common grounds for failing an evaluation elsewhere, tied to Art. 28's suspension.\n"
    );
    let policy = PolicySet::dongying();
    let version = policy.versions.first().unwrap();
    let _ = writeln!(
        w,
        "| gate id | art. | default severity | rule |\n|---|---|---|---|"
    );
    for g in GateId::ALL {
        let (zh, en) = g.rule();
        let sev = serde_json::to_value(version.severity(*g)).unwrap();
        let _ = writeln!(
            w,
            "| `{g}` | {} | {} | {en} {zh} |",
            g.articles().join(", "),
            sev.as_str().unwrap()
        );
    }
    let _ = writeln!(w, "\nCounty-level gates, over all stations of a county:\n");
    let _ = writeln!(w, "| gate id | art. | rule |\n|---|---|---|");
    for g in CountyGateId::ALL {
        let (zh, en) = g.rule();
        let _ = writeln!(w, "| `{g}` | {} | {en} {zh} |", g.articles().join(", "));
    }
    let _ = writeln!(
        w,
        "\nCounting periods follow the Civil Code (Arts. 200–204): a period in days starts on the day after the \
event; if its last day is an official day off it ends on the next working day; working days skip weekends and \
official days off and include make-up workdays. Ages are whole years reached on the date in question; \
以上/以下/以内 include the number itself. Countable training (Art. 31) is training run by a civil affairs \
bureau at county level or above, a social-organisation incubation base or a social-work industry body.\n"
    );
    let _ = writeln!(w, "## §5 What the decision says (Arts. 25, 27, 28, 29)\n");
    let _ = writeln!(
        w,
        "- **Which version governs**: the policy version in force on the contract's signing date; none in force is an \
explicit error unless the caller names a version.\n\
- **Remaining payment**: contract price minus payments made. A final evaluation that passes releases it in full; \
one that fails withholds it. A mid-term evaluation never releases the remainder, only a mid-term tranche the \
contract defines.\n\
- **Renewal**: eligible exactly when the final evaluation passes, no veto gate failed, the contractor is eligible \
(Art. 8) and in the station's county (Art. 22), and the proposed term is at most 3 years (Art. 25); otherwise \
ineligible with every reason, or undetermined (a mid-term, or the governing version has ended).\n\
- **Actions**: fail → withhold the remaining payment, no renewal, re-procure (Art. 29); a veto → also suspend or \
stop the project (Art. 28); each unmet rectify gate → a rectification item with a deadline.\n\
- **Several evaluations in a project year** (Art. 28 asks for at least 2): the final one decides payment and \
renewal; a weighted combination is a policy option, off by default."
    );
    out
}

/// Compares (or, with SWS_EVAL_WRITE_DOCS set, rewrites) one generated document.
fn check(relative: &str, want: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    if std::env::var_os("SWS_EVAL_WRITE_DOCS").is_some() {
        std::fs::write(&path, want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{relative} is out of date: run `SWS_EVAL_WRITE_DOCS=1 cargo test --test docs`"
    );
}

#[test]
fn default_standard_document_matches_the_data() {
    check("docs/default-standard.md", &render());
}

#[test]
fn articles_document_matches_the_code() {
    let trace = sws_eval::articles::trace(&Standard::dongying_2022(), &PolicySet::dongying());
    check("docs/ARTICLES.md", &sws_eval::articles::markdown(&trace));
}

/// No document, schema, source file or error text points at a copy of the default
/// standard's document other than the one shipped in docs/ (a crate user has no other).
#[test]
fn every_reference_to_the_default_standard_points_into_docs() {
    // The shipped document, split into its folder and its name's stem.
    const DOC: &str = "docs/default-standard.md";
    const DIR: &str = "docs/";
    let stem_end = DOC.len() - ".md".len();
    let stem = &DOC[DIR.len()..stem_end];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut bad = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if !["target", ".git", "node_modules", "fuzz", ".venv", "pending"]
                    .contains(&name.as_str())
                {
                    stack.push(path);
                }
                continue;
            }
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "tests/docs.rs" {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            for (i, line) in text.lines().enumerate() {
                let mut rest = line;
                while let Some(at) = rest.find(stem) {
                    let before = &rest[..at];
                    if !before.ends_with(DIR) {
                        bad.push(format!("{rel}:{}", i + 1));
                    }
                    rest = &rest[at + stem.len()..];
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "references not pointing at docs/default-standard.md: {bad:?}"
    );
}
