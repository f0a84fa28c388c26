//! Structural errors of an input serde refused: size and depth limits, text that is
//! not JSON, every schema violation (through [`super::classify`]), and serde's own
//! first error where the schema could not see it.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::contract::{ErrorCode, JsonError};
use super::found_at;
use super::pointer;
use super::{InputKind, MAX_DEPTH, MAX_ERRORS, MAX_INPUT_BYTES};

/// Cuts a list longer than [`MAX_ERRORS`], saying so in a last entry.
pub(super) fn capped(mut errors: Vec<JsonError>) -> Vec<JsonError> {
    if errors.len() > MAX_ERRORS {
        errors.truncate(MAX_ERRORS);
        errors.push(JsonError {
            code: ErrorCode::TooManyErrors,
            pointer: String::new(),
            expected: ErrorCode::TooManyErrors.expected().into(),
            found: format!("more than {MAX_ERRORS} errors"),
            message: format!(
                "the input has more than {MAX_ERRORS} errors; the first {MAX_ERRORS} are listed"
            ),
            suggestion: None,
            line: None,
            column: None,
            cell: None,
        });
    }
    errors
}

/// The text without a leading UTF-8 byte-order mark (what many Windows editors save).
///
/// ```
/// assert_eq!(sws_eval::json::without_bom("\u{feff}{}"), "{}");
/// ```
pub fn without_bom(input: &str) -> &str {
    input.strip_prefix('\u{feff}').unwrap_or(input)
}

pub(super) fn too_large_for(len: usize, limit: usize, what: &str) -> JsonError {
    JsonError {
        code: ErrorCode::InputTooLarge,
        pointer: String::new(),
        expected: format!("at most {limit} bytes"),
        found: format!("{len} bytes"),
        message: format!("the {what} is {len} bytes; at most {limit} bytes are read"),
        suggestion: None,
        line: None,
        column: None,
        cell: None,
    }
}

pub(super) fn too_large(len: usize) -> JsonError {
    JsonError {
        code: ErrorCode::InputTooLarge,
        pointer: String::new(),
        expected: ErrorCode::InputTooLarge.expected().into(),
        found: format!("{len} bytes"),
        message: format!("the input is {len} bytes; at most {MAX_INPUT_BYTES} bytes are read"),
        suggestion: None,
        line: None,
        column: None,
        cell: None,
    }
}

/// The depth of the deepest array or object, scanning bytes without allocating;
/// stops at the first place deeper than `limit` and returns its line and column.
pub(super) fn depth_exceeds(input: &str, limit: usize) -> Option<(u64, u64)> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let (mut line, mut col) = (1u64, 0u64);
    for b in input.bytes() {
        col = col.saturating_add(1);
        if b == b'\n' {
            line = line.saturating_add(1);
            col = 0;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth = depth.saturating_add(1);
                if depth > limit {
                    return Some((line, col));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Every structural error of an input that serde refused.
pub(super) fn structural_errors<T: DeserializeOwned>(
    kind: InputKind,
    input: &str,
) -> Vec<JsonError> {
    if let Some((line, column)) = depth_exceeds(input, MAX_DEPTH) {
        return vec![JsonError {
            code: ErrorCode::InputTooDeep,
            pointer: String::new(),
            expected: ErrorCode::InputTooDeep.expected().into(),
            found: format!("more than {MAX_DEPTH} levels"),
            message: format!(
                "arrays and objects nest more than {MAX_DEPTH} levels deep at line {line}, column {column}"
            ),
            suggestion: None,
            line: Some(line),
            column: Some(column),
            cell: None,
        }];
    }
    let value: Value = match serde_json::from_str(input) {
        Ok(v) => v,
        Err(e) => {
            return vec![JsonError {
                code: ErrorCode::InvalidJson,
                pointer: String::new(),
                expected: ErrorCode::InvalidJson.expected().into(),
                found: "text that is not JSON".into(),
                message: format!("the input is not JSON: {e}"),
                suggestion: None,
                line: Some(e.line() as u64),
                column: Some(e.column() as u64),
                cell: None,
            }];
        }
    };
    let mut errors = schema_errors(kind, &value);
    // serde's first error, if the schema could not see it.
    let mut de = serde_json::Deserializer::from_str(input);
    if let Err(e) = serde_path_to_error::deserialize::<_, T>(&mut de) {
        let extra = serde_error(&value, e);
        let related = |p: &str| {
            p == extra.pointer
                || p.is_empty()
                || extra.pointer.starts_with(&format!("{p}/"))
                || p.starts_with(&format!("{}/", extra.pointer))
        };
        if !errors.iter().any(|x| related(&x.pointer)) {
            errors.push(extra);
        }
    }
    capped(errors)
}

/// Every violation of the kind's generated schema (feature `every-error`).
#[cfg(feature = "every-error")]
fn schema_errors(kind: InputKind, value: &Value) -> Vec<JsonError> {
    match crate::schema::schema(kind.as_str()) {
        Some(schema) => super::classify::schema_errors(&schema, value),
        None => Vec::new(),
    }
}

/// Without the feature `every-error` no schema is checked: serde's first error is the
/// one reported.
#[cfg(not(feature = "every-error"))]
fn schema_errors(_kind: InputKind, _value: &Value) -> Vec<JsonError> {
    Vec::new()
}

/// Maps serde's first error (with its path) to a located error.
fn serde_error(value: &Value, e: serde_path_to_error::Error<serde_json::Error>) -> JsonError {
    let mut pointer = pointer::from_serde_path(e.path());
    let inner = e.into_inner();
    let text = inner.to_string();
    // serde's message without " at line L column C".
    let message = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m)
        .to_owned();
    let quoted = |m: &str| m.split('`').nth(1).map(str::to_owned).unwrap_or_default();
    let (code, field) = if message.starts_with("missing field") {
        (ErrorCode::MissingField, Some(quoted(&message)))
    } else if message.starts_with("unknown field") {
        (ErrorCode::UnknownField, Some(quoted(&message)))
    } else if message.starts_with("duplicate field") {
        (ErrorCode::DuplicateField, Some(quoted(&message)))
    } else if message.starts_with("unknown variant") {
        (ErrorCode::UnknownValue, None)
    } else if message.contains("is not a calendar date") || message.contains("date string") {
        (ErrorCode::MalformedDate, None)
    } else if message.contains("is negative") {
        (ErrorCode::NegativeNumber, None)
    } else if message.contains("is above the largest") {
        (ErrorCode::OutOfRange, None)
    } else if message.contains("decimal places") {
        (ErrorCode::TooManyPlaces, None)
    } else if message.contains("is not a decimal number") {
        (ErrorCode::MalformedDecimal, None)
    } else if message.contains("as a decimal string") {
        (ErrorCode::DecimalAsNumber, None)
    } else if message.starts_with("invalid type") {
        (ErrorCode::WrongType, None)
    } else if message.starts_with("invalid value") || message.starts_with("invalid length") {
        (ErrorCode::OutOfRange, None)
    } else {
        (ErrorCode::InvalidValue, None)
    };
    if let Some(f) = field.filter(|f| !f.is_empty()) {
        pointer.push('/');
        pointer.push_str(&pointer::escape(&f));
    }
    JsonError {
        code,
        found: found_at(Some(value), &pointer),
        expected: code.expected().into(),
        pointer,
        message,
        suggestion: None,
        line: Some(inner.line() as u64),
        column: Some(inner.column() as u64),
        cell: None,
    }
}
