//! The contract (Art. 25): signed within 10 days, term at most 3 years, required
//! clauses.

use super::{Cx, Finding, all_present, bi, f, met_if, missing, serious::findings, text};
use crate::evidence::FindingKind;
use crate::gates::{GateId, GateOutcome as O};

/// `art25.signed_within_10_days`: signed within 10 days of the award notice, the
/// period extended past days off (Art. 25; Civil Code Arts. 200–204).
pub(super) fn signed_within_10_days(cx: &mut Cx<'_>) -> Finding {
    let ev = cx.ev;
    let n = cx.params().signing_days.value;
    let Some(award) = ev.contract.award_notice_date else {
        return missing(
            text!(
                cx,
                ("中标通知书发出之日起{n}日内签订"),
                ("signed within {n} days of the award notice")
            ),
            "contract.award_notice_date",
        );
    };
    let signed = ev.contract.signed_on;
    let actual = || text!(cx, ("{signed}签订"), ("signed {signed}"));
    match cx.calendar.period_end(award, n) {
        Ok(end) => met_if(
            signed <= end,
            text!(
                cx,
                ("{end}前签订（中标通知书{award}发出后{n}日内）"),
                ("signed by {end} ({n} days after the award notice of {award})")
            ),
            actual(),
        ),
        Err(out) => {
            // The period can only be extended past days off, so a signing within
            // the plain N days is certainly in time.
            let plain = award
                .add_days(i32::try_from(n).unwrap_or(i32::MAX))
                .unwrap_or(award);
            let req = text!(
                cx,
                ("{award}起{n}日内签订"),
                ("signed within {n} days of {award}")
            );
            if signed <= plain {
                f(O::Met, req, actual())
            } else {
                cx.note(GateId::Art25SignedWithin10Days, out.first_unknown);
                let year = out.first_unknown.year();
                f(
                    O::InsufficientEvidence,
                    req,
                    text!(
                        cx,
                        ("缺少：工作日历未覆盖{year}年"),
                        ("missing: the work calendar does not cover {year}")
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
    let (start, end) = (c.project_start, c.term_end);
    met_if(
        c.term_end <= limit,
        text!(
            cx,
            ("合同期限于{limit}前届满（自{start}起不超过{y}年）"),
            ("term ends by {limit} ({y} years from {start})")
        ),
        text!(cx, ("{start}至{end}"), ("term {start} to {end}")),
    )
}

/// `art25.required_clauses`: the contract states every required clause (Art. 25).
pub(super) fn required_clauses(cx: &mut Cx<'_>) -> Finding {
    let req = bi("10项必备条款齐全", "all 10 required clauses");
    match &cx.ev.contract.clauses {
        None => missing(req, "contract.clauses"),
        Some(k) => all_present(
            req,
            &[
                (k.service_content, "服务内容", "service content"),
                (k.staffing, "人员配备", "staffing"),
                (k.term, "服务期限", "term"),
                (k.quantity, "服务数量", "quantity"),
                (k.quality, "服务质量", "quality"),
                (k.price, "服务价格", "price"),
                (k.settlement, "资金结算", "settlement"),
                (
                    k.rights_and_obligations,
                    "双方权利义务",
                    "rights and obligations",
                ),
                (k.liability, "违约责任", "liability"),
                (
                    k.change_or_termination,
                    "合同变更或解除",
                    "change or termination",
                ),
            ],
        ),
    }
}

/// `art25.inspection_passed`: no finding of a failed provincial or city inspection
/// evaluation (Art. 25: grounds to change or end the contract).
pub(super) fn inspection_passed(cx: &mut Cx<'_>) -> Finding {
    findings(cx, &[FindingKind::FailedInspection])
}
