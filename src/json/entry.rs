//! The entry points: JSON text in, a typed value or an envelope out.

use serde::de::DeserializeOwned;

use super::contract::{BatchOutputLine, Envelope, ErrorCode, JsonError};
use super::semantic::{calendar_error, decision_errors, policy_error, standard_error};
use super::serde_map::{capped, structural_errors, too_large, too_large_for, without_bom};
use super::{InputKind, MAX_CONFIG_BYTES, MAX_INPUT_BYTES};
use crate::calendar::{CalendarFile, WorkCalendar};
use crate::decision::{
    Decision, DecisionError, Evaluator, ProjectYear, YearDecision, evaluate, evaluate_year,
};
use crate::evidence::Evidence;
use crate::policy::{Policy, PolicySet};
use crate::standard::{CompiledStandard, Standard};

/// Evaluates one evidence document given as JSON text: the decision and its warnings,
/// or every structural and semantic error found.
///
/// ```
/// use sws_eval::{decision::Evaluator, json::{evaluate_json, ErrorCode}};
/// let text = include_str!("../../examples/data/station.json").replace("\"240000.00\"", "\"340000.00\"");
/// let errors = evaluate_json(&text, &Evaluator::dongying()).errors().to_vec();
/// assert_eq!(errors[0].code, ErrorCode::Overpaid);
/// assert_eq!(errors[0].pointer, "/contract/paid");
/// assert_eq!(errors[0].found, "\"340000.00\"");
/// ```
pub fn evaluate_json(input: &str, evaluator: &Evaluator) -> Envelope<Decision> {
    let input = without_bom(input);
    let evidence: Evidence = match parse(InputKind::Evidence, input) {
        Ok(ev) => ev,
        Err(errors) => return Envelope::Error { errors },
    };
    match evaluator.evaluate(&evidence) {
        Ok(decision) => Envelope::Ok {
            warnings: decision.warnings.clone(),
            result: decision,
        },
        Err(e) => Envelope::Error {
            errors: decision_errors(input, e, Some(&evidence), None),
        },
    }
}

/// Evaluates one line of a batch (one evidence document) into a numbered output line.
pub fn evaluate_batch_line(line: u64, input: &str, evaluator: &Evaluator) -> BatchOutputLine {
    BatchOutputLine::new(line, evaluate_json(input, evaluator))
}

/// Evaluates a project year given as JSON text (see [`crate::decision::evaluate_year`]).
///
/// ```
/// use sws_eval::{decision::Evaluator, json::{evaluate_year_json, ErrorCode}};
/// let env = evaluate_year_json(r#"{"evaluations": []}"#, &Evaluator::dongying());
/// assert_eq!(env.errors()[0].code, ErrorCode::NoEvaluations);
/// ```
pub fn evaluate_year_json(input: &str, evaluator: &Evaluator) -> Envelope<YearDecision> {
    let input = without_bom(input);
    let year: ProjectYear = match parse(InputKind::ProjectYear, input) {
        Ok(y) => y,
        Err(errors) => return Envelope::Error { errors },
    };
    match evaluator.evaluate_year(&year) {
        Ok(decision) => Envelope::Ok {
            warnings: decision.warnings.clone(),
            result: decision,
        },
        Err(e) => Envelope::Error {
            errors: decision_errors(input, e, None, Some(&year)),
        },
    }
}

/// Reads, checks and compiles a standard given as JSON text. A standard's checks stop
/// at the first problem in its tree, so at most one semantic error is reported.
///
/// ```
/// use sws_eval::json::{load_standard_json, ErrorCode};
/// let text = include_str!("../../data/standards/dongying-2022-reconstruction.json");
/// assert!(load_standard_json(text).is_ok());
/// let errors = load_standard_json(&text.replacen("\"100\"", "\"101\"", 1)).unwrap_err();
/// assert_eq!(errors[0].code, ErrorCode::ChildrenSum);
/// ```
pub fn load_standard_json(input: &str) -> Result<CompiledStandard, Vec<JsonError>> {
    let input = without_bom(input);
    let limit = crate::standard::MAX_STANDARD_BYTES;
    if input.len() > limit {
        return Err(vec![JsonError {
            code: ErrorCode::StandardTooLarge,
            pointer: String::new(),
            expected: format!("at most {limit} bytes"),
            found: format!("{} bytes", input.len()),
            message: format!(
                "the standard is {} bytes; at most {limit} bytes are read",
                input.len()
            ),
            suggestion: None,
            line: None,
            column: None,
            cell: None,
        }]);
    }
    let standard: Standard = parse(InputKind::Standard, input)?;
    let copy = standard.clone();
    standard
        .compile()
        .map_err(|e| vec![standard_error(input, &copy, e)])
}

/// Reads and checks a set of policy versions given as JSON text.
pub fn load_policy_json(input: &str) -> Result<PolicySet, Vec<JsonError>> {
    let input = without_bom(input);
    if input.len() > MAX_CONFIG_BYTES {
        return Err(vec![too_large_for(
            input.len(),
            MAX_CONFIG_BYTES,
            "policy file",
        )]);
    }
    let set: PolicySet = parse(InputKind::Policy, input)?;
    match set.check() {
        Ok(()) => Ok(set),
        Err(e) => Err(vec![policy_error(input, &set, e)]),
    }
}

