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
//!    below), through [`Evidence::check`] and scoring, again collecting every problem.
//!
//! Rules a JSON Schema cannot express, checked by the engine only (each is tested on
//! the engine side with a fixture in `tests/fixtures/invalid/`):
//! - dates in order: signing not before the award notice, term end not before the
//!   project start, project year not before the project, the evaluation not before
//!   the project year, a worker's entry after birth and not after the evaluation,
//!   training and supervision not after the evaluation, handover not before
//!   departure, a renewal's end not before its start (`contradictory_dates`);
//! - money: paid not above the price (`overpaid`), the mid-term tranche not above the
//!   price (`tranche_exceeds_price`);
//! - references: roster ids unique (`duplicate_worker`), training and supervision
//!   naming a worker on the roster (`unknown_worker`);
//! - counts: positive answers not above respondents (`impossible_count`), a planned
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
//! let ok = evaluate_json(include_str!("../examples/data/station.json"), &eval);
//! assert!(matches!(ok, Envelope::Ok { .. }));
//!
//! let bad = include_str!("../examples/data/station.json").replace("\"training\"", "\"trainin\"");
//! let Envelope::Error { errors } = evaluate_json(&bad, &eval) else { panic!() };
//! assert_eq!(errors[0].code, ErrorCode::UnknownField);
//! assert_eq!(errors[0].pointer, "/trainin");
//! assert_eq!(errors[0].suggestion.as_deref(), Some("training"));
//! ```

use std::fmt;
use std::str::FromStr;

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::{CalendarError, CalendarFile, WorkCalendar};
use crate::decision::{
    Decision, DecisionError, Evaluator, ProjectYear, Warning, YearDecision, evaluate, evaluate_year,
};
use crate::evidence::{EvaluationKind, Evidence, EvidenceIssue};
use crate::policy::{Policy, PolicyError, PolicySet};
use crate::standard::{CompiledStandard, Node, Standard, StandardError};

/// The largest input read: 8 MiB (a station's evidence is about 10 KiB).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

/// The deepest nesting of arrays and objects read (the deepest contract type nests
/// about 14 levels).
pub const MAX_DEPTH: usize = 64;

/// The most errors listed for one input; past it, a last `too_many_errors` entry says
/// the list was cut (so a hostile file cannot make the error list itself huge).
pub const MAX_ERRORS: usize = 200;

