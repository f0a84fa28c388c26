//! The staff (Art. 12): how many resident workers, who provides them, entry age,
//! education, qualifications.

use rust_decimal::Decimal;

use super::{Cx, Finding, all_or, f, met_if, missing, text};
use crate::evidence::Education;
use crate::facts::{entry_age_ok, residents, split};
use crate::gates::{GateId, GateOutcome as O};

/// `art12.min_staff`: at least 3 full-time resident workers (Art. 12).
pub(super) fn min_staff(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_resident_workers.value;
    let req = text!(cx, "≥ {min} full-time resident workers");
    match cx.ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let n = residents(cx.ev, s).count();
            met_if(
                u32::try_from(n).unwrap_or(u32::MAX) >= min,
                req,
                text!(cx, "{n}"),
            )
        }
    }
}

/// `art12.staff_split`: township provides 1–2, the contractor at least 2 (Art. 12).
pub(super) fn staff_split(cx: &mut Cx<'_>) -> Finding {
    let p = cx.params();
    let (tmin, tmax, cmin) = (
        p.township_workers_min.value,
        p.township_workers_max.value,
        p.contractor_workers_min.value,
    );
    let req = text!(cx, "township {tmin}–{tmax}, contractor ≥ {cmin}");
    match cx.ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let (t, c) = split(cx.ev, s);
            let (t32, c32) = (
                u32::try_from(t).unwrap_or(u32::MAX),
                u32::try_from(c).unwrap_or(u32::MAX),
            );
            met_if(
                (tmin..=tmax).contains(&t32) && c32 >= cmin,
                req,
                text!(cx, "township {t}, contractor {c}"),
            )
        }
    }
}

/// `art12.entry_age`: at most 35 at entry, or 40 with the certificate (Art. 12).
pub(super) fn entry_age(cx: &mut Cx<'_>) -> Finding {
    let p = cx.params();
    let (a, ac) = (p.max_entry_age.value, p.max_entry_age_certified.value);
    let req = text!(
        cx,
        "age at entry ≤ {a}, or ≤ {ac} with the national certificate held at entry"
    );
    match cx.ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let bad: Vec<String> = residents(cx.ev, s)
                .filter(|w| !entry_age_ok(w, Decimal::from(a), Decimal::from(ac)))
                .map(|w| {
                    text!(
                        cx,
                        "{} aged {} at entry",
                        w.id,
                        w.birth_date.age_on(w.entry_date)
                    )
                })
                .collect();
            met_if(
                bad.is_empty(),
                req,
                all_or(&bad, "every worker within the limit"),
            )
        }
    }
}

/// `art12.education`: junior college (大专) or above (Art. 12).
pub(super) fn education(cx: &mut Cx<'_>) -> Finding {
    let req = "junior college (大专) or above";
    match cx.ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let bad: Vec<String> = residents(cx.ev, s)
                .filter(|w| w.education < Education::JuniorCollege)
                .map(|w| text!(cx, "{} below junior college", w.id))
                .collect();
            met_if(
                bad.is_empty(),
                req,
                all_or(&bad, "every worker junior college or above"),
            )
        }
    }
}

/// `art12.supervisor_qualified`: the project supervisor is qualified (Art. 12).
pub(super) fn supervisor_qualified(cx: &mut Cx<'_>) -> Finding {
    let req = "the project supervisor holds a professional qualification";
    match cx.ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let ok = s
                .supervisor
                .qualifications
                .iter()
                .any(|q| q.obtained_on <= cx.ev.evaluation.date);
            met_if(
                ok,
                req,
                if ok {
                    "qualified"
                } else {
                    "no qualification held"
                },
            )
        }
    }
}

/// `art12.all_qualified_after_3y`: every resident worker qualified within 3 years of
/// the project's start (Art. 12).
pub(super) fn all_qualified_after_3y(cx: &mut Cx<'_>) -> Finding {
    let ev = cx.ev;
    let years = cx.params().qualification_years.value;
    let anniversary = ev
        .contract
        .project_start
        .add_years(i16::try_from(years).unwrap_or(i16::MAX))
        .unwrap_or(ev.contract.project_start);
    // Civil Code Arts. 201, 203: the period's last day is the anniversary, moved to the
    // next working day when it is a day off.
    let deadline = match cx.calendar.working_day_on_or_after(anniversary) {
        Ok(day) => day,
        Err(out) => {
            // Only an evaluation within a few days of the anniversary could be affected.
            if ev.evaluation.date > anniversary
                && ev.evaluation.date <= anniversary.add_days(31).unwrap_or(anniversary)
            {
                cx.note(GateId::Art12AllQualifiedAfter3y, out.first_unknown);
            }
            anniversary
        }
    };
    let req = text!(
        cx,
        "every resident worker qualified by {deadline} ({years} years from the project start)"
    );
    // The rule bites from the day after the period's last day.
    if ev.evaluation.date <= deadline {
        return f(
            O::NotApplicable,
            req,
            text!(cx, "evaluated on {}, within the period", ev.evaluation.date),
        );
    }
    match ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let bad: Vec<String> = residents(ev, s)
                .filter(|w| {
                    !w.qualifications
                        .iter()
                        .any(|q| q.obtained_on <= ev.evaluation.date)
                })
                .map(|w| text!(cx, "{} not qualified", w.id))
                .collect();
            met_if(bad.is_empty(), req, all_or(&bad, "every worker qualified"))
        }
    }
}
