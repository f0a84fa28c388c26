//! County-level checks: the rules that only hold over all stations of a county.
//!
//! Some duties of the measure fall on the county (区/县/开发区) rather than on one
//! station project: the purchase funding must average at least CNY 50,000 per station
//! per year (Art. 15); each station has one contractor, each county at least two, and
//! no contractor works across counties (Art. 22); resident workers are paid one
//! standard within a county (Art. 33); and the county bureau reports to the city every
//! quarter (Art. 38). A [`County`] gathers what those rules need — the county's
//! funding, its quarterly reports, the contractors' pay standards and the evidence of
//! every station evaluation — and [`check_county`] decides each station with an
//! [`Evaluator`] and checks the county gates over all of them, with a summary
//! (the count in each grade band of the standard, pass rate, money released and
//! withheld).
//!
//! ## Grade bands
//!
//! The summary counts the decided evaluations in every band of the standard the county
//! was checked under, in the standard's order (lowest first), zero counts included
//! ([`CountySummary::bands`]): 优秀 … 不合格 for the default standard, 未评星 … 五星
//! for a star standard. `grades` keeps the four built-in grades for hosts that read
//! them; under another standard's bands it counts nothing.
//!
//! A county is checked under **one** standard, the evaluator's (its id, version and
//! hash are in the [`CountyReceipt`]). Evidence does not name the standard it was
//! gathered for, so a station whose evidence was written for another standard is
//! scored under this one; evidence that reads indicators this standard does not
//! declare is refused for that station (listed as undecided, with its errors) rather
//! than counted in a band it was not graded by. Stations evaluated under different
//! standards are checked in separate runs, one per standard: a five-star band of a
//! 150-point standard and 优秀 of a 1000-point one are not the same grade, and a
//! bureau reports the two distributions side by side rather than adding them.
//!
//! ```
//! use sws_eval::{county::{County, check_county}, decision::Evaluator};
//! let station = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
//! let county = County {
//!     county: "东营区".into(), year: 2024, as_of: "2025-01-20".parse().unwrap(),
//!     funding: None, quarterly_reports: None, pay_standards: None, stations: vec![station],
//! };
//! let summary = check_county(&Evaluator::dongying(), &county).unwrap().summary;
//! let ids: Vec<&str> = summary.bands.iter().map(|b| b.id.as_str()).collect();
//! assert_eq!(ids, ["unqualified", "qualified", "good", "excellent"]);
//! let good = &summary.bands[2];
//! assert_eq!((good.label.zh.as_str(), good.passes, good.count), ("良好", true, 1));
//! ```
//!
//! County gates carry the same four outcomes and severities as station gates
//! ([`GateOutcome`], [`Severity`]); their parameters (50,000; 4 reports a year) come
//! from the policy version in force on the first day of the county's budget year.
//!
//! ```
//! use sws_eval::{county::{County, CountyGateId, check_county}, decision::Evaluator, gates::GateOutcome};
//! let station = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
//! let county = County {
//!     county: "东营区".into(),
//!     year: 2024,
//!     as_of: "2025-01-20".parse().unwrap(),
//!     funding: Some(sws_eval::county::Funding { purchase_funding: "50000.00".parse().unwrap(), stations: None }),
//!     quarterly_reports: None,
//!     pay_standards: None,
//!     stations: vec![station],
//! };
//! let decision = check_county(&Evaluator::dongying(), &county).unwrap();
//! let funding = decision.gate(CountyGateId::Art15MinFunding).unwrap();
//! assert_eq!(funding.outcome, GateOutcome::Met);
//! assert_eq!(decision.summary.released.to_string(), "60000.00");
//! # assert_eq!(decision.gate(CountyGateId::Art38QuarterlyReports).unwrap().outcome, GateOutcome::InsufficientEvidence);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::decision::{
    DecisionError, Evaluator, PaymentStatus, RenewalStatus, Verdict, Warning, json_hash,
};
use crate::evidence::{EvaluationKind, Evidence, Text};
use crate::gates::{GateId, GateOutcome, Severity};
use crate::num::{DecimalString, Money, round_total};
use crate::policy::{Policy, PolicyError};
use crate::standard::{Grade, GradeId};

/// The county-level input: one county's budget year. 县区年度评估输入。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "County 县区")]
pub struct County {
    /// The county, district or development zone, exactly as the stations' `station.county`. 县区名称。
    pub county: String,
    /// The budget year checked (funding and quarterly reports are per year). 预算年度。
    pub year: i16,
    /// The day of this county check: the engine's "today" for the county (it has no clock). 检查日期。
    pub as_of: Date,
    /// Purchase funding for the county's stations in the year (Art. 15); absent if not checked. 购买服务经费（第15条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<Funding>,
    /// Quarterly reports the county bureau filed with the city in the year (Art. 38); absent if not checked. 季度报告（第38条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quarterly_reports: Option<Vec<QuarterlyReport>>,
    /// Resident workers' pay standard of each contractor (Art. 33); absent if not checked. 驻站社工工资标准（第33条）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_standards: Option<Vec<PayStandard>>,
    /// The evidence of each station evaluation in the county (a folder's station files are added here). 各站点评估证据。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stations: Vec<Evidence>,
}

/// The county's purchase funding for its stations in the year (Art. 15). 购买服务经费。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Total purchase funding budgeted for the stations in the year, in yuan. 年度购买服务经费总额（元）。
    pub purchase_funding: Money,
    /// Stations the funding covers; absent: the distinct stations in the input. 覆盖站点数（缺省为输入中的站点数）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stations: Option<u32>,
}

/// A quarterly report filed with the city bureau (Art. 38). 季度报告。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuarterlyReport {
    /// The quarter of the budget year it reports on, 1 to 4. 季度（1-4）。
    pub quarter: u8,
    /// The day it was filed. 报送日期。
    pub filed_on: Date,
}

/// One contractor's pay standard for resident workers (Art. 33). 承接机构驻站社工工资标准。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayStandard {
    /// The contractor, named as in the stations' `contractor.name`. 承接机构名称。
    pub contractor: String,
    /// Monthly pay of a resident worker, in yuan. 月工资标准（元）。
    pub monthly_pay: Money,
}