macro_rules! codes {
    ($( $(#[$doc:meta])* $v:ident => $s:literal, $expected:literal; )*) => {
        /// A stable error code: part of the contract, listed in the schemas. 错误代码。
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum ErrorCode {
            $( $(#[$doc])* #[serde(rename = $s)] $v, )*
        }

        impl ErrorCode {
            /// Every code, in the documented order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$v),*];

            /// The code as written in JSON, e.g. `unknown_field`.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$v => $s),* }
            }

            /// What is expected, in general, where this code is raised.
            pub fn expected(self) -> &'static str {
                match self { $(ErrorCode::$v => $expected),* }
            }
        }
    };
}

codes! {
    /// The input is larger than 8 MiB. 输入超过 8 MiB。
    InputTooLarge => "input_too_large", "at most 8 MiB of JSON";
    /// Arrays and objects nest more than 64 levels deep. 嵌套超过 64 层。
    InputTooDeep => "input_too_deep", "at most 64 levels of nesting";
    /// The text is not JSON (line and column given). 不是合法的 JSON 文本。
    InvalidJson => "invalid_json", "JSON text";
    /// A value of the wrong JSON type (an object where a string is expected, …). 类型错误。
    WrongType => "wrong_type", "a value of another JSON type";
    /// A JSON number where an exact decimal string such as "12.50" is required. 精确小数须写成字符串，不能写成数字。
    DecimalAsNumber => "decimal_as_number", "a decimal written as a string, e.g. \"12.50\"";
    /// A required field is missing. 缺少必填字段。
    MissingField => "missing_field", "the field";
    /// A field the contract does not know; `suggestion` names the closest known one. 未知字段。
    UnknownField => "unknown_field", "a known field";
    /// The same field is given twice in one object. 字段重复。
    DuplicateField => "duplicate_field", "each field once";
    /// A value that is not one of the allowed names; `suggestion` names the closest. 取值不在允许范围内。
    UnknownValue => "unknown_value", "one of the allowed values";
    /// A string that is not a plain decimal number. 不是合法的小数字符串。
    MalformedDecimal => "malformed_decimal", "a plain decimal string, e.g. \"12.50\"";
    /// A decimal with more places than the quantity allows (money: 2). 小数位数过多。
    TooManyPlaces => "too_many_places", "no more decimal places than the quantity allows";
    /// A negative number where only zero or more makes sense. 不能为负数。
    NegativeNumber => "negative_number", "zero or more";
    /// A number, string or list outside its allowed range or length. 超出允许范围。
    OutOfRange => "out_of_range", "a value within the allowed range";
    /// A date that is not a real calendar date YYYY-MM-DD between 1900 and 2200. 日期格式错误或不存在。
    MalformedDate => "malformed_date", "a calendar date YYYY-MM-DD between 1900 and 2200";
    /// Any other value the contract refuses. 其他无效取值。
    InvalidValue => "invalid_value", "a valid value";
    /// Dates that contradict each other. 日期互相矛盾。
    ContradictoryDates => "contradictory_dates", "a date consistent with the related dates";
    /// More paid than the contract price (Art. 27). 已付金额超过合同金额。
    Overpaid => "overpaid", "at most the contract price";
    /// A mid-term tranche above the contract price. 中期款超过合同金额。
    TrancheExceedsPrice => "tranche_exceeds_price", "at most the contract price";
    /// A roster id used twice. 社工编号重复。
    DuplicateWorker => "duplicate_worker", "a roster id not used before";
    /// A training or supervision record naming a worker not on the roster. 记录所列社工不在名册中。
    UnknownWorker => "unknown_worker", "the id of a worker on the roster";
    /// A count that cannot be, such as more positive answers than respondents. 数量不可能成立。
    ImpossibleCount => "impossible_count", "at most the number of respondents";
    /// Nothing planned where a completion ratio is scored. 计划数为0，无法计算完成率。
    ZeroPlanned => "zero_planned", "a planned count above 0";
    /// A rate above 1. 比率大于1。
    RateAboveOne => "rate_above_one", "a rate of at most 1";
    /// A level the standard does not define. 标准未定义的等级。
    UnknownLevel => "unknown_level", "a level the standard defines";
    /// An indicator the loaded standard does not declare. 标准未声明的指标。
    UnknownIndicator => "unknown_indicator", "an indicator the loaded standard declares";
    /// An indicator value of the wrong form for its kind. 指标取值形式与类别不符。
    IndicatorKind => "indicator_kind", "a value of the form the indicator's kind takes";
    /// A mark outside its indicator's range. 评分超出范围。
    MarkOutOfRange => "mark_out_of_range", "a mark within the indicator's range";
    /// A mark not on its indicator's step. 评分不符合步长。
    MarkOffStep => "mark_off_step", "a mark on the indicator's step";
    /// Evaluations of different stations or project years in one project year. 项目年度内的评估不属于同一站点或年度。
    MixedProjectYears => "mixed_project_years", "the same station and project year as the first evaluation";
    /// Evaluations not in date order. 评估未按日期排列。
    OutOfOrder => "out_of_order", "evaluations in date order";
    /// More than one final evaluation in a project year. 一个项目年度有多次末期评估。
    TooManyFinals => "too_many_finals", "at most one final evaluation";
    /// A project year without evaluations. 项目年度没有评估。
    NoEvaluations => "no_evaluations", "at least one evaluation";
    /// No policy version is in force on the contract's signing date. 合同签订日无有效政策版本。
    NoPolicyInForce => "no_policy_in_force", "a signing date in a known policy version's period";
    /// The named policy version does not exist. 指定的政策版本不存在。
    UnknownPolicyVersion => "unknown_policy_version", "a known policy version";
    /// A standard too large (bytes, nodes or parts of a leaf). 标准规模过大。
    StandardTooLarge => "standard_too_large", "a standard within the size limits";
    /// A standard nested too deeply. 标准层级过深。
    StandardTooDeep => "standard_too_deep", "at most 6 levels of nodes";
    /// A node id empty or used twice. 指标编号为空或重复。
    BadNodeId => "bad_node_id", "a non-empty id used once";
    /// A node that is neither a group nor a leaf, or both. 指标须为分组或叶子之一。
    NodeShape => "node_shape", "either children or a rule";
    /// Children's maxima that do not add up to the parent's. 下级分值之和与上级不符。
    ChildrenSum => "children_sum", "children's maxima adding up to the parent's";
    /// Checklist items that do not add up to the leaf's max. 评分项分值之和与指标满分不符。
    ItemsSum => "items_sum", "items' points adding up to the leaf's max";
    /// A step, level or deduction out of order or range. 分档、等级或扣分项不合规。
    BadRule => "bad_rule", "steps, levels and deductions in order and in range";
    /// A fact not in the catalogue; `suggestion` names the closest. 未知事实名称。
    UnknownFact => "unknown_fact", "a fact of the catalogue";
    /// A fact of a kind the rule cannot read. 规则不能读取此类事实。
    FactKindMismatch => "fact_kind_mismatch", "a fact of the kind the rule reads";
    /// Grade bands that overlap, leave a gap or do not span 0 to the maximum. 等级分数段重叠、有缺口或未覆盖全范围。
    GradeBands => "grade_bands", "bands covering 0 to the maximum without gap or overlap";
    /// A declared indicator with a bad id, levels, range or step. 自定义指标声明有误。
    BadIndicator => "bad_indicator", "a namespaced id (`x.…`) used once, with the fields its kind takes and a step dividing its range";
    /// A leaf reads an `x.` indicator the standard does not declare. 读取了未声明的自定义指标。
    UndeclaredIndicator => "undeclared_indicator", "an indicator declared in the standard's `indicators`";
    /// A gate without a severity, or listed twice, in a policy version. 政策版本中硬性规则缺少或重复。
    GateSeverity => "gate_severity", "every gate listed exactly once";
    /// Policy versions that overlap, end before they start, share an id, or a set with none. 政策版本期间重叠或无效。
    PolicyPeriods => "policy_periods", "versions whose periods do not overlap";
    /// A policy parameter out of range. 政策参数超出范围。
    BadParameter => "bad_parameter", "a parameter consistent with the others";
    /// A calendar year key that is not a four-digit year. 日历年份键不是四位年份。
    BadYearKey => "bad_year_key", "a four-digit year between 1900 and 2200";
    /// A calendar day filed under a year it does not belong to. 日期不属于所列年份。
    DateOutsideYear => "date_outside_year", "a date within the year (or one day either side)";
    /// A day listed both as a day off and as a make-up workday. 同一日既是放假日又是调休上班日。
    DayOffAndWorkday => "day_off_and_workday", "a day listed once";
    /// A make-up workday that is not a Saturday or Sunday. 调休上班日不是周六或周日。
    MakeUpOnWeekday => "make_up_on_weekday", "a Saturday or Sunday";
    /// More than 200 errors: the first 200 are listed; fix them and check again. 错误过多，仅列出前200条。
    TooManyErrors => "too_many_errors", "at most 200 errors listed";
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ErrorCode {
    /// The code of an [`EvidenceIssue`] raised by the engine (`contradictory_dates`, …);
    /// `invalid_value` for a code this contract version does not list.
    ///
    /// ```
    /// use sws_eval::json::ErrorCode;
    /// assert_eq!(ErrorCode::from_issue("overpaid"), ErrorCode::Overpaid);
    /// ```
    pub fn from_issue(code: &str) -> ErrorCode {
        ErrorCode::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == code)
            .unwrap_or(ErrorCode::InvalidValue)
    }
}

/// One error in a JSON input, located by a JSON pointer. 输入错误。
///
/// ```
/// use sws_eval::json::{validate_json, InputKind, ErrorCode};
/// let errors = validate_json(InputKind::Calendar, r#"{"source": 7, "years": {}}"#);
/// assert_eq!(errors[0].code, ErrorCode::WrongType);
/// assert_eq!(errors[0].pointer, "/source");
/// assert_eq!(errors[0].found, "7");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct JsonError {
    /// A stable code. 错误代码。
    pub code: ErrorCode,
    /// JSON pointer (RFC 6901) to the offending value, or to where a missing field belongs; `""` is the whole document. 出错位置（JSON 指针）。
    pub pointer: String,
    /// What was expected there. 期望值。
    pub expected: String,
    /// What was found there (`nothing` for a missing field). 实际值。
    pub found: String,
    /// What is wrong, as a sentence. 说明。
    pub message: String,
    /// The closest known key or value, for a misspelt one. 最接近的已知名称。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// Line of the error in the text (1-based), for `invalid_json`. 行号。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// Column of the error in the text (1-based), for `invalid_json`. 列号。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {} [{}]", self.message, self.code)
    }
}

