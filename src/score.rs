//! Scoring evidence against a compiled standard, exactly, with every point explained.
//!
//! [`score`] walks the leaves once, derives each fact from the evidence, applies the
//! leaf's rule, then adds the groups up. Arithmetic is exact (`rust_decimal`); nothing is
//! rounded until the total, which is rounded to 0.01 half away from zero and graded
//! by the standard's bands. A leaf whose evidence is missing scores 0 and says
//! `insufficient_evidence`; it is never reported as "not met".
//!
//! ```
//! use sws_eval::{evidence::Evidence, score::score, standard::{CompiledStandard, Grade}};
//! let std = CompiledStandard::dongying_2022();
//! let ev: Evidence = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
//! let card = score(&std, &ev).unwrap();
//! assert_eq!(card.total.to_string(), "87.50");
//! assert_eq!(card.grade, Grade::Good);
//! assert_eq!(card.reasons[0].node, "C7");
//! ```

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::evidence::{Evidence, EvidenceIssue, Text};
use crate::facts::FactValue;
use crate::num::{DecimalString, round_total};
use crate::shared::SharedStr;
use crate::standard::{
    CCond, CIndicator, CRule, CompiledStandard, GradeId, NotApplicableMode, Src, VetoEffect,
};
use std::sync::Arc;

/// Evidence that the standard's rules cannot score: a ratio with nothing planned, a
/// level the standard does not have, a rate above 1. Every such problem is listed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the evidence cannot be scored: {}", issues.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))]
pub struct ScoreError {
    /// Every problem found, each with its JSON pointer.
    pub issues: Vec<EvidenceIssue>,
}

/// Whether a node could be scored from the evidence. 评分状态。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeOutcome {
    /// Scored from evidence. 已评分。
    Scored,
    /// Some evidence it needs is missing: the missing part scores 0. 证据不足。
    InsufficientEvidence,
    /// Declared not applicable to this station by the evidence. 不适用。
    NotApplicable,
}

/// A step from the tree's sum to the total (only for standards that have one). 总分计算步骤。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TotalStepKind {
    /// Not-applicable leaves removed and the base rescaled to `max_points` (按比例折算). 按比例折算。
    Rescale,
    /// Bonus dimensions added. 加分项。
    Bonus,
    /// The total cap applied. 总分上限。
    TotalCap,
    /// A deduction after the tree (扣分项). 扣分项。
    Deduction,
    /// A veto that zeroes the total (一票否决). 一票否决。
    Veto,
}

/// One step from the tree's sum to the total: before, after, and why. 总分计算步骤。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TotalStep {
    /// What the step is. 类别。
    pub step: TotalStepKind,
    /// The deduction's or veto's id. 编号。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The total before it. 调整前。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub before: Decimal,
    /// The total after it. 调整后。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub after: Decimal,
    /// How, e.g. `× 100 / 94`. 说明。
    pub note: String,
}

/// Whether a veto of the standard was triggered. 一票否决项结果。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum VetoOutcome {
    /// The condition holds: the effect applies. 触发。
    Triggered,
    /// The condition does not hold. 未触发。
    Clear,
    /// The evidence it reads is missing. 证据不足。
    InsufficientEvidence,
}

/// A veto of the standard and what the evidence shows. 一票否决项结果。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VetoResult {
    /// The veto's id. 编号。
    pub id: String,
    /// Title. 名称。
    pub title: Text,
    /// Its articles or clauses. 依据条款。
    pub articles: Vec<String>,
    /// Triggered or not. 结果。
    pub outcome: VetoOutcome,
    /// What it does when triggered. 后果。
    pub effect: crate::standard::VetoEffect,
    /// The condition that triggers it. 触发条件。
    pub required: String,
    /// What was found. 实际。
    pub actual: String,
}

/// A node the evidence declared not applicable, and why. 不适用指标。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NotApplicableNode {
    /// The node. 编号。
    pub node: String,
    /// The reason given. 理由。
    pub reason: String,
}

/// One evaluator's (or source's) mark of a panel indicator. 评估员评分。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PanelMark {
    /// The evaluator's name or the source. 评估员或来源。
    pub by: String,
    /// The mark (or level) as given. 评分。
    pub value: String,
    /// Whether the combination used it (a trimmed mean drops the highest and lowest;
    /// `prefer` uses one source). 是否计入。
    pub used: bool,
}

/// A panel indicator: every mark given and how they combined. 评分小组的评分及合成。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PanelResult {
    /// The indicator's id. 指标编号。
    pub indicator: String,
    /// The combination: `mean`, `median`, `trimmed_mean`, `minimum` or `prefer`. 合成方式。
    pub combine: String,
    /// Every mark, by evaluator (in name order). 各评估员评分。
    pub marks: Vec<PanelMark>,
    /// The combined value every rule reads: an exact decimal in its normal form (a mean
    /// keeps up to 28 significant digits), or a level. 合成结果。
    pub combined: String,
    /// Highest minus lowest mark (numeric panels). 极差。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::num::opt_decimal_str")]
    #[schemars(with = "Option<DecimalString>")]
    pub spread: Option<Decimal>,
    /// The standard's limit on the spread. 极差上限。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::num::opt_decimal_str")]
    #[schemars(with = "Option<DecimalString>")]
    pub spread_limit: Option<Decimal>,
    /// Whether the spread is above the limit (the decision warns `panel_spread`). 是否超出极差上限。
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub spread_exceeded: bool,
}