crate::gates::gate_ids! {
    /// A county-level gate of docs/default-standard.md §4. The ids are a public contract. 县区级规则。
    CountyGateId, UnknownCountyGate, "Every county gate, in the order they are reported.";
    Art15MinFunding => "art15.min_funding", ["15"], ("站均购买资金", "funding per station"), "每个社工站年均购买服务资金不少于5万元", "average purchase funding at least CNY 50,000 per station per year";
    Art22OneContractorPerStation => "art22.one_contractor_per_station", ["22"], ("一站一承接机构", "one contractor per station"), "每个社工站只有1家承接机构运营", "one contractor runs each station";
    Art22TwoContractorsPerCounty => "art22.two_contractors_per_county", ["22"], ("县区承接机构数", "contractors per county"), "每个县区至少有2家承接机构", "at least 2 contractors in the county";
    Art22NoCrossCounty => "art22.no_cross_county", ["22"], ("不跨县区承接", "no cross-county contractor"), "承接机构不跨县区承接", "no contractor runs stations across counties";
    Art33UniformPay => "art33.uniform_pay", ["33"], ("工资标准统一", "uniform pay"), "县区内驻站社工工资标准统一", "one pay standard for resident workers in the county";
    Art38QuarterlyReports => "art38.quarterly_reports", ["38"], ("季度报告", "quarterly reports"), "县级民政部门每季度向市民政部门提交项目实施情况报告", "the county bureau reports to the city every quarter";
}

impl CountyGateId {
    /// The severity of an unmet county gate. The measure sets none and the policy
    /// versions carry station gates only, so every county gate is `rectify` (an
    /// assumption): the county bureau is ordered to correct it; no station's verdict
    /// changes.
    ///
    /// ```
    /// use sws_eval::{county::CountyGateId, gates::Severity};
    /// assert_eq!(CountyGateId::Art15MinFunding.severity(), Severity::Rectify);
    /// ```
    pub fn severity(self) -> Severity {
        Severity::Rectify
    }
}

/// An unknown county gate id (from parsing a [`CountyGateId`]).
///
/// ```
/// use sws_eval::county::CountyGateId;
/// assert_eq!("art33.uniform_pay".parse::<CountyGateId>().unwrap(), CountyGateId::Art33UniformPay);
/// assert!("art33.uniform".parse::<CountyGateId>().unwrap_err().to_string().contains("art33.uniform_pay"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown county gate id `{given}`{}", crate::suggest::did_you_mean(suggestion.as_deref()))]
pub struct UnknownCountyGate {
    /// The id given.
    pub given: String,
    /// The closest known id.
    pub suggestion: Option<String>,
}

/// One county gate's result, with its articles, required and actual values. 县区级规则检查结果。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountyGateResult {
    /// The gate. 规则编号。
    pub id: CountyGateId,
    /// Articles. 依据条款。
    pub articles: Vec<String>,
    /// Severity. 严重程度。
    pub severity: Severity,
    /// Outcome. 结果。
    pub outcome: GateOutcome,
    /// What the rule requires. 要求。
    pub required: Text,
    /// What was found. 实际。
    pub actual: Text,
    /// A sentence in Chinese and English. 说明。
    pub message: Text,
}

/// A correction the county bureau owes for an unmet county gate. 县区整改事项。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountyAction {
    /// The gate it answers. 对应规则。
    pub gate: CountyGateId,
    /// Articles. 依据条款。
    pub articles: Vec<String>,
    /// Deadline: the check date plus the policy's rectification days. 整改期限。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// A sentence in Chinese and English. 说明。
    pub message: Text,
}

/// How many decisions fell in each grade. 等级分布。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GradeCounts {
    /// Excellent. 优秀。
    pub excellent: u32,
    /// Good. 良好。
    pub good: u32,
    /// Qualified. 合格。
    pub qualified: u32,
    /// Unqualified. 不合格。
    pub unqualified: u32,
}

impl GradeCounts {
    /// The count for one grade.
    ///
    /// ```
    /// use sws_eval::{county::GradeCounts, standard::Grade};
    /// let c = GradeCounts { excellent: 1, good: 2, qualified: 3, unqualified: 4 };
    /// assert_eq!(c.get(Grade::Qualified), 3);
    /// ```
    pub fn get(&self, grade: Grade) -> u32 {
        match grade {
            Grade::Excellent => self.excellent,
            Grade::Good => self.good,
            Grade::Qualified => self.qualified,
            Grade::Unqualified => self.unqualified,
        }
    }

    /// Counts one decision's grade; a band of another standard than the four built-in
    /// grades is not counted here (its decisions still count everywhere else).
    fn add(&mut self, grade: &GradeId) {
        let Some(grade) = grade.as_default() else {
            return;
        };
        let slot = match grade {
            Grade::Excellent => &mut self.excellent,
            Grade::Good => &mut self.good,
            Grade::Qualified => &mut self.qualified,
            Grade::Unqualified => &mut self.unqualified,
        };
        *slot = slot.saturating_add(1);
    }
}

/// How many decided evaluations fell in one grade band of the standard the county was
/// checked under: a county is checked under one standard, the one its receipt names;
/// stations evaluated under another standard are checked in a run of their own. 各等级份数。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BandCount {
    /// The band's id, as a decision's `grade` carries it. 等级编号。
    pub id: GradeId,
    /// The band's label in Chinese and English. 等级名称。
    pub label: Text,
    /// Whether a total in this band passes (Art. 29). 是否合格。
    pub passes: bool,
    /// Decided evaluations graded in this band. 份数。
    pub count: u32,
}

/// Every band of `standard` with a zero count, in the standard's order.
fn band_counts(standard: &crate::standard::CompiledStandard) -> Vec<BandCount> {
    standard
        .bands()
        .iter()
        .map(|b| BandCount {
            id: b.id.clone(),
            label: b.label.clone(),
            passes: b.passes,
            count: 0,
        })
        .collect()
}