impl std::error::Error for JsonError {}

/// The outcome of a JSON entry point: the result and its warnings, or every error. 结果信封。
///
/// ```
/// use sws_eval::json::Envelope;
/// let e: Envelope<u32> = Envelope::Error { errors: vec![] };
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"status":"error","errors":[]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum Envelope<T> {
    /// Success. 成功。
    Ok {
        /// The result. 结果。
        result: T,
        /// Warnings: not errors, but to be read (the result's own warnings). 提示。
        warnings: Vec<Warning>,
    },
    /// Failure with every error found. 失败，列出全部错误。
    Error {
        /// Every error found, in the order found. 全部错误。
        errors: Vec<JsonError>,
    },
}

impl<T> Envelope<T> {
    /// The result, or the errors.
    pub fn into_result(self) -> Result<T, Vec<JsonError>> {
        match self {
            Envelope::Ok { result, .. } => Ok(result),
            Envelope::Error { errors } => Err(errors),
        }
    }

    /// The errors (empty on success).
    pub fn errors(&self) -> &[JsonError] {
        match self {
            Envelope::Ok { .. } => &[],
            Envelope::Error { errors } => errors,
        }
    }
}

/// The failure of any JSON entry point on its own: `{"status": "error", "errors": […]}`,
/// exactly as [`Envelope::Error`] is written. 错误信封。
///
/// ```
/// use sws_eval::json::ErrorEnvelope;
/// let e = ErrorEnvelope::Error { errors: vec![] };
/// assert_eq!(serde_json::to_string(&e).unwrap(), r#"{"status":"error","errors":[]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum ErrorEnvelope {
    /// Failure with every error found. 失败，列出全部错误。
    Error {
        /// Every error found. 全部错误。
        errors: Vec<JsonError>,
    },
}

