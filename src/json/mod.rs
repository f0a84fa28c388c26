//! The JSON entry points: text in, an envelope out, with every error located.
//!
//! A host in any language hands the engine JSON text and gets back an [`Envelope`]:
//! `{"status": "ok", "result": …, "warnings": […]}` or `{"status": "error", "errors":
//! […]}`. Each [`JsonError`] has a stable [`ErrorCode`], a JSON pointer to the offending
//! place, what was expected and what was found, a sentence, and for a misspelt key or
//! value the closest known one ("did you mean `training`?").
//!
//! How every error is found, and fast when there is none:
//! 1. Input larger than [`MAX_INPUT_BYTES`] is refused before anything is parsed
//!    (`input_too_large`).
//! 2. **Fast path**: serde reads the typed value directly. Valid input costs one parse.
//! 3. Only when serde fails: the nesting depth is scanned without allocating
//!    (`input_too_deep` past [`MAX_DEPTH`]); the text is parsed as plain JSON
//!    (`invalid_json`, with line and column); the value is validated against the
//!    generated schema of [`crate::schema`] to collect **every** structural error; and
//!    serde's own first error is added if the schema could not see it (a date before
//!    1900, a key given twice).
//! 4. Well-formed input is then checked for what no schema can express (the rules
//!    below), through [`Evidence::check`](crate::evidence::Evidence::check) and scoring, again collecting every problem.
//!
//! Rules a JSON Schema cannot express, checked by the engine only (each is tested on
//! the engine side with a fixture in `tests/fixtures/invalid/`):
//! - dates in order: signing not before the award notice, term end not before the
//!   project start, project year not before the project, the evaluation not before
//!   the project year, a worker's entry after birth and not after the evaluation,
//!   training, supervision and report filings not after the evaluation, handover not before
//!   departure, a renewal's end not before its start (`contradictory_dates`);
//! - money: paid not above the price (`overpaid`), the mid-term tranche not above the
//!   price (`tranche_exceeds_price`), and at a mid-term evaluation below the remaining
//!   payment, so that the final evaluation has something to decide
//!   (`tranche_leaves_nothing`);
//! - references: roster ids unique (`duplicate_worker`), training and supervision
//!   naming a worker on the roster (`unknown_worker`);
//! - counts: the reports counted as filed not below the filings listed
//!   (`contradictory_counts`), positive answers not above respondents (`impossible_count`), a planned
//!   count above zero where a ratio is scored (`zero_planned`), a rate not above 1
//!   (`rate_above_one`);
//! - a level the loaded standard defines (`unknown_level`: the levels are data of the
//!   standard, not of the evidence schema);
//! - a project year: one station and project year throughout
//!   (`mixed_project_years`), evaluations in date order (`out_of_order`), at most one
//!   final (`too_many_finals`);
//! - a policy version in force on the signing date (`no_policy_in_force`);
//! - a standard's sums, ids, shapes, facts and grade bands; a policy's gate list,
//!   periods and parameters; a calendar's year keys, weekdays and contradictions;
//! - a calendar date's range (years 1900–2200) and a key given twice, which the
//!   schema's pattern and a parsed JSON object cannot see.
//!
//! ```
//! use sws_eval::{decision::Evaluator, json::{evaluate_json, Envelope, ErrorCode}};
//! let eval = Evaluator::dongying();
//! let ok = evaluate_json(include_str!("../../examples/data/station.json"), &eval);
//! assert!(matches!(ok, Envelope::Ok { .. }));
//!
//! let bad = include_str!("../../examples/data/station.json").replace("\"training\"", "\"trainin\"");
//! let Envelope::Error { errors } = evaluate_json(&bad, &eval) else { panic!() };
//! assert_eq!(errors[0].code, ErrorCode::UnknownField);
//! assert_eq!(errors[0].pointer, "/trainin");
//! assert_eq!(errors[0].suggestion.as_deref(), Some("training"));
//! ```

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

#[cfg(feature = "every-error")]
mod classify;
mod contract;
mod entry;
pub mod pointer;
mod semantic;
mod serde_map;

pub use contract::{BatchOutputLine, Envelope, ErrorCode, ErrorEnvelope, JsonError};
pub use entry::{
    evaluate_batch_line, evaluate_json, evaluate_year_json, load_calendar_json, load_policy_json,
    load_standard_json, parse, validate_json, validate_json_with,
};
pub use serde_map::without_bom;