/// Counts one decision in its band. A grade outside the list (which a compiled standard
/// never gives) is appended under its id, so that no decided evaluation goes uncounted.
fn count_band(bands: &mut Vec<BandCount>, grade: &GradeId, passes: bool) {
    match bands.iter_mut().find(|b| &b.id == grade) {
        Some(b) => b.count = b.count.saturating_add(1),
        None => bands.push(BandCount {
            id: grade.clone(),
            label: text(grade.as_str(), grade.as_str()),
            passes,
            count: 1,
        }),
    }
}

/// Renewal answers counted. 续签结论分布。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenewalCounts {
    /// Eligible. 可续签。
    pub eligible: u32,
    /// Ineligible. 不得续签。
    pub ineligible: u32,
    /// Undetermined. 暂无法确定。
    pub undetermined: u32,
}

/// The county summary over its station evaluations. 县区汇总。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountySummary {
    /// Distinct stations in the input. 站点数。
    pub stations: u32,
    /// Station evaluations in the input. 评估份数。
    pub evaluations: u32,
    /// Evaluations decided. 已作出决定。
    pub decided: u32,
    /// Evaluations that could not be decided (their errors are listed). 未能作出决定。
    pub undecided: u32,
    /// Distribution over the four built-in grades of the default standard (the
    /// decisions graded in another standard's bands are not counted here: see
    /// `bands`). 等级分布（内置四级）。
    pub grades: GradeCounts,
    /// Distribution over the bands of the standard the county was checked under, in
    /// the standard's order (lowest first), every band listed. 各等级份数。
    pub bands: Vec<BandCount>,
    /// Verdict pass. 合格。
    pub passed: u32,
    /// Verdict fail. 不合格。
    pub failed: u32,
    /// passed / decided in percent, two decimals (absent when nothing was decided). 合格率（%）。
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "opt_decimal_2dp"
    )]
    #[schemars(with = "Option<DecimalString>")]
    pub pass_rate_percent: Option<Decimal>,
    /// Remaining payment released now (final passes and mid-term tranches), yuan. 本次拨付合计（元）。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub released: Decimal,
    /// Remaining payment withheld by failed final evaluations, yuan. 不予拨付合计（元）。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub withheld: Decimal,
    /// Remaining payment awaiting a final evaluation (mid-terms), yuan. 待末期评估（元）。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub deferred: Decimal,
    /// Renewal answers. 续签结论。
    pub renewal: RenewalCounts,
}

impl CountySummary {
    /// The count of the band of this id (its label and pass mark with it).
    ///
    /// ```
    /// use sws_eval::{county::{County, check_county}, decision::Evaluator, standard::GradeId};
    /// let county: County = serde_json::from_str(r#"{"county": "东营区", "year": 2024, "as_of": "2025-01-20"}"#).unwrap();
    /// let summary = check_county(&Evaluator::dongying(), &county).unwrap().summary;
    /// let excellent = summary.band(&GradeId::new("excellent")).unwrap();
    /// assert_eq!((excellent.label.en.as_str(), excellent.count), ("excellent", 0));
    /// ```
    pub fn band(&self, id: &GradeId) -> Option<&BandCount> {
        self.bands.iter().find(|b| &b.id == id)
    }
}

/// The decided part of a station row. 站点决定摘要。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StationResult {
    /// Total score. 总分。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub total: Decimal,
    /// Grade (band id). 等级。
    pub grade: GradeId,
    /// Verdict. 结论。
    pub verdict: Verdict,
    /// Payment status. 余款处理。
    pub payment: PaymentStatus,
    /// Released now, yuan. 本次拨付（元）。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub release: Decimal,
    /// Not released now, yuan. 暂不拨付（元）。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub withheld: Decimal,
    /// Renewal. 续签。
    pub renewal: RenewalStatus,
    /// The governing policy version. 适用政策版本。
    pub policy_version: String,
    /// The governing version had ended before the evaluation. 评估时政策已失效。
    pub policy_ended: bool,
    /// Veto gates not met. 未通过的否决项。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub veto_not_met: Vec<GateId>,
    /// Rectify gates not met. 需整改的规则。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rectify_not_met: Vec<GateId>,
    /// The indicator that lost the most points. 失分最多的指标。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_reason: Option<String>,
}

/// A located problem that kept a station evaluation from being decided. 站点错误。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StationError {
    /// A stable code of the error contract, the same the JSON path reports for this
    /// station's evidence (e.g. `contradictory_dates`, `no_policy_in_force`). 错误代码。
    pub code: crate::json::ErrorCode,
    /// JSON pointer inside the station's evidence. JSON 指针。
    pub pointer: String,
    /// What is wrong, as a sentence. 说明。
    pub message: String,
}

/// One station evaluation of the county. 站点行。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StationRow {
    /// Where the evidence came from: `/stations/N` in the county file, or a file name. 来源。
    pub source: String,
    /// Station id. 站点编号。
    pub station_id: String,
    /// Station name. 站点名称。
    pub station_name: String,
    /// Township or street. 乡镇（街道）。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township: Option<String>,
    /// Contractor. 承接机构。
    pub contractor: String,
    /// Whether the contractor has left the station. 承接机构是否已退出。
    pub contractor_left: bool,
    /// Mid-term or final. 评估类型。
    pub evaluation_kind: EvaluationKind,
    /// Evaluation date. 评估日期。
    pub evaluation_date: Date,
    /// The decision's summary, when decided. 决定摘要。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<StationResult>,
    /// Why it could not be decided. 错误。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<StationError>,
}

/// What is needed to reproduce a county decision. 可复现凭据。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CountyReceipt {
    /// `sws-eval`. 引擎。
    #[schemars(extend("const" = "sws-eval"))]
    pub engine: String,
    /// The engine's version. 引擎版本。
    pub engine_version: String,
    /// The standard's id. 标准编号。
    pub standard_id: String,
    /// The standard's version. 标准版本。
    pub standard_version: String,
    /// SHA-256 of the standard's canonical JSON. 标准内容哈希。
    pub standard_hash: String,
    /// The policy version governing the county gates. 县区规则适用的政策版本。
    pub policy_version: String,
    /// Its first day in force. 施行日期。
    pub policy_in_force_from: Date,
    /// Its last day in force. 有效期至。
    pub policy_in_force_until: Date,
    /// Whether the check is dated after that version ended. 检查时该版本是否已失效。
    pub policy_ended_before_check: bool,
    /// The check date. 检查日期。
    pub as_of: Date,
    /// SHA-256 of the county input's canonical JSON (stations included). 输入哈希。
    pub input_hash: String,
}

