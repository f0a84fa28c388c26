//! Semantic errors: what the engine refuses in well-formed input (evidence issues, a
//! standard's, policy's or calendar's own checks), located by a JSON pointer.

use serde_json::Value;

use super::MAX_ERRORS;
use super::contract::{ErrorCode, JsonError};
use super::found_at;
use super::pointer::{escape, parent_of};
use super::serde_map::capped;
use crate::calendar::{CalendarError, CalendarFile};
use crate::decision::{DecisionError, ProjectYear};
use crate::evidence::{EvaluationKind, Evidence, EvidenceIssue};
use crate::policy::{PolicyError, PolicySet};
use crate::standard::{Node, Standard, StandardError};

fn issue_error(value: Option<&Value>, issue: EvidenceIssue, roster: &[&str]) -> JsonError {
    let code = ErrorCode::from_issue(issue.code);
    let suggestion = match code {
        ErrorCode::UnknownWorker => value
            .and_then(|v| v.pointer(&issue.pointer))
            .and_then(Value::as_str)
            .and_then(|given| crate::suggest::closest(given, roster.iter().copied())),
        _ => issue.suggestion.clone(),
    };
    JsonError {
        code,
        found: found_at(value, &issue.pointer),
        expected: code.expected().into(),
        pointer: issue.pointer,
        message: issue.message,
        suggestion,
        line: None,
        column: None,
        cell: None,
    }
}

fn roster_of(ev: &Evidence) -> Vec<&str> {
    ev.staff
        .iter()
        .flat_map(|s| s.workers.iter().map(|w| w.id.as_str()))
        .collect()
}

/// Drops errors another error already implies: a rate above 1 where the survey's
/// positive answers already exceed its respondents (`impossible_count`).
fn without_implied(errors: Vec<JsonError>) -> Vec<JsonError> {
    let impossible: Vec<String> = errors
        .iter()
        .filter(|e| e.code == ErrorCode::ImpossibleCount)
        .map(|e| parent_of(&e.pointer).to_owned())
        .collect();
    errors
        .into_iter()
        .filter(|e| {
            e.code != ErrorCode::RateAboveOne
                || !impossible
                    .iter()
                    .any(|p| p.as_str() == parent_of(&e.pointer))
        })
        .collect()
}

/// Maps a decision error to located errors (`evidence` or `year` gives context).
pub(super) fn decision_errors(
    input: &str,
    e: DecisionError,
    evidence: Option<&Evidence>,
    year: Option<&ProjectYear>,
) -> Vec<JsonError> {
    let value: Option<Value> = serde_json::from_str(input).ok();
    let value = value.as_ref();
    let simple = |code: ErrorCode, pointer: String, message: String| JsonError {
        code,
        found: found_at(value, &pointer),
        expected: code.expected().into(),
        pointer,
        message,
        suggestion: None,
        line: None,
        column: None,
        cell: None,
    };
    let signed_on_pointer = if year.is_some() {
        "/evaluations/0/contract/signed_on"
    } else {
        "/contract/signed_on"
    };
    match e {
        DecisionError::Evidence(mut issues) => {
            // Cut before anything is described or suggested, so that a hostile input
            // with a million problems costs no more than one with 200 (a few spare
            // for the implied errors dropped below; `capped` then says it was cut).
            issues.truncate(MAX_ERRORS.saturating_add(8));
            // Each roster is listed once, not once per issue.
            let mut rosters: std::collections::HashMap<Option<usize>, Vec<&str>> =
                std::collections::HashMap::new();
            let errors: Vec<JsonError> = issues
                .into_iter()
                .map(|issue| {
                    let at = issue
                        .pointer
                        .strip_prefix("/evaluations/")
                        .and_then(|r| r.split('/').next())
                        .and_then(|i| i.parse::<usize>().ok());
                    let roster: &[&str] = match (evidence, year) {
                        (Some(ev), _) => rosters.entry(None).or_insert_with(|| roster_of(ev)),
                        (None, Some(y)) => rosters.entry(at).or_insert_with(|| {
                            at.and_then(|i| y.evaluations.get(i))
                                .map(roster_of)
                                .unwrap_or_default()
                        }),
                        _ => &[],
                    };
                    issue_error(value, issue, roster)
                })
                .collect();
            capped(without_implied(errors))
        }
        DecisionError::Policy(p @ PolicyError::NoneInForce { .. }) => vec![simple(
            ErrorCode::NoPolicyInForce,
            signed_on_pointer.into(),
            p.to_string(),
        )],
        DecisionError::Policy(p @ PolicyError::UnknownVersion { .. }) => {
            vec![simple(
                ErrorCode::UnknownPolicyVersion,
                String::new(),
                p.to_string(),
            )]
        }
        DecisionError::Policy(p) => vec![simple(
            ErrorCode::InvalidValue,
            String::new(),
            p.to_string(),
        )],
        DecisionError::Year(message) => {
            let finals: Vec<usize> = year
                .map(|y| {
                    y.evaluations
                        .iter()
                        .enumerate()
                        .filter(|(_, e)| e.evaluation.kind == EvaluationKind::Final)
                        .map(|(i, _)| i)
                        .collect()
                })
                .unwrap_or_default();
            let (code, pointer) = if finals.len() > 1 {
                let second = finals.get(1).copied().unwrap_or(0);
                (
                    ErrorCode::TooManyFinals,
                    format!("/evaluations/{second}/evaluation/kind"),
                )
            } else if year.is_some_and(|y| y.evaluations.is_empty()) {
                (ErrorCode::NoEvaluations, "/evaluations".to_owned())
            } else if year
                .is_some_and(|y| y.evaluations.len() > crate::decision::MAX_EVALUATIONS_PER_YEAR)
            {
                (ErrorCode::OutOfRange, "/evaluations".to_owned())
            } else {
                (ErrorCode::InvalidValue, "/evaluations".to_owned())
            };
            vec![simple(code, pointer, format!("project year: {message}"))]
        }
    }
}