/// One input a leaf read: what was required and what was found. 评分依据。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputRead {
    /// The checklist item, deficiency or step list it belongs to. 评分项。
    pub item: SharedStr,
    /// The fact read. 事实。
    pub fact: SharedStr,
    /// Where in the evidence it comes from (JSON pointer). 证据位置。
    pub source: SharedStr,
    /// What the rule required. 要求。
    pub required: SharedStr,
    /// What was found (`missing` when absent). 实际。
    pub actual: SharedStr,
    /// Points this input gave (negative for a deduction). 得分。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub points: Decimal,
}

/// The score of one node. 节点得分。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NodeScore {
    /// Node id. 编号。
    pub id: SharedStr,
    /// Parent id (absent for a dimension). 上级编号。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<SharedStr>,
    /// Depth: 1 for a dimension. 层级。
    pub depth: u32,
    /// Title. 名称。
    pub title: Arc<Text>,
    /// Articles. 依据条款。
    pub articles: Arc<[String]>,
    /// Maximum points. 满分。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub max: Decimal,
    /// Points scored. 得分。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub points: Decimal,
    /// Points lost (max − points). 失分。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub lost: Decimal,
    /// The rule applied (leaves only). 评分规则。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = crate::schema::RULE_NAMES))]
    pub rule: Option<SharedStr>,
    /// Scored, or insufficient evidence (a group: if any leaf below it is). 评分状态。
    pub outcome: NodeOutcome,
    /// The inputs read, required vs actual (leaves, when explained). 评分依据。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputRead>,
    /// Points before the node's cap and weight, where they change them. 加权或封顶前得分。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::num::opt_decimal_str")]
    #[schemars(with = "Option<DecimalString>")]
    pub raw: Option<Decimal>,
    /// The node's weight (its `points` and `max` are weighted). 权重。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::num::opt_decimal_str")]
    #[schemars(with = "Option<DecimalString>")]
    pub weight: Option<Decimal>,
    /// The group's cap. 上限。
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::num::opt_decimal_str")]
    #[schemars(with = "Option<DecimalString>")]
    pub cap: Option<Decimal>,
}

/// A reason code: an indicator that lost points, ranked by points lost. 失分原因。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reason {
    /// 1 for the indicator that lost the most. 排名。
    pub rank: u32,
    /// The indicator's id. 指标编号。
    pub node: SharedStr,
    /// Its title. 名称。
    pub title: Arc<Text>,
    /// Points lost. 失分。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub lost: Decimal,
    /// Its maximum. 满分。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub max: Decimal,
    /// Scored low, or lacking evidence. 状态。
    pub outcome: NodeOutcome,
}

/// The scorecard of one evaluation. 评分表。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Scorecard 评分表")]
pub struct Scorecard {
    /// The standard's id. 标准编号。
    pub standard: String,
    /// The standard's version. 标准版本。
    pub standard_version: String,
    /// Total, rounded to 0.01 half away from zero. 总分（四舍五入至0.01）。
    #[serde(with = "crate::num::decimal_2dp")]
    #[schemars(with = "DecimalString")]
    pub total: Decimal,
    /// Maximum total. 满分。
    #[serde(with = "crate::num::decimal_str")]
    #[schemars(with = "DecimalString")]
    pub max: Decimal,
    /// The grade band of the total (its id). 等级。
    pub grade: GradeId,
    /// Every node, in the standard's order (pre-order). 各节点得分。
    pub nodes: Vec<NodeScore>,
    /// Indicators that lost points, most first. 失分原因排序。
    pub reasons: Vec<Reason>,
    /// Leaves scored 0 for want of evidence (and deductions after the tree whose count
    /// is missing). 证据不足的指标。
    pub insufficient_evidence: Vec<SharedStr>,
    /// Nodes declared not applicable, with their reasons. 不适用的指标。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_applicable: Vec<NotApplicableNode>,
    /// The steps from the tree's sum to the total (rescaling, bonus, caps, deductions,
    /// vetoes), where the standard has any. 总分计算步骤。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub total_steps: Vec<TotalStep>,
    /// The standard's own vetoes and what the evidence shows. 标准的一票否决项。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vetoes: Vec<VetoResult>,
    /// Indicators given by a panel: every mark and the combination. 评分小组的评分。
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub panels: Vec<PanelResult>,
}

impl Scorecard {
    /// Whether a veto of the standard with the effect `fail` was triggered.
    ///
    /// ```
    /// use sws_eval::{evidence::Evidence, score::score, standard::CompiledStandard};
    /// let ev: Evidence = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
    /// assert!(!score(&CompiledStandard::dongying_2022(), &ev).unwrap().fails_by_veto());
    /// ```
    pub fn fails_by_veto(&self) -> bool {
        self.vetoes.iter().any(|v| {
            v.outcome == VetoOutcome::Triggered && v.effect == crate::standard::VetoEffect::Fail
        })
    }
}

/// Scores evidence against a standard, explaining every node.
///
/// # Errors
///
/// [`ScoreError`] lists every problem that keeps the evidence from being scored: an
/// indicator the standard does not declare or of the wrong form, a ratio with nothing
/// planned, a level the standard does not have, a node declared not applicable that the
/// standard does not allow, …
pub fn score(standard: &CompiledStandard, evidence: &Evidence) -> Result<Scorecard, ScoreError> {
    check_indicators(standard, evidence)?;
    let mut scorer = Scorer::new(standard, evidence, true);
    scorer.run()?;
    let after = scorer.finish()?;
    Ok(scorer.card(after))
}