/// The county-level decision. 县区评估决定。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "County decision 县区评估决定")]
pub struct CountyDecision {
    /// How to reproduce it. 凭据。
    pub receipt: CountyReceipt,
    /// The county. 县区。
    pub county: String,
    /// The budget year. 预算年度。
    pub year: i16,
    /// Every county gate. 县区级规则。
    pub gates: Vec<CountyGateResult>,
    /// The summary. 汇总。
    pub summary: CountySummary,
    /// Each station evaluation, in input order. 各站点。
    pub stations: Vec<StationRow>,
    /// Corrections owed by the county bureau. 县区整改事项。
    pub actions: Vec<CountyAction>,
    /// Warnings. 提示。
    pub warnings: Vec<Warning>,
}

impl CountyDecision {
    /// The result of one county gate.
    pub fn gate(&self, id: CountyGateId) -> Option<&CountyGateResult> {
        self.gates.iter().find(|g| g.id == id)
    }
}

/// A problem in the county input itself, located by a JSON pointer. 县区输入错误。
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, JsonSchema)]
#[error("{pointer}: {message}")]
pub struct CountyIssue {
    /// A stable code, e.g. `station_outside_county`. 错误代码。
    pub code: &'static str,
    /// JSON pointer in the county input. JSON 指针。
    pub pointer: String,
    /// What is wrong, as a sentence. 说明。
    pub message: String,
}

/// Why a county could not be checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CountyError {
    /// The county input contradicts itself; every problem is listed.
    #[error("county `{county}`: {} problem(s): {}", issues.len(), issues.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Input {
        /// The county.
        county: String,
        /// Every problem found.
        issues: Vec<CountyIssue>,
    },
    /// No policy version governs the county's budget year.
    #[error("county `{county}`: {source}")]
    Policy {
        /// The county.
        county: String,
        /// Why.
        source: PolicyError,
    },
}

mod opt_decimal_2dp {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_str(&crate::num::fixed2(*d)),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| t.parse::<Decimal>().map_err(serde::de::Error::custom))
            .transpose()
    }
}

impl County {
    /// Checks what a schema cannot: a check dated before its year, quarters outside
    /// 1–4 or listed twice, a report filed after the check, a station of another
    /// county, funding that covers fewer stations than are listed. Every problem, in
    /// document order.
    ///
    /// ```
    /// use sws_eval::county::{County, QuarterlyReport};
    /// let mut c: County = serde_json::from_str(r#"{"county": "东营区", "year": 2024, "as_of": "2025-01-20"}"#).unwrap();
    /// assert!(c.check().is_empty());
    /// c.quarterly_reports = Some(vec![QuarterlyReport { quarter: 5, filed_on: "2024-04-10".parse().unwrap() }]);
    /// assert_eq!(c.check()[0].pointer, "/quarterly_reports/0/quarter");
    /// ```
    pub fn check(&self) -> Vec<CountyIssue> {
        let mut out = Vec::new();
        let mut issue = |code: &'static str, pointer: String, message: String| {
            out.push(CountyIssue {
                code,
                pointer,
                message,
            });
        };
        match Date::new(self.year, 1, 1) {
            Err(_) => issue(
                "year_out_of_range",
                "/year".into(),
                format!("year {} is outside 1900–2200", self.year),
            ),
            Ok(start) if self.as_of < start => issue(
                "contradictory_dates",
                "/as_of".into(),
                format!(
                    "the check on {} is dated before the budget year {} starts",
                    self.as_of, self.year
                ),
            ),
            Ok(_) => {}
        }
        if let Some(reports) = &self.quarterly_reports {
            let mut seen = BTreeSet::new();
            for (i, r) in reports.iter().enumerate() {
                if !(1..=4).contains(&r.quarter) {
                    issue(
                        "quarter_out_of_range",
                        format!("/quarterly_reports/{i}/quarter"),
                        format!("quarter {} is not 1, 2, 3 or 4", r.quarter),
                    );
                } else if !seen.insert(r.quarter) {
                    issue(
                        "duplicate_quarter",
                        format!("/quarterly_reports/{i}/quarter"),
                        format!("the report for quarter {} is listed twice", r.quarter),
                    );
                }
                if r.filed_on > self.as_of {
                    issue(
                        "contradictory_dates",
                        format!("/quarterly_reports/{i}/filed_on"),
                        format!("filed on {}, after the check on {}", r.filed_on, self.as_of),
                    );
                }
            }
        }
        for (i, ev) in self.stations.iter().enumerate() {
            if ev.evaluation.date > self.as_of {
                issue(
                    "contradictory_dates",
                    format!("/stations/{i}/evaluation/date"),
                    format!(
                        "station `{}` is evaluated on {}, after the county check on {}",
                        ev.station.id, ev.evaluation.date, self.as_of
                    ),
                );
            }
            if ev.station.county != self.county {
                issue(
                    "station_outside_county",
                    format!("/stations/{i}/station/county"),
                    format!(
                        "station `{}` is in `{}`, not in the county checked, `{}`",
                        ev.station.id, ev.station.county, self.county
                    ),
                );
            }
        }
        if let Some(Funding {
            stations: Some(n), ..
        }) = &self.funding
        {
            let listed = self.station_ids().len();
            if *n == 0 {
                issue(
                    "no_stations_funded",
                    "/funding/stations".into(),
                    "the funding covers 0 stations; give the number of stations it pays for".into(),
                );
            } else if usize::try_from(*n).unwrap_or(usize::MAX) < listed {
                issue(
                    "funding_station_count",
                    "/funding/stations".into(),
                    format!(
                        "the funding covers {n} stations but {listed} distinct stations are listed"
                    ),
                );
            }
        }
        out
    }

    fn station_ids(&self) -> BTreeSet<&str> {
        self.stations
            .iter()
            .map(|e| e.station.id.as_str())
            .collect()
    }
}

