//! The evaluation standard: a weighted scoring tree, as data.
//!
//! Annex 2 of the measure (《东营市乡镇（街道）社会工作服务站项目评估标准》) is the
//! table a third party scores a station project against. A [`Standard`] is that table as
//! JSON: dimensions → indicators → leaves, each node with a stable id, zh/en titles,
//! its maximum points and the articles it rests on; each leaf with one of six scoring
//! rules (docs/default-standard.md §1). A county that has the official table loads it as a file;
//! nothing is compiled in but the default.
//!
//! A standard is checked and compiled once ([`Standard::compile`]) into a
//! [`CompiledStandard`], a flat form that scores many evaluations quickly.
//!
//! ```
//! use sws_eval::standard::{CompiledStandard, Provenance};
//! let std = CompiledStandard::dongying_2022();
//! assert_eq!(std.standard().max_points.to_string(), "100");
//! assert_eq!(std.standard().provenance.kind, Provenance::Reconstruction);
//! let dims: Vec<_> = std.standard().dimensions.iter().map(|d| d.max.to_string()).collect();
//! assert_eq!(dims, ["25", "15", "40", "12", "8"]);
//! ```

mod compile;
mod error;
pub(crate) mod form;
pub(crate) mod panel;

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub(crate) use compile::{CCond, CIndicator, CRule, Src, hex as hex_digest};
pub use compile::{CompiledStandard, MAX_STANDARD_BYTES};
pub use error::StandardError;

use crate::date::Date;
pub use crate::evidence::Text;
use crate::num::{Points, Threshold};

/// The content hash of the built-in reconstruction: decisions made with exactly this
/// standard carry the warning `reconstructed_standard` (checked by a test).
pub(crate) const BUILTIN_HASH: &str =
    "fc0dd9dcc1809037eb2f6b6953e813e1fc9d0123ea7c451a3909708586354274";

/// The built-in default standard (docs/default-standard.md §2–§3), a reconstruction.
pub(crate) const DONGYING_2022_JSON: &str =
    include_str!("../../data/standards/dongying-2022-reconstruction.json");

/// An evaluation standard. 评估标准。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Evaluation standard 评估标准")]
pub struct Standard {
    /// A stable id, e.g. `dongying-2022-reconstruction`. 标准编号。
    pub id: String,
    /// Its version. 版本。
    pub version: String,
    /// Its title. 标题。
    pub title: Text,
    /// Where it comes from. 来源。
    pub provenance: ProvenanceInfo,
    /// When it applies. 适用期间。
    pub effective: Effective,
    /// The total of the base dimensions (100 for the default; bonus dimensions are not
    /// part of it). 满分（不含加分项）。
    pub max_points: Points,
    /// The most the total can be, bonus included (e.g. 150 for 130 base + 20 bonus). 总分上限。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_cap: Option<Points>,
    /// Whether evidence may declare leaves not applicable, and what then happens to their
    /// points (absent: it may not). 不适用指标的处理。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_applicable: Option<NotApplicableMode>,
    /// Deductions from the total after the tree (扣分项), never below 0. 扣分项。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deductions: Vec<TotalDeduction>,
    /// One-vote vetoes (一票否决): conditions that fail the verdict, zero the total or
    /// force a band. 一票否决项。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<Veto>,
    /// Grade bands, from the lowest up; together they cover 0..=max without gap or overlap. 等级划分。
    pub grades: Vec<GradeBand>,
    /// The dimensions (first level of the tree). 一级指标。
    pub dimensions: Vec<Node>,
    /// Indicators the standard declares beside the built-in facts; leaves read them by
    /// id and evidence gives them in its `indicators` section. 自定义指标。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indicators: Vec<Indicator>,
}

