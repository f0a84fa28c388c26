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

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::date::Date;
use crate::evidence::{Education, EvaluationKind, Evidence, FindingKind, Text};
use crate::facts::{briefings_due, entry_age_ok, hours_window, worker_hours_in};
use crate::policy::Policy;

/// `format!` only when the texts are wanted: the lean path ([`gate_outcomes`]) needs
/// the outcomes only, and skips building the required/actual texts.
macro_rules! text {
    ($explain:expr, $($arg:tt)*) => {
        if $explain { format!($($arg)*) } else { String::new() }
    };
}

/// How much an unmet gate weighs. 严重程度。
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Reported only. 仅提示。
    Advisory,
    /// Orders a correction with a deadline; does not fail the evaluation by itself. 限期整改。
    Rectify,
    /// Fails the evaluation whatever the score (一票否决). 一票否决。
    Veto,
}

/// A gate's outcome; the four states are never merged. 规则结果。
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum GateOutcome {
    /// The rule holds. 符合。
    Met,
    /// The rule is broken. 不符合。
    NotMet,
    /// The rule does not apply here (no departure, not yet due, …). 不适用。
    NotApplicable,
    /// The evidence needed is missing. 证据不足。
    InsufficientEvidence,
}

/// Declares a gate id enum: one variant per gate with its JSON id, articles and zh/en
/// rule, plus `ALL`, `as_str`, `articles` and `rule`. Station gates (here) and county
/// gates (`county`) share it.
macro_rules! gate_ids {
    ($(#[$meta:meta])* $name:ident, $err:ident, $all:literal; $( $v:ident => $id:literal, [$($a:literal),*], $zh:literal, $en:literal; )*) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $(
                #[doc = concat!("`", $id, "`: ", $en, " (Art. ", $($a, " "),*, ") ", $zh)]
                #[serde(rename = $id)]
                $v,
            )*
        }

        impl $name {
            #[doc = $all]
            pub const ALL: &'static [$name] = &[$($name::$v),*];

            /// The gate's id as it appears in JSON, e.g. `art12.min_staff`.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $id),* }
            }

            /// The articles of the measure the gate rests on.
            pub fn articles(self) -> &'static [&'static str] {
                match self { $($name::$v => &[$($a),*]),* }
            }

            /// What the gate requires, in Chinese and English.
            pub fn rule(self) -> (&'static str, &'static str) {
                match self { $($name::$v => ($zh, $en)),* }
            }
        }

        impl std::str::FromStr for $name {
            type Err = $err;
            fn from_str(s: &str) -> Result<Self, $err> {
                $name::ALL.iter().copied().find(|g| g.as_str() == s).ok_or_else(|| $err {
                    given: s.to_owned(),
                    suggestion: crate::suggest::closest(s, $name::ALL.iter().map(|g| g.as_str())),
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use gate_ids;

gate_ids! {
    /// A station-level gate of DEFAULT-STANDARD §4. The ids are a public contract. 站点级硬性规则编号（固定不变）。
    GateId, UnknownGate, "Every station-level gate, in the order they are reported.";
    Art8ContractorEligible => "art8.contractor_eligible", ["8"], "承接机构依法登记且以专业社会工作服务为主业", "contractor lawfully registered, main business professional social work";
    Art9ProjectStructure => "art9.project_structure", ["9"], "1个主项目、2-3个子项目", "exactly 1 main project and 2–3 sub-projects";
    Art10OfficeArea => "art10.office_area", ["10"], "人均办公面积不少于6平方米", "office area per resident worker at least 6 m²";
    Art10FunctionalAreas => "art10.functional_areas", ["10"], "办公区、个案室、小组室、多功能活动区、档案室齐全", "all five functional areas present";
    Art11WrittenRules => "art11.written_rules", ["11"], "各项制度齐全", "all required written rules present";
    Art12MinStaff => "art12.min_staff", ["12"], "全职驻站社工不少于3名", "at least 3 full-time resident workers";
    Art12StaffSplit => "art12.staff_split", ["12"], "乡镇（街道）配备1-2名、承接机构配备不少于2名", "township provides 1–2, contractor at least 2";
    Art12EntryAge => "art12.entry_age", ["12"], "入职年龄35周岁以下，持全国社会工作者职业资格证书的40周岁以下", "age at entry at most 35, or 40 with the national certificate at entry";
    Art12Education => "art12.education", ["12"], "大专及以上学历", "junior college (大专) or above";
    Art12SupervisorQualified => "art12.supervisor_qualified", ["12"], "项目主管具备社会工作专业资质", "project supervisor holds a professional qualification";
    Art12AllQualifiedAfter3y => "art12.all_qualified_after_3y", ["12"], "项目启动3年内驻站社工全部具备专业资质", "every resident worker qualified within 3 years of the project's start";
    Art13RecordsRetained => "art13.records_retained", ["13"], "评估相关服务及财务资料保存5年以上", "evaluation-related service and financial records kept at least 5 years";
    Art13Handover => "art13.handover", ["13"], "退出后30个工作日内移交全部服务档案（附清单、签订移交协议）", "archives handed over with a list and a signed agreement within 30 working days of leaving";
    Art14Signage => "art14.signage", ["14"], "悬挂社会工作服务站站牌及荧光行标识", "station plate and brand mark present";
    Art18SeparateLedgers => "art18.separate_ledgers", ["18"], "分子项目、分资金来源单独核算", "a separate ledger per sub-project and funding source";
    Art18NoMisuse => "art18.no_misuse", ["18", "19"], "无混用、挤占、挪用资金或超范围使用", "no mixing, diverting, misappropriating funds or spending outside a fund's purpose";
    Art25SignedWithin10Days => "art25.signed_within_10_days", ["25"], "中标通知书发出之日起10日内签订合同", "contract signed within 10 days of the award notice";
    Art25TermAtMost3Years => "art25.term_at_most_3_years", ["25"], "合同期限不超过3年", "contract term at most 3 years";
    Art25RequiredClauses => "art25.required_clauses", ["25"], "合同载明各项必备条款", "contract states every required clause";
    Art26ReportsFiled => "art26.reports_filed", ["26"], "按时报送月度简报、中期报告和年度报告", "monthly briefings, mid-term and annual reports filed as due";
    Art26InfoSystem => "art26.info_system", ["26"], "服务数据录入全国社会工作信息系统", "services entered in the national information system";
    Art28TwoEvaluationsAYear => "art28.two_evaluations_a_year", ["28"], "每年至少开展2次第三方评估", "at least 2 third-party evaluations per project year";
    Art31Training48h => "art31.training_48h", ["31"], "驻站社工每年参加有效培训不少于48学时", "each resident worker at least 48 countable training hours in the project year";
    Art32Supervision48h => "art32.supervision_48h", ["32"], "驻站社工每年接受督导不少于48小时", "each resident worker at least 48 supervision hours in the project year";
    SeriousFalsifiedRecords => "serious.falsified_records", ["28"], "存在弄虚作假（假设性否决项）", "falsified records (assumption)";
    SeriousSafetyIncident => "serious.safety_incident", ["28"], "发生重大安全事故（假设性否决项）", "major safety incident (assumption)";
    SeriousEthicsBreach => "serious.ethics_breach", ["28"], "严重违反职业伦理或泄露服务对象隐私（假设性否决项）", "serious breach of professional ethics or client privacy (assumption)";
}

/// An unknown gate id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown gate id `{given}`{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct UnknownGate {
    /// The id given.
    pub given: String,
    /// The closest known id.
    pub suggestion: Option<String>,
}

/// One gate's result, with its article, required and actual values. 规则检查结果。
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GateResult {
    /// The gate. 规则编号。
    pub id: GateId,
    /// Articles. 依据条款。
    pub articles: Vec<String>,
    /// Severity in the governing policy version. 严重程度。
    pub severity: Severity,
    /// Outcome. 结果。
    pub outcome: GateOutcome,
    /// What the rule requires. 要求。
    pub required: String,
    /// What was found. 实际。
    pub actual: String,
    /// A sentence in Chinese and English. 说明。
    pub message: Text,
}

/// Why a gate result was reached, before it is dressed with severity and message.
struct Finding {
    outcome: GateOutcome,
    required: String,
    actual: String,
}

fn f(outcome: GateOutcome, required: impl Into<String>, actual: impl Into<String>) -> Finding {
    Finding {
        outcome,
        required: required.into(),
        actual: actual.into(),
    }
}

fn met_if(ok: bool, required: impl Into<String>, actual: impl Into<String>) -> Finding {
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

fn missing(required: impl Into<String>, what: &str) -> Finding {
    f(
        GateOutcome::InsufficientEvidence,
        required,
        format!("missing: {what}"),
    )
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// A note a gate leaves for the decision (e.g. a count ran past the calendar).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GateNote {
    pub(crate) gate: GateId,
    pub(crate) first_unknown: Date,
}

/// Evaluates every station-level gate on one evaluation's evidence, in [`GateId::ALL`]
/// order. `art28.two_evaluations_a_year` is `not_applicable` here: it is checked on a
/// project year's evaluations.
///
/// ```
/// use sws_eval::{calendar::WorkCalendar, evidence::Evidence, gates::{check_gates, GateOutcome}, policy::PolicySet};
/// let ev: Evidence = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
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
    let mut notes = Vec::new();
    let results = GateId::ALL
        .iter()
        .map(|&id| {
            let finding = check(id, policy, calendar, ev, &mut notes, true);
            dress(id, policy, finding)
        })
        .collect();
    (results, notes)
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
    let (req, act) = (fd.required.as_str(), fd.actual.as_str());
    let mut zh = String::with_capacity(64 + zh_rule.len() + req.len() + act.len());
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
    let mut en = String::with_capacity(64 + en_rule.len() + req.len() + act.len());
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
        articles: articles.iter().map(|a| (*a).to_owned()).collect(),
        severity: policy.severity(id),
        outcome: fd.outcome,
        message: Text { zh, en },
        required: fd.required,
        actual: fd.actual,
    }
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
/// let ev: Evidence = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
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
    let mut notes = Vec::new();
    GateId::ALL
        .iter()
        .map(|&id| {
            let finding = check(id, policy, calendar, ev, &mut notes, false);
            (id, policy.severity(id), finding.outcome)
        })
        .collect()
}

/// The gate `art28.two_evaluations_a_year` over a project year's evaluation count.
pub(crate) fn two_evaluations(policy: &Policy, count: usize) -> GateResult {
    let min = policy.parameters.min_evaluations_per_year.value;
    let fd = met_if(
        u32::try_from(count).unwrap_or(u32::MAX) >= min,
        format!("≥ {min} evaluations in the project year"),
        format!("{count}"),
    );
    dress(GateId::Art28TwoEvaluationsAYear, policy, fd)
}

fn check(
    id: GateId,
    policy: &Policy,
    cal: &WorkCalendar,
    ev: &Evidence,
    notes: &mut Vec<GateNote>,
    explain: bool,
) -> Finding {
    use GateId as G;
    use GateOutcome as O;
    let p = &policy.parameters;
    let staff = ev.staff.as_ref();
    match id {
        G::Art8ContractorEligible => {
            let c = &ev.contractor;
            let req = "lawfully registered and main business social work";
            match (c.lawfully_registered, c.main_business_social_work) {
                (Some(false), _) | (_, Some(false)) => f(
                    O::NotMet,
                    req,
                    text!(
                        explain,
                        "registered: {}, main business social work: {}",
                        c.lawfully_registered.map_or("unknown", yes_no),
                        c.main_business_social_work.map_or("unknown", yes_no)
                    ),
                ),
                (Some(true), Some(true)) => f(
                    O::Met,
                    req,
                    "registered: yes, main business social work: yes",
                ),
                _ => missing(
                    req,
                    "contractor.lawfully_registered / main_business_social_work",
                ),
            }
        }
        G::Art9ProjectStructure => {
            let req = text!(
                explain,
                "{} main project, {}–{} sub-projects",
                p.main_projects.value,
                p.sub_projects_min.value,
                p.sub_projects_max.value
            );
            match &ev.structure {
                None => missing(req, "structure"),
                Some(s) => met_if(
                    s.main_projects == p.main_projects.value
                        && (p.sub_projects_min.value..=p.sub_projects_max.value)
                            .contains(&s.sub_projects),
                    req,
                    text!(
                        explain,
                        "{} main, {} sub-projects",
                        s.main_projects,
                        s.sub_projects
                    ),
                ),
            }
        }
        G::Art10OfficeArea => {
            let min = p.min_office_area_per_worker_m2.value.get();
            let req = text!(explain, "≥ {min} m² per resident worker");
            match (&ev.premises, staff) {
                (None, _) => missing(req, "premises"),
                (_, None) => missing(req, "staff"),
                (Some(_), Some(s)) if s.workers.is_empty() => {
                    f(O::NotApplicable, req, "no resident workers on the roster")
                }
                (Some(pr), Some(s)) => {
                    let per = pr.office_area_m2.get() / Decimal::from(s.workers.len() as u64);
                    met_if(
                        per >= min,
                        req,
                        text!(
                            explain,
                            "{} m² / {} workers = {} m²",
                            pr.office_area_m2,
                            s.workers.len(),
                            per.round_dp(2).normalize()
                        ),
                    )
                }
            }
        }
        G::Art10FunctionalAreas => {
            let req = "office, casework room, group work room, activity area, archive room";
            match &ev.premises {
                None => missing(req, "premises"),
                Some(pr) => all_present(
                    req,
                    &[
                        (!pr.office_area_m2.get().is_zero(), "office"),
                        (pr.casework_room, "casework room"),
                        (pr.group_work_room, "group work room"),
                        (pr.activity_area, "activity area"),
                        (pr.archive_room, "archive room"),
                    ],
                ),
            }
        }
        G::Art11WrittenRules => {
            let req = "all 8 kinds of written rules";
            match &ev.written_rules {
                None => missing(req, "written_rules"),
                Some(r) => all_present(
                    req,
                    &[
                        (r.organisation_chart, "organisation chart"),
                        (r.procedures_and_standards, "procedures and standards"),
                        (r.personnel, "personnel"),
                        (r.finance, "finance"),
                        (r.volunteers, "volunteers"),
                        (r.premises_use, "premises use"),
                        (r.archives, "archives"),
                        (r.service_pledge, "service pledge"),
                    ],
                ),
            }
        }
        G::Art12MinStaff => {
            let min = p.min_resident_workers.value;
            let req = text!(explain, "≥ {min} full-time resident workers");
            match staff {
                None => missing(req, "staff"),
                Some(s) => {
                    let n = s.workers.iter().filter(|w| w.full_time).count();
                    met_if(
                        u32::try_from(n).unwrap_or(u32::MAX) >= min,
                        req,
                        text!(explain, "{n}"),
                    )
                }
            }
        }
        G::Art12StaffSplit => {
            let (tmin, tmax, cmin) = (
                p.township_workers_min.value,
                p.township_workers_max.value,
                p.contractor_workers_min.value,
            );
            let req = text!(explain, "township {tmin}–{tmax}, contractor ≥ {cmin}");
            match staff {
                None => missing(req, "staff"),
                Some(s) => {
                    let t = s
                        .workers
                        .iter()
                        .filter(|w| w.provided_by == crate::evidence::ProvidedBy::Township)
                        .count();
                    let c = s.workers.len().saturating_sub(t);
                    let (t32, c32) = (
                        u32::try_from(t).unwrap_or(u32::MAX),
                        u32::try_from(c).unwrap_or(u32::MAX),
                    );
                    met_if(
                        (tmin..=tmax).contains(&t32) && c32 >= cmin,
                        req,
                        text!(explain, "township {t}, contractor {c}"),
                    )
                }
            }
        }
        G::Art12EntryAge => {
            let (a, ac) = (p.max_entry_age.value, p.max_entry_age_certified.value);
            let req = text!(
                explain,
                "age at entry ≤ {a}, or ≤ {ac} with the national certificate held at entry"
            );
            match staff {
                None => missing(req, "staff"),
                Some(s) => {
                    let bad: Vec<String> = s
                        .workers
                        .iter()
                        .filter(|w| !entry_age_ok(w, Decimal::from(a), Decimal::from(ac)))
                        .map(|w| {
                            text!(
                                explain,
                                "{} aged {} at entry",
                                w.id,
                                w.birth_date.age_on(w.entry_date)
                            )
                        })
                        .collect();
                    met_if(
                        bad.is_empty(),
                        req,
                        all_or(&bad, "every worker within the limit"),
                    )
                }
            }
        }
        G::Art12Education => {
            let req = "junior college (大专) or above";
            match staff {
                None => missing(req, "staff"),
                Some(s) => {
                    let bad: Vec<String> = s
                        .workers
                        .iter()
                        .filter(|w| w.education < Education::JuniorCollege)
                        .map(|w| text!(explain, "{} below junior college", w.id))
                        .collect();
                    met_if(
                        bad.is_empty(),
                        req,
                        all_or(&bad, "every worker junior college or above"),
                    )
                }
            }
        }
        G::Art12SupervisorQualified => {
            let req = "the project supervisor holds a professional qualification";
            match staff {
                None => missing(req, "staff"),
                Some(s) => {
                    let ok = s
                        .supervisor
                        .qualifications
                        .iter()
                        .any(|q| q.obtained_on <= ev.evaluation.date);
                    met_if(
                        ok,
                        req,
                        if ok {
                            "qualified"
                        } else {
                            "no qualification held"
                        },
                    )
                }
            }
        }
        G::Art12AllQualifiedAfter3y => {
            let years = p.qualification_years.value;
            let deadline = ev
                .contract
                .project_start
                .add_years(i16::try_from(years).unwrap_or(i16::MAX))
                .unwrap_or(ev.contract.project_start);
            let req = text!(
                explain,
                "every resident worker qualified by {deadline} ({years} years from the project start)"
            );
            // Civil Code Art. 201: the period's last day is the anniversary; the rule
            // bites from the day after it.
            if ev.evaluation.date <= deadline {
                return f(
                    O::NotApplicable,
                    req,
                    text!(
                        explain,
                        "evaluated on {}, within the period",
                        ev.evaluation.date
                    ),
                );
            }
            match staff {
                None => missing(req, "staff"),
                Some(s) => {
                    let bad: Vec<String> = s
                        .workers
                        .iter()
                        .filter(|w| {
                            !w.qualifications
                                .iter()
                                .any(|q| q.obtained_on <= ev.evaluation.date)
                        })
                        .map(|w| text!(explain, "{} not qualified", w.id))
                        .collect();
                    met_if(bad.is_empty(), req, all_or(&bad, "every worker qualified"))
                }
            }
        }
        G::Art13RecordsRetained => {
            let y = p.records_retention_years.value;
            let req = text!(explain, "service and financial records kept ≥ {y} years");
            match &ev.records {
                None => missing(req, "records"),
                Some(r) => met_if(
                    r.service_records_kept && r.financial_records_kept && r.retention_years >= y,
                    req,
                    text!(
                        explain,
                        "service records kept: {}, financial records kept: {}, retention {} years",
                        yes_no(r.service_records_kept),
                        yes_no(r.financial_records_kept),
                        r.retention_years
                    ),
                ),
            }
        }
        G::Art13Handover => {
            let n = p.handover_working_days.value;
            let Some(d) = &ev.departure else {
                return f(
                    O::NotApplicable,
                    text!(explain, "handover within {n} working days of leaving"),
                    "the contractor has not left",
                );
            };
            let deadline = match cal.nth_working_day_after(d.left_on, n) {
                Ok(day) => day,
                Err(out) => {
                    notes.push(GateNote {
                        gate: id,
                        first_unknown: out.first_unknown,
                    });
                    return missing(
                        text!(
                            explain,
                            "handover within {n} working days of leaving on {}",
                            d.left_on
                        ),
                        &text!(
                            explain,
                            "the work calendar does not cover {}",
                            out.first_unknown.year()
                        ),
                    );
                }
            };
            let req = text!(
                explain,
                "handover with a list and a signed agreement by {deadline} ({n} working days after {})",
                d.left_on
            );
            match &d.handover {
                None if ev.evaluation.date <= deadline => f(
                    O::NotApplicable,
                    req,
                    text!(explain, "not yet due on {}", ev.evaluation.date),
                ),
                None => f(O::NotMet, req, "no handover recorded"),
                Some(h) => met_if(
                    h.date <= deadline && h.with_list && h.signed_agreement,
                    req,
                    text!(
                        explain,
                        "handed over {}, list: {}, signed agreement: {}",
                        h.date,
                        yes_no(h.with_list),
                        yes_no(h.signed_agreement)
                    ),
                ),
            }
        }
        G::Art14Signage => {
            let req = "station plate with logo and brand mark";
            match &ev.signage {
                None => missing(req, "signage"),
                Some(s) => met_if(
                    s.station_plate_with_logo && s.brand_mark,
                    req,
                    text!(
                        explain,
                        "plate: {}, brand mark: {}",
                        yes_no(s.station_plate_with_logo),
                        yes_no(s.brand_mark)
                    ),
                ),
            }
        }
        G::Art18SeparateLedgers => {
            let req = "a ledger per sub-project and per funding source";
            match &ev.finance {
                None => missing(req, "finance"),
                Some(fi) => met_if(
                    fi.ledger_per_sub_project && fi.ledger_per_funding_source,
                    req,
                    text!(
                        explain,
                        "per sub-project: {}, per funding source: {}",
                        yes_no(fi.ledger_per_sub_project),
                        yes_no(fi.ledger_per_funding_source)
                    ),
                ),
            }
        }
        G::Art18NoMisuse => findings(
            ev,
            explain,
            &[
                FindingKind::MixingFunds,
                FindingKind::DivertingFunds,
                FindingKind::MisappropriatingFunds,
                FindingKind::OutsidePurpose,
            ],
        ),
        G::Art25SignedWithin10Days => {
            let n = p.signing_days.value;
            let Some(award) = ev.contract.award_notice_date else {
                return missing(
                    text!(explain, "signed within {n} days of the award notice"),
                    "contract.award_notice_date",
                );
            };
            let signed = ev.contract.signed_on;
            match cal.period_end(award, n) {
                Ok(end) => met_if(
                    signed <= end,
                    text!(
                        explain,
                        "signed by {end} ({n} days after the award notice of {award})"
                    ),
                    text!(explain, "signed {signed}"),
                ),
                Err(out) => {
                    // The period can only be extended past days off, so a signing within
                    // the plain N days is certainly in time.
                    let plain = award
                        .add_days(i32::try_from(n).unwrap_or(i32::MAX))
                        .unwrap_or(award);
                    if signed <= plain {
                        f(
                            O::Met,
                            text!(explain, "signed within {n} days of {award}"),
                            text!(explain, "signed {signed}"),
                        )
                    } else {
                        notes.push(GateNote {
                            gate: id,
                            first_unknown: out.first_unknown,
                        });
                        missing(
                            text!(explain, "signed within {n} days of {award}"),
                            &text!(
                                explain,
                                "the work calendar does not cover {}",
                                out.first_unknown.year()
                            ),
                        )
                    }
                }
            }
        }
        G::Art25TermAtMost3Years => {
            let y = p.max_term_years.value;
            let c = &ev.contract;
            let limit = c
                .project_start
                .add_years(i16::try_from(y).unwrap_or(i16::MAX))
                .and_then(|d| d.add_days(-1))
                .unwrap_or(c.project_start);
            met_if(
                c.term_end <= limit,
                text!(
                    explain,
                    "term ends by {limit} ({y} years from {})",
                    c.project_start
                ),
                text!(explain, "term {} to {}", c.project_start, c.term_end),
            )
        }
        G::Art25RequiredClauses => {
            let req = "all 10 required clauses";
            match &ev.contract.clauses {
                None => missing(req, "contract.clauses"),
                Some(k) => all_present(
                    req,
                    &[
                        (k.service_content, "service content"),
                        (k.staffing, "staffing"),
                        (k.term, "term"),
                        (k.quantity, "quantity"),
                        (k.quality, "quality"),
                        (k.price, "price"),
                        (k.settlement, "settlement"),
                        (k.rights_and_obligations, "rights and obligations"),
                        (k.liability, "liability"),
                        (k.change_or_termination, "change or termination"),
                    ],
                ),
            }
        }
        G::Art26ReportsFiled => {
            let due = briefings_due(ev);
            let is_final = ev.evaluation.kind == EvaluationKind::Final;
            let req = text!(
                explain,
                "{due} monthly briefings, the mid-term report{}",
                if is_final { ", the annual report" } else { "" }
            );
            match &ev.reports {
                None => missing(req, "reports"),
                Some(r) => met_if(
                    r.monthly_briefings >= due
                        && r.mid_term_report
                        && (!is_final || r.annual_report),
                    req,
                    text!(
                        explain,
                        "{} briefings, mid-term: {}{}",
                        r.monthly_briefings,
                        yes_no(r.mid_term_report),
                        if is_final {
                            text!(explain, ", annual: {}", yes_no(r.annual_report))
                        } else {
                            String::new()
                        }
                    ),
                ),
            }
        }
        G::Art26InfoSystem => {
            let req = "services entered in the national social work information system";
            match &ev.records {
                None => missing(req, "records"),
                Some(r) => met_if(r.info_system_entries, req, yes_no(r.info_system_entries)),
            }
        }
        G::Art28TwoEvaluationsAYear => f(
            O::NotApplicable,
            text!(
                explain,
                "≥ {} evaluations in the project year",
                p.min_evaluations_per_year.value
            ),
            "checked on a project year's evaluations, not on one",
        ),
        G::Art31Training48h => hours_gate(ev, explain, true, p.min_training_hours.value.get()),
        G::Art32Supervision48h => {
            hours_gate(ev, explain, false, p.min_supervision_hours.value.get())
        }
        G::SeriousFalsifiedRecords => findings(ev, explain, &[FindingKind::FalsifiedRecords]),
        G::SeriousSafetyIncident => findings(ev, explain, &[FindingKind::SafetyIncident]),
        G::SeriousEthicsBreach => findings(ev, explain, &[FindingKind::EthicsBreach]),
    }
}

/// Met when every listed thing is present; the actual value names what is lacking.
fn all_present(required: &str, things: &[(bool, &str)]) -> Finding {
    let lacking: Vec<&str> = things
        .iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, n)| *n)
        .collect();
    let actual = if lacking.is_empty() {
        "all present".to_owned()
    } else {
        format!("lacking: {}", lacking.join(", "))
    };
    met_if(lacking.is_empty(), required, actual)
}