/// Checks one county: decides every station evaluation with `evaluator`, then the
/// county gates over all of them (see [`check_counties`]).
pub fn check_county(evaluator: &Evaluator, county: &County) -> Result<CountyDecision, CountyError> {
    let mut all = check_counties(evaluator, std::slice::from_ref(county))?;
    all.pop().ok_or_else(|| CountyError::Input {
        county: county.county.clone(),
        issues: Vec::new(),
    })
}

/// Checks several counties together, so that `art22.no_cross_county` also sees a
/// contractor running stations in another county of the run. Each county's gates
/// follow the policy version in force on 1 January of its budget year (or the
/// evaluator's named version). A station evaluation that cannot be decided is listed
/// with its errors and counted as undecided; it does not stop the others. An input
/// that contradicts itself ([`County::check`]) is an error.
pub fn check_counties(
    evaluator: &Evaluator,
    counties: &[County],
) -> Result<Vec<CountyDecision>, CountyError> {
    // Which counties each contractor appears in, across the whole run.
    let mut contractor_counties: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for c in counties {
        for ev in &c.stations {
            contractor_counties
                .entry(ev.contractor.name.as_str())
                .or_default()
                .insert(c.county.as_str());
        }
    }
    counties
        .iter()
        .map(|c| check_one(evaluator, c, &contractor_counties))
        .collect()
}

fn text(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text {
        zh: zh.into(),
        en: en.into(),
    }
}

fn check_one(
    evaluator: &Evaluator,
    county: &County,
    contractor_counties: &BTreeMap<&str, BTreeSet<&str>>,
) -> Result<CountyDecision, CountyError> {
    let issues = county.check();
    if !issues.is_empty() {
        return Err(CountyError::Input {
            county: county.county.clone(),
            issues,
        });
    }
    let year_start = Date::new(county.year, 1, 1).map_err(|_| CountyError::Input {
        county: county.county.clone(),
        issues: Vec::new(),
    })?;
    let policy = evaluator
        .policies
        .governing(year_start, evaluator.policy_version.as_deref())
        .map_err(|source| CountyError::Policy {
            county: county.county.clone(),
            source,
        })?;

    let mut rows = Vec::with_capacity(county.stations.len());
    let mut summary = CountySummary {
        stations: u32::try_from(county.station_ids().len()).unwrap_or(u32::MAX),
        evaluations: u32::try_from(county.stations.len()).unwrap_or(u32::MAX),
        decided: 0,
        undecided: 0,
        grades: GradeCounts::default(),
        bands: band_counts(&evaluator.standard),
        passed: 0,
        failed: 0,
        pass_rate_percent: None,
        released: Decimal::ZERO,
        withheld: Decimal::ZERO,
        deferred: Decimal::ZERO,
        renewal: RenewalCounts::default(),
    };
    let mut ended_stations = Vec::new();
    for (i, ev) in county.stations.iter().enumerate() {
        let mut row = StationRow {
            source: format!("/stations/{i}"),
            station_id: ev.station.id.clone(),
            station_name: ev.station.name.clone(),
            township: ev.station.township.clone(),
            contractor: ev.contractor.name.clone(),
            contractor_left: ev.departure.is_some(),
            evaluation_kind: ev.evaluation.kind,
            evaluation_date: ev.evaluation.date,
            result: None,
            errors: Vec::new(),
        };
        match evaluator.evaluate(ev) {
            Ok(d) => {
                summary.decided = summary.decided.saturating_add(1);
                summary.grades.add(&d.grade);
                count_band(
                    &mut summary.bands,
                    &d.grade,
                    evaluator.standard.passes(&d.grade),
                );
                match d.verdict {
                    Verdict::Pass => summary.passed = summary.passed.saturating_add(1),
                    Verdict::Fail => summary.failed = summary.failed.saturating_add(1),
                }
                summary.released = summary.released.saturating_add(d.payment.release);
                match d.payment.status {
                    PaymentStatus::Withheld => {
                        summary.withheld = summary.withheld.saturating_add(d.payment.withheld)
                    }
                    PaymentStatus::ReleasedInFull => {}
                    PaymentStatus::MidTermTrancheReleased | PaymentStatus::DeferredToFinal => {
                        summary.deferred = summary.deferred.saturating_add(d.payment.withheld);
                    }
                }
                let r = &mut summary.renewal;
                match d.renewal.status {
                    RenewalStatus::Eligible => r.eligible = r.eligible.saturating_add(1),
                    RenewalStatus::Ineligible => r.ineligible = r.ineligible.saturating_add(1),
                    RenewalStatus::Undetermined => {
                        r.undetermined = r.undetermined.saturating_add(1)
                    }
                }
                if d.receipt.policy_ended_before_evaluation {
                    ended_stations.push(ev.station.id.clone());
                }
                let unmet = |sev: Severity| {
                    d.gates
                        .iter()
                        .filter(|g| g.severity == sev && g.outcome == GateOutcome::NotMet)
                        .map(|g| g.id)
                        .collect::<Vec<_>>()
                };
                row.result = Some(StationResult {
                    total: d.scorecard.total,
                    grade: d.grade.clone(),
                    verdict: d.verdict,
                    payment: d.payment.status,
                    release: d.payment.release,
                    withheld: d.payment.withheld,
                    renewal: d.renewal.status,
                    policy_version: d.receipt.policy_version.clone(),
                    policy_ended: d.receipt.policy_ended_before_evaluation,
                    veto_not_met: unmet(Severity::Veto),
                    rectify_not_met: unmet(Severity::Rectify),
                    top_reason: d.scorecard.reasons.first().map(|r| r.node.to_string()),
                });
            }
            Err(e) => {
                summary.undecided = summary.undecided.saturating_add(1);
                row.errors = station_errors(e);
            }
        }
        rows.push(row);
    }
    if summary.decided > 0 {
        summary.pass_rate_percent = Some(round_total(
            (Decimal::from(summary.passed).saturating_mul(Decimal::ONE_HUNDRED))
                .checked_div(Decimal::from(summary.decided))
                .unwrap_or_default(),
        ));
    }
    summary.released = round_total(summary.released);
    summary.withheld = round_total(summary.withheld);
    summary.deferred = round_total(summary.deferred);

    let gates: Vec<CountyGateResult> = CountyGateId::ALL
        .iter()
        .map(|&id| dress(id, gate_finding(id, policy, county, contractor_counties)))
        .collect();

    let days = policy.parameters.rectification_days.value;
    let deadline = county
        .as_of
        .add_days(i32::try_from(days).unwrap_or(i32::MAX));
    let actions = gates
        .iter()
        .filter(|g| g.severity == Severity::Rectify && g.outcome == GateOutcome::NotMet)
        .map(|g| CountyAction {
            gate: g.id,
            articles: g.articles.clone(),
            deadline,
            message: text(
                format!("县级民政部门限期整改（{days}日内）：{}", g.message.zh),
                format!(
                    "the county bureau is to rectify within {days} days: {}",
                    g.message.en
                ),
            ),
        })
        .collect();

    let ended = county.as_of > policy.in_force.until;
    let mut warnings = Vec::new();
    if ended {
        warnings.push(Warning {
            code: crate::decision::WarningCode::PolicyEnded,
            message: text(
                format!(
                    "县区规则适用的政策版本 {}（{}至{}）在检查日 {} 前已失效",
                    policy.id, policy.in_force.from, policy.in_force.until, county.as_of
                ),
                format!(
                    "the policy version {} ({} to {}) governing the county gates ended before the check on {}",
                    policy.id, policy.in_force.from, policy.in_force.until, county.as_of
                ),
            ),
        });
    }
    if !ended_stations.is_empty() {
        warnings.push(Warning {
            code: crate::decision::WarningCode::StationsAfterPolicyEnded,
            message: text(
                format!(
                    "以下站点的评估晚于适用政策版本的失效日期，续签暂无法确定：{}",
                    ended_stations.join("、")
                ),
                format!(
                    "evaluated after their governing policy version ended (renewal undetermined): {}",
                    ended_stations.join(", ")
                ),
            ),
        });
    }
    if summary.undecided > 0 {
        warnings.push(Warning {
            code: crate::decision::WarningCode::UndecidedStations,
            message: text(
                format!(
                    "{} 份站点评估因输入错误未能作出决定，未计入汇总",
                    summary.undecided
                ),
                format!(
                    "{} station evaluation(s) could not be decided and are left out of the summary",
                    summary.undecided
                ),
            ),
        });
    }
    if evaluator.standard.standard().provenance.kind == crate::standard::Provenance::Reconstruction
    {
        warnings.push(Warning {
            code: crate::decision::WarningCode::ReconstructedStandard,
            message: text(
                "评分标准为重构版（附件2未公开），分值为假设",
                "the standard is a reconstruction (Annex 2 is not published); its point values are assumptions",
            ),
        });
    }

    let std = evaluator.standard.standard();
    Ok(CountyDecision {
        receipt: CountyReceipt {
            engine: "sws-eval".into(),
            engine_version: env!("CARGO_PKG_VERSION").into(),
            standard_id: std.id.clone(),
            standard_version: std.version.clone(),
            standard_hash: evaluator.standard.hash().to_owned(),
            policy_version: policy.id.clone(),
            policy_in_force_from: policy.in_force.from,
            policy_in_force_until: policy.in_force.until,
            policy_ended_before_check: ended,
            as_of: county.as_of,
            input_hash: json_hash(county),
        },
        county: county.county.clone(),
        year: county.year,
        gates,
        summary,
        stations: rows,
        actions,
        warnings,
    })
}