/// An indicator a standard declares: something its leaves read that is not a built-in
/// fact (party building, complaints, a mark an evaluator writes on the sheet). Its id
/// starts with `x.` so that it can never clash with a built-in fact. 自定义指标。
///
/// ```
/// use sws_eval::standard::{Indicator, IndicatorKind};
/// let i: Indicator = serde_json::from_str(r#"{"id": "x.party_building", "kind": "mark",
///     "title": {"zh": "党建", "en": "Party building"}, "min": "0", "max": "10", "step": "0.5"}"#).unwrap();
/// assert_eq!(i.kind, IndicatorKind::Mark);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Id, `x.` followed by lowercase words joined by `_` or `.`, e.g. `x.party_building`. 编号。
    pub id: String,
    /// Title. 名称。
    pub title: Text,
    /// What kind of value it has. 类别。
    pub kind: IndicatorKind,
    /// Unit, e.g. `次` or `hours`. 单位。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Articles or clauses it rests on. 依据条款。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
    /// The level names (kind `level` only), e.g. `["A", "B", "C", "D"]`. 等级列表。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub levels: Vec<String>,
    /// Least mark (kind `mark` only; default 0). 最低分。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Points>,
    /// Greatest mark (kind `mark`, required). 最高分。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Points>,
    /// Marks go in steps of this from `min` (kind `mark`; absent: any mark with at most two decimals). 步长。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Points>,
    /// Given once per evaluator or per source (kinds `mark` and `level`): how the marks
    /// combine into the one value every rule reads. 多名评估员或多来源评分及其合成方式。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panel: Option<Panel>,
    /// Whether it is an assumption of the standard's author. 是否为假设。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
    /// A note. 备注。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A panel: the indicator is given once per evaluator (an expert panel) or per source
/// (self-evaluation, third-party spot check, purchaser, supervisor), in the evidence as
/// `{"by": {"张三": "8.5", "李四": "9"}}`, and combined into one value. 评分小组。
///
/// ```
/// use sws_eval::standard::{Combine, Panel};
/// let p: Panel = serde_json::from_str(r#"{"combine": "trimmed_mean", "spread_limit": "2"}"#).unwrap();
/// assert_eq!(p.combine, Combine::TrimmedMean);
/// let q: Panel = serde_json::from_str(r#"{"combine": {"prefer": ["third_party", "self"]}}"#).unwrap();
/// assert_eq!(q.combine.name(), "prefer");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Panel {
    /// How the marks combine. 合成方式。
    pub combine: Combine,
    /// A spread (highest − lowest mark) above this gives the warning `panel_spread`
    /// (numeric combinations only). 评分极差上限（超过则提示）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spread_limit: Option<Points>,
}

/// How a panel's marks combine. Arithmetic is exact (`rust_decimal`; a mean is exact to
/// 28 significant digits); nothing is rounded before the total. 合成方式。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Combine {
    /// The mean of all marks. 算术平均。
    Mean,
    /// The middle mark; of an even number, the mean of the middle two. 中位数。
    Median,
    /// The mean after dropping one highest and one lowest mark (needs at least 3 marks;
    /// fewer are refused with `panel_too_small`). 去掉一个最高分和一个最低分后平均。
    TrimmedMean,
    /// The lowest mark. 最低分。
    Minimum,
    /// The first of these sources (or evaluators) that gave a value; the evidence may
    /// name no other (also for `level` indicators). 按来源优先顺序取值。
    Prefer(Vec<String>),
}

impl Combine {
    /// The combination's name (`mean`, `median`, `trimmed_mean`, `minimum`, `prefer`).
    ///
    /// ```
    /// assert_eq!(sws_eval::standard::Combine::Median.name(), "median");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Combine::Mean => "mean",
            Combine::Median => "median",
            Combine::TrimmedMean => "trimmed_mean",
            Combine::Minimum => "minimum",
            Combine::Prefer(_) => "prefer",
        }
    }
}

/// The kind of a declared indicator. 自定义指标类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// Yes or no (`true`). 是/否。
    Flag,
    /// A whole number (`3`). 计数。
    Count,
    /// Money in yuan (`"1200.50"`). 金额。
    Amount,
    /// Hours (`"12.5"`). 小时数。
    Hours,
    /// Numerator and denominator (`{"numerator": "45", "denominator": "50"}`). 分子/分母。
    Pair,
    /// One of the indicator's own `levels` (`"B"`). 等级。
    Level,
    /// A score an evaluator writes directly, within `min`..`max` in `step`s (`"8.5"`). 评分。
    Mark,
}

impl IndicatorKind {
    /// The kind's name (`flag`, `count`, …).
    ///
    /// ```
    /// assert_eq!(sws_eval::standard::IndicatorKind::Mark.name(), "mark");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            IndicatorKind::Flag => "flag",
            IndicatorKind::Count => "count",
            IndicatorKind::Amount => "amount",
            IndicatorKind::Hours => "hours",
            IndicatorKind::Pair => "pair",
            IndicatorKind::Level => "level",
            IndicatorKind::Mark => "mark",
        }
    }

    /// The fact kind a rule sees: a flag, a number (count, amount, hours, mark), a pair or a level.
    pub fn fact_kind(self) -> crate::facts::FactKind {
        use crate::facts::FactKind;
        match self {
            IndicatorKind::Flag => FactKind::Flag,
            IndicatorKind::Count
            | IndicatorKind::Amount
            | IndicatorKind::Hours
            | IndicatorKind::Mark => FactKind::Number,
            IndicatorKind::Pair => FactKind::Pair,
            IndicatorKind::Level => FactKind::Level,
        }
    }
}

