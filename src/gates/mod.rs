//! The measure's hard rules (gates), checked on one station project's evidence.
//!
//! A gate is a rule the measure states outright — at least 3 resident workers (Art. 12),
//! 48 hours of training (Art. 31), no misuse of funds (Arts. 18, 19) — checked from
//! the evidence, independent of the score. Each has a stable id (`art12.min_staff`), its
//! articles, a severity from the policy version (`veto` fails the evaluation whatever
//! the score; `rectify` orders a correction; `advisory` is reported), and one of four
//! outcomes kept apart: `met`, `not_met`, `not_applicable`, `insufficient_evidence`.
//! All gates are always evaluated and reported, never only the first failure.
//!
//! ```
//! use sws_eval::gates::GateId;
//! let g: GateId = "art31.training_48h".parse().unwrap();
//! assert_eq!(g.articles(), ["31"]);
//! assert_eq!(g.to_string(), "art31.training_48h");
//! ```

mod contract;
mod contractor;
mod finance;
mod hours;
mod id;
mod premises;
mod records;
mod reporting;
mod serious;
mod staff;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::date::Date;
use crate::evidence::{Evidence, Text};
use crate::policy::Policy;
use crate::shared::SharedStr;

pub(crate) use id::gate_ids;
pub use id::{GateId, GateOutcome, Severity, UnknownGate};
pub(crate) use reporting::two_evaluations;

/// Builds a gate's required/actual text in both languages, only when the texts are
/// wanted: one template per language over the same fields, e.g.
/// `text!(cx, ("{n}份月度简报"), ("{n} monthly briefings"))`. Expands to [`Cx::text`]
/// with a closure; the lean path ([`gate_outcomes`]) needs the outcomes only and skips
/// building them. Never format an English phrase into the Chinese template: give each
/// language its own words ([`Yn`], [`bi`], the names of gates and findings).
macro_rules! text {
    ($cx:expr, ($($zh:tt)*), ($($en:tt)*)) => {
        $cx.text(|| $crate::evidence::Text {
            zh: format!($($zh)*),
            en: format!($($en)*),
        })
    };
}
use text;

/// A fixed text in Chinese and English.
pub(crate) fn bi(zh: &str, en: &str) -> Text {
    Text {
        zh: zh.to_owned(),
        en: en.to_owned(),
    }
}

/// One gate's result, with its article, required and actual values. 规则检查结果。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateResult {
    /// The gate. 规则编号。
    pub id: GateId,
    /// Articles. 依据条款。
    pub articles: Vec<SharedStr>,
    /// Severity in the governing policy version. 严重程度。
    pub severity: Severity,
    /// Outcome. 结果。
    pub outcome: GateOutcome,
    /// What the rule requires, with the policy version's figures. 要求。
    pub required: Text,
    /// What was found. 实际。
    pub actual: Text,
    /// A sentence in Chinese and English. 说明。
    pub message: Text,
}

/// Why a gate result was reached, before it is dressed with severity and message.
pub(crate) struct Finding {
    outcome: GateOutcome,
    required: Text,
    actual: Text,
}

fn f(outcome: GateOutcome, required: Text, actual: Text) -> Finding {
    Finding {
        outcome,
        required,
        actual,
    }
}

fn met_if(ok: bool, required: Text, actual: Text) -> Finding {
    f(
        if ok {
            GateOutcome::Met
        } else {
            GateOutcome::NotMet
        },
        required,
        actual,
    )
}

/// The evidence lacks `what`: a field path of the evidence, shown as a code.
fn missing(required: Text, what: &str) -> Finding {
    f(
        GateOutcome::InsufficientEvidence,
        required,
        bi(&format!("缺少：`{what}`"), &format!("missing: {what}")),
    )
}

/// A yes or no, worded in each language: `Yn(b).zh()` (是/否), `Yn(b).has()` (有/无)
/// and `Yn(b).en()` (yes/no).
#[derive(Clone, Copy)]
pub(crate) struct Yn(pub(crate) bool);

