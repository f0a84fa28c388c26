//! The Article 29 decision: verdict, remaining payment, renewal and actions.
//!
//! An evaluation result decides whether the remaining payment (余款) is released and
//! whether the contract is renewed (Art. 29): **pass → release and renew; fail → no
//! remaining payment, no renewal, and a new contractor chosen through government
//! procurement**. A veto finding fails whatever the score (Art. 28), and serious ones
//! suspend or stop the project. [`evaluate`] turns a scorecard and the gates into that
//! decision, with a [`Receipt`] that pins down everything needed to reproduce it.
//!
//! ```
//! use sws_eval::{calendar::WorkCalendar, decision::{evaluate, Verdict, RenewalStatus},
//!     evidence::Evidence, policy::PolicySet, standard::CompiledStandard};
//! let ev: Evidence = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
//! let policies = PolicySet::dongying();
//! let policy = policies.governing_on(ev.contract.signed_on).unwrap();
//! let d = evaluate(&CompiledStandard::dongying_2022(), policy, &WorkCalendar::china_official(), &ev).unwrap();
//! assert_eq!(d.verdict, Verdict::Pass);
//! assert_eq!(d.payment.release.to_string(), "60000.00");
//! assert_eq!(d.renewal.status, RenewalStatus::Eligible);
//! ```

mod codes;

pub use codes::{RenewalReasonCode, VerdictReasonCode, WarningCode};

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::calendar::WorkCalendar;
use crate::date::Date;
use crate::evidence::{EvaluationKind, Evidence, EvidenceIssue, Text};
use crate::gates::{GateId, GateOutcome, GateResult, Severity, check_gates_noted};
use crate::num::{DecimalString, round_total};
use crate::policy::{Policy, PolicyError, PolicySet};
use crate::score::{ScoreError, Scorecard, score};
use crate::shared::SharedStr;
use crate::standard::{CompiledStandard, GradeId};

/// Why no decision could be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    /// The evidence contradicts itself or cannot be scored; every problem is listed.
    #[error("the evidence has {} problem(s): {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
    Evidence(Vec<EvidenceIssue>),
    /// No policy version governs the contract.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// A project year that cannot be decided as given.
    #[error("project year: {0}")]
    Year(String),
}

impl From<ScoreError> for DecisionError {
    fn from(e: ScoreError) -> Self {
        DecisionError::Evidence(e.issues)
    }
}

/// Pass or fail. 评估结论。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Qualified or better and no veto gate unmet. 合格。
    Pass,
    /// Unqualified, or a veto gate unmet. 不合格。
    Fail,
}

/// What happens to the remaining payment. 余款处理。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaymentStatus {
    /// Final evaluation passed: the remainder is released in full (Art. 29). 全额拨付余款。
    ReleasedInFull,
    /// Final evaluation failed: the remainder is withheld (Art. 29). 不予拨付余款。
    Withheld,
    /// Mid-term passed: the contract's mid-term tranche is released, the rest awaits the final. 拨付中期款。
    MidTermTrancheReleased,
    /// Mid-term: nothing is released now; the final evaluation decides. 待末期评估。
    DeferredToFinal,
}

/// The remaining payment (余款), in yuan with two decimals. 余款。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Payment {
    /// Always `CNY`. 币种。
    #[schemars(extend("const" = "CNY"))]
    pub currency: String,
    /// Contract price. 合同金额。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub price: Decimal,
    /// Paid before this decision. 已付金额。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub paid: Decimal,
    /// price − paid. 余款。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub remaining: Decimal,
    /// To be paid now. 本次拨付。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub release: Decimal,
    /// Not paid now (remaining − release). 暂不拨付。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub withheld: Decimal,
    /// Why. 处理方式。
    pub status: PaymentStatus,
    /// Articles. 依据条款。
    pub articles: Vec<SharedStr>,
}

/// Renewal eligibility. 续签资格。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RenewalStatus {
    /// May be renewed (Art. 29). 可续签。
    Eligible,
    /// May not be renewed. 不得续签。
    Ineligible,
    /// Cannot be decided now (mid-term, missing evidence, or the governing version ended). 暂无法确定。
    Undetermined,
}

/// One reason bearing on renewal. 续签理由。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RenewalReason {
    /// A stable code, e.g. `verdict_fail`. 代码。
    pub code: RenewalReasonCode,
    /// Articles. 依据条款。
    pub articles: Vec<SharedStr>,
    /// A sentence in Chinese and English. 说明。
    pub message: Text,
}

/// Renewal. 续签。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Renewal {
    /// Eligible, ineligible or undetermined. 结论。
    pub status: RenewalStatus,
    /// Every reason (empty when eligible with nothing to note). 理由。
    pub reasons: Vec<RenewalReason>,
}

/// A kind of action owed. 处理措施类别。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActionKind {
    /// Withhold the remaining payment (Art. 29). 不予拨付余款。
    WithholdRemainingPayment,
    /// Do not renew the contract (Art. 29). 不再续签。
    NoRenewal,
    /// Choose a new contractor through government procurement (Art. 29). 重新采购承接机构。
    ReProcure,
    /// Suspend or stop the project (Art. 28). 暂停或终止项目。
    SuspendOrStop,
    /// Correct an unmet rectify gate by a deadline (Art. 28). 限期整改。
    Rectify,
    /// Change or end the contract: a provincial or city inspection evaluation failed
    /// (Art. 25). 变更或解除合同。
    ChangeOrTerminateContract,
}

/// An action the purchaser must take. 处理措施。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Kind. 类别。
    pub kind: ActionKind,
    /// Articles. 依据条款。
    pub articles: Vec<SharedStr>,
    /// The gate it answers (rectify, suspend). 对应规则。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<GateId>,
    /// Deadline (rectify): a period of calendar days from the evaluation, ending on the
    /// next working day when its last day is a day off. 期限。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<Date>,
    /// In a project year's decision: the dates of the evaluations that found it (one
    /// action per gate, citing each). 涉及的评估（日期）。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evaluations: Vec<Date>,
    /// A sentence in Chinese and English. 说明。
    pub message: Text,
}

/// Why the verdict is what it is. 结论理由。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VerdictReason {
    /// A stable code, e.g. `veto_gate_not_met` or `below_pass_mark`. 代码。
    pub code: VerdictReasonCode,
    /// The veto gate not met (`veto_gate_not_met`). 对应规则。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<GateId>,
    /// The total the verdict rests on (`below_pass_mark`, `pass_mark_reached`). 总分。
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    #[schemars(with = "Option<DecimalString>")]
    pub total: Option<Decimal>,
    /// The lowest total of the qualified band. 合格线。
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    #[schemars(with = "Option<DecimalString>")]
    pub pass_mark: Option<Decimal>,
    /// Articles. 依据条款。
    pub articles: Vec<SharedStr>,
    /// A short phrase for the verdict line, e.g. "57.00 below 60". 说明。
    pub message: Text,
}

