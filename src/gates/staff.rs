//! The staff (Art. 12): how many resident workers, who provides them, entry age,
//! education, qualifications.

use rust_decimal::Decimal;

use super::{Cx, Finding, all_or, bi, f, met_if, missing, text};
use crate::evidence::Education;
use crate::facts::{entry_age_ok, residents, split};
use crate::gates::{GateId, GateOutcome as O};

/// `art12.min_staff`: at least 3 full-time resident workers (Art. 12).
pub(super) fn min_staff(cx: &mut Cx<'_>) -> Finding {
    let min = cx.params().min_resident_workers.value;
    let req = text!(
        cx,
        ("全职驻站社工 ≥ {min}名"),
        ("≥ {min} full-time resident workers")
    );
    match cx.ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let n = residents(cx.ev, s).count();
            met_if(
                u32::try_from(n).unwrap_or(u32::MAX) >= min,
                req,
                text!(cx, ("{n}名"), ("{n}")),
            )
        }
    }
}

/// `art12.staff_split`: the township provides 1–2 workers, the contractor at least 2
/// (Art. 12).
pub(super) fn staff_split(cx: &mut Cx<'_>) -> Finding {
    let p = cx.params();
    let (tmin, tmax, cmin) = (
        p.township_workers_min.value,
        p.township_workers_max.value,
        p.contractor_workers_min.value,
    );
    let req = text!(
        cx,
        ("乡镇（街道）配备{tmin}–{tmax}名，承接机构配备 ≥ {cmin}名"),
        ("township {tmin}–{tmax}, contractor ≥ {cmin}")
    );
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
                text!(
                    cx,
                    ("乡镇（街道）{t}名，承接机构{c}名"),
                    ("township {t}, contractor {c}")
                ),
            )
        }
    }
}

/// `art12.entry_age`: at most 35 at entry, or 40 with the national certificate held
/// at entry (Art. 12).
pub(super) fn entry_age(cx: &mut Cx<'_>) -> Finding {
    let p = cx.params();
    let (a, ac) = (p.max_entry_age.value, p.max_entry_age_certified.value);
    let req = text!(
        cx,
        ("入职年龄 ≤ {a}周岁，入职时持全国社会工作者职业资格证书的 ≤ {ac}周岁"),
        ("age at entry ≤ {a}, or ≤ {ac} with the national certificate held at entry")
    );
    match cx.ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let bad: Vec<_> = residents(cx.ev, s)
                .filter(|w| !entry_age_ok(w, Decimal::from(a), Decimal::from(ac)))
                .map(|w| {
                    let (id, age) = (&w.id, w.birth_date.age_on(w.entry_date));
                    text!(cx, ("{id}入职时{age}周岁"), ("{id} aged {age} at entry"))
                })
                .collect();
            met_if(
                bad.is_empty(),
                req,
                all_or(&bad, bi("均在年龄限制内", "every worker within the limit")),
            )
        }
    }
}

/// `art12.education`: junior college (大专) or above (Art. 12).
pub(super) fn education(cx: &mut Cx<'_>) -> Finding {
    let req = bi("大专及以上学历", "junior college (大专) or above");
    match cx.ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let bad: Vec<_> = residents(cx.ev, s)
                .filter(|w| w.education < Education::JuniorCollege)
                .map(|w| {
                    let id = &w.id;
                    text!(cx, ("{id}学历低于大专"), ("{id} below junior college"))
                })
                .collect();
            met_if(
                bad.is_empty(),
                req,
                all_or(
                    &bad,
                    bi("均为大专及以上学历", "every worker junior college or above"),
                ),
            )
        }
    }
}

/// `art12.supervisor_qualified`: the project supervisor holds a professional
/// qualification (Art. 12).
pub(super) fn supervisor_qualified(cx: &mut Cx<'_>) -> Finding {
    let req = bi(
        "项目主管具备社会工作专业资质",
        "the project supervisor holds a professional qualification",
    );
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
                    bi("具备", "qualified")
                } else {
                    bi("不具备专业资质", "no qualification held")
                },
            )
        }
    }
}

/// `art12.all_qualified_after_3y`: every resident worker qualified within 3 years of
/// the project's start (Art. 12); not applicable before the deadline.
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
        ("{deadline}前（项目启动后{years}年内）驻站社工全部具备专业资质"),
        ("every resident worker qualified by {deadline} ({years} years from the project start)")
    );
    let on = ev.evaluation.date;
    // The rule bites from the day after the period's last day.
    if on <= deadline {
        return f(
            O::NotApplicable,
            req,
            text!(
                cx,
                ("评估日期{on}，尚在期限内"),
                ("evaluated on {on}, within the period")
            ),
        );
    }
    match ev.staff.as_ref() {
        None => missing(req, "staff"),
        Some(s) => {
            let bad: Vec<_> = residents(ev, s)
                .filter(|w| !w.qualifications.iter().any(|q| q.obtained_on <= on))
                .map(|w| {
                    let id = &w.id;
                    text!(cx, ("{id}不具备专业资质"), ("{id} not qualified"))
                })
                .collect();
            met_if(
                bad.is_empty(),
                req,
                all_or(&bad, bi("均具备专业资质", "every worker qualified")),
            )
        }
    }
}