impl Yn {
    /// 是 / 否.
    pub(crate) fn zh(self) -> &'static str {
        if self.0 { "是" } else { "否" }
    }

    /// 有 / 无: whether a thing exists.
    pub(crate) fn has(self) -> &'static str {
        if self.0 { "有" } else { "无" }
    }

    /// yes / no.
    pub(crate) fn en(self) -> &'static str {
        if self.0 { "yes" } else { "no" }
    }
}

/// Met when every listed thing is present; the actual value names what is lacking.
/// Each thing is `(present, zh name, en name)`.
fn all_present(required: Text, things: &[(bool, &str, &str)]) -> Finding {
    let lacking: Vec<(&str, &str)> = things
        .iter()
        .filter(|(ok, _, _)| !ok)
        .map(|(_, zh, en)| (*zh, *en))
        .collect();
    let actual = if lacking.is_empty() {
        bi("齐全", "all present")
    } else {
        let (zh, en): (Vec<&str>, Vec<&str>) = lacking.iter().copied().unzip();
        Text {
            zh: format!("缺少：{}", zh.join("、")),
            en: format!("lacking: {}", en.join(", ")),
        }
    };
    met_if(lacking.is_empty(), required, actual)
}

/// The things found wrong, joined in each language, or `ok` when there are none.
fn all_or(bad: &[Text], ok: Text) -> Text {
    if bad.is_empty() {
        ok
    } else {
        join(bad, "；", "; ")
    }
}

/// Texts joined with a separator per language.
pub(crate) fn join(parts: &[Text], zh_sep: &str, en_sep: &str) -> Text {
    let zh: Vec<&str> = parts.iter().map(|t| t.zh.as_str()).collect();
    let en: Vec<&str> = parts.iter().map(|t| t.en.as_str()).collect();
    Text {
        zh: zh.join(zh_sep),
        en: en.join(en_sep),
    }
}

/// A note a gate leaves for the decision (e.g. a count ran past the calendar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GateNote {
    pub(crate) gate: GateId,
    pub(crate) first_unknown: Date,
}

/// What a gate reads: the governing policy version, the work calendar, the evidence,
/// whether the required/actual texts are wanted, and the notes gates leave for the
/// decision. One context instead of a long argument list.
pub(crate) struct Cx<'a> {
    pub(crate) policy: &'a Policy,
    pub(crate) calendar: &'a WorkCalendar,
    pub(crate) ev: &'a Evidence,
    explain: bool,
    notes: Vec<GateNote>,
}

impl<'a> Cx<'a> {
    fn new(
        policy: &'a Policy,
        calendar: &'a WorkCalendar,
        ev: &'a Evidence,
        explain: bool,
    ) -> Self {
        Cx {
            policy,
            calendar,
            ev,
            explain,
            notes: Vec::new(),
        }
    }

    /// The policy version's parameters.
    fn params(&self) -> &'a crate::policy::Parameters {
        &self.policy.parameters
    }

    /// Whether the required/actual texts are wanted.
    fn explain(&self) -> bool {
        self.explain
    }

    /// A text built only when the texts are wanted (the only way gates build them).
    fn text(&self, build: impl FnOnce() -> Text) -> Text {
        if self.explain {
            build()
        } else {
            Text {
                zh: String::new(),
                en: String::new(),
            }
        }
    }

    /// Leaves a note for the decision: `gate`'s count ran past the calendar.
    fn note(&mut self, gate: GateId, first_unknown: Date) {
        self.notes.push(GateNote {
            gate,
            first_unknown,
        });
    }
}

