//! The fact catalogue: what a standard's leaves may read from the evidence.
//!
//! A standard is data, so its leaves name the facts they score by a dotted name
//! (`"services.casework"`, `"staff.entry_rules_met"`). This module is the one place
//! where those names are turned into values derived from an [`Evidence`]; a standard
//! naming a fact that is not in the catalogue, or giving it the wrong parameters, is
//! refused when it is loaded. A fact whose evidence is missing is `None`: the leaf is
//! then `insufficient_evidence`.
//!
//! ```
//! use sws_eval::facts::{FactKind, catalogue};
//! let casework = catalogue().iter().find(|f| f.name == "services.casework").unwrap();
//! assert_eq!(casework.kind, FactKind::Pair);
//! ```

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::date::Date;
use crate::evidence::{
    Education, EvaluationKind, Evidence, QualificationKind, Staff, TrainingCategory, Worker,
};
use crate::num::Threshold;

/// What kind of value a fact has, which decides the rules that may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// Yes or no (for `check` and `checklist`).
    Flag,
    /// A non-negative number (compared with `at_least` / `at_most`, or counted by `deduct`).
    Number,
    /// A numerator and a denominator (for `ratio_steps` and `rate_steps`).
    Pair,
    /// A level name chosen by the evaluator (for `levels`).
    Level,
}

/// One entry of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FactInfo {
    /// The name a standard uses.
    pub name: &'static str,
    /// Its kind.
    pub kind: FactKind,
    /// The parameters it needs (all required), e.g. `["hours"]`.
    pub params: &'static [&'static str],
    /// The measure's article(s) it rests on.
    pub articles: &'static [&'static str],
    /// What it means.
    pub meaning: &'static str,
}

macro_rules! facts {
    ($( $id:ident => $name:literal, $kind:ident, [$($p:literal),*], [$($a:literal),*], $meaning:literal; )*) => {
        /// A fact of the catalogue, resolved from its name when a standard is compiled.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum FactId { $($id),* }

        const CATALOGUE: &[FactInfo] = &[
            $(FactInfo { name: $name, kind: FactKind::$kind, params: &[$($p),*], articles: &[$($a),*], meaning: $meaning }),*
        ];

        const IDS: &[FactId] = &[$(FactId::$id),*];

        impl FactId {
            /// The fact's name in the catalogue.
            pub(crate) fn name(self) -> &'static str {
                match self { $(FactId::$id => $name),* }
            }
        }
    };
}