fn all_or(bad: &[String], ok: &str) -> String {
    if bad.is_empty() {
        ok.to_owned()
    } else {
        bad.join("; ")
    }
}

/// A finding kind's JSON name (as serde writes it).
fn finding_name(k: FindingKind) -> &'static str {
    match k {
        FindingKind::MixingFunds => "mixing_funds",
        FindingKind::DivertingFunds => "diverting_funds",
        FindingKind::MisappropriatingFunds => "misappropriating_funds",
        FindingKind::OutsidePurpose => "outside_purpose",
        FindingKind::FalsifiedRecords => "falsified_records",
        FindingKind::SafetyIncident => "safety_incident",
        FindingKind::EthicsBreach => "ethics_breach",
    }
}

fn findings(ev: &Evidence, explain: bool, kinds: &[FindingKind]) -> Finding {
    let mut req = String::new();
    if explain {
        req.push_str("no finding of ");
        let names: Vec<&str> = kinds.iter().map(|k| finding_name(*k)).collect();
        push_joined(&mut req, &names, " / ");
    }
    match &ev.findings {
        None => missing(req, "findings (give an empty list when none were found)"),
        Some(list) => {
            let hits: Vec<&str> = list
                .iter()
                .filter(|x| kinds.contains(&x.kind))
                .map(|x| x.description.as_str())
                .collect();
            met_if(
                hits.is_empty(),
                req,
                if hits.is_empty() {
                    "none found".to_owned()
                } else {
                    text!(explain, "found: {}", hits.join("; "))
                },
            )
        }
    }
}