/// Official table or reconstruction. 来源类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// The purchaser's official table. 官方标准。
    Official,
    /// Reconstructed: some numbers are assumptions (marked `assumed`). 重构标准（部分数值为假设）。
    Reconstruction,
}

/// Provenance with a note. 来源说明。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceInfo {
    /// Official or reconstruction. 类别。
    pub kind: Provenance,
    /// What it was made from and what is assumed. 说明。
    pub note: String,
}

/// When a standard applies. 适用期间。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Effective {
    /// First day. 起始日期。
    pub from: Date,
    /// Last day, if it has one. 截止日期。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
}

/// A grade (等次), lowest first, so that `Grade::Qualified <= grade` reads "passes on score".
///
/// ```
/// use sws_eval::standard::Grade;
/// assert!(Grade::Good > Grade::Qualified);
/// assert_eq!(Grade::Excellent.zh(), "优秀");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// 不合格: below the pass mark.
    Unqualified,
    /// 合格: passes.
    Qualified,
    /// 良好: good.
    Good,
    /// 优秀: excellent.
    Excellent,
}

impl Grade {
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            Grade::Unqualified => "不合格",
            Grade::Qualified => "合格",
            Grade::Good => "良好",
            Grade::Excellent => "优秀",
        }
    }

    /// The English name.
    pub fn en(self) -> &'static str {
        match self {
            Grade::Unqualified => "unqualified",
            Grade::Qualified => "qualified",
            Grade::Good => "good",
            Grade::Excellent => "excellent",
        }
    }
}

/// The id of a grade band, as the decision's `grade` carries it: one of the four
/// built-in grades (`excellent`, …) or an open band's id (`five_star`). Cheap to clone.
///
/// ```
/// use sws_eval::standard::{Grade, GradeId};
/// let g = GradeId::from(Grade::Good);
/// assert_eq!(g, Grade::Good);
/// assert_eq!(g.as_str(), "good");
/// assert_eq!(GradeId::new("five_star").as_default(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GradeId(std::sync::Arc<str>);

impl GradeId {
    /// A band id.
    pub fn new(id: &str) -> Self {
        GradeId(id.into())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The built-in grade of this id, if it is one of the four.
    pub fn as_default(&self) -> Option<Grade> {
        [
            Grade::Unqualified,
            Grade::Qualified,
            Grade::Good,
            Grade::Excellent,
        ]
        .into_iter()
        .find(|g| g.en() == self.as_str())
    }
}

impl From<Grade> for GradeId {
    fn from(g: Grade) -> Self {
        GradeId::new(g.en())
    }
}

impl PartialEq<Grade> for GradeId {
    fn eq(&self, other: &Grade) -> bool {
        self.as_str() == other.en()
    }
}

impl std::fmt::Display for GradeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for GradeId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for GradeId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(GradeId::new(&text))
    }
}

impl JsonSchema for GradeId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "GradeId".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A grade band's id: `unqualified`, `qualified`, `good`, `excellent` in the default standard, or the id of a band of the loaded standard. 等级编号。",
        })
    }
}

/// A checked grade band: its id, label, whether it passes, and its range. 等级。
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    /// Id. 编号。
    pub id: GradeId,
    /// Label in Chinese and English. 名称。
    pub label: Text,
    /// Whether a total in it passes (Art. 29). 是否合格。
    pub passes: bool,
    /// Lowest total (inclusive). 下限。
    pub from: rust_decimal::Decimal,
}

/// A grade band: totals `from` (inclusive) up to `below` (exclusive; the top band has
/// none and includes the maximum). Either `grade` (one of the four built-in grades) or
/// `id` with `label` and `passes`. 等级分数段。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeBand {
    /// One of the four built-in grades (its label and pass mark are built in). 内置等级。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<Grade>,
    /// An open band's id, e.g. `five_star` (lowercase, digits, `_`). 等级编号。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// An open band's label. 等级名称。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// Whether a total in this band passes (Art. 29); required for an open band. 是否合格。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passes: Option<bool>,
    /// Lowest total of the band (inclusive). 下限（含）。
    pub from: Points,
    /// Upper limit (exclusive); absent for the top band. 上限（不含）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub below: Option<Points>,
}

