//! Training and supervision hours (Arts. 31, 32): each resident worker at least 48
//! hours in the project year.

use rust_decimal::Decimal;

use super::{Cx, Finding, f, met_if, missing, text};
use crate::evidence::EvaluationKind;
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
    let what = if training {
        "countable training hours"
    } else {
        "supervision hours"
    };
    let req = text!(
        cx,
        "≥ {} {what} per resident worker in the project year",
        min.normalize()
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
        return missing(req, &text!(cx, "staff / {section}"));
    };
    let mid_term = ev.evaluation.kind == EvaluationKind::MidTerm;
    let win = hours_window(ev);
    // One pass over the records for every worker (not one per worker).
    let hours = hours_by_worker(ev, training, win).unwrap_or_default();
    let of = |id: &str| hours.get(id).copied().unwrap_or_default();
    if !cx.explain() {
        // The outcome only: no per-worker texts.
        if mid_term {
            return f(O::NotApplicable, req, String::new());
        }
        let ok = hours_cohort(ev).all(|w| of(&w.id) >= hours_required_of(ev, w, min));
        return met_if(ok, req, String::new());
    }
    // (worker, hours, hours owed when a leaver owes them pro rata)
    let per: Vec<(&str, Decimal, Decimal)> = hours_cohort(ev)
        .map(|w| (w.id.as_str(), of(&w.id), hours_required_of(ev, w, min)))
        .collect();
    let actual = per
        .iter()
        .map(|(id, h, owed)| {
            if mid_term || *owed == min {
                format!("{id} {}", h.normalize())
            } else {
                format!(
                    "{id} {} of {} (left, pro rata)",
                    h.normalize(),
                    owed.round_dp(2).normalize()
                )
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    if mid_term {
        // An annual amount cannot be failed before the year is over.
        return f(
            O::NotApplicable,
            req,
            format!("mid-term, hours so far: {actual}"),
        );
    }
    met_if(per.iter().all(|(_, h, owed)| h >= owed), req, actual)
}