/// The rounded total and grade only, with no explanation (the fast path for a form
/// that re-scores on every save).
///
/// # Errors
///
/// As [`score`].
///
/// ```
/// use sws_eval::{evidence::Evidence, score::{score, score_total}, standard::CompiledStandard};
/// let std = CompiledStandard::dongying_2022();
/// let ev: Evidence = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
/// let (total, grade) = score_total(&std, &ev).unwrap();
/// assert_eq!(total, score(&std, &ev).unwrap().total);
/// # let _ = grade;
/// ```
pub fn score_total(
    standard: &CompiledStandard,
    evidence: &Evidence,
) -> Result<(Decimal, GradeId), ScoreError> {
    check_indicators(standard, evidence)?;
    if !standard.plain || !evidence.not_applicable.is_empty() {
        // Caps, weights, bonus, rescaling, deductions or vetoes: the tree is needed.
        let mut scorer = Scorer::new(standard, evidence, false);
        scorer.run()?;
        let after = scorer.finish()?;
        return Ok((after.total, after.grade));
    }
    // The total is the sum of the leaves (every group is the exact sum of its
    // children), so the lean path adds the leaves up and builds no tree and no text.
    let mut scorer = Scorer::new(standard, evidence, false);
    let mut total = Decimal::ZERO;
    for leaf in &standard.leaves {
        let mut out = LeafOut {
            points: Decimal::ZERO,
            insufficient: false,
            inputs: Vec::new(),
        };
        scorer.leaf(leaf.node, leaf.max, &leaf.rule, &mut out);
        total = total.saturating_add(out.points);
    }
    if !scorer.issues.is_empty() {
        return Err(ScoreError {
            issues: scorer.issues,
        });
    }
    let total = round_total(total);
    Ok((total, standard.grade_of(total)))
}

/// The declared indicators and not-applicable nodes, checked against the standard
/// before scoring.
fn check_indicators(standard: &CompiledStandard, evidence: &Evidence) -> Result<(), ScoreError> {
    if evidence.indicators.is_empty() && evidence.not_applicable.is_empty() {
        return Ok(());
    }
    let issues = standard.check_evidence(evidence);
    if issues.is_empty() {
        Ok(())
    } else {
        Err(ScoreError { issues })
    }
}

/// What happens after the tree: the rounded total, its band, and the steps.
struct After {
    total: Decimal,
    grade: GradeId,
    steps: Vec<TotalStep>,
    vetoes: Vec<VetoResult>,
    missing: Vec<String>,
}

struct Scorer<'a> {
    std: &'a CompiledStandard,
    ev: &'a Evidence,
    explain: bool,
    points: Vec<Decimal>,
    insufficient: Vec<bool>,
    inputs: Vec<Vec<InputRead>>,
    /// Points before cap and weight.
    raw: Vec<Decimal>,
    /// The most a node can contribute, not-applicable leaves removed when rescaling.
    applicable: Vec<Decimal>,
    /// Declared not applicable (itself or an ancestor).
    na: Vec<bool>,
    issues: Vec<EvidenceIssue>,
}

fn fmt_num(d: Decimal) -> String {
    d.normalize().to_string()
}

impl<'a> Scorer<'a> {
    fn new(std: &'a CompiledStandard, ev: &'a Evidence, explain: bool) -> Self {
        // The lean path (`score_total` on a plain standard) keeps no per-node state.
        let tree = explain || !std.plain || !ev.not_applicable.is_empty();
        let n = if tree { std.nodes.len() } else { 0 };
        let mut na = vec![false; n];
        if !ev.not_applicable.is_empty() {
            for i in 0..n {
                let Some(node) = std.nodes.get(i) else {
                    continue;
                };
                let inherited = node
                    .parent
                    .and_then(|p| na.get(p).copied())
                    .unwrap_or(false);
                if let Some(slot) = na.get_mut(i) {
                    *slot = inherited || ev.not_applicable.contains_key(node.id.as_str());
                }
            }
        }
        Scorer {
            std,
            ev,
            explain,
            points: vec![Decimal::ZERO; n],
            insufficient: vec![false; n],
            inputs: vec![Vec::new(); if explain { n } else { 0 }],
            raw: vec![Decimal::ZERO; n],
            applicable: vec![Decimal::ZERO; n],
            na,
            issues: Vec::new(),
        }
    }

