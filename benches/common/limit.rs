//! The limit: the default standard (docs/default-standard.md §2–§3) hard-coded in plain Rust.
//!
//! No tree, no fact catalogue, no rule dispatch, no explanation: one function that reads
//! the evidence and adds up the 100 points with the same exact decimals and the same
//! semantics as the engine (missing evidence scores 0; a zero denominator, a rate
//! above 1 or an unknown level is an error, here `None`): resident workers only
//! (full time, not left) for the office area and staffing; Art. 31's countable
//! training (policy and regulation training whoever runs it, professional training
//! only run centrally by a listed provider, a civil affairs bureau at county level or
//! above); hours owed pro rata at a mid-term evaluation and by a worker who left.
//! It scores only: it computes no gates and no verdict. It is the lower bound of what
//! scoring the default standard can cost, so the engine's `score_total` is timed
//! against it. The peer crate's equivalence test checks it gives the engine's total
//! on every generated station.

use rust_decimal::Decimal;
use sws_eval::date::Date;
use sws_eval::evidence::{
    Education, EvaluationKind, Evidence, ProvidedBy, ProviderLevel, QualificationKind,
    TrainingCategory, TrainingProvider, TrainingRecord, Worker,
};
use sws_eval::num::round_total;
use sws_eval::standard::Grade;

/// Decimal from hundredths: `d(50)` is 0.50.
const fn d(hundredths: i64) -> Decimal {
    Decimal::from_parts(hundredths as u32, 0, 0, false, 2)
}

/// The first step reached: `ratio ≥ threshold → points`.
fn steps(ratio: Decimal, table: &[(Decimal, Decimal)]) -> Decimal {
    for (t, p) in table {
        if ratio >= *t {
            return *p;
        }
    }
    Decimal::ZERO
}

/// `delivered / planned` through `table`; `Err` on nothing planned.
fn ratio(num: u32, den: u32, table: &[(Decimal, Decimal)]) -> Result<Decimal, ()> {
    if den == 0 {
        return Err(());
    }
    Ok(steps(Decimal::from(num) / Decimal::from(den), table))
}

/// A rate in [0, 1] with a minimum sample: below the sample 0 (insufficient).
fn rate(num: Decimal, den: Decimal, min: u32, table: &[(Decimal, Decimal)]) -> Result<Decimal, ()> {
    if min > 0 && den < Decimal::from(min) {
        return Ok(Decimal::ZERO);
    }
    if den.is_zero() {
        return Err(());
    }
    let r = num / den;
    if r > Decimal::ONE {
        return Err(());
    }
    Ok(steps(r, table))
}

/// A level's points: A, B, C, D; `Err` on anything else; 0 when not given.
fn level(l: Option<&str>, pts: [Decimal; 4]) -> Result<Decimal, ()> {
    let [a, b, c, dd] = pts;
    match l {
        None => Ok(Decimal::ZERO),
        Some("A") => Ok(a),
        Some("B") => Ok(b),
        Some("C") => Ok(c),
        Some("D") => Ok(dd),
        Some(_) => Err(()),
    }
}

fn when(b: bool, p: Decimal) -> Decimal {
    if b { p } else { Decimal::ZERO }
}

fn entry_ok(w: &Worker) -> bool {
    let age = w.birth_date.age_on(w.entry_date);
    let certified = w
        .qualifications
        .iter()
        .any(|q| q.kind == QualificationKind::NationalCertificate && q.obtained_on <= w.entry_date);
    (age <= 35 || (certified && age <= 40)) && w.education >= Education::JuniorCollege
}

/// A resident worker (驻站社工) on `day`: full time, not left before `day`.
fn resident(w: &Worker, day: Date) -> bool {
    w.full_time && w.left_on.is_none_or(|last| day <= last)
}

/// Whether Art. 31 counts a training session: policy and regulation training whoever
/// runs it; professional training (the default) only when run centrally by a civil
/// affairs bureau at county level or above, an incubation base or an industry body.
fn countable(r: &TrainingRecord) -> bool {
    match r.category.unwrap_or(TrainingCategory::Professional) {
        TrainingCategory::PolicyAndRegulation => true,
        TrainingCategory::Professional => match r.provider {
            TrainingProvider::Other => false,
            _ if r.centralised == Some(false) => false,
            TrainingProvider::CivilAffairsBureau => {
                r.provider_level.is_none_or(|l| l >= ProviderLevel::County)
            }
            TrainingProvider::IncubationBase | TrainingProvider::IndustryBody => true,
        },
    }
}

