//! Schema violations classified into the contract's error codes: what a schema asks
//! for in words ([`Cx::describe`]), one validator error mapped to located errors
//! ([`Cx::map`]), and the branch that came closest in an `anyOf` / `oneOf`
//! ([`Cx::map_branches`]).

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use super::contract::{ErrorCode, JsonError};
use super::pointer::{escape, parent_of};
use super::{MAX_ERRORS, describe_found};
use crate::suggest::did_you_mean;

/// Validates a parsed input against its schema and maps every failure.
pub(super) fn schema_errors(schema: &Value, value: &Value) -> Vec<JsonError> {
    let validator = match jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
    {
        Ok(v) => v,
        Err(e) => {
            return vec![JsonError {
                code: ErrorCode::InvalidValue,
                pointer: String::new(),
                expected: "a schema the validator compiles".into(),
                found: e.to_string(),
                message: format!("internal: the contract's schema did not compile: {e}"),
                suggestion: None,
                line: None,
                column: None,
                cell: None,
            }];
        }
    };
    let mut out = Vec::new();
    let cx = Cx { schema };
    for err in validator.iter_errors(value) {
        cx.map(&err, &mut out);
        if out.len() > MAX_ERRORS {
            break;
        }
    }
    // A date breaks both its pattern and its format: one error per code and place.
    let mut seen = std::collections::HashSet::new();
    out.retain(|e| seen.insert((e.code, e.pointer.clone())));
    out
}

struct Cx<'a> {
    schema: &'a Value,
}