/// The pointer of the node with this id in a standard (`occurrence`: 0 = first, 1 = second).
fn node_pointer(standard: &Standard, id: &str, occurrence: usize) -> Option<String> {
    fn walk(nodes: &[Node], at: &str, id: &str, seen: &mut usize, want: usize) -> Option<String> {
        for (i, n) in nodes.iter().enumerate() {
            let here = format!("{at}/{i}");
            if n.id == id {
                if *seen == want {
                    return Some(here);
                }
                *seen = seen.saturating_add(1);
            }
            if let Some(p) = walk(&n.children, &format!("{here}/children"), id, seen, want) {
                return Some(p);
            }
        }
        None
    }
    walk(&standard.dimensions, "/dimensions", id, &mut 0, occurrence)
}

pub(super) fn standard_error(input: &str, standard: &Standard, e: StandardError) -> JsonError {
    let value: Option<Value> = serde_json::from_str(input).ok();
    if let StandardError::Located { pointer, inner } = e {
        let mut located = standard_error(input, standard, *inner);
        located.found = found_at(value.as_ref(), &pointer);
        located.pointer = pointer;
        return located;
    }
    let node = |id: &str| node_pointer(standard, id, 0).unwrap_or_else(|| "/dimensions".into());
    let (code, pointer, suggestion) = match &e {
        StandardError::Json { .. } => (ErrorCode::InvalidJson, String::new(), None),
        StandardError::TooLarge { .. } => (ErrorCode::StandardTooLarge, String::new(), None),
        StandardError::TooDeep { id, .. } => (ErrorCode::StandardTooDeep, node(id), None),
        StandardError::BadId { id, problem } => {
            let occurrence = usize::from(problem.contains("more than once"));
            let p = node_pointer(standard, id, occurrence).unwrap_or_else(|| node(id));
            (ErrorCode::BadNodeId, format!("{p}/id"), None)
        }
        StandardError::Shape { id, .. } => (ErrorCode::NodeShape, node(id), None),
        StandardError::ChildrenSum { id, .. } if id == "(root)" => {
            (ErrorCode::ChildrenSum, "/max_points".into(), None)
        }
        StandardError::ChildrenSum { id, .. } => {
            (ErrorCode::ChildrenSum, format!("{}/max", node(id)), None)
        }
        StandardError::ItemsSum { id, .. } => {
            (ErrorCode::ItemsSum, format!("{}/max", node(id)), None)
        }
        StandardError::Rule { id, .. } => (ErrorCode::BadRule, format!("{}/rule", node(id)), None),
        StandardError::UnknownFact { id, suggestion, .. } => (
            ErrorCode::UnknownFact,
            format!("{}/rule", node(id)),
            suggestion.clone(),
        ),
        StandardError::FactKind { id, .. } => (
            ErrorCode::FactKindMismatch,
            format!("{}/rule", node(id)),
            None,
        ),
        StandardError::Bands { .. } => (ErrorCode::GradeBands, "/grades".into(), None),
        // Unwrapped above; kept for an exhaustive match.
        StandardError::Located { pointer, .. } => (ErrorCode::BadRule, pointer.clone(), None),
        StandardError::Indicator { pointer, .. } => {
            (ErrorCode::BadIndicator, pointer.clone(), None)
        }
        StandardError::UndeclaredIndicator { id, suggestion, .. } => (
            ErrorCode::UndeclaredIndicator,
            format!("{}/rule", node(id)),
            suggestion.clone(),
        ),
    };
    JsonError {
        code,
        found: found_at(value.as_ref(), &pointer),
        expected: code.expected().into(),
        pointer,
        message: e.to_string(),
        suggestion,
        line: None,
        column: None,
        cell: None,
    }
}