/// Something the reader must know that is not an error. 提示。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// A stable code, e.g. `policy_ended`. 代码。
    pub code: WarningCode,
    /// A sentence in Chinese and English. 说明。
    pub message: Text,
}

/// What is needed to reproduce a decision. 可复现凭据。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Receipt {
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
    /// The governing policy version. 适用政策版本。
    pub policy_version: String,
    /// Its first day in force. 施行日期。
    pub policy_in_force_from: Date,
    /// Its last day in force. 有效期至。
    pub policy_in_force_until: Date,
    /// Whether the evaluation is dated after the governing version ended. 评估时该版本是否已失效。
    pub policy_ended_before_evaluation: bool,
    /// The evaluation date (the engine has no clock). 评估日期。
    pub evaluation_date: Date,
    /// Mid-term or final. 评估类型。
    pub evaluation_kind: EvaluationKind,
    /// SHA-256 of the evidence's canonical JSON. 输入哈希。
    pub input_hash: String,
}

/// The decision on one evaluation. 评估决定。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Decision 评估决定")]
pub struct Decision {
    /// How to reproduce it. 凭据。
    pub receipt: Receipt,
    /// The scorecard. 评分表。
    pub scorecard: Scorecard,
    /// The grade. 等级。
    pub grade: GradeId,
    /// Pass or fail. 结论。
    pub verdict: Verdict,
    /// Why: each unmet veto gate, or the total against the pass mark. 结论理由。
    pub verdict_reasons: Vec<VerdictReason>,
    /// Every gate. 硬性规则。
    pub gates: Vec<GateResult>,
    /// The remaining payment. 余款。
    pub payment: Payment,
    /// Renewal. 续签。
    pub renewal: Renewal,
    /// Actions owed. 处理措施。
    pub actions: Vec<Action>,
    /// Warnings. 提示。
    pub warnings: Vec<Warning>,
}

fn text(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text {
        zh: zh.into(),
        en: en.into(),
    }
}