impl Cx<'_> {
    /// Follows `$ref`s to the schema object that says what a value must be.
    fn resolve<'s>(&'s self, mut sub: &'s Value) -> &'s Value {
        for _ in 0..8 {
            match sub
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix('#'))
            {
                Some(p) => match self.schema.pointer(p) {
                    Some(next) => sub = next,
                    None => break,
                },
                None => break,
            }
        }
        sub
    }

    /// The schema object holding the keyword that failed.
    fn subschema(&self, err: &ValidationError<'_>) -> &Value {
        let path = err.schema_path().as_str();
        self.schema.pointer(parent_of(path)).unwrap_or(&Value::Null)
    }

    /// What a schema asks for, in words.
    fn describe(&self, sub: &Value) -> String {
        let sub = self.resolve(sub);
        if let Some(values) = allowed_values(sub) {
            return format!(
                "one of {}",
                values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = sub.get(key).and_then(Value::as_array) {
                let mut parts: Vec<String> = Vec::new();
                for b in branches {
                    let d = self.describe(b);
                    if !parts.contains(&d) {
                        parts.push(d);
                    }
                }
                return parts.join(" or ");
            }
        }
        let types: Vec<&str> = match sub.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        types
            .iter()
            .map(|t| match *t {
                "string" => {
                    if sub.get("format").and_then(Value::as_str) == Some("date") {
                        "a date string YYYY-MM-DD".to_owned()
                    } else if let Some(p) = decimal_places(sub) {
                        format!(
                            "a decimal string such as \"12.50\" with at most {p} decimal places"
                        )
                    } else if is_decimal(sub) {
                        "a decimal string such as \"12.50\"".to_owned()
                    } else {
                        "a string".to_owned()
                    }
                }
                "integer" => match sub.get("minimum").and_then(Value::as_u64) {
                    Some(0) => "a whole number, 0 or more".to_owned(),
                    _ => "a whole number".to_owned(),
                },
                "number" => "a number".to_owned(),
                "boolean" => "true or false".to_owned(),
                "object" => match sub.get("required").and_then(Value::as_array) {
                    // A variant of an externally tagged enum: `{"check": …}`.
                    Some(r)
                        if r.len() == 1
                            && sub.get("additionalProperties") == Some(&Value::Bool(false))
                            && sub
                                .get("properties")
                                .and_then(Value::as_object)
                                .is_some_and(|p| p.len() == 1) =>
                    {
                        let key = r.first().and_then(Value::as_str).unwrap_or_default();
                        format!("an object {{\"{key}\": …}}")
                    }
                    _ => "an object".to_owned(),
                },
                "array" => "an array".to_owned(),
                "null" => "null".to_owned(),
                other => other.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(" or ")
    }

    fn map(&self, err: &ValidationError<'_>, out: &mut Vec<JsonError>) {
        let pointer = err.instance_path().as_str().to_owned();
        let found_value = err.instance().as_ref();
        let found = describe_found(found_value);
        let sub = self.subschema(err);
        let mut push = |code: ErrorCode,
                        pointer: String,
                        expected: String,
                        found: String,
                        message: String,
                        suggestion: Option<String>| {
            out.push(JsonError {
                code,
                pointer,
                expected,
                found,
                message,
                suggestion,
                line: None,
                column: None,
                cell: None,
            });
        };
        match err.kind() {
            ValidationErrorKind::Type { .. } => {
                let expected = self.describe(sub);
                let code = if found_value.is_number() && is_decimal(self.resolve(sub)) {
                    ErrorCode::DecimalAsNumber
                } else {
                    ErrorCode::WrongType
                };
                let message = type_message(code, &expected, &found);
                push(code, pointer, expected, found, message, None);
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default();
                let what = sub
                    .get("properties")
                    .and_then(|p| p.get(name))
                    .map(|p| self.describe(p))
                    .unwrap_or_default();
                let expected = if what.is_empty() {
                    format!("field `{name}`")
                } else {
                    format!("field `{name}`: {what}")
                };
                push(
                    ErrorCode::MissingField,
                    format!("{pointer}/{}", escape(name)),
                    expected,
                    "nothing".into(),
                    format!("the required field `{name}` is missing"),
                    None,
                );
            }
            ValidationErrorKind::AdditionalProperties { unexpected }
            | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
                let known: Vec<&str> = sub
                    .get("properties")
                    .and_then(Value::as_object)
                    .map(|m| m.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                for key in unexpected {
                    let suggestion = crate::suggest::closest(key, known.iter().copied());
                    let hint = did_you_mean(suggestion.as_deref());
                    push(
                        ErrorCode::UnknownField,
                        format!("{pointer}/{}", escape(key)),
                        format!("one of the known fields: {}", known.join(", ")),
                        format!("`{key}`"),
                        format!("unknown field `{key}`{hint}"),
                        suggestion,
                    );
                }
            }
            ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
                let values = allowed_values(sub).unwrap_or_default();
                push_unknown_value(&mut push, pointer, found_value, &values, self.describe(sub));
            }
            ValidationErrorKind::Pattern { .. } | ValidationErrorKind::Format { .. } => {
                let resolved = self.resolve(sub);
                let text = found_value.as_str().unwrap_or_default();
                let is_date = resolved.get("format").and_then(Value::as_str) == Some("date")
                    || matches!(err.kind(), ValidationErrorKind::Format { format } if format == "date");
                let (code, message) = if is_date {
                    (
                        ErrorCode::MalformedDate,
                        format!("`{text}` is not a calendar date written as YYYY-MM-DD"),
                    )
                } else if is_decimal(resolved) {
                    classify_decimal(text, decimal_places(resolved))
                } else {
                    (
                        ErrorCode::InvalidValue,
                        format!("`{text}` does not have the required form"),
                    )
                };
                push(code, pointer, self.describe(sub), found, message, None);
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit } => {
                // The sign read from the number's own text: exact, no float.
                let negative = found_value
                    .as_number()
                    .is_some_and(|n| n.to_string().starts_with('-'))
                    && limit.as_u64() == Some(0);
                let code = if negative {
                    ErrorCode::NegativeNumber
                } else {
                    ErrorCode::OutOfRange
                };
                push(
                    code,
                    pointer,
                    format!("a number of at least {limit}"),
                    found.clone(),
                    format!("{found} is below the least allowed value {limit}"),
                    None,
                );
            }
            ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => push(
                ErrorCode::OutOfRange,
                pointer,
                format!("a number of at most {limit}"),
                found.clone(),
                format!("{found} is above the greatest allowed value {limit}"),
                None,
            ),
            ValidationErrorKind::MaxLength { limit } => {
                let code = if is_decimal(self.resolve(sub)) {
                    ErrorCode::MalformedDecimal
                } else {
                    ErrorCode::OutOfRange
                };
                push(
                    code,
                    pointer,
                    format!("at most {limit} characters"),
                    found,
                    format!("the text is longer than {limit} characters"),
                    None,
                );
            }
            ValidationErrorKind::MaxItems { limit } => push(
                ErrorCode::OutOfRange,
                pointer,
                format!("at most {limit} items"),
                found.clone(),
                format!("{found}; at most {limit} are allowed"),
                None,
            ),
            ValidationErrorKind::AnyOf { context }
            | ValidationErrorKind::OneOfNotValid { context } => {
                self.map_branches(err, sub, context, out);
            }
            _ => push(
                ErrorCode::InvalidValue,
                pointer,
                self.describe(sub),
                found,
                err.to_string(),
                None,
            ),
        }
    }

    /// An `anyOf` / `oneOf` no branch of which accepts the value: report the errors of
    /// the branch that came closest, or say what the branches allow.
    fn map_branches(
        &self,
        err: &ValidationError<'_>,
        sub: &Value,
        context: &[Vec<ValidationError<'static>>],
        out: &mut Vec<JsonError>,
    ) {
        let pointer = err.instance_path().as_str();
        let found_value = err.instance().as_ref();
        // A branch "came close" if the value had its JSON type: an error deeper than
        // the value itself, or about its content (a pattern, a missing key); a branch
        // whose only complaint is the value's type, or that it is not the branch's
        // constant, is not a candidate.
        let closeness = |branch: &Vec<ValidationError<'static>>| -> (usize, usize) {
            let deep = branch
                .iter()
                .filter(|e| e.instance_path().as_str().len() > pointer.len())
                .count();
            let content = branch
                .iter()
                .filter(|e| {
                    e.instance_path().as_str().len() == pointer.len()
                        && !matches!(
                            e.kind(),
                            ValidationErrorKind::Type { .. }
                                | ValidationErrorKind::Constant { .. }
                                | ValidationErrorKind::Enum { .. }
                        )
                })
                .count();
            (deep, content)
        };
        let best = context
            .iter()
            .filter(|b| {
                let (deep, content) = closeness(b);
                deep.saturating_add(content) > 0
            })
            .max_by_key(|b| {
                let (deep, content) = closeness(b);
                (deep, usize::MAX.saturating_sub(content))
            });
        // An externally tagged enum (each branch: an object with one required key)
        // whose value names no branch: report the unknown keys with a suggestion.
        let branch_schemas: Vec<&Value> = ["anyOf", "oneOf"]
            .iter()
            .find_map(|k| sub.get(*k).and_then(Value::as_array))
            .map(|bs| bs.iter().map(|b| self.resolve(b)).collect())
            .unwrap_or_default();
        let tags: Vec<&str> = branch_schemas
            .iter()
            .filter_map(|b| match b.get("required").and_then(Value::as_array) {
                Some(r)
                    if r.len() == 1 && b.get("type").and_then(Value::as_str) == Some("object") =>
                {
                    r.first().and_then(Value::as_str)
                }
                _ => None,
            })
            .collect();
        let names_a_tag = found_value
            .as_object()
            .is_some_and(|m| m.keys().any(|k| tags.contains(&k.as_str())));
        match best {
            Some(branch) if names_a_tag || tags.len() != branch_schemas.len() => {
                for e in branch {
                    self.map(e, out);
                }
            }
            _ if !tags.is_empty()
                && tags.len() == branch_schemas.len()
                && found_value.is_object() =>
            {
                let keys: Vec<&String> = found_value
                    .as_object()
                    .map(|m| m.keys().collect())
                    .unwrap_or_default();
                let expected = format!(
                    "an object with exactly one of the keys {}",
                    tags.iter()
                        .map(|t| format!("`{t}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                if keys.is_empty() {
                    out.push(JsonError {
                        code: ErrorCode::MissingField,
                        pointer: pointer.to_owned(),
                        expected: expected.clone(),
                        found: "an empty object".into(),
                        message: "the object must name one of its kinds".into(),
                        suggestion: None,
                        line: None,
                        column: None,
                        cell: None,
                    });
                }
                for key in keys.into_iter().filter(|k| !tags.contains(&k.as_str())) {
                    let suggestion = crate::suggest::closest(key, tags.iter().copied());
                    let hint = did_you_mean(suggestion.as_deref());
                    out.push(JsonError {
                        code: ErrorCode::UnknownField,
                        pointer: format!("{pointer}/{}", escape(key)),
                        expected: expected.clone(),
                        found: format!("`{key}`"),
                        message: format!("unknown kind `{key}`{hint}"),
                        suggestion,
                        line: None,
                        column: None,
                        cell: None,
                    });
                }
            }
            _ => {
                let expected = self.describe(sub);
                let found = describe_found(found_value);
                if let Some(values) = allowed_values(self.resolve(sub)) {
                    let mut push = |code, pointer, expected, found, message, suggestion| {
                        out.push(JsonError {
                            code,
                            pointer,
                            expected,
                            found,
                            message,
                            suggestion,
                            line: None,
                            column: None,
                            cell: None,
                        });
                    };
                    push_unknown_value(
                        &mut push,
                        pointer.to_owned(),
                        found_value,
                        &values,
                        expected,
                    );
                } else {
                    let code = if found_value.is_number() && expected.contains("decimal string") {
                        ErrorCode::DecimalAsNumber
                    } else {
                        ErrorCode::WrongType
                    };
                    out.push(JsonError {
                        code,
                        pointer: pointer.to_owned(),
                        message: type_message(code, &expected, &found),
                        expected,
                        found,
                        suggestion: None,
                        line: None,
                        column: None,
                        cell: None,
                    });
                }
            }
        }
    }
}

type Push<'a> = dyn FnMut(ErrorCode, String, String, String, String, Option<String>) + 'a;

fn push_unknown_value(
    push: &mut Push<'_>,
    pointer: String,
    found_value: &Value,
    values: &[String],
    expected: String,
) {
    let found = describe_found(found_value);
    match found_value.as_str() {
        Some(text) => {
            let suggestion = crate::suggest::closest(text, values.iter().map(String::as_str));
            let hint = did_you_mean(suggestion.as_deref());
            push(
                ErrorCode::UnknownValue,
                pointer,
                expected,
                found,
                format!("`{text}` is not an allowed value{hint}"),
                suggestion,
            );
        }
        None => push(
            ErrorCode::WrongType,
            pointer,
            expected.clone(),
            found.clone(),
            format!("expected {expected}, found {found}"),
            None,
        ),
    }
}

/// The sentence for a value of the wrong JSON type.
fn type_message(code: ErrorCode, expected: &str, found: &str) -> String {
    if code == ErrorCode::DecimalAsNumber {
        format!("{found} is a JSON number; exact decimals are written as strings, e.g. \"{found}\"")
    } else {
        format!("expected {expected}, found {found}")
    }
}

/// The values an enumeration allows: `enum`, `const`, or `oneOf` of `const`s.
fn allowed_values(sub: &Value) -> Option<Vec<String>> {
    let text = |v: &Value| {
        v.as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| v.to_string())
    };
    if let Some(values) = sub.get("enum").and_then(Value::as_array) {
        return Some(values.iter().map(text).collect());
    }
    if let Some(v) = sub.get("const") {
        return Some(vec![text(v)]);
    }
    let branches = sub
        .get("oneOf")
        .or_else(|| sub.get("anyOf"))
        .and_then(Value::as_array)?;
    let mut out = Vec::new();
    for b in branches {
        match (b.get("const"), b.get("enum").and_then(Value::as_array)) {
            (Some(v), _) => out.push(text(v)),
            (None, Some(vs)) => out.extend(vs.iter().map(text)),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether a schema is an exact decimal string (a pattern of digits).
fn is_decimal(sub: &Value) -> bool {
    sub.get("type").and_then(Value::as_str) == Some("string")
        && sub.get("pattern").and_then(Value::as_str).is_some_and(|p| {
            p.starts_with("^[0-9]+") || p.starts_with("^-?[0-9]+") || p.starts_with("^0*[0-9]")
        })
}

/// The decimal places a decimal pattern allows (`{1,2}` → 2).
fn decimal_places(sub: &Value) -> Option<u32> {
    let p = sub.get("pattern").and_then(Value::as_str)?;
    let start = p.find("\\.[0-9]{1,")?.checked_add(10)?;
    let end = p.get(start..)?.find('}')?.checked_add(start)?;
    p.get(start..end)?.parse().ok()
}

/// Why a string is not an allowed decimal: negative, too many places, or not a decimal.
pub(super) fn classify_decimal(text: &str, max_places: Option<u32>) -> (ErrorCode, String) {
    let plain = |s: &str| {
        let mut parts = s.splitn(2, '.');
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        parts.next().is_some_and(digits) && parts.next().is_none_or(digits)
    };
    if let Some(rest) = text.strip_prefix('-')
        && plain(rest)
    {
        return (
            ErrorCode::NegativeNumber,
            format!("`{text}` is negative; this quantity cannot be negative"),
        );
    }
    if plain(text) {
        let places = text.split_once('.').map_or(0, |(_, f)| f.len());
        if let Some(max) = max_places
            && places > max as usize
        {
            return (
                ErrorCode::TooManyPlaces,
                format!("`{text}` has {places} decimal places; at most {max} are allowed"),
            );
        }
        // A plain decimal with the places allowed that the pattern still refuses has
        // too many digits before the point: it is above the quantity's bound.
        return (
            ErrorCode::OutOfRange,
            format!("`{text}` is above the largest value this quantity allows"),
        );
    }
    (
        ErrorCode::MalformedDecimal,
        format!("`{text}` is not a decimal number written as a string such as \"12.50\""),
    )
}