pub(super) fn policy_error(input: &str, set: &PolicySet, e: PolicyError) -> JsonError {
    let value: Option<Value> = serde_json::from_str(input).ok();
    let version = |id: &str| {
        set.versions
            .iter()
            .position(|v| v.id == id)
            .map(|i| format!("/versions/{i}"))
            .unwrap_or_else(|| "/versions".into())
    };
    let (code, pointer) = match &e {
        PolicyError::Gate { version: v, .. } => {
            (ErrorCode::GateSeverity, format!("{}/gates", version(v)))
        }
        PolicyError::Periods { .. } => (ErrorCode::PolicyPeriods, "/versions".into()),
        PolicyError::Parameter {
            version: v, name, ..
        } => {
            let path = name.split('.').map(escape).collect::<Vec<_>>().join("/");
            let base = version(v);
            if name.starts_with("combination") {
                (ErrorCode::BadParameter, format!("{base}/{path}"))
            } else {
                (ErrorCode::BadParameter, format!("{base}/parameters/{path}"))
            }
        }
        PolicyError::NoneInForce { .. } => (ErrorCode::NoPolicyInForce, String::new()),
        PolicyError::UnknownVersion { .. } => (ErrorCode::UnknownPolicyVersion, String::new()),
        PolicyError::Json { .. } => (ErrorCode::InvalidJson, String::new()),
    };
    JsonError {
        code,
        found: found_at(value.as_ref(), &pointer),
        expected: code.expected().into(),
        pointer,
        message: e.to_string(),
        suggestion: None,
        line: None,
        column: None,
        cell: None,
    }
}

pub(super) fn calendar_error(input: &str, file: &CalendarFile, e: CalendarError) -> JsonError {
    let value: Option<Value> = serde_json::from_str(input).ok();
    // Where a date is listed: the make-up workdays first (the contradiction and the
    // weekday rule are about them), then the days off.
    let find = |date: crate::date::Date, make_up_first: bool| {
        let order = if make_up_first {
            ["make_up_workdays", "off_days"]
        } else {
            ["off_days", "make_up_workdays"]
        };
        for name in order {
            for (key, year) in &file.years {
                let list = if name == "off_days" {
                    &year.off_days
                } else {
                    &year.make_up_workdays
                };
                if let Some(i) = list.iter().position(|d| d.date == date) {
                    return format!("/years/{}/{name}/{i}/date", escape(key));
                }
            }
        }
        "/years".to_owned()
    };
    let (code, pointer) = match &e {
        CalendarError::Json { .. } => (ErrorCode::InvalidJson, String::new()),
        CalendarError::BadYear { key } => {
            (ErrorCode::BadYearKey, format!("/years/{}", escape(key)))
        }
        CalendarError::DateOutsideYear { date, .. } => {
            (ErrorCode::DateOutsideYear, find(*date, false))
        }
        CalendarError::Contradiction { date } => (ErrorCode::DayOffAndWorkday, find(*date, true)),
        CalendarError::MakeUpOnWeekday { date } => (ErrorCode::MakeUpOnWeekday, find(*date, true)),
    };
    JsonError {
        code,
        found: found_at(value.as_ref(), &pointer),
        expected: code.expected().into(),
        pointer,
        message: e.to_string(),
        suggestion: None,
        line: None,
        column: None,
        cell: None,
    }
}
