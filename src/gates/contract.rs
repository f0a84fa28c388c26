//! The contract (Art. 25): signed within 10 days, term at most 3 years, required
//! clauses.

use super::{Cx, Finding, all_present, f, met_if, missing, serious::findings, text};
use crate::evidence::FindingKind;
use crate::gates::{GateId, GateOutcome as O};

/// `art25.signed_within_10_days`: signed within 10 days of the award notice, the
/// period extended past days off (Art. 25; Civil Code Arts. 200–204).
pub(super) fn signed_within_10_days(cx: &mut Cx<'_>) -> Finding {
    let ev = cx.ev;
    let n = cx.params().signing_days.value;
    let Some(award) = ev.contract.award_notice_date else {
        return missing(
            text!(cx, "signed within {n} days of the award notice"),
            "contract.award_notice_date",
        );
    };
    let signed = ev.contract.signed_on;
    match cx.calendar.period_end(award, n) {
        Ok(end) => met_if(
            signed <= end,
            text!(
                cx,
                "signed by {end} ({n} days after the award notice of {award})"
            ),
            text!(cx, "signed {signed}"),
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
                    text!(cx, "signed within {n} days of {award}"),
                    text!(cx, "signed {signed}"),
                )
            } else {
                cx.note(GateId::Art25SignedWithin10Days, out.first_unknown);
                missing(
                    text!(cx, "signed within {n} days of {award}"),
                    &text!(
                        cx,
                        "the work calendar does not cover {}",
                        out.first_unknown.year()
                    ),
                )
            }
        }
    }
}

/// `art25.term_at_most_3_years`: the contract term is at most 3 years (Art. 25).
pub(super) fn term_at_most_3_years(cx: &mut Cx<'_>) -> Finding {
    let y = cx.params().max_term_years.value;
    let c = &cx.ev.contract;
    let limit = c
        .project_start
        .add_years(i16::try_from(y).unwrap_or(i16::MAX))
        .and_then(|d| d.add_days(-1))
        .unwrap_or(c.project_start);
    met_if(
        c.term_end <= limit,
        text!(
            cx,
            "term ends by {limit} ({y} years from {})",
            c.project_start
        ),
        text!(cx, "term {} to {}", c.project_start, c.term_end),
    )
}

/// `art25.required_clauses`: the contract states every required clause (Art. 25).
pub(super) fn required_clauses(cx: &mut Cx<'_>) -> Finding {
    let req = "all 10 required clauses";
    match &cx.ev.contract.clauses {
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

/// `art25.inspection_passed`: no finding of a failed provincial or city inspection
/// evaluation (Art. 25: grounds to change or end the contract).
pub(super) fn inspection_passed(cx: &mut Cx<'_>) -> Finding {
    findings(cx, &[FindingKind::FailedInspection])
}