/// The largest input read: 8 MiB (a station's evidence is about 10 KiB).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// The deepest nesting of arrays and objects read (the deepest contract type nests
/// about 14 levels).
pub const MAX_DEPTH: usize = 64;

/// The largest policy or calendar file read: 1 MiB (the shipped ones are a few KiB).
/// A standard has its own limit, [`crate::standard::MAX_STANDARD_BYTES`], also 1 MiB.
pub const MAX_CONFIG_BYTES: usize = 1024 * 1024;

/// The most errors listed for one input; past it, a last `too_many_errors` entry says
/// the list was cut (so a hostile file cannot make the error list itself huge).
pub const MAX_ERRORS: usize = 200;

/// The kinds of JSON input the engine reads, each with its schema. 输入类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// One evaluation's evidence (`evidence`).
    Evidence,
    /// A project year of evaluations (`project-year`).
    ProjectYear,
    /// An evaluation standard (`standard`).
    Standard,
    /// A set of policy versions (`policy`).
    Policy,
    /// A work calendar (`calendar`).
    Calendar,
}

impl InputKind {
    /// Every kind.
    pub const ALL: &'static [InputKind] = &[
        InputKind::Evidence,
        InputKind::ProjectYear,
        InputKind::Standard,
        InputKind::Policy,
        InputKind::Calendar,
    ];

    /// The name of the kind's schema (see [`crate::schema::names`]), e.g. `project-year`.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Evidence => "evidence",
            InputKind::ProjectYear => "project-year",
            InputKind::Standard => "standard",
            InputKind::Policy => "policy",
            InputKind::Calendar => "calendar",
        }
    }
}

impl fmt::Display for InputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown input kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown input kind `{0}`; known: evidence, project-year, standard, policy, calendar")]
pub struct UnknownInputKind(pub String);

impl FromStr for InputKind {
    type Err = UnknownInputKind;
    /// ```
    /// use sws_eval::json::InputKind;
    /// assert_eq!("project-year".parse::<InputKind>().unwrap(), InputKind::ProjectYear);
    /// ```
    fn from_str(s: &str) -> Result<Self, UnknownInputKind> {
        InputKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| UnknownInputKind(s.to_owned()))
    }
}

/// A short account of a found value, as a [`JsonError`]'s `found` gives it: scalars
/// as JSON (cut after 80 characters), containers by their shape.
///
/// ```
/// use serde_json::json;
/// use sws_eval::json::describe_found;
/// assert_eq!(describe_found(&json!("12.5")), "\"12.5\"");
/// assert_eq!(describe_found(&json!([1, 2])), "an array of 2 item(s)");
/// assert_eq!(describe_found(&json!({"a": 1})), "an object with keys `a`");
/// ```
pub fn describe_found(value: &Value) -> String {
    match value {
        Value::Object(m) => {
            let keys: Vec<String> = m.keys().take(5).map(|k| format!("`{k}`")).collect();
            if keys.is_empty() {
                "an empty object".into()
            } else {
                let more = if m.len() > 5 { ", …" } else { "" };
                format!("an object with keys {}{more}", keys.join(", "))
            }
        }
        Value::Array(a) => format!("an array of {} item(s)", a.len()),
        other => {
            let text = other.to_string();
            if text.chars().count() > 80 {
                let cut: String = text.chars().take(77).collect();
                format!("{cut}…")
            } else {
                text
            }
        }
    }
}