impl From<Vec<JsonError>> for ErrorEnvelope {
    fn from(errors: Vec<JsonError>) -> Self {
        ErrorEnvelope::Error { errors }
    }
}

/// One line of a batch output (JSON Lines): an input line's envelope with its number. 批量输出行。
///
/// ```
/// use sws_eval::{decision::Evaluator, json::{evaluate_batch_line, BatchOutputLine}};
/// let out = evaluate_batch_line(7, "{}", &Evaluator::dongying());
/// let text = serde_json::to_string(&out).unwrap();
/// assert!(text.starts_with(r#"{"status":"error","line":7,"#));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum BatchOutputLine {
    /// The line was decided. 已作出决定。
    Ok {
        /// The input line's number, from 1. 输入行号（从1起）。
        line: u64,
        /// The decision. 决定。
        result: Box<Decision>,
        /// The decision's warnings. 提示。
        warnings: Vec<Warning>,
    },
    /// The line could not be decided. 无法作出决定。
    Error {
        /// The input line's number, from 1. 输入行号（从1起）。
        line: u64,
        /// Every error found in the line. 全部错误。
        errors: Vec<JsonError>,
    },
}

impl BatchOutputLine {
    /// Wraps an envelope with its input line number.
    pub fn new(line: u64, envelope: Envelope<Decision>) -> Self {
        match envelope {
            Envelope::Ok { result, warnings } => BatchOutputLine::Ok {
                line,
                result: Box::new(result),
                warnings,
            },
            Envelope::Error { errors } => BatchOutputLine::Error { line, errors },
        }
    }

    /// The input line number.
    pub fn line(&self) -> u64 {
        match self {
            BatchOutputLine::Ok { line, .. } | BatchOutputLine::Error { line, .. } => *line,
        }
    }
}

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