fn hours_gate(ev: &Evidence, explain: bool, training: bool, min: Decimal) -> Finding {
    let what = if training {
        "countable training hours"
    } else {
        "supervision hours"
    };
    let req = text!(
        explain,
        "≥ {} {what} per resident worker in the project year",
        min.normalize()
    );
    let section = if training { "training" } else { "supervision" };
    let (Some(staff), true) = (
        &ev.staff,
        if training {
            ev.training.is_some()
        } else {
            ev.supervision.is_some()
        },
    ) else {
        return missing(req, &text!(explain, "staff / {section}"));
    };
    let mid_term = ev.evaluation.kind == EvaluationKind::MidTerm;
    let win = hours_window(ev);
    if !explain {
        // The outcome only: no per-worker texts.
        if mid_term {
            return f(GateOutcome::NotApplicable, req, String::new());
        }
        let ok = staff
            .workers
            .iter()
            .all(|w| worker_hours_in(ev, training, &w.id, win).unwrap_or_default() >= min);
        return met_if(ok, req, String::new());
    }
    let per: Vec<(String, Decimal)> = staff
        .workers
        .iter()
        .map(|w| {
            (
                w.id.clone(),
                worker_hours_in(ev, training, &w.id, win).unwrap_or_default(),
            )
        })
        .collect();
    let actual = per
        .iter()
        .map(|(id, h)| format!("{id} {}", h.normalize()))
        .collect::<Vec<_>>()
        .join(", ");
    if mid_term {
        // An annual amount cannot be failed before the year is over.
        return f(
            GateOutcome::NotApplicable,
            req,
            format!("mid-term, hours so far: {actual}"),
        );
    }
    met_if(per.iter().all(|(_, h)| *h >= min), req, actual)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finding_names_are_the_serde_names() {
        use crate::evidence::FindingKind as K;
        for k in [
            K::MixingFunds,
            K::DivertingFunds,
            K::MisappropriatingFunds,
            K::OutsidePurpose,
            K::FalsifiedRecords,
            K::SafetyIncident,
            K::EthicsBreach,
        ] {
            assert_eq!(
                serde_json::to_value(k).unwrap(),
                serde_json::json!(super::finding_name(k))
            );
        }
    }
}