/// A gate's check: reads the context, returns its finding.
type Check = fn(&mut Cx<'_>) -> Finding;

/// Every station gate's check, in [`GateId::ALL`] order (a test holds the two equal).
const TABLE: &[(GateId, Check)] = &[
    (GateId::Art8ContractorEligible, contractor::eligible),
    (GateId::Art9ProjectStructure, contractor::project_structure),
    (GateId::Art10OfficeArea, premises::office_area),
    (GateId::Art10FunctionalAreas, premises::functional_areas),
    (GateId::Art11WrittenRules, contractor::written_rules),
    (GateId::Art12MinStaff, staff::min_staff),
    (GateId::Art12StaffSplit, staff::staff_split),
    (GateId::Art12EntryAge, staff::entry_age),
    (GateId::Art12Education, staff::education),
    (
        GateId::Art12SupervisorQualified,
        staff::supervisor_qualified,
    ),
    (
        GateId::Art12AllQualifiedAfter3y,
        staff::all_qualified_after_3y,
    ),
    (GateId::Art13RecordsRetained, records::retained),
    (
        GateId::Art13AccountingArchives,
        records::accounting_archives,
    ),
    (GateId::Art13Handover, records::handover),
    (GateId::Art14Signage, premises::signage),
    (GateId::Art18SeparateLedgers, finance::separate_ledgers),
    (GateId::Art18NoMisuse, finance::no_misuse),
    (
        GateId::Art25SignedWithin10Days,
        contract::signed_within_10_days,
    ),
    (
        GateId::Art25TermAtMost3Years,
        contract::term_at_most_3_years,
    ),
    (GateId::Art25RequiredClauses, contract::required_clauses),
    (GateId::Art25InspectionPassed, contract::inspection_passed),
    (GateId::Art26ReportsFiled, reporting::reports_filed),
    (GateId::Art26ReportsOnTime, reporting::reports_on_time),
    (GateId::Art26InfoSystem, reporting::info_system),
    (
        GateId::Art28TwoEvaluationsAYear,
        reporting::two_evaluations_here,
    ),
    (
        GateId::Art28NoSeriousDeviation,
        reporting::no_serious_deviation,
    ),
    (GateId::Art31Training48h, hours::training),
    (GateId::Art32Supervision48h, hours::supervision),
    (GateId::SeriousFalsifiedRecords, serious::falsified_records),
    (GateId::SeriousSafetyIncident, serious::safety_incident),
    (GateId::SeriousEthicsBreach, serious::ethics_breach),
];

/// Evaluates every station-level gate on one evaluation's evidence, in [`GateId::ALL`]
/// order. `art28.two_evaluations_a_year` is `not_applicable` here: it is checked on a
/// project year's evaluations.
///
/// ```
/// use sws_eval::{calendar::WorkCalendar, evidence::Evidence, gates::{check_gates, GateOutcome}, policy::PolicySet};
/// let ev: Evidence = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
/// let set = PolicySet::dongying();
/// let policy = set.governing_on(ev.contract.signed_on).unwrap();
/// let gates = check_gates(policy, &WorkCalendar::china_official(), &ev);
/// // The sample station filed 10 of the 11 monthly briefings due: one gate is unmet.
/// let unmet: Vec<_> = gates.iter().filter(|g| g.outcome == GateOutcome::NotMet).map(|g| g.id.as_str()).collect();
/// assert_eq!(unmet, ["art26.reports_filed"]);
/// ```
pub fn check_gates(policy: &Policy, calendar: &WorkCalendar, ev: &Evidence) -> Vec<GateResult> {
    check_gates_noted(policy, calendar, ev).0
}

pub(crate) fn check_gates_noted(
    policy: &Policy,
    calendar: &WorkCalendar,
    ev: &Evidence,
) -> (Vec<GateResult>, Vec<GateNote>) {
    let mut cx = Cx::new(policy, calendar, ev, true);
    let results = TABLE
        .iter()
        .map(|&(id, check)| {
            let finding = check(&mut cx);
            dress(id, policy, finding)
        })
        .collect();
    (results, cx.notes)
}

fn dress(id: GateId, policy: &Policy, fd: Finding) -> GateResult {
    let (zh_rule, en_rule) = id.rule();
    let (zh_out, en_out) = match fd.outcome {
        GateOutcome::Met => ("符合", "met"),
        GateOutcome::NotMet => ("不符合", "not met"),
        GateOutcome::NotApplicable => ("不适用", "not applicable"),
        GateOutcome::InsufficientEvidence => ("证据不足", "insufficient evidence"),
    };
    let articles = id.articles();
    // The messages are built by appending (the hot path of every decision):
    // 第{arts}条：{rule}——{outcome}（要求：{required}；实际：{actual}） and
    // Art. {arts}: {rule} — {outcome} (required: {required}; actual: {actual}).
    let (req, act) = (fd.required.zh.as_str(), fd.actual.zh.as_str());
    let mut zh = String::with_capacity(capacity(&[zh_rule, req, act]));
    zh.push('第');
    push_joined(&mut zh, articles, "、");
    for part in [
        "条：",
        zh_rule,
        "——",
        zh_out,
        "（要求：",
        req,
        "；实际：",
        act,
        "）",
    ] {
        zh.push_str(part);
    }
    let (req, act) = (fd.required.en.as_str(), fd.actual.en.as_str());
    let mut en = String::with_capacity(capacity(&[en_rule, req, act]));
    en.push_str("Art. ");
    push_joined(&mut en, articles, ", ");
    for part in [
        ": ",
        en_rule,
        " — ",
        en_out,
        " (required: ",
        req,
        "; actual: ",
        act,
        ")",
    ] {
        en.push_str(part);
    }
    GateResult {
        id,
        articles: articles.iter().map(|a| SharedStr::fixed(a)).collect(),
        severity: policy.severity(id),
        outcome: fd.outcome,
        message: Text { zh, en },
        required: fd.required,
        actual: fd.actual,
    }
}

/// A gate as a reader meets it: "第18、19条 资金专款专用（art18.no_misuse）" /
/// "Art. 18, 19 no misuse of funds (art18.no_misuse)".
pub(crate) fn gate_label(id: &str, articles: &[&str], name: (&str, &str)) -> Text {
    let mut zh = String::with_capacity(capacity(&[id, name.0]));
    zh.push('第');
    push_joined(&mut zh, articles, "、");
    for part in ["条 ", name.0, "（", id, "）"] {
        zh.push_str(part);
    }
    let mut en = String::with_capacity(capacity(&[id, name.1]));
    en.push_str("Art. ");
    push_joined(&mut en, articles, ", ");
    for part in [" ", name.1, " (", id, ")"] {
        en.push_str(part);
    }
    Text { zh, en }
}

fn push_joined(out: &mut String, parts: &[&str], sep: &str) {
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
}

/// Every station-level gate's outcome and severity, in [`GateId::ALL`] order, without
/// the required/actual texts and messages of [`check_gates`]: the lean path for a
/// caller that needs only the verdict (an unmet `veto` gate fails the evaluation).
///
/// ```
/// use sws_eval::{calendar::WorkCalendar, evidence::Evidence, gates::{check_gates, gate_outcomes}, policy::PolicySet};
/// let ev: Evidence = serde_json::from_str(include_str!("../../examples/data/station.json")).unwrap();
/// let set = PolicySet::dongying();
/// let policy = set.governing_on(ev.contract.signed_on).unwrap();
/// let cal = WorkCalendar::china_official();
/// let full: Vec<_> = check_gates(policy, &cal, &ev).iter().map(|g| (g.id, g.severity, g.outcome)).collect();
/// assert_eq!(gate_outcomes(policy, &cal, &ev), full);
/// ```
pub fn gate_outcomes(
    policy: &Policy,
    calendar: &WorkCalendar,
    ev: &Evidence,
) -> Vec<(GateId, Severity, GateOutcome)> {
    let mut cx = Cx::new(policy, calendar, ev, false);
    TABLE
        .iter()
        .map(|&(id, check)| {
            let finding = check(&mut cx);
            (id, policy.severity(id), finding.outcome)
        })
        .collect()
}

/// Room for a message made of these parts and a few connecting words.
fn capacity(parts: &[&str]) -> usize {
    parts.iter().fold(64usize, |n, p| n.saturating_add(p.len()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_table_lists_every_gate_in_order() {
        let ids: Vec<_> = super::TABLE.iter().map(|(id, _)| *id).collect();
        assert_eq!(ids, super::GateId::ALL);
    }
}
