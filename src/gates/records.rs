//! Archives (Art. 13): records kept, archives handed over when the contractor leaves.

use super::{Cx, Finding, f, met_if, missing, text, yes_no};
use crate::gates::{GateId, GateOutcome as O};

/// `art13.records_retained`: service and financial records kept ≥ 5 years (Art. 13).
pub(super) fn retained(cx: &mut Cx<'_>) -> Finding {
    let y = cx.params().records_retention_years.value;
    let req = text!(cx, "service and financial records kept ≥ {y} years");
    match &cx.ev.records {
        None => missing(req, "records"),
        Some(r) => met_if(
            r.service_records_kept && r.financial_records_kept && r.retention_years >= y,
            req,
            text!(
                cx,
                "service records kept: {}, financial records kept: {}, retention {} years",
                yes_no(r.service_records_kept),
                yes_no(r.financial_records_kept),
                r.retention_years
            ),
        ),
    }
}

/// `art13.handover`: archives handed over with a list and a signed agreement within
/// 30 working days of leaving (Art. 13).
pub(super) fn handover(cx: &mut Cx<'_>) -> Finding {
    let ev = cx.ev;
    let n = cx.params().handover_working_days.value;
    let Some(d) = &ev.departure else {
        return f(
            O::NotApplicable,
            text!(cx, "handover within {n} working days of leaving"),
            "the contractor has not left",
        );
    };
    let deadline = match cx.calendar.nth_working_day_after(d.left_on, n) {
        Ok(day) => day,
        Err(out) => {
            cx.note(GateId::Art13Handover, out.first_unknown);
            return missing(
                text!(
                    cx,
                    "handover within {n} working days of leaving on {}",
                    d.left_on
                ),
                &text!(
                    cx,
                    "the work calendar does not cover {}",
                    out.first_unknown.year()
                ),
            );
        }
    };
    let req = text!(
        cx,
        "handover with a list and a signed agreement by {deadline} ({n} working days after {})",
        d.left_on
    );
    match &d.handover {
        None if ev.evaluation.date <= deadline => f(
            O::NotApplicable,
            req,
            text!(cx, "not yet due on {}", ev.evaluation.date),
        ),
        None => f(O::NotMet, req, "no handover recorded"),
        Some(h) => met_if(
            h.date <= deadline && h.with_list && h.signed_agreement,
            req,
            text!(
                cx,
                "handed over {}, list: {}, signed agreement: {}",
                h.date,
                yes_no(h.with_list),
                yes_no(h.signed_agreement)
            ),
        ),
    }
}