fn arts(a: &[&'static str]) -> Vec<SharedStr> {
    a.iter().map(|s| SharedStr::fixed(s)).collect()
}

/// SHA-256 of a value's JSON, in hex.
pub(crate) fn json_hash<T: Serialize>(value: &T) -> String {
    /// Feeds the JSON into the hash through a small buffer: serde_json writes a
    /// document as thousands of tiny pieces (a quote, a key, a colon), and handing each
    /// to SHA-256 on its own costs more than the hashing. No buffer for the whole document.
    struct HashWriter {
        sha: Sha256,
        buf: [u8; 4096],
        len: usize,
    }
    impl HashWriter {
        fn drain(&mut self) {
            self.sha
                .update(self.buf.get(..self.len).unwrap_or_default());
            self.len = 0;
        }
    }
    impl std::io::Write for HashWriter {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            let room = self.buf.len().saturating_sub(self.len);
            if data.len() > room {
                self.drain();
                if data.len() >= self.buf.len() {
                    self.sha.update(data);
                    return Ok(data.len());
                }
            }
            let end = self.len.saturating_add(data.len());
            if let Some(slot) = self.buf.get_mut(self.len..end) {
                slot.copy_from_slice(data);
                self.len = end;
            }
            Ok(data.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut w = HashWriter {
        sha: Sha256::new(),
        buf: [0; 4096],
        len: 0,
    };
    match serde_json::to_writer(&mut w, value) {
        Ok(()) => {
            w.drain();
            crate::standard::hex_digest(&w.sha.finalize())
        }
        // As before: a value that cannot be written hashes as the empty document.
        Err(_) => crate::standard::hex_digest(&Sha256::digest(b"")),
    }
}

/// Decides one evaluation: score, gates, verdict, payment, renewal, actions.
///
/// `policy` is the governing version (see [`PolicySet::governing`]); `calendar` counts
/// working days. The evidence is checked first ([`Evidence::check`]); every problem
/// is returned at once.
pub fn evaluate(
    standard: &CompiledStandard,
    policy: &Policy,
    calendar: &WorkCalendar,
    evidence: &Evidence,
) -> Result<Decision, DecisionError> {
    let mut issues = evidence.check();
    let scorecard = match score(standard, evidence) {
        Ok(card) => Some(card),
        Err(e) => {
            issues.extend(e.issues);
            None
        }
    };
    let (Some(scorecard), true) = (scorecard, issues.is_empty()) else {
        return Err(DecisionError::Evidence(issues));
    };
    let (gates, notes) = check_gates_noted(policy, calendar, evidence);
    let mut warnings = Vec::new();
    for note in notes {
        warnings.push(calendar_warning(
            calendar,
            note.first_unknown,
            &format!("规则{}", note.gate.label().zh),
            &format!("gate {}", note.gate.label().en),
        ));
    }
    Ok(decide(
        standard, policy, calendar, evidence, scorecard, gates, warnings,
    ))
}

fn decide(
    standard: &CompiledStandard,
    policy: &Policy,
    calendar: &WorkCalendar,
    ev: &Evidence,
    scorecard: Scorecard,
    gates: Vec<GateResult>,
    mut warnings: Vec<Warning>,
) -> Decision {
    let grade = scorecard.grade.clone();
    let veto_unmet: Vec<&GateResult> = gates
        .iter()
        .filter(|g| g.severity == Severity::Veto && g.outcome == GateOutcome::NotMet)
        .collect();
    let veto_unknown: Vec<&GateResult> = gates
        .iter()
        .filter(|g| g.severity == Severity::Veto && g.outcome == GateOutcome::InsufficientEvidence)
        .collect();
    let verdict = if veto_unmet.is_empty() && standard.passes(&grade) && !scorecard.fails_by_veto()
    {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    let is_final = ev.evaluation.kind == EvaluationKind::Final;
    let ended = ev.evaluation.date > policy.in_force.until;

    if ended {
        warnings.push(Warning {
            code: WarningCode::PolicyEnded,
            message: text(
                format!(
                    "适用的政策版本 {}（{}至{}）在评估日 {} 前已失效；本决定按合同签订时的版本作出",
                    policy.id, policy.in_force.from, policy.in_force.until, ev.evaluation.date
                ),
                format!(
                    "the governing policy version {} ({} to {}) ended before the evaluation on {}; this decision applies the version in force when the contract was signed",
                    policy.id, policy.in_force.from, policy.in_force.until, ev.evaluation.date
                ),
            ),
        });
    }
    if !veto_unknown.is_empty() {
        let labels: Vec<Text> = veto_unknown.iter().map(|g| g.id.label()).collect();
        let ids = crate::gates::join(&labels, "、", ", ");
        warnings.push(Warning {
            code: WarningCode::VetoGateUnverified,
            message: text(
                format!("否决项缺少证据，未能核实：{}", ids.zh),
                format!(
                    "veto gates could not be verified for lack of evidence: {}",
                    ids.en
                ),
            ),
        });
    }
    if !scorecard.insufficient_evidence.is_empty() {
        warnings.push(Warning {
            code: WarningCode::InsufficientEvidence,
            message: text(
                format!(
                    "以下指标因证据不足计0分：{}",
                    scorecard.insufficient_evidence.join("、")
                ),
                format!(
                    "scored 0 for want of evidence: {}",
                    scorecard.insufficient_evidence.join(", ")
                ),
            ),
        });
    }
    if let Some(w) = evaluator_warning(ev) {
        warnings.push(w);
    }
    let s = standard.standard();
    if standard.hash() == crate::standard::BUILTIN_HASH {
        warnings.push(Warning {
            code: WarningCode::ReconstructedStandard,
            message: text(
                "评分标准为重构版（附件2未公开），分值为假设",
                "the standard is a reconstruction (Annex 2 is not published); its point values are assumptions",
            ),
        });
    } else if s.provenance.kind == crate::standard::Provenance::Reconstruction {
        // Another standard's provenance speaks for itself.
        warnings.push(Warning {
            code: WarningCode::StandardProvenance,
            message: text(
                format!(
                    "评分标准 {} {} 为重构版：{}",
                    s.id, s.version, s.provenance.note
                ),
                format!(
                    "the standard {} {} is a reconstruction: {}",
                    s.id, s.version, s.provenance.note
                ),
            ),
        });
    }
    if let Some(w) = standard_period_warning(standard, ev) {
        warnings.push(w);
    }
    for p in scorecard.panels.iter().filter(|p| p.spread_exceeded) {
        let spread = p
            .spread
            .map(|d| d.normalize().to_string())
            .unwrap_or_default();
        let limit = p
            .spread_limit
            .map(|d| d.normalize().to_string())
            .unwrap_or_default();
        warnings.push(Warning {
            code: WarningCode::PanelSpread,
            message: text(
                format!(
                    "指标 {} 各评估员评分极差 {spread} 超过上限 {limit}",
                    p.indicator
                ),
                format!(
                    "the evaluators' marks for {} spread by {spread}, above the limit {limit}",
                    p.indicator
                ),
            ),
        });
    }

    let mut verdict_reasons = verdict_reasons(standard, scorecard.total, &gates);
    // The standard's own vetoes (一票否决 of the score sheet) that decided the verdict.
    for v in scorecard
        .vetoes
        .iter()
        .filter(|v| v.outcome == crate::score::VetoOutcome::Triggered)
    {
        verdict_reasons.retain(|r| r.code != VerdictReasonCode::PassMarkReached);
        verdict_reasons.push(VerdictReason {
            code: VerdictReasonCode::StandardVeto,
            gate: None,
            total: None,
            pass_mark: None,
            articles: v.articles.iter().map(|a| a.as_str().into()).collect(),
            message: text(
                format!("评分标准一票否决：{}", v.title.zh),
                format!("the standard's veto: {}", v.title.en),
            ),
        });
    }
    let payment = payment(ev, verdict);
    let renewal = renewal(policy, ev, verdict, &gates, ended);
    let deadline = rectify_deadline(policy, calendar, ev, &mut warnings);
    if !is_final && verdict == Verdict::Fail {
        warnings.push(Warning {
            code: WarningCode::MidTermFail,
            message: text(
                "中期评估不合格：余款与续签由末期评估决定，须按期整改",
                "the mid-term evaluation failed: the final evaluation decides payment and renewal; rectify in time",
            ),
        });
    }
    let actions = actions(
        policy,
        ev,
        verdict,
        &verdict_reasons,
        &payment,
        &renewal,
        &gates,
        deadline,
    );
    let receipt = Receipt {
        engine: "sws-eval".into(),
        engine_version: env!("CARGO_PKG_VERSION").into(),
        standard_id: standard.standard().id.clone(),
        standard_version: standard.standard().version.clone(),
        standard_hash: standard.hash().to_owned(),
        policy_version: policy.id.clone(),
        policy_in_force_from: policy.in_force.from,
        policy_in_force_until: policy.in_force.until,
        policy_ended_before_evaluation: ended,
        evaluation_date: ev.evaluation.date,
        evaluation_kind: ev.evaluation.kind,
        input_hash: json_hash(ev),
    };
    Decision {
        receipt,
        scorecard,
        grade,
        verdict,
        verdict_reasons,
        gates,
        payment,
        renewal,
        actions,
        warnings,
    }
}

/// Art. 28 commissions a third party: an evaluation by the contractor or the purchaser
/// itself (by its kind, or an evaluator named like the contractor) is not independent.
fn evaluator_warning(ev: &Evidence) -> Option<Warning> {
    use crate::evidence::EvaluatorKind as K;
    let by_name = ev
        .evaluation
        .evaluator
        .as_deref()
        .is_some_and(|e| e.trim() == ev.contractor.name.trim());
    let (zh, en) = match (ev.evaluation.evaluator_kind, by_name) {
        (Some(K::Contractor), _) | (_, true) => ("承接机构", "the contractor"),
        (Some(K::Purchaser), _) => ("购买主体", "the purchaser"),
        _ => return None,
    };
    Some(Warning {
        code: WarningCode::EvaluatorNotIndependent,
        message: text(
            format!("本次评估由{zh}自行开展，并非第三方评估（第28条）"),
            format!(
                "the evaluation was carried out by {en} itself, not by a third party (Art. 28)"
            ),
        ),
    })
}

/// The lowest total of the qualified band (the pass mark).
/// The lowest total of a band that passes (the pass mark).
fn pass_mark(standard: &CompiledStandard) -> Option<Decimal> {
    standard
        .bands()
        .iter()
        .filter(|b| b.passes)
        .map(|b| b.from)
        .min()
}

/// Why a verdict: each unmet veto gate, else the total against the pass mark.
fn verdict_reasons(
    standard: &CompiledStandard,
    total: Decimal,
    gates: &[GateResult],
) -> Vec<VerdictReason> {
    let vetoes = gates
        .iter()
        .filter(|g| g.severity == Severity::Veto && g.outcome == GateOutcome::NotMet)
        .map(|g| g.id);
    verdict_reasons_of(standard, total, vetoes)
}

fn verdict_reasons_of(
    standard: &CompiledStandard,
    total: Decimal,
    vetoes: impl Iterator<Item = GateId>,
) -> Vec<VerdictReason> {
    let mut out: Vec<VerdictReason> = vetoes
        .map(|g| VerdictReason {
            code: VerdictReasonCode::VetoGateNotMet,
            gate: Some(g),
            total: None,
            pass_mark: None,
            articles: arts(g.articles()),
            message: text(
                format!("一票否决：{}", g.label().zh),
                format!("veto {}", g.label().en),
            ),
        })
        .collect();
    let mark = pass_mark(standard);
    let t = crate::num::fixed2(total);
    let m = mark.map(|m| m.normalize().to_string()).unwrap_or_default();
    let reached = standard.passes(&standard.grade_of(total));
    if !reached {
        out.push(VerdictReason {
            code: VerdictReasonCode::BelowPassMark,
            gate: None,
            total: Some(total),
            pass_mark: mark,
            articles: arts(&["28", "29"]),
            message: text(
                format!("总分{t}分，低于合格线{m}分"),
                format!("{t} below {m}"),
            ),
        });
    } else if out.is_empty() {
        out.push(VerdictReason {
            code: VerdictReasonCode::PassMarkReached,
            gate: None,
            total: Some(total),
            pass_mark: mark,
            articles: arts(&["29"]),
            message: text(
                format!("总分{t}分，达到合格线{m}分"),
                format!("{t} reaches {m}"),
            ),
        });
    }
    out
}

/// A warning that the work calendar did not cover a count.
fn calendar_warning(calendar: &WorkCalendar, first_unknown: Date, zh: &str, en: &str) -> Warning {
    Warning {
        code: WarningCode::CalendarOutOfRange,
        message: text(
            format!("工作日历未覆盖{}年，{zh}无法精确计算", first_unknown.year()),
            format!(
                "the work calendar does not cover {} (known years: {}); {en} could not be computed exactly",
                first_unknown.year(),
                calendar
                    .known_years()
                    .map(|y| y.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        ),
    }
}

/// The rectification deadline: `rectification_days` calendar days from the evaluation,
/// ending on the next working day when the last day is a day off (Civil Code Arts.
/// 201, 203). Outside the calendar: the plain date, with a warning.
fn rectify_deadline(
    policy: &Policy,
    calendar: &WorkCalendar,
    ev: &Evidence,
    warnings: &mut Vec<Warning>,
) -> Option<Date> {
    let days = policy.parameters.rectification_days.value;
    let plain = ev
        .evaluation
        .date
        .add_days(i32::try_from(days).unwrap_or(i32::MAX))?;
    match calendar.working_day_on_or_after(plain) {
        Ok(day) => Some(day),
        Err(out) => {
            warnings.push(calendar_warning(
                calendar,
                out.first_unknown,
                "整改期限",
                "the rectification deadline",
            ));
            Some(plain)
        }
    }
}

/// A warning when the evaluation date lies outside the standard's effective period.
fn standard_period_warning(standard: &CompiledStandard, ev: &Evidence) -> Option<Warning> {
    let s = standard.standard();
    let date = ev.evaluation.date;
    let outside = date < s.effective.from || s.effective.until.is_some_and(|u| date > u);
    if !outside {
        return None;
    }
    let period = match s.effective.until {
        Some(u) => format!("{} – {u}", s.effective.from),
        None => format!("{} –", s.effective.from),
    };
    Some(Warning {
        code: WarningCode::StandardNotInEffect,
        message: text(
            format!("评估日期 {date} 不在评分标准 {} 的适用期 {period} 内", s.id),
            format!(
                "the evaluation date {date} is outside the standard {}'s effective period {period}",
                s.id
            ),
        ),
    })
}

/// The actions owed after a verdict (Arts. 13, 28, 29).
#[allow(clippy::too_many_arguments)]
fn actions(
    policy: &Policy,
    ev: &Evidence,
    verdict: Verdict,
    reasons: &[VerdictReason],
    payment: &Payment,
    renewal: &Renewal,
    gates: &[GateResult],
    deadline: Option<Date>,
) -> Vec<Action> {
    let is_final = ev.evaluation.kind == EvaluationKind::Final;
    let veto_unmet = gates
        .iter()
        .filter(|g| g.severity == Severity::Veto && g.outcome == GateOutcome::NotMet);
    let mut actions = Vec::new();
    if is_final && verdict == Verdict::Fail {
        actions.push(Action {
            kind: ActionKind::WithholdRemainingPayment,
            articles: arts(&["29"]),
            gate: None,
            deadline: None,
            evaluations: Vec::new(),
            message: text(
                format!(
                    "评估不合格，不予拨付余款 {} 元",
                    crate::num::fixed2(payment.remaining)
                ),
                format!(
                    "evaluation failed: withhold the remaining payment of CNY {}",
                    crate::num::fixed2(payment.remaining)
                ),
            ),
        });
    }
    if renewal.status == RenewalStatus::Ineligible {
        actions.push(Action {
            kind: ActionKind::NoRenewal,
            articles: arts(&["29"]),
            gate: None,
            deadline: None,
            evaluations: Vec::new(),
            message: text(
                "不再与该承接机构续签合同",
                "do not renew the contract with this contractor",
            ),
        });
    }
    let left = ev
        .departure
        .as_ref()
        .filter(|d| d.left_on <= ev.evaluation.date);
    if let Some(d) = left {
        // The station has no contractor any more: the next one is chosen through
        // government procurement, whatever the verdict (Arts. 13, 29).
        actions.push(Action {
            kind: ActionKind::ReProcure,
            articles: arts(&["13", "29"]),
            gate: None,
            deadline: None,
            evaluations: Vec::new(),
            message: text(
                format!("承接机构已于{}退出，按照政府采购程序重新确定承接机构", d.left_on),
                format!(
                    "the contractor left on {}: choose a new contractor through government procurement",
                    d.left_on
                ),
            ),
        });
    } else if renewal.status == RenewalStatus::Ineligible && verdict == Verdict::Fail {
        actions.push(Action {
            kind: ActionKind::ReProcure,
            articles: arts(&["29"]),
            gate: None,
            deadline: None,
            evaluations: Vec::new(),
            message: text(
                "通过政府采购重新确定承接机构",
                "choose a new contractor through government procurement",
            ),
        });
    }
    for g in veto_unmet {
        actions.push(Action {
            kind: ActionKind::SuspendOrStop,
            articles: arts(&["28"]),
            gate: Some(g.id),
            deadline: None,
            evaluations: Vec::new(),
            message: text(
                format!("一票否决项{}不符合，暂停或终止项目", g.id.label().zh),
                format!(
                    "veto gate {} not met: suspend or stop the project",
                    g.id.label().en
                ),
            ),
        });
    }
    for g in gates.iter().filter(|g| g.outcome == GateOutcome::NotMet) {
        match g.id {
            // Art. 28: a serious deviation from the contract's goals suspends or stops
            // the project, whatever the gate's severity (a veto already did).
            GateId::Art28NoSeriousDeviation if g.severity != Severity::Veto => {
                actions.push(Action {
                    kind: ActionKind::SuspendOrStop,
                    articles: arts(&["28"]),
                    gate: Some(g.id),
                    deadline: None,
                    evaluations: Vec::new(),
                    message: text(
                        "严重偏离合同目标，暂缓或停止项目执行",
                        "serious deviation from the contract's goals: suspend or stop the project",
                    ),
                });
            }
            // Art. 25: the contract may be changed or ended.
            GateId::Art25InspectionPassed => actions.push(Action {
                kind: ActionKind::ChangeOrTerminateContract,
                articles: arts(&["25"]),
                gate: Some(g.id),
                deadline: None,
                evaluations: Vec::new(),
                message: text(
                    "省市督查评估不合格，可依合同变更或解除协议",
                    "a provincial or city inspection evaluation failed: the contract may be changed or ended",
                ),
            }),
            _ => {}
        }
    }
    let days = policy.parameters.rectification_days.value;
    let until = deadline.map(|d| d.to_string()).unwrap_or_default();
    if !is_final {
        // A mid-term that fails on its total orders rectification (以评促改, Art. 28);
        // the final evaluation decides payment and renewal.
        if let Some(r) = reasons
            .iter()
            .find(|r| r.code == VerdictReasonCode::BelowPassMark)
        {
            actions.push(Action {
                kind: ActionKind::Rectify,
                articles: arts(&["28"]),
                gate: None,
                deadline,
                evaluations: Vec::new(),
                message: text(
                    format!("中期评估不合格（{}）：于{until}前整改，末期评估决定余款与续签", r.message.zh),
                    format!(
                        "the mid-term evaluation failed ({}): rectify by {until}; the final evaluation decides payment and renewal",
                        r.message.en
                    ),
                ),
            });
        }
    }
    for g in gates
        .iter()
        .filter(|g| g.severity == Severity::Rectify && g.outcome == GateOutcome::NotMet)
    {
        let mut articles = g.articles.clone();
        if !articles.iter().any(|a| a == "28") {
            articles.push(SharedStr::fixed("28"));
        }
        actions.push(Action {
            kind: ActionKind::Rectify,
            articles,
            gate: Some(g.id),
            deadline,
            evaluations: Vec::new(),
            message: text(
                format!("限期整改（{days}日内）：{}", g.message.zh),
                format!("rectify within {days} days: {}", g.message.en),
            ),
        });
    }

    actions
}

fn payment(ev: &Evidence, verdict: Verdict) -> Payment {
    let c = &ev.contract;
    let (price, paid) = (c.price.get(), c.paid.get());
    // Evidence::check refuses paid > price; the max keeps the invariant regardless.
    let remaining = price.saturating_sub(paid).max(Decimal::ZERO);
    let (release, status) = match (ev.evaluation.kind, verdict) {
        (EvaluationKind::Final, Verdict::Pass) => (remaining, PaymentStatus::ReleasedInFull),
        (EvaluationKind::Final, Verdict::Fail) => (Decimal::ZERO, PaymentStatus::Withheld),
        (EvaluationKind::MidTerm, Verdict::Pass) => match c.mid_term_tranche {
            Some(t) if !t.get().is_zero() => (
                t.get().min(remaining),
                PaymentStatus::MidTermTrancheReleased,
            ),
            _ => (Decimal::ZERO, PaymentStatus::DeferredToFinal),
        },
        (EvaluationKind::MidTerm, Verdict::Fail) => (Decimal::ZERO, PaymentStatus::DeferredToFinal),
    };
    Payment {
        currency: "CNY".into(),
        price: round_total(price),
        paid: round_total(paid),
        remaining: round_total(remaining),
        release: round_total(release),
        withheld: round_total(remaining.saturating_sub(release)),
        status,
        articles: arts(&["27", "29"]),
    }
}

fn reason(code: RenewalReasonCode, a: &[&'static str], zh: String, en: String) -> RenewalReason {
    RenewalReason {
        code,
        articles: arts(a),
        message: text(zh, en),
    }
}

fn renewal(
    policy: &Policy,
    ev: &Evidence,
    verdict: Verdict,
    gates: &[GateResult],
    ended: bool,
) -> Renewal {
    let mut ineligible = Vec::new();
    let mut undetermined = Vec::new();
    let gate = |id: GateId| gates.iter().find(|g| g.id == id);
    if ev.evaluation.kind == EvaluationKind::MidTerm {
        // A mid-term evaluation never decides renewal, even when it fails (§5): it says
        // only that the final evaluation decides.
        return Renewal {
            status: RenewalStatus::Undetermined,
            reasons: vec![reason(
                RenewalReasonCode::MidTerm,
                &["28", "29"],
                "续签由末期评估决定".into(),
                "the final evaluation decides renewal".into(),
            )],
        };
    }
    if verdict == Verdict::Fail {
        ineligible.push(reason(
            RenewalReasonCode::VerdictFail,
            &["29"],
            "评估不合格，不再续签".into(),
            "the evaluation failed: no renewal".into(),
        ));
    }
    for g in gates.iter().filter(|g| g.severity == Severity::Veto) {
        match g.outcome {
            GateOutcome::NotMet => ineligible.push(reason(
                RenewalReasonCode::VetoGateNotMet,
                g.id.articles(),
                format!("否决项{}不符合", g.id.label().zh),
                format!("veto gate {} not met", g.id.label().en),
            )),
            GateOutcome::InsufficientEvidence => undetermined.push(reason(
                RenewalReasonCode::VetoGateUnverified,
                g.id.articles(),
                format!("否决项{}缺少证据", g.id.label().zh),
                format!("veto gate {} lacks evidence", g.id.label().en),
            )),
            _ => {}
        }
    }
    if let Some(g) = gate(GateId::Art8ContractorEligible)
        && g.severity != Severity::Veto
    {
        match g.outcome {
            GateOutcome::NotMet => ineligible.push(reason(
                RenewalReasonCode::ContractorIneligible,
                &["8"],
                "承接机构不符合第8条条件".into(),
                "the contractor does not meet Art. 8".into(),
            )),
            GateOutcome::InsufficientEvidence => undetermined.push(reason(
                RenewalReasonCode::ContractorEligibilityUnknown,
                &["8"],
                "承接机构资格缺少证据".into(),
                "the contractor's eligibility lacks evidence".into(),
            )),
            _ => {}
        }
    }
    if let Some(d) = ev
        .departure
        .as_ref()
        .filter(|d| d.left_on <= ev.evaluation.date)
    {
        // A contractor that has left the station is not the party a renewal would be
        // signed with; the purchaser chooses the next one (Arts. 13, 29).
        ineligible.push(reason(
            RenewalReasonCode::ContractorLeft,
            &["13", "29"],
            format!("承接机构已于 {} 退出，不再续签", d.left_on),
            format!(
                "the contractor left on {}: there is no contract to renew with it",
                d.left_on
            ),
        ));
    }
    if ev.contractor.county != ev.station.county {
        ineligible.push(reason(
            RenewalReasonCode::ContractorOutsideCounty,
            &["22"],
            format!("承接机构所在县区（{}）与社工站（{}）不同，不得跨县区承接", ev.contractor.county, ev.station.county),
            format!(
                "the contractor is in {}, the station in {}: no contractor may run stations across counties",
                ev.contractor.county, ev.station.county
            ),
        ));
    }
    let max_years = policy.parameters.max_term_years.value;
    let renewal_date = match &ev.renewal {
        Some(r) => {
            let limit = r
                .start
                .add_years(i16::try_from(max_years).unwrap_or(i16::MAX))
                .and_then(|d| d.add_days(-1))
                .unwrap_or(r.start);
            if r.end > limit {
                ineligible.push(reason(
                    RenewalReasonCode::RenewalTermTooLong,
                    &["25"],
                    format!("拟续签期限 {} 至 {} 超过{}年", r.start, r.end, max_years),
                    format!(
                        "the proposed term {} to {} exceeds {max_years} years",
                        r.start, r.end
                    ),
                ));
            }
            r.start
        }
        None => ev
            .contract
            .term_end
            .add_days(1)
            .unwrap_or(ev.contract.term_end),
    };
    let renewal_date = renewal_date.max(ev.evaluation.date);
    if ended || renewal_date > policy.in_force.until {
        undetermined.push(reason(
            RenewalReasonCode::PolicyEnded,
            &["45"],
            format!(
                "适用的政策版本 {} 于 {} 失效，续签（{}）适用新规定",
                policy.id, policy.in_force.until, renewal_date
            ),
            format!(
                "the governing version {} ended on {}; a renewal on {} falls under whatever replaced it",
                policy.id, policy.in_force.until, renewal_date
            ),
        ));
    }
    let policy_ended = undetermined
        .iter()
        .any(|r| r.code == RenewalReasonCode::PolicyEnded);
    let status = if policy_ended || (ineligible.is_empty() && !undetermined.is_empty()) {
        RenewalStatus::Undetermined
    } else if !ineligible.is_empty() {
        RenewalStatus::Ineligible
    } else {
        RenewalStatus::Eligible
    };
    let mut reasons = ineligible;
    reasons.extend(undetermined);
    if status == RenewalStatus::Eligible {
        reasons.push(reason(
            RenewalReasonCode::Passed,
            &["29"],
            "末期评估合格，可续签".into(),
            "the final evaluation passed: the contract may be renewed".into(),
        ));
    }
    Renewal { status, reasons }
}

/// A standard, policy versions and a calendar, ready to decide many evaluations:
/// the embedding API. The governing version is picked per evaluation from the
/// contract's signing date, unless one is named.
///
/// ```
/// use sws_eval::decision::Evaluator;
/// let eval = Evaluator::dongying();
/// let ev = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
/// let d = eval.evaluate(&ev).unwrap();
/// assert_eq!(d.receipt.policy_version, "dongying-2022");
/// ```
#[derive(Debug, Clone)]
pub struct Evaluator {
    /// The standard.
    pub standard: CompiledStandard,
    /// The policy versions.
    pub policies: PolicySet,
    /// The work calendar.
    pub calendar: WorkCalendar,
    /// A version to use whatever the signing date (`None`: the one in force then).
    pub policy_version: Option<String>,
    /// Refuse an evaluation dated outside the standard's effective period (by default it
    /// is decided with the warning `standard_not_in_effect`).
    pub strict_standard_period: bool,
}

impl Evaluator {
    /// The built-ins: the default standard, the measure's policy, China's official calendar.
    pub fn dongying() -> Evaluator {
        Evaluator {
            standard: CompiledStandard::dongying_2022(),
            policies: PolicySet::dongying(),
            calendar: WorkCalendar::china_official(),
            policy_version: None,
            strict_standard_period: false,
        }
    }

    /// Decides one evaluation.
    pub fn evaluate(&self, evidence: &Evidence) -> Result<Decision, DecisionError> {
        let policy = self
            .policies
            .governing(evidence.contract.signed_on, self.policy_version.as_deref())?;
        if self.strict_standard_period
            && let Some(w) = standard_period_warning(&self.standard, evidence)
        {
            return Err(DecisionError::Evidence(vec![EvidenceIssue {
                code: "standard_not_in_effect",
                pointer: "/evaluation/date".into(),
                message: w.message.en,
                suggestion: None,
            }]));
        }
        evaluate(&self.standard, policy, &self.calendar, evidence)
    }

    /// Decides a project year (see [`evaluate_year`]).
    pub fn evaluate_year(&self, year: &ProjectYear) -> Result<YearDecision, DecisionError> {
        let first = year
            .evaluations
            .first()
            .ok_or_else(|| DecisionError::Year("no evaluations".into()))?;
        let policy = self
            .policies
            .governing(first.contract.signed_on, self.policy_version.as_deref())?;
        evaluate_year(&self.standard, policy, &self.calendar, year)
    }
}

/// All evaluations of one project year of one station project. 项目年度全部评估。
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Project year 项目年度")]
pub struct ProjectYear {
    /// The evaluations, in date order; at most one final, at most 24 in all. 各次评估（按日期），至多一次末期评估，共不超过24次。
    #[serde(deserialize_with = "at_most_max_evaluations")]
    #[schemars(length(max = 24))]
    pub evaluations: Vec<Evidence>,
}

/// The most evaluations a project year may hold: 24. The measure asks for a mid-term
/// and a final evaluation a year (Art. 28); two a month is already far more than any
/// station's year has, and the bound keeps one file from multiplying into millions of
/// decisions.
pub const MAX_EVALUATIONS_PER_YEAR: usize = 24;

/// Reads the evaluations, refusing the first one past [`MAX_EVALUATIONS_PER_YEAR`]
/// without reading the rest.
fn at_most_max_evaluations<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<Evidence>, D::Error> {
    struct Bounded;
    impl<'de> serde::de::Visitor<'de> for Bounded {
        type Value = Vec<Evidence>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(
                f,
                "a list of at most {MAX_EVALUATIONS_PER_YEAR} evaluations"
            )
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Vec<Evidence>, A::Error> {
            let mut out = Vec::new();
            while let Some(e) = seq.next_element()? {
                if out.len() >= MAX_EVALUATIONS_PER_YEAR {
                    return Err(serde::de::Error::invalid_length(
                        MAX_EVALUATIONS_PER_YEAR.saturating_add(1),
                        &self,
                    ));
                }
                out.push(e);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Bounded)
}

/// The decision on a project year (§5). 年度决定。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Project year decision 年度评估决定")]
pub struct YearDecision {
    /// The decision on each evaluation, in date order. 各次评估决定。
    pub evaluations: Vec<Decision>,
    /// `art28.two_evaluations_a_year` over the year. 年度评估次数规则。
    pub evaluation_count_gate: GateResult,
    /// Which figure governs payment and renewal; absent until the final evaluation.
    /// 决定余款与续签的依据。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub governed_by: Option<GoverningFigure>,
    /// The weighted total, when the policy asks for one. 加权总分。
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_decimal")]
    #[schemars(with = "Option<DecimalString>")]
    pub weighted_total: Option<Decimal>,
    /// The year's grade (the final's, or the weighted one). 年度等级。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grade: Option<GradeId>,
    /// The year's verdict; absent until the final evaluation. 年度结论。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Why the year's verdict (empty until the final evaluation). 年度结论理由。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdict_reasons: Vec<VerdictReason>,
    /// The remaining payment, decided by the final evaluation. 余款。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment: Option<Payment>,
    /// Renewal, decided by the final evaluation. 续签。
    pub renewal: Renewal,
    /// Actions owed: the final's, plus rectifications still open from mid-terms; one
    /// action per kind and gate, with the latest deadline, citing every evaluation that
    /// found it. 处理措施。
    pub actions: Vec<Action>,
    /// Warnings. 提示。
    pub warnings: Vec<Warning>,
}

/// Which figure governs a project year's payment and renewal. 决定依据。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GoverningFigure {
    /// The final evaluation's own decision (the default, §5). 末期评估结论。
    FinalEvaluation,
    /// The year's weighted total (the policy's weighted combination). 年度加权总分。
    WeightedTotal,
}

/// One action per kind and gate: the latest deadline (and its message), citing every
/// evaluation that found it, in the order first found.
fn merge_actions(found: Vec<(Action, Date)>) -> Vec<Action> {
    let mut out: Vec<Action> = Vec::new();
    for (a, date) in found {
        match out
            .iter_mut()
            .find(|m| m.kind == a.kind && m.gate == a.gate)
        {
            Some(m) => {
                if a.deadline >= m.deadline {
                    m.deadline = a.deadline;
                    m.message = a.message;
                    m.articles = a.articles;
                }
                if !m.evaluations.contains(&date) {
                    m.evaluations.push(date);
                    m.evaluations.sort();
                }
            }
            None => out.push(Action {
                evaluations: vec![date],
                ..a
            }),
        }
    }
    out
}

mod opt_decimal {
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

/// Decides a project year: each evaluation is decided on its own; the final one decides
/// payment and renewal; `art28.two_evaluations_a_year` is checked on the count. With
/// the policy's weighted combination on, the year's total is the weighted mean of the
/// mid-terms' mean and the final, and the verdict follows that total (any unmet veto
/// in the year still fails it).
pub fn evaluate_year(
    standard: &CompiledStandard,
    policy: &Policy,
    calendar: &WorkCalendar,
    year: &ProjectYear,
) -> Result<YearDecision, DecisionError> {
    if year.evaluations.len() > MAX_EVALUATIONS_PER_YEAR {
        return Err(DecisionError::Year(format!(
            "{} evaluations; a project year holds at most {MAX_EVALUATIONS_PER_YEAR}",
            year.evaluations.len()
        )));
    }
    let finals = year
        .evaluations
        .iter()
        .filter(|e| e.evaluation.kind == EvaluationKind::Final)
        .count();
    if finals > 1 {
        return Err(DecisionError::Year(format!(
            "{finals} final evaluations; a project year has at most one"
        )));
    }
    let mut issues = Vec::new();
    let mut decisions = Vec::with_capacity(year.evaluations.len());
    for (i, ev) in year.evaluations.iter().enumerate() {
        if let (Some(first), true) = (year.evaluations.first(), i > 0)
            && (ev.station.id != first.station.id
                || ev.evaluation.project_year_start != first.evaluation.project_year_start)
        {
            issues.push(EvidenceIssue {
                    code: "mixed_project_years",
                    pointer: format!("/evaluations/{i}/evaluation/project_year_start"),
                    message: "every evaluation of a project year must be of the same station and project year".into(),
                    suggestion: None,
                });
        }
        if let Some(prev) = i.checked_sub(1).and_then(|j| year.evaluations.get(j))
            && ev.evaluation.date < prev.evaluation.date
        {
            issues.push(EvidenceIssue {
                code: "out_of_order",
                pointer: format!("/evaluations/{i}/evaluation/date"),
                message: format!(
                    "evaluation on {} is listed after one on {}",
                    ev.evaluation.date, prev.evaluation.date
                ),
                suggestion: None,
            });
        }
        match evaluate(standard, policy, calendar, ev) {
            Ok(d) => decisions.push(d),
            Err(DecisionError::Evidence(list)) => issues.extend(list.into_iter().map(|mut x| {
                x.pointer = format!("/evaluations/{i}{}", x.pointer);
                x
            })),
            Err(e) => return Err(e),
        }
    }
    if !issues.is_empty() {
        return Err(DecisionError::Evidence(issues));
    }
    if decisions.is_empty() {
        return Err(DecisionError::Year("no evaluations".into()));
    }
    let count_gate = crate::gates::two_evaluations(policy, decisions.len());
    let final_index = decisions
        .iter()
        .position(|d| d.receipt.evaluation_kind == EvaluationKind::Final);
    let mut warnings = Vec::new();
    // (action, date of the evaluation that found it)
    let mut found: Vec<(Action, Date)> = Vec::new();
    if count_gate.outcome == GateOutcome::NotMet {
        warnings.push(Warning {
            code: WarningCode::TooFewEvaluations,
            message: count_gate.message.clone(),
        });
    }
    // Rectifications from mid-terms that the final did not clear stay open; a
    // mid-term's order to rectify its total is answered by the final's own decision.
    let final_decision = final_index.and_then(|i| decisions.get(i));
    for d in decisions
        .iter()
        .filter(|d| d.receipt.evaluation_kind == EvaluationKind::MidTerm)
    {
        for a in d.actions.iter().filter(|a| a.kind == ActionKind::Rectify) {
            let cleared = final_decision.is_some_and(|f| {
                a.gate.is_none()
                    || f.gates
                        .iter()
                        .any(|g| Some(g.id) == a.gate && g.outcome == GateOutcome::Met)
            });
            if !cleared {
                found.push((a.clone(), d.receipt.evaluation_date));
            }
        }
    }
    let mut verdict_reasons = Vec::new();
    let mut governed_by = None;
    let (weighted_total, grade, verdict, payment, renewal) = match final_decision {
        None => {
            warnings.push(Warning {
                code: WarningCode::NoFinalEvaluation,
                message: text(
                    "本年度尚无末期评估：余款与续签待定",
                    "no final evaluation yet: payment and renewal await it",
                ),
            });
            let renewal = Renewal {
                status: RenewalStatus::Undetermined,
                reasons: vec![reason(
                    RenewalReasonCode::NoFinalEvaluation,
                    &["28", "29"],
                    "续签由末期评估决定".into(),
                    "renewal is decided by the final evaluation".into(),
                )],
            };
            (None, None, None, None, renewal)
        }
        Some(fd) => match &policy.combination.weighted {
            None => {
                governed_by = Some(GoverningFigure::FinalEvaluation);
                verdict_reasons.clone_from(&fd.verdict_reasons);
                found.extend(
                    fd.actions
                        .iter()
                        .map(|a| (a.clone(), fd.receipt.evaluation_date)),
                );
                (
                    None,
                    Some(fd.grade.clone()),
                    Some(fd.verdict),
                    Some(fd.payment.clone()),
                    fd.renewal.clone(),
                )
            }
            Some(w) => {
                governed_by = Some(GoverningFigure::WeightedTotal);
                let mids: Vec<Decimal> = decisions
                    .iter()
                    .filter(|d| d.receipt.evaluation_kind == EvaluationKind::MidTerm)
                    .map(|d| d.scorecard.total)
                    .collect();
                let mean = (!mids.is_empty()).then(|| {
                    mids.iter()
                        .fold(Decimal::ZERO, |a, b| a.saturating_add(*b))
                        .checked_div(Decimal::from(mids.len() as u64))
                        .unwrap_or_default()
                });
                let total = match mean {
                    None => fd.scorecard.total,
                    Some(mean) => round_total(
                        w.mid_term
                            .get()
                            .saturating_mul(mean)
                            .saturating_add(w.final_.get().saturating_mul(fd.scorecard.total)),
                    ),
                };
                let grade = standard.grade_of(total);
                let mut vetoes: Vec<GateId> = Vec::new();
                for g in decisions.iter().flat_map(|d| d.gates.iter()) {
                    if g.severity == Severity::Veto
                        && g.outcome == GateOutcome::NotMet
                        && !vetoes.contains(&g.id)
                    {
                        vetoes.push(g.id);
                    }
                }
                let standard_veto = decisions.iter().any(|d| d.scorecard.fails_by_veto());
                let verdict = if vetoes.is_empty() && !standard_veto && standard.passes(&grade) {
                    Verdict::Pass
                } else {
                    Verdict::Fail
                };
                verdict_reasons = verdict_reasons_of(standard, total, vetoes.into_iter());
                let Some(final_ev) = year
                    .evaluations
                    .iter()
                    .find(|e| e.evaluation.kind == EvaluationKind::Final)
                else {
                    return Err(DecisionError::Year(
                        "the final evaluation went missing".into(),
                    ));
                };
                let ended = fd.receipt.policy_ended_before_evaluation;
                let payment = self::payment(final_ev, verdict);
                let renewal = self::renewal(policy, final_ev, verdict, &fd.gates, ended);
                let mut scratch = Vec::new();
                let deadline = rectify_deadline(policy, calendar, final_ev, &mut scratch);
                let owed = self::actions(
                    policy,
                    final_ev,
                    verdict,
                    &verdict_reasons,
                    &payment,
                    &renewal,
                    &fd.gates,
                    deadline,
                );
                found.extend(owed.into_iter().map(|a| (a, fd.receipt.evaluation_date)));
                let how = match mean {
                    Some(mean) => (
                        format!(
                            "中期评估平均分{} × {} + 末期评估{} × {}",
                            crate::num::fixed2(mean),
                            w.mid_term.get().normalize(),
                            crate::num::fixed2(fd.scorecard.total),
                            w.final_.get().normalize()
                        ),
                        format!(
                            "mid-term mean {} × {} + final {} × {}",
                            crate::num::fixed2(mean),
                            w.mid_term.get().normalize(),
                            crate::num::fixed2(fd.scorecard.total),
                            w.final_.get().normalize()
                        ),
                    ),
                    None => (
                        "无中期评估，取末期评估总分".to_owned(),
                        "no mid-term evaluation: the final's total".to_owned(),
                    ),
                };
                let t = crate::num::fixed2(total);
                warnings.push(Warning {
                    code: WarningCode::WeightedTotalGoverns,
                    message: text(
                        format!(
                            "余款拨付与续签以年度加权总分{t}分（{}）为准，末期评估自身的结论已被取代",
                            how.0
                        ),
                        format!(
                            "payment and renewal follow the year's weighted total {t} ({}); the final evaluation's own verdict is superseded",
                            how.1
                        ),
                    ),
                });
                (
                    Some(total),
                    Some(grade),
                    Some(verdict),
                    Some(payment),
                    renewal,
                )
            }
        },
    };
    if governed_by == Some(GoverningFigure::WeightedTotal)
        && let Some(fd) = final_index.and_then(|i| decisions.get_mut(i))
    {
        fd.warnings.push(Warning {
                code: WarningCode::SupersededByWeightedTotal,
                message: text(
                    "本次末期评估的结论、余款与续签已被年度加权总分取代（见年度决定）",
                    "this final evaluation's verdict, payment and renewal are superseded by the year's weighted total (see the year decision)",
                ),
            });
    }
    // The evaluations' own warnings (the standard's, the policy's, the calendar's) hold
    // for the year too; each once.
    for d in &decisions {
        for wn in &d.warnings {
            if wn.code != WarningCode::SupersededByWeightedTotal && !warnings.contains(wn) {
                warnings.push(wn.clone());
            }
        }
    }
    let actions = merge_actions(found);
    Ok(YearDecision {
        evaluations: decisions,
        evaluation_count_gate: count_gate,
        governed_by,
        weighted_total,
        grade,
        verdict,
        verdict_reasons,
        payment,
        renewal,
        actions,
        warnings,
    })
}