fn station_errors(e: DecisionError) -> Vec<StationError> {
    match e {
        DecisionError::Evidence(list) => list
            .into_iter()
            .map(|i| StationError {
                code: crate::json::ErrorCode::from_issue(i.code),
                pointer: i.pointer,
                message: i.message,
            })
            .collect(),
        DecisionError::Policy(p) => vec![StationError {
            code: match p {
                crate::policy::PolicyError::NoneInForce { .. } => {
                    crate::json::ErrorCode::NoPolicyInForce
                }
                crate::policy::PolicyError::UnknownVersion { .. } => {
                    crate::json::ErrorCode::UnknownPolicyVersion
                }
                _ => crate::json::ErrorCode::InvalidValue,
            },
            pointer: "/contract/signed_on".into(),
            message: p.to_string(),
        }],
        DecisionError::Year(m) => vec![StationError {
            code: crate::json::ErrorCode::InvalidValue,
            pointer: String::new(),
            message: m,
        }],
    }
}

/// Why a county gate was reached, before it is dressed with severity and message.
struct Finding {
    outcome: GateOutcome,
    required: Text,
    actual: Text,
}

fn finding(outcome: GateOutcome, required: Text, actual: Text) -> Finding {
    Finding {
        outcome,
        required,
        actual,
    }
}

fn met_if(ok: bool, required: Text, actual: Text) -> Finding {
    let outcome = if ok {
        GateOutcome::Met
    } else {
        GateOutcome::NotMet
    };
    finding(outcome, required, actual)
}

/// The county's input lacks `what` (a field path, shown as a code).
fn missing(required: Text, what: &str) -> Finding {
    finding(
        GateOutcome::InsufficientEvidence,
        required,
        text(format!("缺少：`{what}`"), format!("missing: {what}")),
    )
}

fn dress(id: CountyGateId, fd: Finding) -> CountyGateResult {
    let (zh_rule, en_rule) = id.rule();
    let (zh_out, en_out) = match fd.outcome {
        GateOutcome::Met => ("符合", "met"),
        GateOutcome::NotMet => ("不符合", "not met"),
        GateOutcome::NotApplicable => ("不适用", "not applicable"),
        GateOutcome::InsufficientEvidence => ("证据不足", "insufficient evidence"),
    };
    let arts = id.articles().join("、");
    let arts_en = id.articles().join(", ");
    CountyGateResult {
        id,
        articles: id.articles().iter().map(|a| (*a).to_owned()).collect(),
        severity: id.severity(),
        outcome: fd.outcome,
        message: text(
            format!(
                "第{arts}条：{zh_rule}——{zh_out}（要求：{}；实际：{}）",
                fd.required.zh, fd.actual.zh
            ),
            format!(
                "Art. {arts_en}: {en_rule} — {en_out} (required: {}; actual: {})",
                fd.required.en, fd.actual.en
            ),
        ),
        required: fd.required,
        actual: fd.actual,
    }
}

