//! Archives (Art. 13): records kept, archives handed over when the contractor leaves.

use super::{Cx, Finding, Yn, bi, f, met_if, missing, text};
use crate::gates::{GateId, GateOutcome as O};

/// `art13.records_retained`: service and financial records kept ≥ 5 years (Art. 13).
pub(super) fn retained(cx: &mut Cx<'_>) -> Finding {
    let y = cx.params().records_retention_years.value;
    let req = text!(
        cx,
        ("服务资料和财务资料保存 ≥ {y}年"),
        ("service and financial records kept ≥ {y} years")
    );
    match &cx.ev.records {
        None => missing(req, "records"),
        Some(r) => {
            let (service, financial, kept) = (
                Yn(r.service_records_kept),
                Yn(r.financial_records_kept),
                r.retention_years,
            );
            met_if(
                r.service_records_kept && r.financial_records_kept && kept >= y,
                req,
                text!(
                    cx,
                    (
                        "服务资料留存：{}；财务资料留存：{}；保存期限{kept}年",
                        service.zh(),
                        financial.zh()
                    ),
                    (
                        "service records kept: {}, financial records kept: {}, retention {kept} years",
                        service.en(),
                        financial.en()
                    )
                ),
            )
        }
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
            text!(
                cx,
                ("退出后{n}个工作日内移交档案"),
                ("handover within {n} working days of leaving")
            ),
            bi("承接机构未退出", "the contractor has not left"),
        );
    };
    let left = d.left_on;
    let deadline = match cx.calendar.nth_working_day_after(left, n) {
        Ok(day) => day,
        Err(out) => {
            cx.note(GateId::Art13Handover, out.first_unknown);
            let year = out.first_unknown.year();
            return f(
                O::InsufficientEvidence,
                text!(
                    cx,
                    ("{left}退出后{n}个工作日内移交档案"),
                    ("handover within {n} working days of leaving on {left}")
                ),
                text!(
                    cx,
                    ("缺少：工作日历未覆盖{year}年"),
                    ("missing: the work calendar does not cover {year}")
                ),
            );
        }
    };
    let req = text!(
        cx,
        ("{deadline}前（{left}退出后{n}个工作日内）附清单并签订移交协议移交档案"),
        ("handover with a list and a signed agreement by {deadline} ({n} working days after {left})")
    );
    let on = ev.evaluation.date;
    match &d.handover {
        None if on <= deadline => f(
            O::NotApplicable,
            req,
            text!(cx, ("评估日期{on}，尚未到期"), ("not yet due on {on}")),
        ),
        None => f(O::NotMet, req, bi("无移交记录", "no handover recorded")),
        Some(h) => {
            let (date, list, signed) = (h.date, Yn(h.with_list), Yn(h.signed_agreement));
            met_if(
                h.date <= deadline && h.with_list && h.signed_agreement,
                req,
                text!(
                    cx,
                    (
                        "{date}移交；清单：{}；移交协议：{}",
                        list.has(),
                        signed.has()
                    ),
                    (
                        "handed over {date}, list: {}, signed agreement: {}",
                        list.en(),
                        signed.en()
                    )
                ),
            )
        }
    }
}