// ---------------------------------------------------------------------------------
// Entry points
// ---------------------------------------------------------------------------------

/// Evaluates one evidence document given as JSON text: the decision and its warnings,
/// or every structural and semantic error found.
///
/// ```
/// use sws_eval::{decision::Evaluator, json::{evaluate_json, ErrorCode}};
/// let text = include_str!("../examples/data/station.json").replace("\"240000.00\"", "\"340000.00\"");
/// let errors = evaluate_json(&text, &Evaluator::dongying()).errors().to_vec();
/// assert_eq!(errors[0].code, ErrorCode::Overpaid);
/// assert_eq!(errors[0].pointer, "/contract/paid");
/// assert_eq!(errors[0].found, "\"340000.00\"");
/// ```
pub fn evaluate_json(input: &str, evaluator: &Evaluator) -> Envelope<Decision> {
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
/// let text = include_str!("../data/standards/dongying-2022-reconstruction.json");
/// assert!(load_standard_json(text).is_ok());
/// let errors = load_standard_json(&text.replacen("\"100\"", "\"101\"", 1)).unwrap_err();
/// assert_eq!(errors[0].code, ErrorCode::ChildrenSum);
/// ```
pub fn load_standard_json(input: &str) -> Result<CompiledStandard, Vec<JsonError>> {
    let standard: Standard = parse(InputKind::Standard, input)?;
    let copy = standard.clone();
    standard
        .compile()
        .map_err(|e| vec![standard_error(input, &copy, e)])
}

/// Reads and checks a set of policy versions given as JSON text.
pub fn load_policy_json(input: &str) -> Result<PolicySet, Vec<JsonError>> {
    let set: PolicySet = parse(InputKind::Policy, input)?;
    match set.check() {
        Ok(()) => Ok(set),
        Err(e) => Err(vec![policy_error(input, &set, e)]),
    }
}

/// Reads and checks a work calendar given as JSON text.
pub fn load_calendar_json(input: &str) -> Result<WorkCalendar, Vec<JsonError>> {
    let file: CalendarFile = parse(InputKind::Calendar, input)?;
    WorkCalendar::from_file(&file).map_err(|e| vec![calendar_error(input, &file, e)])
}

/// Every error in an input of the given kind, structural and semantic, with the
/// built-in standard, policy and calendar (for `sws-eval validate`). Empty when valid.
///
/// ```
/// use sws_eval::json::{validate_json, InputKind};
/// assert!(validate_json(InputKind::Evidence, include_str!("../examples/data/station.json")).is_empty());
/// assert!(!validate_json(InputKind::Evidence, "[]").is_empty());
/// ```
pub fn validate_json(kind: InputKind, input: &str) -> Vec<JsonError> {
    validate_json_with(kind, input, &Evaluator::dongying())
}

/// As [`validate_json`], with the evaluator's standard (for levels and ratios) and
/// calendar. Whether a policy version is in force is not a question of validity: the
/// evidence is checked under the governing version if there is one, else the first.
pub fn validate_json_with(kind: InputKind, input: &str, evaluator: &Evaluator) -> Vec<JsonError> {
    let any_policy = |signed_on| {
        evaluator
            .policies
            .governing(signed_on, evaluator.policy_version.as_deref())
            .ok()
            .or_else(|| evaluator.policies.versions.first())
    };
    match kind {
        InputKind::Evidence => {
            let ev: Evidence = match parse(kind, input) {
                Ok(ev) => ev,
                Err(errors) => return errors,
            };
            let Some(policy) = any_policy(ev.contract.signed_on) else {
                return Vec::new();
            };
            match evaluate(&evaluator.standard, policy, &evaluator.calendar, &ev) {
                Ok(_) => Vec::new(),
                Err(e) => decision_errors(input, e, Some(&ev), None),
            }
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
            let Some(policy) = policy else {
                return Vec::new();
            };
            let result = if year.evaluations.is_empty() {
                Err(DecisionError::Year("no evaluations".into()))
            } else {
                evaluate_year(&evaluator.standard, policy, &evaluator.calendar, &year)
            };
            match result {
                Ok(_) => Vec::new(),
                Err(e) => decision_errors(input, e, None, Some(&year)),
            }
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
    if input.len() > MAX_INPUT_BYTES {
        return Err(vec![too_large(input.len())]);
    }
    match serde_json::from_str::<T>(input) {
        Ok(value) => Ok(value),
        Err(_) => Err(structural_errors::<T>(kind, input)),
    }
}

// ---------------------------------------------------------------------------------
// Structural errors
// ---------------------------------------------------------------------------------

/// Cuts a list longer than [`MAX_ERRORS`], saying so in a last entry.
fn capped(mut errors: Vec<JsonError>) -> Vec<JsonError> {
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
        });
    }
    errors
}