/// Rounds toward zero to two places, so that a displayed average never reads as
/// meeting a two-decimal threshold it misses (49,999.999 shows as 49999.99).
fn floor2(d: Decimal) -> String {
    let mut v = d.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    v.rescale(2);
    v.to_string()
}

/// Contractors still running a station (not recorded as having left it).
fn active_contractors(county: &County) -> BTreeMap<&str, BTreeSet<&str>> {
    let left: BTreeSet<(&str, &str)> = county
        .stations
        .iter()
        .filter(|e| e.departure.is_some())
        .map(|e| (e.station.id.as_str(), e.contractor.name.as_str()))
        .collect();
    let mut by_station: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in &county.stations {
        let entry = by_station.entry(e.station.id.as_str()).or_default();
        let key = (e.station.id.as_str(), e.contractor.name.as_str());
        if !left.contains(&key) {
            entry.insert(e.contractor.name.as_str());
        }
    }
    by_station
}

fn gate_finding(
    id: CountyGateId,
    policy: &Policy,
    county: &County,
    contractor_counties: &BTreeMap<&str, BTreeSet<&str>>,
) -> Finding {
    use CountyGateId as G;
    use GateOutcome as O;
    let p = &policy.parameters;
    let no_stations = county.stations.is_empty();
    match id {
        G::Art15MinFunding => {
            let min = p.min_funding_per_station.value;
            let req = text(
                format!("每个社工站年均购买服务资金 ≥ {min} 元"),
                format!("average ≥ {min} CNY per station per year"),
            );
            match &county.funding {
                None => missing(req, "funding"),
                Some(f) => {
                    let n = f
                        .stations
                        .unwrap_or_else(|| u32::try_from(county.station_ids().len()).unwrap_or(0));
                    if n == 0 {
                        return finding(
                            O::InsufficientEvidence,
                            req,
                            text(
                                "缺少：`funding.stations`（未列出站点）",
                                "missing: funding.stations (no stations listed)",
                            ),
                        );
                    }
                    let avg = f
                        .purchase_funding
                        .get()
                        .checked_div(Decimal::from(n))
                        .unwrap_or_default();
                    let (total, avg_s) = (f.purchase_funding, floor2(avg));
                    met_if(
                        avg >= min.get(),
                        req,
                        text(
                            format!("{total} 元 ÷ {n}个站点 = {avg_s} 元"),
                            format!("{total} CNY / {n} stations = {avg_s} CNY"),
                        ),
                    )
                }
            }
        }
        G::Art22OneContractorPerStation => {
            let req = text("每个社工站1家承接机构", "1 contractor per station");
            if no_stations {
                return missing(req, "stations");
            }
            let by_station = active_contractors(county);
            let several: Vec<(&str, String)> = by_station
                .iter()
                .filter(|(_, cs)| cs.len() > 1)
                .map(|(s, cs)| (*s, cs.iter().copied().collect::<Vec<_>>().join(" + ")))
                .collect();
            let vacated: Vec<&str> = by_station
                .iter()
                .filter(|(_, cs)| cs.is_empty())
                .map(|(s, _)| *s)
                .collect();
            let n = by_station.len();
            let mut actual = if several.is_empty() {
                text(
                    format!("{n}个站点，每站至多1家承接机构"),
                    format!("{n} stations, each with at most 1 contractor"),
                )
            } else {
                let list = |sep: &str, colon: &str| {
                    several
                        .iter()
                        .map(|(s, cs)| format!("{s}{colon}{cs}"))
                        .collect::<Vec<_>>()
                        .join(sep)
                };
                text(
                    format!("多家承接机构：{}", list("；", "：")),
                    format!("several contractors: {}", list("; ", ": ")),
                )
            };
            let left: Vec<(&str, &str)> = county
                .stations
                .iter()
                .filter(|e| e.departure.is_some())
                .map(|e| (e.station.id.as_str(), e.contractor.name.as_str()))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            if !left.is_empty() {
                let zh: Vec<String> = left.iter().map(|(s, c)| format!("{s}（{c}）")).collect();
                let en: Vec<String> = left.iter().map(|(s, c)| format!("{s} ({c})")).collect();
                actual
                    .zh
                    .push_str(&format!("；承接机构已退出：{}", zh.join("、")));
                actual
                    .en
                    .push_str(&format!("; contractor left: {}", en.join(", ")));
            }
            if !vacated.is_empty() {
                actual
                    .zh
                    .push_str(&format!("；目前无承接机构运营：{}", vacated.join("、")));
                actual.en.push_str(&format!(
                    "; no contractor running now: {}",
                    vacated.join(", ")
                ));
            }
            met_if(several.is_empty(), req, actual)
        }
        G::Art22TwoContractorsPerCounty => {
            let req = text("县区内承接机构 ≥ 2家", "≥ 2 contractors in the county");
            if no_stations {
                return missing(req, "stations");
            }
            let active: BTreeSet<&str> =
                active_contractors(county).into_values().flatten().collect();
            let names: Vec<&str> = active.iter().copied().collect();
            let n = active.len();
            met_if(
                n >= 2,
                req,
                text(
                    format!("{n}家运营站点：{}", names.join("、")),
                    format!("{n} running stations: {}", names.join(", ")),
                ),
            )
        }
        G::Art22NoCrossCounty => {
            let req = text(
                "承接机构均注册在本县区，且不在其他县区运营站点",
                "every contractor based in the county and running no station elsewhere",
            );
            if no_stations {
                return missing(req, "stations");
            }
            // (contractor, the other county, based there rather than also running there)
            let mut offenders: BTreeSet<(&str, &str, bool)> = BTreeSet::new();
            for e in &county.stations {
                let c = &e.contractor;
                if c.county != county.county {
                    offenders.insert((c.name.as_str(), c.county.as_str(), true));
                }
                if let Some(others) = contractor_counties.get(c.name.as_str()) {
                    for other in others.iter().filter(|o| **o != county.county) {
                        offenders.insert((c.name.as_str(), other, false));
                    }
                }
            }
            let contractors: BTreeSet<&str> = county
                .stations
                .iter()
                .map(|e| e.contractor.name.as_str())
                .collect();
            let ok = offenders.is_empty();
            let (n, here) = (contractors.len(), county.county.as_str());
            let actual = if ok {
                text(
                    format!("{n}家承接机构，均注册在{here}且不在其他县区运营站点"),
                    format!(
                        "{n} contractor(s), all based in {here} and running no station elsewhere"
                    ),
                )
            } else {
                let zh: Vec<String> = offenders
                    .iter()
                    .map(|(c, o, based)| {
                        if *based {
                            format!("{c}（注册在{o}）")
                        } else {
                            format!("{c}（另在{o}运营站点）")
                        }
                    })
                    .collect();
                let en: Vec<String> = offenders
                    .iter()
                    .map(|(c, o, based)| {
                        if *based {
                            format!("{c} (based in {o})")
                        } else {
                            format!("{c} (also runs stations in {o})")
                        }
                    })
                    .collect();
                text(zh.join("；"), en.join("; "))
            };
            met_if(ok, req, actual)
        }
        G::Art33UniformPay => {
            let req = text(
                "县区内各承接机构执行统一的驻站社工月工资标准",
                "one monthly pay standard for every contractor in the county",
            );
            let Some(pay) = county.pay_standards.as_ref().filter(|p| !p.is_empty()) else {
                return missing(req, "pay_standards");
            };
            let listed = |sep: &str, colon: &str| {
                pay.iter()
                    .map(|s| format!("{}{colon}{}", s.contractor, s.monthly_pay))
                    .collect::<Vec<_>>()
                    .join(sep)
            };
            let (zh_list, en_list) = (listed("；", "："), listed("; ", ": "));
            let levels: BTreeSet<Money> = pay.iter().map(|s| s.monthly_pay).collect();
            if levels.len() > 1 {
                let k = levels.len();
                return finding(
                    O::NotMet,
                    req,
                    text(
                        format!("{k}种标准：{zh_list}"),
                        format!("{k} standards: {en_list}"),
                    ),
                );
            }
            let named: BTreeSet<&str> = pay.iter().map(|s| s.contractor.as_str()).collect();
            let unlisted: Vec<&str> = active_contractors(county)
                .into_values()
                .flatten()
                .filter(|c| !named.contains(c))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            if unlisted.is_empty() {
                finding(
                    O::Met,
                    req,
                    text(
                        format!("1种标准：{zh_list}"),
                        format!("1 standard: {en_list}"),
                    ),
                )
            } else {
                finding(
                    O::InsufficientEvidence,
                    req,
                    text(
                        format!(
                            "1种标准：{zh_list}；缺少以下承接机构的工资标准：{}",
                            unlisted.join("、")
                        ),
                        format!(
                            "1 standard: {en_list}; missing: pay standard of {}",
                            unlisted.join(", ")
                        ),
                    ),
                )
            }
        }
        G::Art38QuarterlyReports => {
            let per_year = p.quarterly_reports_per_year.value;
            let ended = quarters_ended(county.year, county.as_of);
            let due = per_year.saturating_mul(ended) / 4;
            let as_of = county.as_of;
            let req = text(
                format!("截至{as_of}应报{due}份（每年{per_year}份，每个已结束的季度1份）"),
                format!(
                    "{due} report(s) due by {as_of} ({per_year} a year, one per ended quarter)"
                ),
            );
            let Some(reports) = &county.quarterly_reports else {
                return missing(req, "quarterly_reports");
            };
            if due == 0 {
                return finding(
                    O::NotApplicable,
                    req,
                    text("本年度尚无已结束的季度", "no quarter of the year has ended"),
                );
            }
            let filed: BTreeSet<u8> = reports
                .iter()
                .map(|r| r.quarter)
                .filter(|q| u32::from(*q) <= ended)
                .collect();
            let zh_list = filed
                .iter()
                .map(|q| format!("第{q}季度"))
                .collect::<Vec<_>>()
                .join("、");
            let en_list = filed
                .iter()
                .map(|q| format!("Q{q}"))
                .collect::<Vec<_>>()
                .join(", ");
            let count = u32::try_from(filed.len()).unwrap_or(0);
            met_if(
                count >= due,
                req,
                if filed.is_empty() {
                    text("已报0份", "0 filed")
                } else {
                    text(
                        format!("已报{count}份（{zh_list}）"),
                        format!("{count} filed ({en_list})"),
                    )
                },
            )
        }
    }
}

