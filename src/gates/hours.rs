//! Training and supervision hours (Arts. 31, 32): each resident worker at least 48
//! hours in the project year.

use rust_decimal::Decimal;

use super::{Cx, Finding, bi, f, join, met_if, missing, text};
use crate::evidence::{EvaluationKind, Text};
use crate::facts::{hours_by_worker, hours_cohort, hours_required_of, hours_window};
use crate::gates::GateOutcome as O;

/// `art31.training_48h`: at least 48 countable training hours per resident worker
/// in the project year (Art. 31).
pub(super) fn training(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_training_hours.value.get();
    hours_gate(cx, true, min)
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