facts! {
    CaseworkRoom => "premises.casework_room", Flag, [], ["10"], "a casework room exists";
    GroupWorkRoom => "premises.group_work_room", Flag, [], ["10"], "a group work room exists";
    ActivityArea => "premises.activity_area", Flag, [], ["10"], "a multi-function activity area exists";
    ArchiveRoom => "premises.archive_room", Flag, [], ["10"], "an archive room exists";
    EquipmentComplete => "premises.equipment_complete", Flag, [], ["10"], "desks and chairs, computer, printer and file cabinets all present";
    OfficeAreaPerWorker => "premises.office_area_per_resident_worker", Number, [], ["10"], "office area in m² divided by the resident workers (full time, not left) on the evaluation date";
    StationPlate => "signage.station_plate_with_logo", Flag, [], ["14"], "station plate with the national social work logo";
    BrandMark => "signage.brand_mark", Flag, [], ["14"], "the 荧光行 brand mark";
    RuleOrgChart => "rules.organisation_chart", Flag, [], ["11"], "organisation chart and duties";
    RuleProcedures => "rules.procedures_and_standards", Flag, [], ["11"], "procedures and service standards";
    RulePersonnel => "rules.personnel", Flag, [], ["11"], "personnel rules";
    RuleFinance => "rules.finance", Flag, [], ["11"], "finance rules";
    RuleVolunteers => "rules.volunteers", Flag, [], ["11"], "volunteer rules";
    RulePremises => "rules.premises_use", Flag, [], ["11"], "premises use rules";
    RuleArchives => "rules.archives", Flag, [], ["11"], "archive rules";
    RulePledge => "rules.service_pledge", Flag, [], ["11"], "service pledge with satisfaction feedback and evaluation";
    FullTimeWorkers => "staff.full_time_resident_workers", Number, [], ["12"], "resident workers (full time, not left) on the evaluation date";
    StaffSplit => "staff.split", Flag, ["township_min", "township_max", "contractor_min"], ["12"], "township provides between township_min and township_max workers and the contractor at least contractor_min";
    EntryRulesMet => "staff.entry_rules_met", Flag, ["max_age", "max_age_certified"], ["12"], "every worker was at most max_age at entry (max_age_certified with the national certificate held at entry) and has junior college education or above";
    SupervisorQualified => "staff.supervisor_qualified", Flag, [], ["12"], "the project supervisor holds a professional qualification";
    AllQualified => "staff.all_qualified", Flag, [], ["12"], "every resident worker holds a professional qualification on the evaluation date";
    TrainingBelow => "training.resident_workers_below_hours", Number, ["hours"], ["31"], "resident workers with fewer countable training hours (professional training run centrally by a listed provider, plus policy and regulation training) in the project year than `hours` (pro rata at a mid-term evaluation)";
    SupervisionBelow => "supervision.resident_workers_below_hours", Number, ["hours"], ["32"], "resident workers with fewer supervision hours in the project year than `hours` (pro rata at a mid-term evaluation)";
    InfoSystem => "records.info_system_entries", Flag, [], ["26"], "services entered in the national social work information system";
    RecordsRetained => "records.retained", Flag, ["years"], ["13"], "service and financial records kept, under a rule keeping them at least `years` years";
    SeparateLedgers => "finance.separate_ledgers", Flag, [], ["18"], "a separate ledger per sub-project and per funding source";
    PaymentsDocumented => "finance.payments_documented", Flag, [], ["27"], "every payment backed by a written request, agreement and vouchers";
    BudgetExecution => "finance.budget_execution", Pair, [], ["21"], "spent to date / budget to date";
    Casework => "services.casework", Pair, [], ["9", "26"], "casework delivered / planned";
    GroupWork => "services.group_work", Pair, [], ["9", "26"], "group work delivered / planned";
    Community => "services.community_activities", Pair, [], ["9", "26"], "community activities delivered / planned";
    Visits => "services.visits", Pair, [], ["13", "26"], "home and phone visits delivered / planned";
    Publicity => "services.publicity", Pair, [], ["26"], "publicity items published / planned";
    MissingBriefings => "reports.missing_monthly_briefings", Number, [], ["26"], "monthly briefings due (whole months since the project year started) minus those filed, at least 0";
    MissingMidTerm => "reports.missing_mid_term", Number, [], ["26"], "1 if the mid-term report (due at every evaluation) is missing, else 0";
    MissingAnnual => "reports.missing_annual", Number, [], ["26"], "1 if the annual report is missing at a final evaluation, else 0";
    Satisfaction => "surveys.satisfaction", Pair, [], ["11"], "satisfied / respondents";
    Awareness => "surveys.awareness", Pair, [], [], "aware / respondents";
    LevelArchives => "levels.archives", Level, [], ["13"], "evaluator's level for archive completeness";
    LevelFundUse => "levels.fund_use", Level, [], ["19"], "evaluator's level for spending within purpose";
    LevelNeeds => "levels.needs_research", Level, [], ["26"], "evaluator's level for needs research";
    LevelPlan => "levels.service_plan", Level, [], ["26"], "evaluator's level for the service plan";
    LevelLinkage => "levels.resource_linkage", Level, [], ["36"], "evaluator's level for volunteers and resource linkage";
    LevelAppraisal => "levels.appraisal", Level, [], ["39"], "evaluator's level from the purchaser's and township's appraisal";
    LevelInnovation => "levels.innovation", Level, [], ["26", "34"], "evaluator's level for experience summaries and innovation";
}

/// Every fact a standard may name, with its kind, parameters and articles.
pub fn catalogue() -> &'static [FactInfo] {
    CATALOGUE
}