/// Quarters of `year` whose last day is before `as_of` (0 to 4).
fn quarters_ended(year: i16, as_of: Date) -> u32 {
    [(3, 31), (6, 30), (9, 30), (12, 31)]
        .iter()
        .filter(|(m, d)| Date::new(year, *m, *d).is_ok_and(|end| end < as_of))
        .count()
        .try_into()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_count_only_ended_ones() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(quarters_ended(2024, d("2024-03-31")), 0);
        assert_eq!(quarters_ended(2024, d("2024-04-01")), 1);
        assert_eq!(quarters_ended(2024, d("2024-12-31")), 3);
        assert_eq!(quarters_ended(2024, d("2025-01-01")), 4);
        assert_eq!(quarters_ended(2024, d("2026-06-01")), 4);
    }

    #[test]
    fn floor_never_rounds_up_to_the_threshold() {
        assert_eq!(floor2(Decimal::new(49_999_999, 3)), "49999.99");
        assert_eq!(floor2(Decimal::from(50_000)), "50000.00");
    }

    #[test]
    fn gate_ids_round_trip() {
        for g in CountyGateId::ALL {
            assert_eq!(g.as_str().parse::<CountyGateId>().unwrap(), *g);
            let json = serde_json::to_string(g).unwrap();
            assert_eq!(json, format!("\"{}\"", g.as_str()));
        }
        assert_eq!(CountyGateId::ALL.len(), 6);
    }
}