fn too_large(len: usize) -> JsonError {
    JsonError {
        code: ErrorCode::InputTooLarge,
        pointer: String::new(),
        expected: ErrorCode::InputTooLarge.expected().into(),
        found: format!("{len} bytes"),
        message: format!("the input is {len} bytes; at most {MAX_INPUT_BYTES} bytes are read"),
        suggestion: None,
        line: None,
        column: None,
    }
}

/// The depth of the deepest array or object, scanning bytes without allocating;
/// stops at the first place deeper than `limit` and returns its line and column.
fn depth_exceeds(input: &str, limit: usize) -> Option<(u64, u64)> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let (mut line, mut col) = (1u64, 0u64);
    for b in input.bytes() {
        col += 1;
        if b == b'\n' {
            line += 1;
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
                depth += 1;
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
fn structural_errors<T: DeserializeOwned>(kind: InputKind, input: &str) -> Vec<JsonError> {
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
            }];
        }
    };
    let mut errors = match crate::schema::schema(kind.as_str()) {
        Some(schema) => schema_errors(&schema, &value),
        None => Vec::new(),
    };
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

/// Validates a parsed input against its schema and maps every failure.
fn schema_errors(schema: &Value, value: &Value) -> Vec<JsonError> {
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

/// Looks a JSON pointer up in the schema (the schema's own pointers are unescaped
/// `$defs/Name/properties/x`).
fn schema_at<'a>(schema: &'a Value, pointer: &str) -> Option<&'a Value> {
    schema.pointer(pointer)
}

/// The parent of a keyword location: `/$defs/Money/pattern` → `/$defs/Money`.
fn parent_of(pointer: &str) -> &str {
    pointer
        .rfind('/')
        .and_then(|i| pointer.get(..i))
        .unwrap_or("")
}