impl FactId {
    pub(crate) fn from_name(name: &str) -> Option<(FactId, &'static FactInfo)> {
        CATALOGUE
            .iter()
            .zip(IDS)
            .find(|(info, _)| info.name == name)
            .map(|(i, id)| (*id, i))
    }
}

/// A derived value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FactValue<'a> {
    Flag(bool),
    Number(Decimal),
    Pair(Decimal, Decimal),
    Level(&'a str),
}

/// Resolved parameters of one use of a fact (in catalogue order).
pub(crate) type Params = Vec<Decimal>;

pub(crate) fn resolve_params(
    info: &FactInfo,
    given: &BTreeMap<String, Threshold>,
) -> Result<Params, String> {
    if let Some(extra) = given.keys().find(|k| !info.params.contains(&k.as_str())) {
        return Err(format!(
            "fact `{}` takes no parameter `{extra}` (it takes: {})",
            info.name,
            list_or_none(info.params)
        ));
    }
    info.params
        .iter()
        .map(|p| {
            given.get(*p).map(|t| t.get()).ok_or_else(|| {
                format!(
                    "fact `{}` needs the parameter `{p}` (it takes: {})",
                    info.name,
                    list_or_none(info.params)
                )
            })
        })
        .collect()
}

fn list_or_none(p: &[&str]) -> String {
    if p.is_empty() {
        "none".to_owned()
    } else {
        p.join(", ")
    }
}

fn flag(b: bool) -> Option<FactValue<'static>> {
    Some(FactValue::Flag(b))
}

fn num(n: impl Into<Decimal>) -> Option<FactValue<'static>> {
    Some(FactValue::Number(n.into()))
}

fn param(p: &Params, i: usize) -> Decimal {
    p.get(i).copied().unwrap_or_default()
}

fn has_qualification(quals: &[crate::evidence::Qualification], by: Date) -> bool {
    quals.iter().any(|q| q.obtained_on <= by)
}

/// Whether a worker met the entry age and education rules (Art. 12).
pub(crate) fn entry_ok(w: &Worker, max_age: Decimal, max_age_certified: Decimal) -> bool {
    entry_age_ok(w, max_age, max_age_certified) && w.education >= Education::JuniorCollege
}

/// Whether a worker's age at entry was within the limit (35, or 40 with the national
/// certificate held on the entry date).
pub(crate) fn entry_age_ok(w: &Worker, max_age: Decimal, max_age_certified: Decimal) -> bool {
    let age = Decimal::from(w.birth_date.age_on(w.entry_date));
    let certified = w
        .qualifications
        .iter()
        .any(|q| q.kind == QualificationKind::NationalCertificate && q.obtained_on <= w.entry_date);
    age <= max_age || (certified && age <= max_age_certified)
}

/// The window in which hours count: the project year (start inclusive, end
/// exclusive) up to the evaluation date inclusive.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HoursWindow {
    start: Date,
    end: Date,
    date: Date,
}

/// The hours window of an evaluation (computed once per evaluation, not per worker).
pub(crate) fn hours_window(ev: &Evidence) -> HoursWindow {
    let start = ev.evaluation.project_year_start;
    HoursWindow {
        start,
        end: start.add_years(1).unwrap_or(start),
        date: ev.evaluation.date,
    }
}

/// The hours required of a worker by the evaluation date: the full amount at a final
/// evaluation, pro rata to the days elapsed of the project year at a mid-term one (an
/// assumption: the measure sets an annual amount and says nothing of mid-term); a
/// worker who left during the year owes the amount pro rata to the days of the
/// project year up to and including the last day at the station.
pub(crate) fn hours_required_of(ev: &Evidence, w: &Worker, annual: Decimal) -> Decimal {
    let start = ev.evaluation.project_year_start;
    let end = start.add_years(1).unwrap_or(start);
    let mut until = match ev.evaluation.kind {
        EvaluationKind::Final => end,
        EvaluationKind::MidTerm => ev.evaluation.date,
    };
    if let Some(after) = w.left_on.and_then(|l| l.add_days(1)) {
        until = until.min(after);
    }
    if until >= end {
        return annual;
    }
    let total = start.days_until(end).max(1);
    let elapsed = start.days_until(until).clamp(0, total);
    annual
        .saturating_mul(Decimal::from(elapsed))
        .checked_div(Decimal::from(total))
        .unwrap_or(annual)
}

