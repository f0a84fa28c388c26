//! The shapes every JSON entry point answers with: the stable [`ErrorCode`]s, one
//! located [`JsonError`], the [`Envelope`] of a result, the [`ErrorEnvelope`] on its own
//! and a [`BatchOutputLine`]. A leaf: [`crate::schema`] generates the contract from
//! these types without reaching into the entry points.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::decision::{Decision, Warning};

macro_rules! codes {
    ($( $(#[$doc:meta])* $v:ident => $s:literal, $expected:literal; )*) => {
        /// A stable error code: part of the contract, listed in the schemas. 错误代码。
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
        #[non_exhaustive]
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
    /// The text is not JSON (line and column given), or not UTF-8. 不是合法的 JSON 文本。
    InvalidJson => "invalid_json", "JSON text";
    /// A file that cannot be read (missing, a folder, no permission); command line only. 文件无法读取。
    UnreadableFile => "unreadable_file", "a readable file";
    /// A command-line argument that is wrong or missing (exit code 2); command line only. 命令行参数错误。
    BadArgument => "bad_argument", "valid command-line arguments";
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
    /// A mid-term tranche that would pay all that remains, leaving nothing for the final evaluation to decide. 中期款不少于余款，末期无款可决。
    TrancheLeavesNothing => "tranche_leaves_nothing", "a mid-term tranche below the remaining payment (price − paid)";
    /// A roster id used twice. 社工编号重复。
    DuplicateWorker => "duplicate_worker", "a roster id not used before";
    /// A training or supervision record naming a worker not on the roster. 记录所列社工不在名册中。
    UnknownWorker => "unknown_worker", "the id of a worker on the roster";
    /// A count below the items listed beside it (fewer reports counted as filed than
    /// filings listed). 数量少于所列明细。
    ContradictoryCounts => "contradictory_counts", "a count at least the number of items listed";
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
    /// Marks by evaluator for an indicator the standard gives no panel. 标准未声明评分小组。
    PanelNotDeclared => "panel_not_declared", "one value (the standard declares no panel for this indicator)";
    /// One value for an indicator given by a panel. 该指标须按评估员分别评分。
    PanelRequired => "panel_required", "marks by evaluator or source: {\"by\": {\"name\": \"8.5\"}}";
    /// A panel that lists no evaluator. 评分小组为空。
    PanelEmpty => "panel_empty", "at least one evaluator's mark";
    /// A panel with more evaluators than allowed. 评估员过多。
    PanelTooLarge => "panel_too_large", "at most 100 evaluators";
    /// Too few marks for a trimmed mean. 去掉最高最低分需至少3个评分。
    PanelTooSmall => "panel_too_small", "at least 3 marks for a trimmed mean";
    /// A source the indicator's `prefer` list does not name. 来源不在优先顺序中。
    UnknownSource => "unknown_source", "a source the indicator's `prefer` list names";
    /// A node id the loaded standard does not have. 标准中没有该指标。
    UnknownNode => "unknown_node", "a node id of the loaded standard";
    /// Not-applicable items declared where the standard does not allow them. 标准不允许不适用项。
    NotApplicableRefused => "not_applicable_refused", "no not-applicable items (the standard does not allow them)";
    /// Every base leaf declared not applicable: nothing to rescale. 全部指标均不适用，无法折算。
    AllNotApplicable => "all_not_applicable", "at least one applicable leaf in the base dimensions";
    /// The evaluation date lies outside the standard's effective period (strict mode). 评估日期不在标准适用期内。
    StandardNotInEffect => "standard_not_in_effect", "an evaluation date within the standard's effective period";
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
    /// A workbook without one of the template's sheets; `suggestion` names the closest sheet it has. 工作簿缺少工作表。
    MissingSheet => "missing_sheet", "every sheet of the template";
    /// A workbook cell holding a formula: evidence is typed, not computed. 单元格含公式。
    FormulaCell => "formula_cell", "a value typed into the cell, not a formula";
    /// Merged workbook cells. 合并单元格。
    MergedCells => "merged_cells", "one value per cell, no merged cells";
    /// More than 200 errors: the first 200 are listed; fix them and check again. 错误过多，仅列出前200条。
    TooManyErrors => "too_many_errors", "at most 200 errors listed";
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ErrorCode {
    /// The code of an [`EvidenceIssue`](crate::evidence::EvidenceIssue) raised by the engine (`contradictory_dates`, …);
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
    /// The workbook cell the value was read from, as `Roster!C7` (sheet and cell;
    /// a sheet name with spaces is quoted, `'My sheet'!C7`), when the input was a
    /// workbook or CSV folder. 工作簿单元格位置（工作表!单元格）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
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