/// Reads and checks a work calendar given as JSON text.
pub fn load_calendar_json(input: &str) -> Result<WorkCalendar, Vec<JsonError>> {
    let input = without_bom(input);
    if input.len() > MAX_CONFIG_BYTES {
        return Err(vec![too_large_for(
            input.len(),
            MAX_CONFIG_BYTES,
            "calendar",
        )]);
    }
    let file: CalendarFile = parse(InputKind::Calendar, input)?;
    WorkCalendar::from_file(&file).map_err(|e| vec![calendar_error(input, &file, e)])
}

/// Every error in an input of the given kind, structural and semantic, with the
/// built-in standard, policy and calendar (for `sws-eval validate`). Empty when valid.
///
/// ```
/// use sws_eval::json::{validate_json, InputKind};
/// assert!(validate_json(InputKind::Evidence, include_str!("../../examples/data/station.json")).is_empty());
/// assert!(!validate_json(InputKind::Evidence, "[]").is_empty());
/// ```
pub fn validate_json(kind: InputKind, input: &str) -> Vec<JsonError> {
    validate_json_with(kind, input, &Evaluator::dongying())
}

/// As [`validate_json`], with the evaluator's standard (for levels and ratios),
/// policy versions and calendar. Valid means that evaluating would decide: every check
/// the evaluation runs is run, with the same codes, including a policy version in
/// force on the signing date (`no_policy_in_force`). Without one, the evidence is
/// still checked under the first version so that every other error is listed too.
pub fn validate_json_with(kind: InputKind, input: &str, evaluator: &Evaluator) -> Vec<JsonError> {
    let input = without_bom(input);
    let any_policy = |signed_on| {
        evaluator
            .policies
            .governing(signed_on, evaluator.policy_version.as_deref())
            .ok()
            .or_else(|| evaluator.policies.versions.first())
    };
    // The policy error `evaluate` would raise, if any.
    let policy_errors =
        |signed_on, ev: Option<&Evidence>, year: Option<&ProjectYear>| match evaluator
            .policies
            .governing(signed_on, evaluator.policy_version.as_deref())
        {
            Ok(_) => Vec::new(),
            Err(e) => decision_errors(input, DecisionError::Policy(e), ev, year),
        };
    match kind {
        InputKind::Evidence => {
            let ev: Evidence = match parse(kind, input) {
                Ok(ev) => ev,
                Err(errors) => return errors,
            };
            let mut errors = policy_errors(ev.contract.signed_on, Some(&ev), None);
            let Some(policy) = any_policy(ev.contract.signed_on) else {
                return errors;
            };
            if let Err(e) = evaluate(&evaluator.standard, policy, &evaluator.calendar, &ev) {
                errors.extend(decision_errors(input, e, Some(&ev), None));
            }
            capped(errors)
        }
        InputKind::ProjectYear => {
            let year: ProjectYear = match parse(kind, input) {
                Ok(y) => y,
                Err(errors) => return errors,
            };
            let policy: Option<&Policy> = match year.evaluations.first() {
                Some(first) => any_policy(first.contract.signed_on),
                None => evaluator.policies.versions.first(),
            };
            let mut errors = match year.evaluations.first() {
                Some(first) => policy_errors(first.contract.signed_on, None, Some(&year)),
                None => Vec::new(),
            };
            let Some(policy) = policy else {
                return errors;
            };
            let result = if year.evaluations.is_empty() {
                Err(DecisionError::Year("no evaluations".into()))
            } else {
                evaluate_year(&evaluator.standard, policy, &evaluator.calendar, &year)
            };
            if let Err(e) = result {
                errors.extend(decision_errors(input, e, None, Some(&year)));
            }
            capped(errors)
        }
        InputKind::Standard => load_standard_json(input).err().unwrap_or_default(),
        InputKind::Policy => load_policy_json(input).err().unwrap_or_default(),
        InputKind::Calendar => load_calendar_json(input).err().unwrap_or_default(),
    }
}

/// Reads a value of the kind's type: serde first (the fast path); only if it fails,
/// every structural error is collected.
///
/// ```
/// use sws_eval::{evidence::Evidence, json::{parse, InputKind, ErrorCode}};
/// let errors = parse::<Evidence>(InputKind::Evidence, "{").unwrap_err();
/// assert_eq!(errors[0].code, ErrorCode::InvalidJson);
/// assert_eq!(errors[0].line, Some(1));
/// ```
pub fn parse<T: DeserializeOwned>(kind: InputKind, input: &str) -> Result<T, Vec<JsonError>> {
    let input = without_bom(input);
    if input.len() > MAX_INPUT_BYTES {
        return Err(vec![too_large(input.len())]);
    }
    match serde_json::from_str::<T>(input) {
        Ok(value) => Ok(value),
        Err(_) => Err(structural_errors::<T>(kind, input)),
    }
}
