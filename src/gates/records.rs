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

/// `art13.accounting_archives`: the contractor keeps its accounting archives long-term
/// (Art. 13: 会计档案应当由承接机构长期保留), apart from the evaluation-related records
/// kept 5 years ([`retained`]).
pub(super) fn accounting_archives(cx: &mut Cx<'_>) -> Finding {
    let req = bi(
        "会计档案由承接机构长期保留",
        "accounting archives kept long-term by the contractor",
    );
    match cx
        .ev
        .records
        .as_ref()
        .map(|r| r.accounting_archives_long_term)
    {
        None => missing(req, "records"),
        Some(None) => missing(req, "records.accounting_archives_long_term"),
        Some(Some(kept)) => met_if(kept, req, bi(Yn(kept).zh(), Yn(kept).en())),
    }
}

/// `art13.handover`: every kind of service archive handed over with a list and a
/// signed agreement within 30 working days of leaving, the information kept
/// confidential (Art. 13). Late, without list or agreement, a kind missing or
/// confidentiality broken is `not_met`; otherwise the kinds or the confidentiality not
/// recorded leave it `insufficient_evidence`.
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
        ("{deadline}前（{left}退出后{n}个工作日内）附清单并签订移交协议移交全部服务档案，并做好信息保密"),
        ("every kind of service archive handed over with a list and a signed agreement by {deadline} ({n} working days after {left}), confidentiality kept")
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
            let lacking: Vec<&str> = h.kinds.as_ref().map_or_else(Vec::new, |k| k.lacking());
            let broken = h.date > deadline
                || !h.with_list
                || !h.signed_agreement
                || !lacking.is_empty()
                || h.confidentiality_kept == Some(false);
            let unknown = h.kinds.is_none() || h.confidentiality_kept.is_none();
            let outcome = if broken {
                O::NotMet
            } else if unknown {
                O::InsufficientEvidence
            } else {
                O::Met
            };
            let (kinds_zh, kinds_en) = match &h.kinds {
                None => ("未记录".to_owned(), "not recorded".to_owned()),
                Some(_) if lacking.is_empty() => ("齐全".to_owned(), "all".to_owned()),
                Some(_) => (
                    format!("缺少{}类", lacking.len()),
                    format!("lacking {}", lacking.join(", ")),
                ),
            };
            let (conf_zh, conf_en) = h
                .confidentiality_kept
                .map_or(("未记录", "not recorded"), |c| (Yn(c).zh(), Yn(c).en()));
            let actual = text!(
                cx,
                (
                    "{date}移交；清单：{}；移交协议：{}；档案类别：{kinds_zh}；信息保密：{conf_zh}",
                    list.has(),
                    signed.has()
                ),
                (
                    "handed over {date}, list: {}, signed agreement: {}, kinds: {kinds_en}, confidentiality kept: {conf_en}",
                    list.en(),
                    signed.en()
                )
            );
            f(outcome, req, actual)
        }
    }
}