/// The value at a pointer of the input, described by [`describe_found`]; `nothing`
/// if there is none there.
///
/// ```
/// use serde_json::json;
/// use sws_eval::json::found_at;
/// let doc = json!({"contract": {"price": 7}});
/// assert_eq!(found_at(Some(&doc), "/contract/price"), "7");
/// assert_eq!(found_at(Some(&doc), "/contract/paid"), "nothing");
/// ```
pub fn found_at(value: Option<&Value>, pointer: &str) -> String {
    value
        .and_then(|v| v.pointer(pointer))
        .map(describe_found)
        .unwrap_or_else(|| "nothing".into())
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "every-error")]
    use super::classify::classify_decimal;
    use super::serde_map::depth_exceeds;
    use super::*;

    const STATION: &str = include_str!("../../examples/data/station.json");

    #[test]
    fn codes_are_snake_case_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()));
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
            assert!(
                c.as_str()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'_')
            );
        }
    }

    #[test]
    fn engine_issue_codes_are_all_listed() {
        for code in [
            "contradictory_dates",
            "overpaid",
            "tranche_exceeds_price",
            "tranche_leaves_nothing",
            "duplicate_worker",
            "unknown_worker",
            "impossible_count",
            "contradictory_counts",
            "zero_planned",
            "rate_above_one",
            "unknown_level",
            "mixed_project_years",
            "out_of_order",
        ] {
            assert_eq!(ErrorCode::from_issue(code).as_str(), code);
        }
    }

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        assert_eq!(depth_exceeds(r#"{"a": "[[[[[[[[[["}"#, 2), None);
        assert_eq!(depth_exceeds(r#"{"a": "\"[[[[[["}"#, 2), None);
        assert_eq!(depth_exceeds("[[[", 2), Some((1, 3)));
    }

    #[test]
    #[cfg(feature = "every-error")]
    fn decimals_are_classified_like_the_engine() {
        assert_eq!(classify_decimal("-5", Some(2)).0, ErrorCode::NegativeNumber);
        assert_eq!(
            classify_decimal("1.005", Some(2)).0,
            ErrorCode::TooManyPlaces
        );
        assert_eq!(
            classify_decimal("1e3", Some(2)).0,
            ErrorCode::MalformedDecimal
        );
        assert_eq!(classify_decimal("", Some(2)).0, ErrorCode::MalformedDecimal);
    }

    #[test]
    fn every_error_is_reported_not_just_the_first() {
        let mut v: Value = serde_json::from_str(STATION).unwrap();
        v["contract"]["price"] = serde_json::json!(300000);
        v["contract"]["signed_on"] = serde_json::json!("2022-13-01");
        v["evaluation"]["kind"] = serde_json::json!("finale");
        v["station"].as_object_mut().unwrap().remove("name");
        let errors = validate_json(InputKind::Evidence, &v.to_string());
        let got: Vec<(ErrorCode, &str)> = errors
            .iter()
            .map(|e| (e.code, e.pointer.as_str()))
            .collect();
        for want in [
            (ErrorCode::DecimalAsNumber, "/contract/price"),
            (ErrorCode::MalformedDate, "/contract/signed_on"),
            (ErrorCode::UnknownValue, "/evaluation/kind"),
            (ErrorCode::MissingField, "/station/name"),
        ] {
            assert!(got.contains(&want), "{want:?} not in {got:?}");
        }
        let kind = errors
            .iter()
            .find(|e| e.pointer == "/evaluation/kind")
            .unwrap();
        assert_eq!(kind.suggestion.as_deref(), Some("final"));
    }

    #[test]
    fn error_lists_are_capped() {
        let mut v: Value = serde_json::from_str(STATION).unwrap();
        let bad: Vec<Value> = (0..1000)
            .map(|i| serde_json::json!({"worker": format!("x{i}"), "date": "2024-01-02", "hours": 1}))
            .collect();
        v["training"] = Value::Array(bad);
        let errors = validate_json(InputKind::Evidence, &v.to_string());
        assert_eq!(errors.len(), MAX_ERRORS + 1);
        assert_eq!(errors.last().unwrap().code, ErrorCode::TooManyErrors);
        // The same cap for semantic errors: 1000 unknown workers.
        let ok: Vec<Value> = (0..1000)
            .map(|i| serde_json::json!({"worker": format!("x{i}"), "date": "2024-01-02", "hours": "1", "provider": "other"}))
            .collect();
        v["training"] = Value::Array(ok);
        let errors = validate_json(InputKind::Evidence, &v.to_string());
        assert_eq!(errors.len(), MAX_ERRORS + 1);
        assert_eq!(errors[0].code, ErrorCode::UnknownWorker);
        assert_eq!(errors.last().unwrap().code, ErrorCode::TooManyErrors);
    }

    #[test]
    fn too_large_and_too_deep_are_typed() {
        let big = " ".repeat(MAX_INPUT_BYTES + 1);
        assert_eq!(
            validate_json(InputKind::Evidence, &big)[0].code,
            ErrorCode::InputTooLarge
        );
        let deep = "[".repeat(10_000);
        assert_eq!(
            validate_json(InputKind::Evidence, &deep)[0].code,
            ErrorCode::InputTooDeep
        );
    }
}