/// The workers the annual hours rules (Arts. 31, 32) apply to: full-time workers
/// resident on some day of the project year up to the evaluation — the resident
/// workers of the evaluation date, plus those who left during the year (who owe
/// their hours pro rata, [`hours_required_of`]).
pub(crate) fn hours_cohort(ev: &Evidence) -> impl Iterator<Item = &Worker> {
    let start = ev.evaluation.project_year_start;
    ev.staff
        .iter()
        .flat_map(|s| s.workers.iter())
        .filter(move |w| w.full_time && w.left_on.is_none_or(|l| l >= start))
}

/// The resident workers ([`Worker::is_resident_on`]) on the evaluation date.
pub(crate) fn residents<'e>(
    ev: &'e Evidence,
    staff: &'e Staff,
) -> impl Iterator<Item = &'e Worker> {
    let day = ev.evaluation.date;
    staff.workers.iter().filter(move |w| w.is_resident_on(day))
}

/// Resident workers below `annual` hours (pro rata at mid-term and for leavers).
pub(crate) fn workers_below(ev: &Evidence, training: bool, annual: Decimal) -> Option<Decimal> {
    ev.staff.as_ref()?;
    // A roster with a missing record section is insufficient, not "0 below".
    if training && ev.training.is_none() || !training && ev.supervision.is_none() {
        return None;
    }
    let win = hours_window(ev);
    // One pass over the records for every worker (not one per worker).
    let hours = hours_by_worker(ev, training, win)?;
    let below = hours_cohort(ev)
        .filter(|w| {
            hours.get(w.id.as_str()).copied().unwrap_or_default() < hours_required_of(ev, w, annual)
        })
        .count();
    Some(Decimal::from(below))
}

/// Hours by worker id. foldhash, seeded per map, keeps the lookups fast on the small
/// rosters of every evaluation and still spreads crafted ids (hostile input).
pub(crate) type HoursMap<'e> =
    std::collections::HashMap<&'e str, Decimal, foldhash::fast::RandomState>;

/// Every worker's countable hours in the project year up to the evaluation, in one
/// pass over the records (a worker without records is absent: 0 hours); `None` when
/// the records section is missing.
pub(crate) fn hours_by_worker(
    ev: &Evidence,
    training: bool,
    win: HoursWindow,
) -> Option<HoursMap<'_>> {
    let records: Box<dyn Iterator<Item = (&str, Date, Decimal, bool)>> = if training {
        Box::new(
            ev.training
                .as_ref()?
                .iter()
                .map(|r| (r.worker.as_str(), r.date, r.hours.get(), r.countable())),
        )
    } else {
        Box::new(
            ev.supervision
                .as_ref()?
                .iter()
                .map(|r| (r.worker.as_str(), r.date, r.hours.get(), true)),
        )
    };
    let mut out = HoursMap::default();
    for (w, d, h, countable) in records {
        if countable && d >= win.start && d < win.end && d <= win.date {
            let slot = out.entry(w).or_default();
            *slot = slot.saturating_add(h);
        }
    }
    Some(out)
}

/// A worker's countable professional training hours (社会工作专业培训, Art. 31) in the
/// project year up to the evaluation; `None` without a training section.
pub(crate) fn worker_professional_hours_in(
    ev: &Evidence,
    worker: &str,
    win: HoursWindow,
) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    for r in ev.training.as_ref()? {
        if r.worker == worker
            && r.countable()
            && r.category() == TrainingCategory::Professional
            && r.date >= win.start
            && r.date < win.end
            && r.date <= win.date
        {
            sum = sum.saturating_add(r.hours.get());
        }
    }
    Some(sum)
}

/// The resident workers provided by the township and by the contractor (Art. 12).
pub(crate) fn split(ev: &Evidence, staff: &Staff) -> (usize, usize) {
    residents(ev, staff).fold((0, 0), |(t, c), w| match w.provided_by {
        crate::evidence::ProvidedBy::Township => (t.saturating_add(1), c),
        crate::evidence::ProvidedBy::Contractor => (t, c.saturating_add(1)),
    })
}