/// Escapes one JSON pointer segment (RFC 6901).
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
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
                Some(p) => match schema_at(self.schema, p) {
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
        schema_at(self.schema, parent_of(path)).unwrap_or(&Value::Null)
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
                    let hint = suggestion
                        .as_ref()
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
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
                let negative =
                    found_value.as_f64().is_some_and(|n| n < 0.0) && limit.as_u64() == Some(0);
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
                deep + content > 0
            })
            .max_by_key(|b| {
                let (deep, content) = closeness(b);
                (deep, usize::MAX - content)
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
                    });
                }
                for key in keys.into_iter().filter(|k| !tags.contains(&k.as_str())) {
                    let suggestion = crate::suggest::closest(key, tags.iter().copied());
                    let hint = suggestion
                        .as_ref()
                        .map(|s| format!("; did you mean `{s}`?"))
                        .unwrap_or_default();
                    out.push(JsonError {
                        code: ErrorCode::UnknownField,
                        pointer: format!("{pointer}/{}", escape(key)),
                        expected: expected.clone(),
                        found: format!("`{key}`"),
                        message: format!("unknown kind `{key}`{hint}"),
                        suggestion,
                        line: None,
                        column: None,
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
            let hint = suggestion
                .as_ref()
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
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
        && sub
            .get("pattern")
            .and_then(Value::as_str)
            .is_some_and(|p| p.starts_with("^[0-9]+") || p.starts_with("^-?[0-9]+"))
}

/// The decimal places a decimal pattern allows (`{1,2}` → 2).
fn decimal_places(sub: &Value) -> Option<u32> {
    let p = sub.get("pattern").and_then(Value::as_str)?;
    let start = p.find("{1,")? + 3;
    let end = p.get(start..)?.find('}')? + start;
    p.get(start..end)?.parse().ok()
}

/// Why a string is not an allowed decimal: negative, too many places, or not a decimal.
fn classify_decimal(text: &str, max_places: Option<u32>) -> (ErrorCode, String) {
    let plain = |s: &str| {
        let mut parts = s.splitn(2, '.');
        let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        parts.next().is_some_and(digits) && parts.next().is_none_or(digits)
    };
    if let Some(rest) = text.strip_prefix('-') {
        if plain(rest) {
            return (
                ErrorCode::NegativeNumber,
                format!("`{text}` is negative; this quantity cannot be negative"),
            );
        }
    }
    if plain(text) {
        let places = text.split_once('.').map_or(0, |(_, f)| f.len());
        if let Some(max) = max_places {
            if places > max as usize {
                return (
                    ErrorCode::TooManyPlaces,
                    format!("`{text}` has {places} decimal places; at most {max} are allowed"),
                );
            }
        }
    }
    (
        ErrorCode::MalformedDecimal,
        format!("`{text}` is not a decimal number written as a string such as \"12.50\""),
    )
}

/// A short account of a found value: scalars as JSON, containers by their shape.
fn describe_found(value: &Value) -> String {
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

/// The found value at a pointer of the input, described; `nothing` if absent.
fn found_at(value: Option<&Value>, pointer: &str) -> String {
    value
        .and_then(|v| v.pointer(pointer))
        .map(describe_found)
        .unwrap_or_else(|| "nothing".into())
}

/// Maps serde's first error (with its path) to a located error.
fn serde_error(value: &Value, e: serde_path_to_error::Error<serde_json::Error>) -> JsonError {
    let mut pointer = String::new();
    for seg in e.path().iter() {
        match seg {
            serde_path_to_error::Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            serde_path_to_error::Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&escape(key));
            }
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
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
    } else if message.contains("decimal places") {
        (ErrorCode::TooManyPlaces, None)
    } else if message.contains("is not a decimal number") {
        (ErrorCode::MalformedDecimal, None)
    } else if message.contains("as a decimal string") {
        (ErrorCode::DecimalAsNumber, None)
    } else if message.starts_with("invalid type") {
        (ErrorCode::WrongType, None)
    } else if message.starts_with("invalid value") {
        (ErrorCode::OutOfRange, None)
    } else {
        (ErrorCode::InvalidValue, None)
    };
    if let Some(f) = field.filter(|f| !f.is_empty()) {
        pointer.push('/');
        pointer.push_str(&escape(&f));
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
    }
}

// ---------------------------------------------------------------------------------
// Semantic errors
// ---------------------------------------------------------------------------------

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
fn decision_errors(
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
    };
    let signed_on_pointer = if year.is_some() {
        "/evaluations/0/contract/signed_on"
    } else {
        "/contract/signed_on"
    };
    match e {
        DecisionError::Evidence(issues) => {
            let errors: Vec<JsonError> = issues
                .into_iter()
                .map(|issue| {
                    let roster: Vec<&str> = match (evidence, year) {
                        (Some(ev), _) => roster_of(ev),
                        (None, Some(y)) => issue
                            .pointer
                            .strip_prefix("/evaluations/")
                            .and_then(|r| r.split('/').next())
                            .and_then(|i| i.parse::<usize>().ok())
                            .and_then(|i| y.evaluations.get(i))
                            .map(roster_of)
                            .unwrap_or_default(),
                        _ => Vec::new(),
                    };
                    issue_error(value, issue, &roster)
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
                *seen += 1;
            }
            if let Some(p) = walk(&n.children, &format!("{here}/children"), id, seen, want) {
                return Some(p);
            }
        }
        None
    }
    walk(&standard.dimensions, "/dimensions", id, &mut 0, occurrence)
}

fn standard_error(input: &str, standard: &Standard, e: StandardError) -> JsonError {
    let value: Option<Value> = serde_json::from_str(input).ok();
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
    }
}

fn policy_error(input: &str, set: &PolicySet, e: PolicyError) -> JsonError {
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
    }
}

fn calendar_error(input: &str, file: &CalendarFile, e: CalendarError) -> JsonError {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STATION: &str = include_str!("../examples/data/station.json");

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
            "duplicate_worker",
            "unknown_worker",
            "impossible_count",
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