    fn run(&mut self) -> Result<(), ScoreError> {
        let rescale = self.std.standard().not_applicable == Some(NotApplicableMode::Rescale);
        for leaf in &self.std.leaves {
            let not_applicable = self.na.get(leaf.node).copied().unwrap_or(false);
            if let Some(a) = self.applicable.get_mut(leaf.node) {
                *a = if not_applicable && rescale {
                    Decimal::ZERO
                } else {
                    leaf.max
                };
            }
            if not_applicable {
                continue;
            }
            let mut out = LeafOut {
                points: Decimal::ZERO,
                insufficient: false,
                inputs: if self.explain {
                    Vec::with_capacity(leaf.texts.len())
                } else {
                    Vec::new()
                },
            };
            self.leaf(leaf.node, leaf.max, &leaf.rule, &mut out);
            if let Some(p) = self.points.get_mut(leaf.node) {
                *p = out.points;
            }
            if let Some(i) = self.insufficient.get_mut(leaf.node) {
                *i = out.insufficient;
            }
            if let Some(slot) = self.inputs.get_mut(leaf.node) {
                *slot = out.inputs;
            }
        }
        if !self.issues.is_empty() {
            return Err(ScoreError {
                issues: std::mem::take(&mut self.issues),
            });
        }
        // Pre-order: children come after their parent, so a reverse pass completes
        // every node (its children's sum, then its cap, then its weight) before adding
        // it into its parent.
        for i in (0..self.std.nodes.len()).rev() {
            let Some(node) = self.std.nodes.get(i) else {
                continue;
            };
            let raw = self.points.get(i).copied().unwrap_or_default();
            let amax = self.applicable.get(i).copied().unwrap_or_default();
            let weight = node.weight.unwrap_or(Decimal::ONE);
            let capped = node.cap.map_or(raw, |c| raw.min(c));
            let (p, a) = (
                capped.saturating_mul(weight),
                node.cap
                    .map_or(amax, |c| amax.min(c))
                    .saturating_mul(weight),
            );
            if let Some(slot) = self.raw.get_mut(i) {
                *slot = raw;
            }
            if let Some(slot) = self.points.get_mut(i) {
                *slot = p;
            }
            if let Some(slot) = self.applicable.get_mut(i) {
                *slot = a;
            }
            if let Some(parent) = node.parent {
                let ins = self.insufficient.get(i).copied().unwrap_or(false);
                if let Some(slot) = self.points.get_mut(parent) {
                    *slot = slot.saturating_add(p);
                }
                if let Some(slot) = self.applicable.get_mut(parent) {
                    *slot = slot.saturating_add(a);
                }
                if let Some(slot) = self.insufficient.get_mut(parent) {
                    *slot |= ins;
                }
            }
        }
        Ok(())
    }

    /// From the dimensions to the rounded total: rescaling, bonus, total cap,
    /// deductions, vetoes; then one rounding and the band.
    fn finish(&mut self) -> Result<After, ScoreError> {
        let s = self.std.standard();
        let (mut base, mut applicable, mut bonus) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for (i, n) in self.std.nodes.iter().enumerate() {
            if n.parent.is_some() {
                continue;
            }
            let p = self.points.get(i).copied().unwrap_or_default();
            if n.bonus {
                bonus = bonus.saturating_add(p);
            } else {
                base = base.saturating_add(p);
                applicable =
                    applicable.saturating_add(self.applicable.get(i).copied().unwrap_or_default());
            }
        }
        let full = s.max_points.get();
        let mut steps = Vec::new();
        let mut total = base;
        if s.not_applicable == Some(NotApplicableMode::Rescale) && applicable != full {
            if applicable.is_zero() {
                return Err(ScoreError {
                    issues: vec![EvidenceIssue {
                        code: "all_not_applicable",
                        pointer: "/not_applicable".into(),
                        message: "every leaf of the base dimensions is declared not applicable: nothing is left to rescale".into(),
                        suggestion: None,
                    }],
                });
            }
            // Exact to rust_decimal's 28 digits; never above the full scale.
            // `applicable` is not zero (checked above); a quotient past the
            // decimal range cannot exceed `full`, so `full` is the right answer.
            total = base
                .checked_mul(full)
                .and_then(|x| x.checked_div(applicable))
                .map_or(full, |t| t.min(full));
            steps.push(TotalStep {
                step: TotalStepKind::Rescale,
                id: None,
                before: base,
                after: total,
                note: format!(
                    "{} × {} / {} (applicable maximum)",
                    fmt_num(base),
                    fmt_num(full),
                    fmt_num(applicable)
                ),
            });
        }
        if self.std.nodes.iter().any(|n| n.bonus) {
            let before = total;
            total = total.saturating_add(bonus);
            steps.push(TotalStep {
                step: TotalStepKind::Bonus,
                id: None,
                before,
                after: total,
                note: format!("+ {} bonus", fmt_num(bonus)),
            });
        }
        if let Some(cap) = s.total_cap {
            let cap = cap.get();
            if total > cap {
                steps.push(TotalStep {
                    step: TotalStepKind::TotalCap,
                    id: None,
                    before: total,
                    after: cap,
                    note: format!("at most {}", fmt_num(cap)),
                });
                total = cap;
            }
        }
        let mut missing = Vec::new();
        for (d, cd) in s.deductions.iter().zip(&self.std.deductions) {
            let count = match self.std.eval(cd.fact, &cd.params, self.ev) {
                Some(FactValue::Number(n)) => n,
                _ => {
                    missing.push(d.id.clone());
                    continue;
                }
            };
            let gross = count.saturating_mul(cd.each);
            let loss = cd.cap.map_or(gross, |c| gross.min(c));
            if loss.is_zero() {
                continue;
            }
            let before = total;
            total = total.saturating_sub(loss).max(Decimal::ZERO);
            let capped = cd.cap.filter(|c| gross > *c);
            steps.push(TotalStep {
                step: TotalStepKind::Deduction,
                id: Some(d.id.clone()),
                before,
                after: total,
                note: format!(
                    "− {} × {}{} (never below 0)",
                    fmt_num(count),
                    fmt_num(cd.each),
                    capped
                        .map(|c| format!(", capped at {}", fmt_num(c)))
                        .unwrap_or_default()
                ),
            });
        }
        let mut vetoes = Vec::with_capacity(s.vetoes.len());
        let mut forced: Option<GradeId> = None;
        for (v, cv) in s.vetoes.iter().zip(&self.std.vetoes) {
            let (met, value) = self.cond(&cv.when);
            let outcome = match met {
                Some(true) => VetoOutcome::Triggered,
                Some(false) => VetoOutcome::Clear,
                None => VetoOutcome::InsufficientEvidence,
            };
            if outcome == VetoOutcome::Triggered {
                match &v.effect {
                    VetoEffect::ZeroTotal => {
                        steps.push(TotalStep {
                            step: TotalStepKind::Veto,
                            id: Some(v.id.clone()),
                            before: total,
                            after: Decimal::ZERO,
                            note: "one-vote veto: the total is 0".into(),
                        });
                        total = Decimal::ZERO;
                    }
                    VetoEffect::Band(b) => {
                        forced.get_or_insert_with(|| GradeId::new(b));
                    }
                    VetoEffect::Fail => {}
                }
            }
            vetoes.push(VetoResult {
                id: v.id.clone(),
                title: v.title.clone(),
                articles: v.articles.clone(),
                outcome,
                effect: v.effect.clone(),
                required: cv.required.clone(),
                actual: Self::actual(value.as_ref()).into(),
            });
        }
        let total = round_total(total);
        let grade = forced.unwrap_or_else(|| self.std.grade_of(total));
        Ok(After {
            total,
            grade,
            steps,
            vetoes,
            missing,
        })
    }