/// Monthly briefings due at the evaluation: whole months since the project year began.
pub(crate) fn briefings_due(ev: &Evidence) -> u32 {
    ev.evaluation
        .project_year_start
        .whole_months_until(ev.evaluation.date)
        .min(12)
}

fn pair(delivered: u32, planned: u32) -> Option<FactValue<'static>> {
    Some(FactValue::Pair(
        Decimal::from(delivered),
        Decimal::from(planned),
    ))
}

impl FactId {
    /// Derives the fact from the evidence; `None` when the evidence is missing.
    pub(crate) fn eval<'e>(self, p: &Params, ev: &'e Evidence) -> Option<FactValue<'e>> {
        use FactId as F;
        match self {
            F::CaseworkRoom => flag(ev.premises.as_ref()?.casework_room),
            F::GroupWorkRoom => flag(ev.premises.as_ref()?.group_work_room),
            F::ActivityArea => flag(ev.premises.as_ref()?.activity_area),
            F::ArchiveRoom => flag(ev.premises.as_ref()?.archive_room),
            F::EquipmentComplete => {
                let pr = ev.premises.as_ref()?;
                flag(pr.desks_and_chairs && pr.computer && pr.printer && pr.file_cabinets)
            }
            F::OfficeAreaPerWorker => {
                let area = ev.premises.as_ref()?.office_area_m2.get();
                let n = residents(ev, ev.staff.as_ref()?).count();
                if n == 0 {
                    // No one to divide among: the area per person is unbounded; the
                    // staffing rules report the empty roster.
                    return num(area);
                }
                num(area.checked_div(Decimal::from(n)).unwrap_or(area))
            }
            F::StationPlate => flag(ev.signage.as_ref()?.station_plate_with_logo),
            F::BrandMark => flag(ev.signage.as_ref()?.brand_mark),
            F::RuleOrgChart => flag(ev.written_rules.as_ref()?.organisation_chart),
            F::RuleProcedures => flag(ev.written_rules.as_ref()?.procedures_and_standards),
            F::RulePersonnel => flag(ev.written_rules.as_ref()?.personnel),
            F::RuleFinance => flag(ev.written_rules.as_ref()?.finance),
            F::RuleVolunteers => flag(ev.written_rules.as_ref()?.volunteers),
            F::RulePremises => flag(ev.written_rules.as_ref()?.premises_use),
            F::RuleArchives => flag(ev.written_rules.as_ref()?.archives),
            F::RulePledge => flag(ev.written_rules.as_ref()?.service_pledge),
            F::FullTimeWorkers => num(residents(ev, ev.staff.as_ref()?).count() as u64),
            F::StaffSplit => {
                let (t, c) = split(ev, ev.staff.as_ref()?);
                let (t, c) = (Decimal::from(t as u64), Decimal::from(c as u64));
                flag(t >= param(p, 0) && t <= param(p, 1) && c >= param(p, 2))
            }
            F::EntryRulesMet => {
                let staff = ev.staff.as_ref()?;
                flag(residents(ev, staff).all(|w| entry_ok(w, param(p, 0), param(p, 1))))
            }
            F::SupervisorQualified => {
                let s = &ev.staff.as_ref()?.supervisor;
                flag(has_qualification(&s.qualifications, ev.evaluation.date))
            }
            F::AllQualified => {
                let staff = ev.staff.as_ref()?;
                flag(
                    residents(ev, staff)
                        .all(|w| has_qualification(&w.qualifications, ev.evaluation.date)),
                )
            }
            F::TrainingBelow => workers_below(ev, true, param(p, 0)).map(FactValue::Number),
            F::SupervisionBelow => workers_below(ev, false, param(p, 0)).map(FactValue::Number),
            F::InfoSystem => flag(ev.records.as_ref()?.info_system_entries),
            F::RecordsRetained => {
                let r = ev.records.as_ref()?;
                flag(
                    r.service_records_kept
                        && r.financial_records_kept
                        && Decimal::from(r.retention_years) >= param(p, 0),
                )
            }
            F::SeparateLedgers => {
                let f = ev.finance.as_ref()?;
                flag(f.ledger_per_sub_project && f.ledger_per_funding_source)
            }
            F::PaymentsDocumented => flag(ev.finance.as_ref()?.payments_documented),
            F::BudgetExecution => {
                let f = ev.finance.as_ref()?;
                Some(FactValue::Pair(
                    f.spent_to_date.get(),
                    f.budget_to_date.get(),
                ))
            }
            F::Casework => {
                let s = ev.services.as_ref()?.casework?;
                pair(s.delivered, s.planned)
            }
            F::GroupWork => {
                let s = ev.services.as_ref()?.group_work?;
                pair(s.delivered, s.planned)
            }
            F::Community => {
                let s = ev.services.as_ref()?.community_activities?;
                pair(s.delivered, s.planned)
            }
            F::Visits => {
                let s = ev.services.as_ref()?.visits?;
                pair(s.delivered, s.planned)
            }
            F::Publicity => {
                let s = ev.services.as_ref()?.publicity?;
                pair(s.delivered, s.planned)
            }
            F::MissingBriefings => {
                let r = ev.reports.as_ref()?;
                num(briefings_due(ev).saturating_sub(r.monthly_briefings))
            }
            F::MissingMidTerm => num(u32::from(!ev.reports.as_ref()?.mid_term_report)),
            F::MissingAnnual => {
                let r = ev.reports.as_ref()?;
                num(u32::from(
                    ev.evaluation.kind == EvaluationKind::Final && !r.annual_report,
                ))
            }
            F::Satisfaction => {
                let s = ev.surveys.as_ref()?.satisfaction?;
                pair(s.positive, s.respondents)
            }
            F::Awareness => {
                let s = ev.surveys.as_ref()?.awareness?;
                pair(s.positive, s.respondents)
            }
            F::LevelArchives => ev
                .levels
                .as_ref()?
                .archives
                .as_deref()
                .map(FactValue::Level),
            F::LevelFundUse => ev
                .levels
                .as_ref()?
                .fund_use
                .as_deref()
                .map(FactValue::Level),
            F::LevelNeeds => ev
                .levels
                .as_ref()?
                .needs_research
                .as_deref()
                .map(FactValue::Level),
            F::LevelPlan => ev
                .levels
                .as_ref()?
                .service_plan
                .as_deref()
                .map(FactValue::Level),
            F::LevelLinkage => ev
                .levels
                .as_ref()?
                .resource_linkage
                .as_deref()
                .map(FactValue::Level),
            F::LevelAppraisal => ev
                .levels
                .as_ref()?
                .appraisal
                .as_deref()
                .map(FactValue::Level),
            F::LevelInnovation => ev
                .levels
                .as_ref()?
                .innovation
                .as_deref()
                .map(FactValue::Level),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalogue_names_are_unique_and_resolvable() {
        for (i, f) in CATALOGUE.iter().enumerate() {
            assert!(
                CATALOGUE.iter().skip(i + 1).all(|g| g.name != f.name),
                "{}",
                f.name
            );
            assert_eq!(
                FactId::from_name(f.name).map(|(_, info)| info.name),
                Some(f.name)
            );
        }
        assert_eq!(CATALOGUE.len(), IDS.len());
    }

    #[test]
    fn params_are_checked() {
        let (_, info) = FactId::from_name("training.resident_workers_below_hours").unwrap();
        let mut given = BTreeMap::new();
        assert!(
            resolve_params(info, &given)
                .unwrap_err()
                .contains("needs the parameter `hours`")
        );
        given.insert("hours".to_owned(), "48".parse().unwrap());
        assert_eq!(
            resolve_params(info, &given).unwrap(),
            vec![Decimal::from(48)]
        );
        given.insert("minutes".to_owned(), "1".parse().unwrap());
        assert!(
            resolve_params(info, &given)
                .unwrap_err()
                .contains("no parameter `minutes`")
        );
    }
}