/// Workers under the annual `required` hours, given `(worker, date, hours, counts)`
/// records: every full-time worker resident on some day of the project year up to
/// the evaluation; the required hours are pro rata to the days of the project year
/// up to the evaluation (mid-term) and up to the last day at the station (a leaver).
fn below<'a>(
    ev: &Evidence,
    workers: &[Worker],
    records: impl Iterator<Item = (&'a str, Date, Decimal, bool)> + Clone,
    required: Decimal,
) -> Decimal {
    let start = ev.evaluation.project_year_start;
    let end = start.add_years(1).unwrap_or(start);
    let eval = ev.evaluation.date;
    let total = Decimal::from(start.days_until(end).max(1));
    let mut n = 0u32;
    for w in workers {
        if !w.full_time || w.left_on.is_some_and(|l| l < start) {
            continue;
        }
        let mut h = Decimal::ZERO;
        for (who, day, hours, counts) in records.clone() {
            if counts && who == w.id && day >= start && day < end && day <= eval {
                h += hours;
            }
        }
        let mut until = match ev.evaluation.kind {
            EvaluationKind::Final => end,
            EvaluationKind::MidTerm => eval,
        };
        if let Some(after) = w.left_on.and_then(|l| l.add_days(1)) {
            until = until.min(after);
        }
        let owed = if until >= end {
            required
        } else {
            let elapsed = Decimal::from(start.days_until(until).max(0)).min(total);
            required * elapsed / total
        };
        if h < owed {
            n += 1;
        }
    }
    Decimal::from(n)
}

/// The default standard's rounded total and grade for `ev`; `None` where the engine
/// refuses to score (nothing planned, a rate above 1, an unknown level).
pub fn score_total(ev: &Evidence) -> Option<(Decimal, Grade)> {
    let t = inner(ev).ok()?;
    let total = round_total(t);
    let grade = if total >= Decimal::from(90) {
        Grade::Excellent
    } else if total >= Decimal::from(80) {
        Grade::Good
    } else if total >= Decimal::from(60) {
        Grade::Qualified
    } else {
        Grade::Unqualified
    };
    Some((total, grade))
}

