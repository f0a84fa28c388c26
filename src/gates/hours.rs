//! Training and supervision hours (Arts. 31, 32): each resident worker at least 48
//! hours in the project year.

use rust_decimal::Decimal;

use super::{Cx, Finding, f, met_if, missing, text};
use crate::evidence::EvaluationKind;
use crate::facts::{hours_window, worker_hours_in};
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
    let (Some(staff), true) = (
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
    if !cx.explain() {
        // The outcome only: no per-worker texts.
        if mid_term {
            return f(O::NotApplicable, req, String::new());
        }
        let ok = staff
            .workers
            .iter()
            .all(|w| worker_hours_in(ev, training, &w.id, win).unwrap_or_default() >= min);
        return met_if(ok, req, String::new());
    }
    let per: Vec<(String, Decimal)> = staff
        .workers
        .iter()
        .map(|w| {
            (
                w.id.clone(),
                worker_hours_in(ev, training, &w.id, win).unwrap_or_default(),
            )
        })
        .collect();
    let actual = per
        .iter()
        .map(|(id, h)| format!("{id} {}", h.normalize()))
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
    met_if(per.iter().all(|(_, h)| *h >= min), req, actual)
}