    fn node_id(&self, node: usize) -> SharedStr {
        self.std
            .nodes
            .get(node)
            .map(|n| n.id.clone())
            .unwrap_or_default()
    }

    fn issue(&mut self, node: usize, code: &'static str, pointer: String, what: String) {
        let id = self.node_id(node);
        self.issues.push(EvidenceIssue {
            code,
            pointer,
            message: format!("{what} (needed by node `{id}`)"),
            suggestion: None,
        });
    }

    /// Whether a condition holds (`None`: evidence missing), and the value read.
    fn cond(&self, c: &CCond) -> (Option<bool>, Option<FactValue<'a>>) {
        let value = self.std.eval(c.fact, &c.params, self.ev);
        let met = match &value {
            Some(FactValue::Flag(b)) => Some(*b),
            Some(FactValue::Number(n)) => {
                Some(c.at_least.is_none_or(|l| *n >= l) && c.at_most.is_none_or(|m| *n <= m))
            }
            _ => None,
        };
        (met, value)
    }

    /// What a condition found, as text (explanations only; what it required is
    /// fixed, made when the standard is compiled).
    fn actual(value: Option<&FactValue<'_>>) -> SharedStr {
        match value {
            Some(FactValue::Flag(b)) => SharedStr::fixed(if *b { "yes" } else { "no" }),
            Some(FactValue::Number(n)) => fmt_num(n.round_dp(4)).into(),
            _ => MISSING,
        }
    }

