//! The premises (Arts. 10, 14): office area per resident worker, functional areas,
//! signage.

use rust_decimal::Decimal;

use super::{Cx, Finding, Yn, all_present, bi, f, met_if, missing, text};
use crate::facts::residents;
use crate::gates::GateOutcome as O;

/// `art10.office_area`: at least 6 m² of office per resident worker (Art. 10).
pub(super) fn office_area(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_office_area_per_worker_m2.value.get();
    let req = text!(
        cx,
        ("每名驻站社工办公面积 ≥ {min} m²"),
        ("≥ {min} m² per resident worker")
    );
    match (&cx.ev.premises, cx.ev.staff.as_ref()) {
        (None, _) => missing(req, "premises"),
        (_, None) => missing(req, "staff"),
        (Some(pr), Some(s)) => {
            let n = residents(cx.ev, s).count();
            if n == 0 {
                return f(
                    O::NotApplicable,
                    req,
                    bi("名册中无驻站社工", "no resident workers on the roster"),
                );
            }
            let area = pr.office_area_m2.get();
            let per = area.checked_div(Decimal::from(n as u64)).unwrap_or(area);
            let shown = per.round_dp(2).normalize();
            let area = pr.office_area_m2;
            met_if(
                per >= min,
                req,
                text!(
                    cx,
                    ("{area} m² ÷ {n}人 = {shown} m²"),
                    ("{area} m² / {n} workers = {shown} m²")
                ),
            )
        }
    }
}

/// `art10.functional_areas`: office, casework room, group work room, activity area,
/// archive room (Art. 10).
pub(super) fn functional_areas(cx: &mut Cx<'_>) -> Finding {
    let req = bi(
        "办公区、个案室、小组室、多功能活动区、档案室",
        "office, casework room, group work room, activity area, archive room",
    );
    match &cx.ev.premises {
        None => missing(req, "premises"),
        Some(pr) => all_present(
            req,
            &[
                (!pr.office_area_m2.get().is_zero(), "办公区", "office"),
                (pr.casework_room, "个案室", "casework room"),
                (pr.group_work_room, "小组室", "group work room"),
                (pr.activity_area, "多功能活动区", "activity area"),
                (pr.archive_room, "档案室", "archive room"),
            ],
        ),
    }
}

/// `art14.signage`: the station plate with logo and the brand mark (Art. 14).
pub(super) fn signage(cx: &mut Cx<'_>) -> Finding {
    let req = bi(
        "悬挂带标识的社会工作服务站站牌及荧光行标识",
        "station plate with logo and brand mark",
    );
    match &cx.ev.signage {
        None => missing(req, "signage"),
        Some(s) => {
            let (plate, mark) = (Yn(s.station_plate_with_logo), Yn(s.brand_mark));
            met_if(
                s.station_plate_with_logo && s.brand_mark,
                req,
                text!(
                    cx,
                    ("站牌：{}；荧光行标识：{}", plate.has(), mark.has()),
                    ("plate: {}, brand mark: {}", plate.en(), mark.en())
                ),
            )
        }
    }
}
