//! Training and supervision hours (Arts. 31, 32): each resident worker at least 48
//! hours in the project year.

use rust_decimal::Decimal;

use super::{Cx, Finding, bi, f, join, met_if, missing, text};
use crate::evidence::{EvaluationKind, Text};
use crate::facts::{
    hours_by_worker, hours_cohort, hours_required_of, hours_window, worker_professional_hours_in,
};
use crate::gates::GateOutcome as O;

/// `art31.training_48h`: at least 48 countable training hours per resident worker
/// in the project year (Art. 31). Countable: professional training run centrally by a
/// civil affairs bureau at county level or above, an incubation base or an industry
/// body, and policy and regulation training whoever runs it
/// ([`TrainingRecord::countable`](crate::evidence::TrainingRecord::countable)); of
/// them, at least the policy's professional minimum (assumed 0) professional.
pub(super) fn training(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_training_hours.value.get();
    let fd = hours_gate(cx, true, min);
    let prof = cx.params().min_professional_training_hours.value.get();
    if prof.is_zero() || fd.outcome != O::Met {
        return fd;
    }
    // The professional part (Art. 31's 社会工作专业培训) has a minimum of its own.
    let ev = cx.ev;
    let win = hours_window(ev);
    let short: Vec<(&str, Decimal, Decimal)> = hours_cohort(ev)
        .map(|w| {
            (
                w.id.as_str(),
                worker_professional_hours_in(ev, &w.id, win).unwrap_or_default(),
                hours_required_of(ev, w, prof),
            )
        })
        .filter(|(_, h, owed)| h < owed)
        .collect();
    if short.is_empty() {
        return fd;
    }
    let (rq_zh, rq_en) = (fd.required.zh.clone(), fd.required.en.clone());
    let (ac_zh, ac_en) = (fd.actual.zh.clone(), fd.actual.en.clone());
    let prof_s = prof.normalize();
    let list = short
        .iter()
        .map(|(id, h, owed)| format!("{id} {}/{}", h.normalize(), owed.round_dp(2).normalize()))
        .collect::<Vec<_>>()
        .join(", ");
    let req = text!(
        cx,
        ("{rq_zh}，其中专业培训不少于{prof_s}学时"),
        ("{rq_en}, of which ≥ {prof_s} professional training hours")
    );
    let actual = text!(
        cx,
        ("{ac_zh}；专业培训不足：{list}"),
        ("{ac_en}; professional training short: {list}")
    );
    f(O::NotMet, req, actual)
}

/// `art32.supervision_48h`: at least 48 supervision hours per resident worker in the
/// project year (Art. 32).
pub(super) fn supervision(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_supervision_hours.value.get();
    hours_gate(cx, false, min)
}

fn hours_gate(cx: &mut Cx<'_>, training: bool, min: Decimal) -> Finding {
    let ev = cx.ev;
    let (what_zh, what_en) = if training {
        ("有效培训", "countable training hours")
    } else {
        ("督导", "supervision hours")
    };
    let unit_zh = if training { "学时" } else { "小时" };
    let min_n = min.normalize();
    let req = text!(
        cx,
        ("每名驻站社工项目年度内{what_zh} ≥ {min_n}{unit_zh}"),
        ("≥ {min_n} {what_en} per resident worker in the project year")
    );
    let section = if training { "training" } else { "supervision" };
    let (Some(_), true) = (
        &ev.staff,
        if training {
            ev.training.is_some()
        } else {
            ev.supervision.is_some()
        },
    ) else {
        return missing(req, &format!("staff / {section}"));
    };
    let mid_term = ev.evaluation.kind == EvaluationKind::MidTerm;
    let win = hours_window(ev);
    // One pass over the records for every worker (not one per worker).
    let hours = hours_by_worker(ev, training, win).unwrap_or_default();
    let of = |id: &str| hours.get(id).copied().unwrap_or_default();
    if !cx.explain() {
        // The outcome only: no per-worker texts.
        let none = bi("", "");
        if mid_term {
            return f(O::NotApplicable, req, none);
        }
        let ok = hours_cohort(ev).all(|w| of(&w.id) >= hours_required_of(ev, w, min));
        return met_if(ok, req, none);
    }
    // (worker, hours, hours owed when a leaver owes them pro rata)
    let per: Vec<(&str, Decimal, Decimal)> = hours_cohort(ev)
        .map(|w| (w.id.as_str(), of(&w.id), hours_required_of(ev, w, min)))
        .collect();
    let each: Vec<Text> = per
        .iter()
        .map(|(id, h, owed)| {
            let h = h.normalize();
            if mid_term || *owed == min {
                Text {
                    zh: format!("{id} {h}{unit_zh}"),
                    en: format!("{id} {h}"),
                }
            } else {
                let owed = owed.round_dp(2).normalize();
                Text {
                    zh: format!("{id} {h}/{owed}{unit_zh}（中途离职，按比例）"),
                    en: format!("{id} {h} of {owed} (left, pro rata)"),
                }
            }
        })
        .collect();
    let actual = join(&each, "，", ", ");
    if mid_term {
        // An annual amount cannot be failed before the year is over.
        let so_far = actual;
        return f(
            O::NotApplicable,
            req,
            Text {
                zh: format!("中期评估，截至目前：{}", so_far.zh),
                en: format!("mid-term, hours so far: {}", so_far.en),
            },
        );
    }
    met_if(per.iter().all(|(_, h, owed)| h >= owed), req, actual)
}