/// What happens to the points of leaves the evidence declares not applicable. 不适用指标的处理方式。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicableMode {
    /// Removed, and the base total rescaled exactly to `max_points` (按比例折算). 剔除并按比例折算。
    Rescale,
    /// Scored 0. 计0分。
    Zero,
}

/// A deduction from the total after the tree (扣分项). 扣分项。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TotalDeduction {
    /// Id, unique among the deductions. 编号。
    pub id: String,
    /// Title. 名称。
    pub title: Text,
    /// Articles or clauses. 依据条款。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
    /// A number fact or indicator counting the deficiencies. 计数事实。
    pub fact: String,
    /// The fact's parameters. 参数。
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub params: BTreeMap<String, Threshold>,
    /// Points lost for each one. 每项扣分。
    pub points_each: Points,
    /// The most this deduction takes. 扣分上限。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Points>,
}

/// A one-vote veto (一票否决). 一票否决项。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Veto {
    /// Id, unique among the vetoes, e.g. `safety_incident`. 编号。
    pub id: String,
    /// Title. 名称。
    pub title: Text,
    /// Articles or clauses. 依据条款。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
    /// The condition that triggers it (a flag, or a number compared). 触发条件。
    pub when: Condition,
    /// What it does. 后果。
    pub effect: VetoEffect,
}

/// What a triggered veto does. 一票否决的后果。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum VetoEffect {
    /// The verdict fails, whatever the score. 结论为不合格。
    Fail,
    /// The total is 0. 总分计0。
    ZeroTotal,
    /// The grade is this band, whatever the score. 等级定为指定等级。
    Band(String),
}

/// A node of the tree: a group (with `children`) or a leaf (with a `rule`). 指标节点。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Node {
    /// Stable id, unique in the standard, e.g. `A5.1`. 编号。
    pub id: String,
    /// Title. 名称。
    pub title: Text,
    /// Articles of the measure it rests on, e.g. `["31"]`. 依据条款。
    #[serde(default)]
    pub articles: Vec<String>,
    /// Maximum points. 分值。
    pub max: Points,
    /// Whether its points and steps are an assumption (not from the measure or the official table). 分值是否为假设。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub assumed: bool,
    /// A note, e.g. what is assumed. 备注。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// A bonus dimension (加分项): not part of `max_points`. 是否为加分项。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bonus: bool,
    /// A group's cap: its children may add up to more, it scores at most this (then `max`
    /// is the cap). 上限。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Points>,
    /// A multiplier: the node is authored on its own scale (`max`) and contributes
    /// `points × weight` to its parent. 权重。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Threshold>,
    /// Children (a group); their maxima (× their weights) add up to this node's. 下级指标。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Node>,
    /// The scoring rule (a leaf). 评分规则。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
}

/// How a leaf scores (docs/default-standard.md §1). 评分规则。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// All or nothing: the leaf's max if the condition holds, else 0. 全有或全无。
    Check {
        /// The condition. 条件。
        when: Condition,
    },
    /// Items, each with its points; the leaf scores the sum of the items met. 逐项计分。
    Checklist {
        /// The items; their points add up to the leaf's max. 评分项。
        items: Vec<ChecklistItem>,
    },
    /// `actual / planned`: the highest step reached gives its points, else 0. 完成率分档。
    RatioSteps {
        /// A pair fact (delivered / planned). 事实。
        fact: String,
        /// Steps, highest threshold first. 分档（阈值从高到低）。
        steps: Vec<Step>,
    },
    /// A rate in [0, 1] with a minimum sample: below it the leaf is insufficient evidence. 比率分档（含最小样本）。
    RateSteps {
        /// A pair fact (positive / total). 事实。
        fact: String,
        /// Least denominator that counts (e.g. 30 respondents); absent for none. 最小样本量。
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_sample: Option<u32>,
        /// Steps, highest threshold first. 分档（阈值从高到低）。
        steps: Vec<Step>,
    },
    /// The evaluator picks a named level; each has fixed points. 等级评定。
    Levels {
        /// A level fact. 事实。
        fact: String,
        /// The levels. 等级及分值。
        levels: Vec<LevelPoints>,
    },
    /// Start at the max, lose a fixed amount per deficiency, never below 0. 扣分制。
    Deduct {
        /// Kinds of deficiency. 扣分项。
        deficiencies: Vec<Deficiency>,
    },
    /// The leaf scores the mark an evaluator wrote (a declared `mark` indicator whose
    /// `max` is at most the leaf's). 直接评分。
    Mark {
        /// A `mark` indicator, e.g. `x.presentation`. 指标。
        fact: String,
    },
}