    /// The fixed texts of input `k` of the leaf at `node`.
    fn part(&self, node: usize, k: usize) -> Option<&'a PartText> {
        let std: &'a CompiledStandard = self.std;
        let leaf = std.nodes.get(node)?.leaf?;
        std.leaves.get(leaf)?.texts.get(k)
    }

    fn leaf(&mut self, node: usize, max: Decimal, rule: &CRule, out: &mut LeafOut) {
        let explain = self.explain;
        match rule {
            CRule::Check(c) => {
                let (met, value) = self.cond(c);
                out.insufficient = met.is_none();
                out.points = if met == Some(true) {
                    max
                } else {
                    Decimal::ZERO
                };
                if explain {
                    out.read_part(self.part(node, 0), Self::actual(value.as_ref()), out.points);
                }
            }
            CRule::Checklist(items) => {
                for (i, (pts, c)) in items.iter().enumerate() {
                    let (met, value) = self.cond(c);
                    out.insufficient |= met.is_none();
                    let got = if met == Some(true) {
                        *pts
                    } else {
                        Decimal::ZERO
                    };
                    out.points = out.points.saturating_add(got);
                    if explain {
                        out.read_part(self.part(node, i), Self::actual(value.as_ref()), got);
                    }
                }
            }
            CRule::Ratio { fact, steps } | CRule::Rate { fact, steps, .. } => {
                let min_sample = if let CRule::Rate { min_sample, .. } = rule {
                    Some(*min_sample)
                } else {
                    None
                };
                let Some(FactValue::Pair(num, den)) = self.std.eval(*fact, &Vec::new(), self.ev)
                else {
                    out.insufficient = true;
                    if explain {
                        out.read_part(self.part(node, 0), MISSING, Decimal::ZERO);
                    }
                    return;
                };
                if let Some(min) = min_sample
                    && min > 0
                    && den < Decimal::from(min)
                {
                    out.insufficient = true;
                    if explain {
                        out.read_part(self.part(node, 1), fmt_num(den).into(), Decimal::ZERO);
                    }
                    return;
                }
                if den.is_zero() {
                    self.issue(
                        node,
                        "zero_planned",
                        self.pointer(*fact),
                        format!(
                            "{} is 0, so no ratio can be taken",
                            denominator_name(self.std.src_name(*fact))
                        ),
                    );
                    return;
                }
                // den > 0 here; num and den are bounded (see `num`), so this cannot
                // overflow, and a checked division says so without a panic path.
                let ratio = num.checked_div(den).unwrap_or(Decimal::MAX);
                if min_sample.is_some() && ratio > Decimal::ONE {
                    self.issue(
                        node,
                        "rate_above_one",
                        self.pointer(*fact),
                        format!("the rate {} / {} is above 1", fmt_num(num), fmt_num(den)),
                    );
                    return;
                }
                out.points = steps
                    .iter()
                    .find(|(t, _)| ratio >= *t)
                    .map(|(_, p)| *p)
                    .unwrap_or_default();
                if explain {
                    let actual = format!(
                        "{} / {} = {}",
                        fmt_num(num),
                        fmt_num(den),
                        fmt_num(ratio.round_dp(4))
                    );
                    out.read_part(self.part(node, 0), actual.into(), out.points);
                }
            }
            CRule::Levels { fact, levels } => {
                let Some(FactValue::Level(level)) = self.std.eval(*fact, &Vec::new(), self.ev)
                else {
                    out.insufficient = true;
                    if explain {
                        out.read_part(self.part(node, 0), MISSING, Decimal::ZERO);
                    }
                    return;
                };
                match levels.iter().find(|(name, _)| name == level) {
                    Some((_, p)) => {
                        out.points = *p;
                        if explain {
                            let actual = match panel_note(self.std, *fact, self.ev) {
                                Some(note) => format!("{level} = {note}").into(),
                                None => SharedStr::from(level),
                            };
                            out.read_part(self.part(node, 0), actual, *p);
                        }
                    }
                    None => {
                        let suggestion =
                            crate::suggest::closest(level, levels.iter().map(|(n, _)| n.as_str()));
                        let hint = crate::suggest::did_you_mean(suggestion.as_deref());
                        let pointer = self.pointer(*fact);
                        self.issue(
                            node,
                            "unknown_level",
                            pointer,
                            format!(
                                "level `{level}` is not one of {}{hint}",
                                levels_text(levels)
                            ),
                        );
                        if let Some(last) = self.issues.last_mut() {
                            last.suggestion = suggestion;
                        }
                    }
                }
            }
            CRule::Deduct(defs) => {
                let mut lost = Decimal::ZERO;
                for (i, (fact, params, each)) in defs.iter().enumerate() {
                    let count = match self.std.eval(*fact, params, self.ev) {
                        Some(FactValue::Number(n)) => Some(n),
                        _ => None,
                    };
                    out.insufficient |= count.is_none();
                    let loss = count.map(|n| n.saturating_mul(*each)).unwrap_or_default();
                    lost = lost.saturating_add(loss);
                    if explain {
                        let actual = count.map_or(MISSING, |n| fmt_num(n).into());
                        // `-0` would print as "-0": a deduction of nothing is 0.
                        let given = Decimal::ZERO.saturating_sub(loss);
                        out.read_part(self.part(node, i), actual, given);
                    }
                }
                // Without the counts there is nothing to start from: 0, insufficient.
                out.points = if out.insufficient {
                    Decimal::ZERO
                } else {
                    max.saturating_sub(lost).max(Decimal::ZERO)
                };
            }
            CRule::Mark(fact) => {
                let mark = match self.std.eval(*fact, &Vec::new(), self.ev) {
                    Some(FactValue::Number(n)) => Some(n),
                    _ => None,
                };
                out.insufficient = mark.is_none();
                // The check keeps a mark within its range, and compiling keeps the
                // range within the leaf's max; `min` guards the arithmetic anyway.
                out.points = mark.map_or(Decimal::ZERO, |m| m.min(max).max(Decimal::ZERO));
                if explain {
                    let mut actual = mark.map_or(MISSING, |n| fmt_num(n).into());
                    if let Some(note) = panel_note(self.std, *fact, self.ev) {
                        actual = format!("{actual} = {note}").into();
                    }
                    out.read_part(self.part(node, 0), actual, out.points);
                }
            }
        }
    }

    fn pointer(&self, src: Src) -> String {
        src_pointer(&self.std.indicators, src)
    }

    fn card(mut self, after: After) -> Scorecard {
        let total = after.total;
        let s = self.std.standard();
        let mut nodes = Vec::with_capacity(self.std.nodes.len());
        let mut inputs = std::mem::take(&mut self.inputs);
        for (i, cn) in self.std.nodes.iter().enumerate() {
            let points = self.points.get(i).copied().unwrap_or_default();
            let raw = self.raw.get(i).copied().unwrap_or_default();
            let weight = cn.weight.unwrap_or(Decimal::ONE);
            let max = cn.max.saturating_mul(weight);
            let na = self.na.get(i).copied().unwrap_or(false);
            nodes.push(NodeScore {
                id: cn.id.clone(),
                parent: cn.parent.map(|p| self.node_id(p)),
                depth: u32::try_from(cn.depth).unwrap_or(u32::MAX),
                title: Arc::clone(&cn.title),
                articles: Arc::clone(&cn.articles),
                max,
                points,
                lost: max.saturating_sub(points),
                rule: cn.rule.map(SharedStr::fixed),
                outcome: if na {
                    NodeOutcome::NotApplicable
                } else if self.insufficient.get(i).copied().unwrap_or(false) {
                    NodeOutcome::InsufficientEvidence
                } else {
                    NodeOutcome::Scored
                },
                inputs: inputs.get_mut(i).map(std::mem::take).unwrap_or_default(),
                raw: (raw != points).then_some(raw),
                weight: cn.weight,
                cap: cn.cap,
            });
        }
        let insufficient_evidence = nodes
            .iter()
            .filter(|n| n.rule.is_some() && n.outcome == NodeOutcome::InsufficientEvidence)
            .map(|n| n.id.clone())
            .chain(after.missing.into_iter().map(SharedStr::from))
            .collect();
        let mut indicators: Vec<&NodeScore> = nodes
            .iter()
            .filter(|n| {
                (n.depth == 2 || (n.depth == 1 && n.rule.is_some()))
                    && n.lost > Decimal::ZERO
                    && n.outcome != NodeOutcome::NotApplicable
            })
            .collect();
        // Stable sort: ties keep the standard's order.
        indicators.sort_by_key(|n| std::cmp::Reverse(n.lost));
        let reasons = indicators
            .iter()
            .enumerate()
            .map(|(i, n)| Reason {
                rank: u32::try_from(i.saturating_add(1)).unwrap_or(u32::MAX),
                node: n.id.clone(),
                title: Arc::clone(&n.title),
                lost: n.lost,
                max: n.max,
                outcome: n.outcome,
            })
            .collect();
        Scorecard {
            standard: s.id.clone(),
            standard_version: s.version.clone(),
            total,
            max: self.std.scale(),
            grade: after.grade,
            nodes,
            reasons,
            insufficient_evidence,
            not_applicable: self
                .ev
                .not_applicable
                .iter()
                .map(|(node, reason)| NotApplicableNode {
                    node: node.clone(),
                    reason: reason.clone(),
                })
                .collect(),
            total_steps: after.steps,
            vetoes: after.vetoes,
            panels: panel_results(self.std, self.ev),
        }
    }
}