#[allow(clippy::too_many_lines)]
fn inner(ev: &Evidence) -> Result<Decimal, ()> {
    let (half, one) = (d(50), Decimal::ONE);
    let mut t = Decimal::ZERO;
    let eval = ev.evaluation.date;
    let staff = ev.staff.as_ref();

    // A1 premises (4), A2 signage (1), A3 written rules (4)
    if let Some(p) = &ev.premises {
        if let Some(s) = staff {
            let area = p.office_area_m2.get();
            let n = s.workers.iter().filter(|w| resident(w, eval)).count();
            let per = if n == 0 {
                area
            } else {
                area / Decimal::from(n as u64)
            };
            t += when(per >= Decimal::from(6), one);
        }
        t += when(p.casework_room, half)
            + when(p.group_work_room, half)
            + when(p.activity_area, half)
            + when(p.archive_room, half)
            + when(
                p.desks_and_chairs && p.computer && p.printer && p.file_cabinets,
                one,
            );
    }
    if let Some(s) = &ev.signage {
        t += when(s.station_plate_with_logo, half) + when(s.brand_mark, half);
    }
    if let Some(r) = &ev.written_rules {
        let n = [
            r.organisation_chart,
            r.procedures_and_standards,
            r.personnel,
            r.finance,
            r.volunteers,
            r.premises_use,
            r.archives,
            r.service_pledge,
        ]
        .iter()
        .filter(|b| **b)
        .count();
        t += half * Decimal::from(n as u64);
    }

    // A4 staffing (6): resident workers only (full time, not left)
    if let Some(s) = staff {
        let (mut full, mut town, mut contractor) = (0u32, 0u32, 0u32);
        let (mut entry, mut qualified) = (true, true);
        for w in s.workers.iter().filter(|w| resident(w, eval)) {
            full += 1;
            match w.provided_by {
                ProvidedBy::Township => town += 1,
                ProvidedBy::Contractor => contractor += 1,
            }
            entry &= entry_ok(w);
            qualified &= w.qualifications.iter().any(|q| q.obtained_on <= eval);
        }
        t += when(full >= 3, Decimal::TWO)
            + when((1..=2).contains(&town) && contractor >= 2, one)
            + when(entry, one)
            + when(
                s.supervisor
                    .qualifications
                    .iter()
                    .any(|q| q.obtained_on <= eval),
                one,
            )
            + when(qualified, one);
    }

    // A5 training and supervision (3 + 3): 1 off per worker under 48 h
    let start = ev.evaluation.project_year_start;
    let required = Decimal::from(48);
    let three = Decimal::from(3);
    if let (Some(s), Some(tr)) = (staff, &ev.training) {
        let recs = tr
            .iter()
            .map(|r| (r.worker.as_str(), r.date, r.hours.get(), countable(r)));
        t += (three - below(ev, &s.workers, recs, required)).max(Decimal::ZERO);
    }
    if let (Some(s), Some(sv)) = (staff, &ev.supervision) {
        let recs = sv
            .iter()
            .map(|r| (r.worker.as_str(), r.date, r.hours.get(), true));
        t += (three - below(ev, &s.workers, recs, required)).max(Decimal::ZERO);
    }

    // A6 archives (2), information system (1), records retained (1)
    let lv = ev.levels.as_ref();
    let four_three_two = [Decimal::from(4), three, Decimal::TWO, Decimal::ZERO];
    t += level(
        lv.and_then(|l| l.archives.as_deref()),
        [Decimal::TWO, d(150), one, Decimal::ZERO],
    )?;
    if let Some(r) = &ev.records {
        t += when(r.info_system_entries, one)
            + when(
                r.service_records_kept && r.financial_records_kept && r.retention_years >= 5,
                one,
            );
    }

    // B finance: ledgers (5), fund use (4), budget execution (3), payments (3)
    t += level(
        lv.and_then(|l| l.fund_use.as_deref()),
        [Decimal::from(4), three, one, Decimal::ZERO],
    )?;
    if let Some(f) = &ev.finance {
        t += when(
            f.ledger_per_sub_project && f.ledger_per_funding_source,
            Decimal::from(5),
        ) + when(f.payments_documented, three)
            + rate(
                f.spent_to_date.get(),
                f.budget_to_date.get(),
                0,
                &[(d(90), three), (d(80), Decimal::TWO), (d(60), one)],
            )?;
    }

    // C services: needs (4), plan (4), casework/groups/community (6 each), visits (3),
    // linkage (5), reports (6)
    t += level(lv.and_then(|l| l.needs_research.as_deref()), four_three_two)?;
    t += level(lv.and_then(|l| l.service_plan.as_deref()), four_three_two)?;
    t += level(
        lv.and_then(|l| l.resource_linkage.as_deref()),
        [
            Decimal::from(5),
            Decimal::from(4),
            Decimal::TWO,
            Decimal::ZERO,
        ],
    )?;
    if let Some(s) = &ev.services {
        let six = [
            (one, Decimal::from(6)),
            (d(80), Decimal::from(4)),
            (d(60), Decimal::TWO),
        ];
        for pd in [s.casework, s.group_work, s.community_activities]
            .into_iter()
            .flatten()
        {
            t += ratio(pd.delivered, pd.planned, &six)?;
        }
        if let Some(pd) = s.visits {
            t += ratio(
                pd.delivered,
                pd.planned,
                &[(one, three), (d(80), Decimal::TWO), (d(60), one)],
            )?;
        }
        if let Some(pd) = s.publicity {
            t += ratio(
                pd.delivered,
                pd.planned,
                &[(one, Decimal::from(4)), (d(80), three), (d(60), one)],
            )?;
        }
    }
    if let Some(r) = &ev.reports {
        let due = start.whole_months_until(eval).min(12);
        let missing = due.saturating_sub(r.monthly_briefings);
        let mut lost = half * Decimal::from(missing);
        if !r.mid_term_report {
            lost += d(150);
        }
        if ev.evaluation.kind == EvaluationKind::Final && !r.annual_report {
            lost += d(150);
        }
        t += (Decimal::from(6) - lost).max(Decimal::ZERO);
    }

    // D social evaluation: satisfaction (6), appraisal (4), awareness (2)
    if let Some(s) = &ev.surveys {
        if let Some(c) = s.satisfaction {
            t += rate(
                Decimal::from(c.positive),
                Decimal::from(c.respondents),
                30,
                &[
                    (d(95), Decimal::from(6)),
                    (d(90), Decimal::from(5)),
                    (d(80), three),
                    (d(70), one),
                ],
            )?;
        }
        if let Some(c) = s.awareness {
            t += rate(
                Decimal::from(c.positive),
                Decimal::from(c.respondents),
                30,
                &[(d(80), Decimal::TWO), (d(60), one)],
            )?;
        }
    }
    t += level(lv.and_then(|l| l.appraisal.as_deref()), four_three_two)?;

    // E publicity (above, 4) and innovation (4)
    t += level(lv.and_then(|l| l.innovation.as_deref()), four_three_two)?;
    Ok(t)
}
