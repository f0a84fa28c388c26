//! Reporting and evaluation (Arts. 26, 28): reports filed, the information system,
//! two evaluations a year.

use super::{Cx, Finding, GateResult, Yn, bi, dress, f, met_if, missing, serious::findings, text};
use crate::evidence::{EvaluationKind, FindingKind};
use crate::facts::briefings_due;
use crate::gates::{GateId, GateOutcome as O};
use crate::policy::Policy;

/// `art26.reports_filed`: monthly briefings, the mid-term report and (at a final
/// evaluation) the annual report (Art. 26).
pub(super) fn reports_filed(cx: &mut Cx<'_>) -> Finding {
    let ev = cx.ev;
    let due = briefings_due(ev);
    let is_final = ev.evaluation.kind == EvaluationKind::Final;
    let req = text!(
        cx,
        (
            "月度简报{due}份、中期报告{}",
            if is_final { "、年度报告" } else { "" }
        ),
        (
            "{due} monthly briefings, the mid-term report{}",
            if is_final { ", the annual report" } else { "" }
        )
    );
    match &ev.reports {
        None => missing(req, "reports"),
        Some(r) => {
            let (n, mid, annual) = (
                r.monthly_briefings,
                Yn(r.mid_term_report),
                Yn(r.annual_report),
            );
            met_if(
                n >= due && r.mid_term_report && (!is_final || r.annual_report),
                req,
                if is_final {
                    text!(
                        cx,
                        (
                            "月度简报{n}份；中期报告：{}；年度报告：{}",
                            mid.has(),
                            annual.has()
                        ),
                        (
                            "{n} briefings, mid-term: {}, annual: {}",
                            mid.en(),
                            annual.en()
                        )
                    )
                } else {
                    text!(
                        cx,
                        ("月度简报{n}份；中期报告：{}", mid.has()),
                        ("{n} briefings, mid-term: {}", mid.en())
                    )
                },
            )
        }
    }
}

/// `art26.info_system`: services entered in the national information system (Art. 26).
pub(super) fn info_system(cx: &mut Cx<'_>) -> Finding {
    let req = bi(
        "服务数据录入全国社会工作信息系统",
        "services entered in the national social work information system",
    );
    match &cx.ev.records {
        None => missing(req, "records"),
        Some(r) => {
            let yn = Yn(r.info_system_entries);
            met_if(
                r.info_system_entries,
                req,
                bi(
                    if r.info_system_entries {
                        "已录入"
                    } else {
                        "未录入"
                    },
                    yn.en(),
                ),
            )
        }
    }
}

/// `art28.two_evaluations_a_year` on one evaluation: `not_applicable`, the gate is
/// checked on a project year's evaluations ([`two_evaluations`]).
pub(super) fn two_evaluations_here(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_evaluations_per_year.value;
    f(
        O::NotApplicable,
        text!(
            cx,
            ("每个项目年度评估 ≥ {min}次"),
            ("≥ {min} evaluations in the project year")
        ),
        bi(
            "按项目年度的全部评估核查，不按单次评估核查",
            "checked on a project year's evaluations, not on one",
        ),
    )
}

/// The gate `art28.two_evaluations_a_year` over a project year's evaluation count
/// (Art. 28).
pub(crate) fn two_evaluations(policy: &Policy, count: usize) -> GateResult {
    let min = policy.parameters.min_evaluations_per_year.value;
    let fd = met_if(
        u32::try_from(count).unwrap_or(u32::MAX) >= min,
        crate::evidence::Text {
            zh: format!("每个项目年度评估 ≥ {min}次"),
            en: format!("≥ {min} evaluations in the project year"),
        },
        crate::evidence::Text {
            zh: format!("{count}次"),
            en: format!("{count}"),
        },
    );
    dress(GateId::Art28TwoEvaluationsAYear, policy, fd)
}

/// `art28.no_serious_deviation`: no finding of a serious deviation from the contract's
/// goals (Art. 28: deviations are corrected; serious ones suspend or stop the project).
pub(super) fn no_serious_deviation(cx: &mut Cx<'_>) -> Finding {
    findings(cx, &[FindingKind::SeriousDeviation])
}