/// Every panel indicator the evidence gives, with its marks and their combination.
fn panel_results(std: &CompiledStandard, ev: &Evidence) -> Vec<PanelResult> {
    use crate::evidence::IndicatorValue;
    use crate::standard::Combine;
    use crate::standard::panel;
    let mut out = Vec::new();
    for ind in &std.indicators {
        let (Some(p), Some(IndicatorValue::Panel(v))) = (&ind.panel, ev.indicators.get(&ind.id))
        else {
            continue;
        };
        let numeric = ind.kind == crate::standard::IndicatorKind::Mark;
        let (combined, used) = if numeric {
            match panel::combine_marks(&p.combine, &v.by) {
                Some(c) => (fmt_num(c.value), c.used),
                None => continue,
            }
        } else {
            let Combine::Prefer(order) = &p.combine else {
                continue;
            };
            let Some((from, level)) = panel::prefer(order, &v.by) else {
                continue;
            };
            (level.to_owned(), v.by.keys().map(|k| k == from).collect())
        };
        let spread = if numeric && !matches!(p.combine, Combine::Prefer(_)) {
            panel::spread(&v.by)
        } else {
            None
        };
        let limit = p.spread_limit.map(|l| l.get());
        out.push(PanelResult {
            indicator: ind.id.clone(),
            combine: p.combine.name().to_owned(),
            marks: v
                .by
                .iter()
                .zip(used.iter().chain(std::iter::repeat(&false)))
                .map(|((by, value), used)| PanelMark {
                    by: by.clone(),
                    value: value.clone(),
                    used: *used,
                })
                .collect(),
            combined,
            spread,
            spread_limit: limit,
            spread_exceeded: matches!((spread, limit), (Some(s), Some(l)) if s > l),
        });
    }
    out
}

/// How a panel indicator's value was found, for a leaf's explanation: every mark and
/// the combination (`None` for a single value).
fn panel_note(std: &CompiledStandard, src: Src, ev: &Evidence) -> Option<String> {
    use crate::evidence::IndicatorValue;
    let Src::Indicator(i) = src else {
        return None;
    };
    let ind = std.indicators.get(i)?;
    let panel = ind.panel.as_ref()?;
    let Some(IndicatorValue::Panel(v)) = ev.indicators.get(&ind.id) else {
        return None;
    };
    let used = match (ind.kind, &panel.combine) {
        (crate::standard::IndicatorKind::Mark, c) => {
            crate::standard::panel::combine_marks(c, &v.by)?.used
        }
        (_, crate::standard::Combine::Prefer(order)) => {
            let (from, _) = crate::standard::panel::prefer(order, &v.by)?;
            v.by.keys().map(|k| k == from).collect()
        }
        _ => Vec::new(),
    };
    let marks: Vec<String> =
        v.by.iter()
            .enumerate()
            .map(|(k, (by, value))| {
                let dropped = used.get(k).is_some_and(|u| !u);
                format!("{by} {value}{}", if dropped { " (not used)" } else { "" })
            })
            .collect();
    Some(format!("{} of {}", panel.combine.name(), marks.join(", ")))
}

struct LeafOut {
    points: Decimal,
    insufficient: bool,
    inputs: Vec<InputRead>,
}

impl LeafOut {
    fn read_part(&mut self, part: Option<&PartText>, actual: SharedStr, points: Decimal) {
        if let Some(t) = part {
            self.inputs.push(InputRead {
                item: t.item.clone(),
                fact: t.fact.clone(),
                source: t.source.clone(),
                required: t.required.clone(),
                actual,
                points,
            });
        }
    }
}

/// The fixed texts of one input a leaf reads (item, fact, source, requirement), made
/// once when the standard is compiled so that explaining a score only copies them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PartText {
    pub(crate) item: SharedStr,
    pub(crate) fact: SharedStr,
    pub(crate) source: SharedStr,
    pub(crate) required: SharedStr,
}