impl Rule {
    /// The rule's name as in docs/default-standard.md §1 (`check`, `checklist`, …).
    ///
    /// ```
    /// use sws_eval::standard::{Rule, Condition};
    /// let r = Rule::Check { when: Condition::flag("records.info_system_entries") };
    /// assert_eq!(r.name(), "check");
    /// ```
    pub fn name(&self) -> &'static str {
        match self {
            Rule::Check { .. } => "check",
            Rule::Checklist { .. } => "checklist",
            Rule::RatioSteps { .. } => "ratio_steps",
            Rule::RateSteps { .. } => "rate_steps",
            Rule::Levels { .. } => "levels",
            Rule::Deduct { .. } => "deduct",
            Rule::Mark { .. } => "mark",
        }
    }
}

/// A condition on a fact: a flag, or a number compared with `at_least` / `at_most`. 条件。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// A fact of the catalogue (see `sws-eval standard --facts`). 事实名称。
    pub fact: String,
    /// The fact's parameters, e.g. `{"max_age": "35"}`. 参数。
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::unique::map"
    )]
    pub params: BTreeMap<String, Threshold>,
    /// For a number: holds when the value is at least this (以上 includes the number). 不少于。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<Threshold>,
    /// For a number: holds when the value is at most this. 不超过。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<Threshold>,
}

impl Condition {
    /// A condition that a flag fact holds.
    pub fn flag(fact: &str) -> Self {
        Self {
            fact: fact.to_owned(),
            params: BTreeMap::new(),
            at_least: None,
            at_most: None,
        }
    }
}

/// A checklist item. 评分项。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistItem {
    /// Id, unique within the leaf. 编号。
    pub id: String,
    /// Title. 名称。
    pub title: Text,
    /// Points when met. 分值。
    pub points: Points,
    /// The condition. 条件。
    pub when: Condition,
}

/// A step: reaching `at_least` gives `points`. 分档。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Threshold reached (inclusive). 阈值（含）。
    pub at_least: Threshold,
    /// Points given. 分值。
    pub points: Points,
}

/// A named level and its points. 等级及分值。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelPoints {
    /// The level's name, e.g. `A`. 等级名称。
    pub level: String,
    /// Its points. 分值。
    pub points: Points,
}

/// A kind of deficiency for a `deduct` leaf. 扣分项。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deficiency {
    /// Id, unique within the leaf. 编号。
    pub id: String,
    /// Title. 名称。
    pub title: Text,
    /// A number fact counting the deficiencies. 计数事实。
    pub fact: String,
    /// The fact's parameters. 参数。
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "crate::unique::map"
    )]
    pub params: BTreeMap<String, Threshold>,
    /// Points lost for each one. 每项扣分。
    pub points_each: Points,
}

impl Standard {
    /// The built-in default standard, uncompiled (see [`CompiledStandard::dongying_2022`]).
    ///
    /// ```
    /// let s = sws_eval::standard::Standard::dongying_2022();
    /// assert_eq!(s.id, "dongying-2022-reconstruction");
    /// ```
    pub fn dongying_2022() -> Standard {
        CompiledStandard::dongying_2022().standard().clone()
    }

    /// Reads a standard from JSON (without checking it; see [`Standard::compile`]).
    pub fn from_json(json: &str) -> Result<Standard, StandardError> {
        if json.len() > compile::MAX_STANDARD_BYTES {
            return Err(StandardError::TooLarge {
                what: "bytes",
                found: json.len(),
                limit: compile::MAX_STANDARD_BYTES,
            });
        }
        serde_json::from_str(json).map_err(|e| StandardError::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })
    }

    /// Checks the standard and compiles it for scoring; every problem is a typed error
    /// naming the node.
    ///
    /// ```
    /// use sws_eval::standard::{Standard, StandardError};
    /// let mut s = Standard::dongying_2022();
    /// s.dimensions[0].max = "26".parse().unwrap();
    /// assert!(matches!(s.compile(), Err(StandardError::ChildrenSum { .. })));
    /// ```
    pub fn compile(self) -> Result<CompiledStandard, StandardError> {
        CompiledStandard::new(self)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_hash_is_the_shipped_files() {
        assert_eq!(
            super::CompiledStandard::dongying_2022().hash(),
            super::BUILTIN_HASH
        );
    }
}
