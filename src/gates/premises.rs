//! The premises (Arts. 10, 14): office area per resident worker, functional areas,
//! signage.

use rust_decimal::Decimal;

use super::{Cx, Finding, all_present, f, met_if, missing, text, yes_no};
use crate::facts::residents;
use crate::gates::GateOutcome as O;

/// `art10.office_area`: at least 6 m² of office per resident worker (Art. 10).
pub(super) fn office_area(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_office_area_per_worker_m2.value.get();
    let req = text!(cx, "≥ {min} m² per resident worker");
    match (&cx.ev.premises, cx.ev.staff.as_ref()) {
        (None, _) => missing(req, "premises"),
        (_, None) => missing(req, "staff"),
        (Some(pr), Some(s)) => {
            let n = residents(cx.ev, s).count();
            if n == 0 {
                return f(O::NotApplicable, req, "no resident workers on the roster");
            }
            let area = pr.office_area_m2.get();
            let per = area.checked_div(Decimal::from(n as u64)).unwrap_or(area);
            met_if(
                per >= min,
                req,
                text!(
                    cx,
                    "{} m² / {} workers = {} m²",
                    pr.office_area_m2,
                    n,
                    per.round_dp(2).normalize()
                ),
            )
        }
    }
}

/// `art10.functional_areas`: office, casework, group work, activity, archive (Art. 10).
pub(super) fn functional_areas(cx: &mut Cx<'_>) -> Finding {
    let req = "office, casework room, group work room, activity area, archive room";
    match &cx.ev.premises {
        None => missing(req, "premises"),
        Some(pr) => all_present(
            req,
            &[
                (!pr.office_area_m2.get().is_zero(), "office"),
                (pr.casework_room, "casework room"),
                (pr.group_work_room, "group work room"),
                (pr.activity_area, "activity area"),
                (pr.archive_room, "archive room"),
            ],
        ),
    }
}

/// `art14.signage`: station plate with the logo and the brand mark (Art. 14).
pub(super) fn signage(cx: &mut Cx<'_>) -> Finding {
    let req = "station plate with logo and brand mark";
    match &cx.ev.signage {
        None => missing(req, "signage"),
        Some(s) => met_if(
            s.station_plate_with_logo && s.brand_mark,
            req,
            text!(
                cx,
                "plate: {}, brand mark: {}",
                yes_no(s.station_plate_with_logo),
                yes_no(s.brand_mark)
            ),
        ),
    }
}