/// What an input found when its evidence is absent.
const MISSING: SharedStr = SharedStr::fixed("missing");

fn part(ind: &[CIndicator], item: &str, fact: Src, required: String) -> PartText {
    PartText {
        item: item.into(),
        fact: match fact {
            Src::Fact(f) => SharedStr::fixed(f.name()),
            Src::Indicator(i) => ind.get(i).map(|x| x.id.as_str().into()).unwrap_or_default(),
        },
        source: src_pointer(ind, fact).into(),
        required: required.into(),
    }
}

fn src_pointer(ind: &[CIndicator], src: Src) -> String {
    match src {
        Src::Fact(f) => pointer(f),
        Src::Indicator(i) => ind
            .get(i)
            .map(|x| format!("/indicators/{}", crate::json::pointer::escape(&x.id)))
            .unwrap_or_default(),
    }
}

fn cond_required(c: &CCond) -> String {
    match (c.at_least, c.at_most) {
        (Some(l), Some(m)) => format!("≥ {} and ≤ {}", fmt_num(l), fmt_num(m)),
        (Some(l), None) => format!("≥ {}", fmt_num(l)),
        (None, Some(m)) => format!("≤ {}", fmt_num(m)),
        (None, None) => "yes".to_owned(),
    }
}

/// The texts of every input a compiled leaf reads, in the order scoring reads them
/// (for `rate_steps`, the second is the sample-size requirement).
pub(crate) fn leaf_texts(
    ind: &[CIndicator],
    rule: &crate::standard::Rule,
    compiled: &CRule,
) -> Vec<PartText> {
    use crate::standard::Rule;
    match (rule, compiled) {
        (_, CRule::Check(c)) => vec![part(ind, "check", c.fact, cond_required(c))],
        (Rule::Checklist { items }, CRule::Checklist(cs)) => items
            .iter()
            .zip(cs)
            .map(|(item, (_, c))| part(ind, &item.id, c.fact, cond_required(c)))
            .collect(),
        (_, CRule::Ratio { fact, steps }) => vec![part(ind, "steps", *fact, steps_text(steps))],
        (
            _,
            CRule::Rate {
                fact,
                min_sample,
                steps,
            },
        ) => vec![
            part(ind, "steps", *fact, steps_text(steps)),
            part(ind, "sample", *fact, format!("≥ {min_sample} respondents")),
        ],
        (_, CRule::Levels { fact, levels }) => {
            vec![part(ind, "level", *fact, levels_text(levels))]
        }
        (Rule::Deduct { deficiencies }, CRule::Deduct(defs)) => deficiencies
            .iter()
            .zip(defs)
            .map(|(d, (fact, _, _))| part(ind, &d.id, *fact, "0".into()))
            .collect(),
        (_, CRule::Mark(fact)) => {
            let range = match fact {
                Src::Indicator(i) => ind.get(*i).map(|x| {
                    let step = x.step.map(|s| format!(", step {}", fmt_num(s)));
                    format!(
                        "a mark {}..{}{}",
                        fmt_num(x.min),
                        x.max.map(fmt_num).unwrap_or_default(),
                        step.unwrap_or_default()
                    )
                }),
                Src::Fact(_) => None,
            };
            vec![part(ind, "mark", *fact, range.unwrap_or_default())]
        }
        _ => Vec::new(),
    }
}

fn steps_text(steps: &[(Decimal, Decimal)]) -> String {
    steps
        .iter()
        .map(|(t, p)| format!("≥ {} → {}", fmt_num(*t), fmt_num(*p)))
        .collect::<Vec<_>>()
        .join("; ")
}

fn levels_text(levels: &[(String, Decimal)]) -> String {
    levels
        .iter()
        .map(|(n, p)| format!("{n} {}", fmt_num(*p)))
        .collect::<Vec<_>>()
        .join(" / ")
}

fn denominator_name(fact: &str) -> &'static str {
    match fact.split('.').next() {
        Some("finance") => "the budget to date",
        Some("surveys") => "the number of respondents",
        _ => "the planned count",
    }
}

/// The JSON pointer of the evidence a fact reads.
pub(crate) fn pointer(fact: crate::facts::FactId) -> String {
    let name = fact.name();
    let (section, rest) = name.split_once('.').unwrap_or((name, ""));
    match (section, rest) {
        ("rules", r) => format!("/written_rules/{r}"),
        ("premises", "office_area_per_resident_worker") => "/premises/office_area_m2".into(),
        ("premises", "equipment_complete") => "/premises".into(),
        ("staff", _) => "/staff".into(),
        ("training", _) => "/training".into(),
        ("supervision", _) => "/supervision".into(),
        ("records", "retained") => "/records".into(),
        ("finance", "separate_ledgers") => "/finance".into(),
        ("finance", "budget_execution") => "/finance/budget_to_date".into(),
        ("reports", _) => "/reports".into(),
        ("services", r) => format!("/services/{r}/planned"),
        ("surveys", r) => format!("/surveys/{r}/respondents"),
        (s, r) => format!("/{s}/{r}"),
    }
}

/// What a veto's condition requires, as text (made once when the standard is compiled).
pub(crate) fn veto_required(ind: &[CIndicator], c: &CCond) -> String {
    let name = match c.fact {
        Src::Fact(f) => f.name().to_owned(),
        Src::Indicator(i) => ind.get(i).map(|x| x.id.clone()).unwrap_or_default(),
    };
    format!("{name} {}", cond_required(c))
}
