//! Reporting and evaluation (Arts. 26, 28): reports filed, the information system,
//! two evaluations a year.

use super::{Cx, Finding, GateResult, dress, f, met_if, missing, serious::findings, text, yes_no};
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
        "{due} monthly briefings, the mid-term report{}",
        if is_final { ", the annual report" } else { "" }
    );
    match &ev.reports {
        None => missing(req, "reports"),
        Some(r) => met_if(
            r.monthly_briefings >= due && r.mid_term_report && (!is_final || r.annual_report),
            req,
            text!(
                cx,
                "{} briefings, mid-term: {}{}",
                r.monthly_briefings,
                yes_no(r.mid_term_report),
                if is_final {
                    text!(cx, ", annual: {}", yes_no(r.annual_report))
                } else {
                    String::new()
                }
            ),
        ),
    }
}

/// `art26.info_system`: services entered in the national information system (Art. 26).
pub(super) fn info_system(cx: &mut Cx<'_>) -> Finding {
    let req = "services entered in the national social work information system";
    match &cx.ev.records {
        None => missing(req, "records"),
        Some(r) => met_if(r.info_system_entries, req, yes_no(r.info_system_entries)),
    }
}

/// `art28.two_evaluations_a_year` on one evaluation: `not_applicable`, the gate is
/// checked on a project year's evaluations ([`two_evaluations`]).
pub(super) fn two_evaluations_here(cx: &mut Cx<'_>) -> Finding {
    f(
        O::NotApplicable,
        text!(
            cx,
            "≥ {} evaluations in the project year",
            cx.params().min_evaluations_per_year.value
        ),
        "checked on a project year's evaluations, not on one",
    )
}

/// The gate `art28.two_evaluations_a_year` over a project year's evaluation count
/// (Art. 28).
pub(crate) fn two_evaluations(policy: &Policy, count: usize) -> GateResult {
    let min = policy.parameters.min_evaluations_per_year.value;
    let fd = met_if(
        u32::try_from(count).unwrap_or(u32::MAX) >= min,
        format!("≥ {min} evaluations in the project year"),
        format!("{count}"),
    );
    dress(GateId::Art28TwoEvaluationsAYear, policy, fd)
}

/// `art28.no_serious_deviation`: no finding of a serious deviation from the contract's
/// goals (Art. 28: deviations are corrected; serious ones suspend or stop the project).
pub(super) fn no_serious_deviation(cx: &mut Cx<'_>) -> Finding {
    findings(cx, &[FindingKind::SeriousDeviation])
}
