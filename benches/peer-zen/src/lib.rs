//! The benchmark peer: sws-eval's default standard and gates as a GoRules ZEN decision.
//!
//! A team that did not have sws-eval would most likely reach for a business rules
//! engine. GoRules ZEN is the Rust one: a JSON Decision Model (JDM) graph of decision
//! tables and expression nodes, evaluated by the `zen-engine` crate. This crate
//! expresses the same default standard and station gates in JDM and checks that both
//! engines reach the same total, grade, verdict and unmet gates on the same generated
//! stations (`cargo test` here), then times them side by side (`cargo bench` here).
//!
//! - [`jdm`] generates the graph from the standard (the scoring tree, its rules and
//!   grade bands; of the standard language also marks, bonus dimensions, caps,
//!   weights, the total cap and vetoes) and the policy (gate parameters and
//!   severities): decision tables for the `ratio_steps` / `rate_steps` / `levels`
//!   leaves and the grade, expression nodes for derived facts, ratios, checklists,
//!   deductions and the sums, and a `collect` decision table with a row per gate.
//! - [`facts`] derives the flattened fact object ZEN reads from the evidence, in Rust:
//!   who is resident on the evaluation date, per-worker countable hours and the days
//!   owed, ages at entry, months of briefings due, calendar periods (each filed
//!   report's deadline, the signing and handover periods), declared indicators. This
//!   is the part a rules engine cannot do from raw evidence (list grouping by worker,
//!   civil-date and working-day arithmetic); the engine does the same inside.
//! - [`Zen`] runs the graph; ZEN is async, so it is driven by
//!   `futures::executor::block_on` (a minimal executor: nothing in this graph awaits
//!   I/O).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../common/mod.rs"]
pub mod common;

use std::sync::Arc;

use rust_decimal::Decimal;
use serde_json::{Value, json};
use sws_eval::calendar::WorkCalendar;
use sws_eval::date::Date;
use sws_eval::evidence::{
    Education, EvaluationKind, Evidence, IndicatorValue, ProvidedBy, QualificationKind,
    TrainingCategory, Worker,
};
use sws_eval::gates::{GateId, GateOutcome, Severity, check_gates, gate_outcomes};
use sws_eval::policy::Policy;
use sws_eval::score::{score, score_total};
use sws_eval::standard::{
    CompiledStandard, Condition, GradeId, IndicatorKind, Node, Rule, VetoEffect,
};
use zen_engine::Decision;
use zen_engine::Variable;
use zen_engine::model::{DecisionContent, GraphContent};

/// What both engines must agree on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The rounded total.
    pub total: Decimal,
    /// The grade, as its snake_case name.
    pub grade: String,
    /// `pass` or `fail`.
    pub verdict: String,
    /// Unmet gates, sorted.
    pub unmet: Vec<String>,
}

/// The engine's answer: `score_total`, `check_gates` (every gate with its texts), and
/// the verdict rule of docs/default-standard.md §3 (fail on an unmet veto gate, else
/// pass in a band that passes, unless a veto of the standard fails it).
pub fn engine_outcome(
    std: &CompiledStandard,
    policy: &Policy,
    cal: &WorkCalendar,
    ev: &Evidence,
) -> Outcome {
    let (total, grade) = score_total(std, ev).expect("scorable");
    let fails_by_veto = score(std, ev).expect("scorable").fails_by_veto();
    let gates = check_gates(policy, cal, ev);
    let veto = gates
        .iter()
        .any(|g| g.severity == Severity::Veto && g.outcome == GateOutcome::NotMet);
    let mut unmet: Vec<String> = gates
        .iter()
        .filter(|g| g.outcome == GateOutcome::NotMet)
        .map(|g| g.id.as_str().to_owned())
        .collect();
    unmet.sort();
    Outcome {
        total,
        grade: grade.as_str().to_owned(),
        verdict: if !veto && std.passes(&grade) && !fails_by_veto {
            "pass"
        } else {
            "fail"
        }
        .to_owned(),
        unmet,
    }
}

/// The verdict on the lean path (what the timed engine closure returns):
/// `score_total` and `gate_outcomes` (every gate's outcome, without its texts).
pub fn engine_verdict(
    std: &CompiledStandard,
    policy: &Policy,
    cal: &WorkCalendar,
    ev: &Evidence,
) -> (Decimal, GradeId, bool) {
    let (total, grade) = score_total(std, ev).expect("scorable");
    let veto = gate_outcomes(policy, cal, ev)
        .iter()
        .any(|(_, severity, outcome)| {
            *severity == Severity::Veto && *outcome == GateOutcome::NotMet
        });
    let pass = !veto && std.passes(&grade);
    (total, grade, pass)
}

// ---------------------------------------------------------------------------------
// Fact derivation (Rust, for ZEN)
// ---------------------------------------------------------------------------------

fn opt<T: Into<Value>>(v: Option<T>) -> Value {
    v.map_or(Value::Null, Into::into)
}

/// Hundredths as an integer (money in fen, hours and areas in hundredths), so that
/// ZEN reads an exact integer: every such value in the evidence has at most two places.
fn hundredths(d: Decimal) -> Value {
    use rust_decimal::prelude::ToPrimitive;
    json!((d * Decimal::from(100)).trunc().to_i64().expect("in range"))
}

fn fen(d: Decimal) -> Value {
    hundredths(d)
}

fn education_rank(e: Education) -> u32 {
    match e {
        Education::BelowJuniorCollege => 0,
        Education::JuniorCollege => 1,
        Education::Bachelor => 2,
        Education::Master => 3,
        Education::Doctorate => 4,
    }
}

/// The workers the annual hours rules apply to (full time, resident on some day of the
/// project year up to the evaluation), each with the hours counted in the project
/// year up to the evaluation, and what they owe: `full` (the whole year's hours) or
/// `days` (the hours pro rata to these days of the project year: a mid-term
/// evaluation, or a worker who left). Training counts only what Art. 31 counts
/// (`h`), and its professional part apart (`prof`). `None` if the roster or the
/// records are missing.
fn hours_per_worker(ev: &Evidence, training: bool) -> Option<Vec<Value>> {
    let staff = ev.staff.as_ref()?;
    let start = ev.evaluation.project_year_start;
    let end = start.add_years(1).unwrap_or(start);
    let date = ev.evaluation.date;
    // (worker, date, hours, countable, professional)
    let recs: Vec<(&str, Date, Decimal, bool, bool)> = if training {
        ev.training
            .as_ref()?
            .iter()
            .map(|r| {
                (
                    r.worker.as_str(),
                    r.date,
                    r.hours.get(),
                    r.countable(),
                    r.category() == TrainingCategory::Professional,
                )
            })
            .collect()
    } else {
        ev.supervision
            .as_ref()?
            .iter()
            .map(|r| (r.worker.as_str(), r.date, r.hours.get(), true, false))
            .collect()
    };
    let total = start.days_until(end).max(1);
    let owed_until = |w: &Worker| {
        let mut until = match ev.evaluation.kind {
            EvaluationKind::Final => end,
            EvaluationKind::MidTerm => date,
        };
        if let Some(after) = w.left_on.and_then(|l| l.add_days(1)) {
            until = until.min(after);
        }
        until
    };
    Some(
        staff
            .workers
            .iter()
            .filter(|w| w.full_time && w.left_on.is_none_or(|l| l >= start))
            .map(|w| {
                let (mut h, mut prof) = (Decimal::ZERO, Decimal::ZERO);
                for (who, d, hours, countable, professional) in &recs {
                    if *countable && *who == w.id && *d >= start && *d < end && *d <= date {
                        h += *hours;
                        if *professional {
                            prof += *hours;
                        }
                    }
                }
                let until = owed_until(w);
                json!({
                    "h": hundredths(h),
                    "prof": hundredths(prof),
                    "full": until >= end,
                    "days": start.days_until(until).clamp(0, total),
                })
            })
            .collect(),
    )
}

/// The filed reports of the list with the day their deadline falls on (the due date,
/// moved to the next working day when it is a day off) and the days they reached the
/// city and the county bureau, as day numbers from the project year's start; `None`
/// when there is no list, or a deadline falls outside the work calendar.
fn filings(ev: &Evidence, cal: &WorkCalendar) -> Option<Vec<Value>> {
    let start = ev.evaluation.project_year_start;
    let day = |d: Option<Date>| d.map(|d| start.days_until(d));
    ev.reports
        .as_ref()?
        .filings
        .as_ref()?
        .iter()
        .filter(|f| f.filed())
        .map(|f| {
            let deadline = cal.working_day_on_or_after(f.due_on).ok()?;
            Some(json!({
                "deadline": start.days_until(deadline),
                "city": opt(day(f.filed_with_city_on)),
                "county": opt(day(f.filed_with_county_on)),
            }))
        })
        .collect()
}

/// The flattened fact object ZEN reads, derived from the evidence in Rust.
///
/// Sections mirror the evidence; a section the evaluator did not fill is present with
/// every value `null`, so that every rule reads `null` (not an error) for missing
/// evidence. Hours are sent in hundredths, money in fen: ZEN reads JSON numbers
/// through `f64` unless `serde_json/arbitrary_precision` is on, so every number sent
/// is an integer.
pub fn facts(policy: &Policy, cal: &WorkCalendar, ev: &Evidence) -> Value {
    let p = &policy.parameters;
    let e = &ev.evaluation;
    let pr = ev.premises.as_ref();
    let sg = ev.signage.as_ref();
    let wr = ev.written_rules.as_ref();
    let st = ev.staff.as_ref();
    let rc = ev.records.as_ref();
    let fi = ev.finance.as_ref();
    let sv = ev.services.as_ref();
    let rp = ev.reports.as_ref();
    let su = ev.surveys.as_ref();
    let lv = ev.levels.as_ref();
    let pair = |x: Option<sws_eval::evidence::PlannedDelivered>| {
        x.map_or(
            Value::Null,
            |x| json!({ "planned": x.planned, "delivered": x.delivered }),
        )
    };
    let count = |x: Option<sws_eval::evidence::SurveyCount>| {
        x.map_or(
            Value::Null,
            |x| json!({ "respondents": x.respondents, "positive": x.positive }),
        )
    };
    let start = e.project_year_start;
    let end = start.add_years(1).unwrap_or(start);
    let total_days = start.days_until(end).max(1);
    let qual_deadline = ev
        .contract
        .project_start
        .add_years(i16::try_from(p.qualification_years.value).unwrap_or(i16::MAX))
        .unwrap_or(ev.contract.project_start);
    // Calendar-dependent periods (working days, days off) are derived here.
    let signed_in_time = ev.contract.award_notice_date.map(|award| {
        match cal.period_end(award, p.signing_days.value) {
            Ok(end) => ev.contract.signed_on <= end,
            Err(_) => {
                ev.contract.signed_on
                    <= award
                        .add_days(i32::try_from(p.signing_days.value).unwrap_or(i32::MAX))
                        .unwrap_or(award)
            }
        }
    });
    let term_limit = ev
        .contract
        .project_start
        .add_years(i16::try_from(p.max_term_years.value).unwrap_or(i16::MAX))
        .and_then(|d| d.add_days(-1))
        .unwrap_or(ev.contract.project_start);
    // art13.handover: `null` while not applicable, not due, or past the calendar;
    // otherwise what the rule reads (the deadline is a working-day period).
    let handover = ev.departure.as_ref().and_then(|d| {
        let deadline = cal
            .nth_working_day_after(d.left_on, p.handover_working_days.value)
            .ok()?;
        match &d.handover {
            None if e.date <= deadline => None,
            None => Some(json!({ "missing": true })),
            Some(h) => Some(json!({
                "missing": false,
                "late": h.date > deadline,
                "with_list": h.with_list,
                "signed_agreement": h.signed_agreement,
                "kinds_lacking": opt(h.kinds.as_ref().map(|k| k.lacking().len())),
                "confidentiality_kept": opt(h.confidentiality_kept),
            })),
        }
    });
    let mut facts = json!({
        "evaluation": {
            "final": e.kind == EvaluationKind::Final,
            "elapsed_days": start.days_until(e.date).clamp(0, total_days),
            "year_days": total_days,
            "today": start.days_until(e.date),
            "briefings_due": start.whole_months_until(e.date).min(12),
            "qualification_rule_applies": e.date > qual_deadline,
        },
        "contractor": {
            "lawfully_registered": opt(ev.contractor.lawfully_registered),
            "main_business_social_work": opt(ev.contractor.main_business_social_work),
        },
        "contract": {
            "signed_in_time": opt(signed_in_time),
            "term_within_limit": ev.contract.term_end <= term_limit,
            "clauses_complete": opt(ev.contract.clauses.as_ref().map(|k| {
                k.service_content && k.staffing && k.term && k.quantity && k.quality && k.price
                    && k.settlement && k.rights_and_obligations && k.liability
                    && k.change_or_termination
            })),
            "handover": opt(handover),
        },
        "structure": {
            "main_projects": opt(ev.structure.as_ref().map(|s| s.main_projects)),
            "sub_projects": opt(ev.structure.as_ref().map(|s| s.sub_projects)),
        },
        "premises": {
            "office_area_m2": pr.map_or(Value::Null, |p| fen(p.office_area_m2.get())),
            "casework_room": opt(pr.map(|p| p.casework_room)),
            "group_work_room": opt(pr.map(|p| p.group_work_room)),
            "activity_area": opt(pr.map(|p| p.activity_area)),
            "archive_room": opt(pr.map(|p| p.archive_room)),
            "desks_and_chairs": opt(pr.map(|p| p.desks_and_chairs)),
            "computer": opt(pr.map(|p| p.computer)),
            "printer": opt(pr.map(|p| p.printer)),
            "file_cabinets": opt(pr.map(|p| p.file_cabinets)),
        },
        "signage": {
            "station_plate_with_logo": opt(sg.map(|s| s.station_plate_with_logo)),
            "brand_mark": opt(sg.map(|s| s.brand_mark)),
        },
        "rules": {
            "organisation_chart": opt(wr.map(|r| r.organisation_chart)),
            "procedures_and_standards": opt(wr.map(|r| r.procedures_and_standards)),
            "personnel": opt(wr.map(|r| r.personnel)),
            "finance": opt(wr.map(|r| r.finance)),
            "volunteers": opt(wr.map(|r| r.volunteers)),
            "premises_use": opt(wr.map(|r| r.premises_use)),
            "archives": opt(wr.map(|r| r.archives)),
            "service_pledge": opt(wr.map(|r| r.service_pledge)),
        },
        "staff": st.map_or(Value::Null, |s| json!({
            "supervisor_qualified": s.supervisor.qualifications.iter().any(|q| q.obtained_on <= e.date),
            "roster": s.workers.iter().map(|w| json!({
                // Full time and not left before the evaluation date (the ZEN rules
                // read `resident`; a part-time helper or a leaver counts for none).
                "resident": w.is_resident_on(e.date),
                "township": w.provided_by == ProvidedBy::Township,
                "age_at_entry": w.birth_date.age_on(w.entry_date),
                "certified_at_entry": w.qualifications.iter().any(|q| q.kind == QualificationKind::NationalCertificate && q.obtained_on <= w.entry_date),
                "education": education_rank(w.education),
                "qualified": w.qualifications.iter().any(|q| q.obtained_on <= e.date),
            })).collect::<Vec<_>>(),
        })),
        "training": { "workers": opt(hours_per_worker(ev, true)) },
        "supervision": { "workers": opt(hours_per_worker(ev, false)) },
        "records": {
            "info_system_entries": opt(rc.map(|r| r.info_system_entries)),
            "service_records_kept": opt(rc.map(|r| r.service_records_kept)),
            "financial_records_kept": opt(rc.map(|r| r.financial_records_kept)),
            "retention_years": opt(rc.map(|r| r.retention_years)),
            "accounting_archives_long_term": opt(rc.and_then(|r| r.accounting_archives_long_term)),
        },
        "finance": {
            "ledger_per_sub_project": opt(fi.map(|f| f.ledger_per_sub_project)),
            "ledger_per_funding_source": opt(fi.map(|f| f.ledger_per_funding_source)),
            "payments_documented": opt(fi.map(|f| f.payments_documented)),
            "budget_to_date": fi.map_or(Value::Null, |f| fen(f.budget_to_date.get())),
            "spent_to_date": fi.map_or(Value::Null, |f| fen(f.spent_to_date.get())),
        },
        "services": {
            "casework": pair(sv.and_then(|s| s.casework)),
            "group_work": pair(sv.and_then(|s| s.group_work)),
            "community_activities": pair(sv.and_then(|s| s.community_activities)),
            "visits": pair(sv.and_then(|s| s.visits)),
            "publicity": pair(sv.and_then(|s| s.publicity)),
        },
        "reports": {
            "monthly_briefings": opt(rp.map(|r| r.monthly_briefings)),
            "mid_term_report": opt(rp.map(|r| r.mid_term_report)),
            "annual_report": opt(rp.map(|r| r.annual_report)),
            "filings": opt(filings(ev, cal)),
        },
        "surveys": {
            "satisfaction": count(su.and_then(|s| s.satisfaction)),
            "awareness": count(su.and_then(|s| s.awareness)),
        },
        "levels": {
            "archives": opt(lv.and_then(|l| l.archives.clone())),
            "fund_use": opt(lv.and_then(|l| l.fund_use.clone())),
            "needs_research": opt(lv.and_then(|l| l.needs_research.clone())),
            "service_plan": opt(lv.and_then(|l| l.service_plan.clone())),
            "resource_linkage": opt(lv.and_then(|l| l.resource_linkage.clone())),
            "appraisal": opt(lv.and_then(|l| l.appraisal.clone())),
            "innovation": opt(lv.and_then(|l| l.innovation.clone())),
        },
        "findings": ev.findings.as_ref().map_or(Value::Null, |f| {
            Value::Array(f.iter().map(|x| serde_json::to_value(x.kind).unwrap()).collect())
        }),
    });
    // The indicators a loaded standard declares (`x.…`): decimals in hundredths.
    if !ev.indicators.is_empty() {
        let x: serde_json::Map<String, Value> = ev
            .indicators
            .iter()
            .map(|(id, v)| {
                let name = id.strip_prefix("x.").expect("indicator ids are x.…");
                let value = match v {
                    IndicatorValue::Flag(b) => json!(b),
                    IndicatorValue::Count(n) => json!(n),
                    IndicatorValue::Text(t) => t.parse::<Decimal>().map_or(json!(t), hundredths),
                    IndicatorValue::Pair(_) | IndicatorValue::Panel(_) => {
                        panic!("indicator {id}: pairs and panels are not modelled here")
                    }
                };
                (name.to_owned(), value)
            })
            .collect();
        facts["x"] = Value::Object(x);
    }
    facts
}

// ---------------------------------------------------------------------------------
// The JDM, generated from the standard and the policy
// ---------------------------------------------------------------------------------

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

fn param(c: &std::collections::BTreeMap<String, sws_eval::num::Threshold>, k: &str) -> String {
    c.get(k).map(|t| num(t.get())).expect("parameter")
}

/// A ZEN expression for a flag or number fact of the catalogue; `null` when missing.
fn fact_expr(
    name: &str,
    params: &std::collections::BTreeMap<String, sws_eval::num::Threshold>,
) -> String {
    let p = |k: &str| param(params, k);
    match name {
        "premises.office_area_per_resident_worker" => format!(
            "premises.office_area_m2 == null or staff == null ? null : ({RESIDENTS} == 0 ? premises.office_area_m2 / 100 : premises.office_area_m2 / 100 / {RESIDENTS})"
        ),
        "premises.equipment_complete" => "premises.desks_and_chairs == null ? null : premises.desks_and_chairs and premises.computer and premises.printer and premises.file_cabinets".into(),
        "staff.full_time_resident_workers" => format!("staff == null ? null : {RESIDENTS}"),
        "staff.split" => format!(
            "staff == null ? null : {TOWNSHIP} >= {} and {TOWNSHIP} <= {} and {CONTRACTOR} >= {}",
            p("township_min"), p("township_max"), p("contractor_min")
        ),
        "staff.entry_rules_met" => format!(
            "staff == null ? null : all(staff.roster, (not #.resident) or ((#.age_at_entry <= {} or (#.certified_at_entry and #.age_at_entry <= {})) and #.education >= 1))",
            p("max_age"), p("max_age_certified")
        ),
        "staff.supervisor_qualified" => "staff == null ? null : staff.supervisor_qualified".into(),
        "staff.all_qualified" => "staff == null ? null : all(staff.roster, (not #.resident) or #.qualified)".into(),
        "training.resident_workers_below_hours" | "supervision.resident_workers_below_hours" => {
            let section = name.split('.').next().unwrap_or_default();
            format!(
                "{section}.workers == null ? null : count({section}.workers, #.h / 100 < {})",
                owed(&p("hours"))
            )
        }
        "records.retained" => format!(
            "records.service_records_kept == null ? null : records.service_records_kept and records.financial_records_kept and records.retention_years >= {}",
            p("years")
        ),
        "finance.separate_ledgers" => "finance.ledger_per_sub_project == null ? null : finance.ledger_per_sub_project and finance.ledger_per_funding_source".into(),
        "reports.missing_monthly_briefings" => "reports.monthly_briefings == null ? null : max([evaluation.briefings_due - reports.monthly_briefings, 0])".into(),
        "reports.missing_mid_term" => "reports.mid_term_report == null ? null : (reports.mid_term_report ? 0 : 1)".into(),
        "reports.missing_annual" => "reports.annual_report == null ? null : (evaluation.final and not reports.annual_report ? 1 : 0)".into(),
        // Plain flags read straight from their section.
        other => other.to_owned(),
    }
}

/// Resident workers on the evaluation date (full time, not left), and of them those
/// the township and the contractor provide.
const RESIDENTS: &str = "count(staff.roster, #.resident)";
const TOWNSHIP: &str = "count(staff.roster, #.resident and #.township)";
const CONTRACTOR: &str = "count(staff.roster, #.resident and not #.township)";

/// The hours a worker `#` owes of an annual `hours`: all of them, or pro rata to the
/// days of the project year it owes (a mid-term evaluation, a worker who left).
fn owed(hours: &str) -> String {
    format!("(#.full ? {hours} : {hours} * #.days / evaluation.year_days)")
}

/// Numerator and denominator expressions of a pair fact.
fn pair_expr(name: &str) -> (String, String) {
    match name {
        "finance.budget_execution" => (
            "finance.spent_to_date".into(),
            "finance.budget_to_date".into(),
        ),
        n if n.starts_with("surveys.") => (format!("{n}.positive"), format!("{n}.respondents")),
        n => (format!("{n}.delivered"), format!("{n}.planned")),
    }
}

fn level_expr(name: &str) -> String {
    name.to_owned()
}

fn key(id: &str) -> String {
    id.replace('.', "_")
}

fn cond_expr(c: &Condition, var: &str) -> String {
    let mut parts = Vec::new();
    if let Some(l) = c.at_least {
        parts.push(format!("{var} >= {}", num(l.get())));
    }
    if let Some(m) = c.at_most {
        parts.push(format!("{var} <= {}", num(m.get())));
    }
    if parts.is_empty() {
        format!("{var} == true")
    } else {
        format!("{var} != null and {}", parts.join(" and "))
    }
}

struct Gen {
    nodes: Vec<Value>,
    /// Derived facts (expression node `facts`): key → expression.
    facts: Vec<(String, String)>,
    /// Leaf points computed in expressions (node `leaves`): key → expression.
    leaves: Vec<(String, String)>,
    /// Decision tables for leaves.
    tables: Vec<Value>,
    /// Group sums (node `sums`): key → expression, children before parents.
    sums: Vec<(String, String)>,
    /// Node key → its cap and weight, where it has one.
    shapes: Vec<(String, Option<Decimal>, Option<Decimal>)>,
    /// The standard's declared indicators (`x.…`) and their kinds.
    indicators: Vec<(String, IndicatorKind)>,
}

impl Gen {
    /// A node's points from its raw points: its cap, then its weight (the engine's
    /// order).
    fn shape(&self, k: &str, raw: String) -> String {
        let Some((_, cap, weight)) = self.shapes.iter().find(|(x, _, _)| x == k) else {
            return raw;
        };
        let capped = match cap {
            Some(c) => format!("min([{raw}, {}])", num(*c)),
            None => raw,
        };
        match weight {
            Some(w) => format!("({capped}) * {}", num(*w)),
            None => capped,
        }
    }
}

fn expr_node(id: &str, exprs: &[(String, String)], output_path: Option<&str>) -> Value {
    let expressions: Vec<Value> = exprs
        .iter()
        .enumerate()
        .map(|(i, (k, v))| json!({ "id": format!("{id}-{i}"), "key": k, "value": v }))
        .collect();
    let mut content =
        json!({ "expressions": expressions, "passThrough": true, "executionMode": "single" });
    if let Some(p) = output_path {
        content["outputPath"] = json!(p);
    }
    json!({ "id": id, "name": id, "type": "expressionNode", "content": content })
}

fn table_node(
    id: &str,
    hit: &str,
    inputs: Value,
    outputs: Value,
    rules: Vec<Value>,
    output_path: Option<&str>,
) -> Value {
    let mut content = json!({
        "hitPolicy": hit, "inputs": inputs, "outputs": outputs, "rules": rules,
        "passThrough": true, "executionMode": "single",
    });
    if let Some(p) = output_path {
        content["outputPath"] = json!(p);
    }
    json!({ "id": id, "name": id, "type": "decisionTableNode", "content": content })
}

impl Gen {
    fn node(&mut self, n: &Node) {
        let k = key(&n.id);
        let max = n.max.get();
        let weight = n.weight.map(|w| w.get());
        if n.cap.is_some() || weight.is_some() {
            self.shapes
                .push((k.clone(), n.cap.map(|c| c.get()), weight));
        }
        match &n.rule {
            None => {
                for c in &n.children {
                    self.node(c);
                }
                let sum = n
                    .children
                    .iter()
                    .map(|c| format!("$.{}", key(&c.id)))
                    .collect::<Vec<_>>()
                    .join(" + ");
                let sum = self.shape(&k, sum);
                self.sums.push((k, sum));
            }
            Some(rule) => self.leaf(&k, max, rule),
        }
    }

    fn fact(
        &mut self,
        name: &str,
        params: &std::collections::BTreeMap<String, sws_eval::num::Threshold>,
    ) -> String {
        let mut fk = key(name);
        for (p, v) in params {
            fk.push_str(&format!("_{p}_{}", key(&num(v.get()))));
        }
        if !self.facts.iter().any(|(k, _)| *k == fk) {
            // A declared indicator: decimals (marks, amounts, hours) cross in hundredths.
            let expr = match self.indicators.iter().find(|(id, _)| id == name) {
                Some((_, IndicatorKind::Mark | IndicatorKind::Amount | IndicatorKind::Hours)) => {
                    format!("{name} == null ? null : {name} / 100")
                }
                Some((_, IndicatorKind::Pair)) => {
                    panic!("indicator {name}: `pair` indicators are not modelled here")
                }
                _ => fact_expr(name, params),
            };
            self.facts.push((fk.clone(), expr));
        }
        format!("f.{fk}")
    }

    fn leaf(&mut self, k: &str, max: Decimal, rule: &Rule) {
        match rule {
            Rule::Check { when } => {
                let v = self.fact(&when.fact, &when.params);
                self.leaves.push((
                    k.into(),
                    format!("{} ? {} : 0", cond_expr(when, &v), num(max)),
                ));
            }
            Rule::Checklist { items } => {
                let sum = items
                    .iter()
                    .map(|i| {
                        let v = self.fact(&i.when.fact, &i.when.params);
                        format!("({} ? {} : 0)", cond_expr(&i.when, &v), num(i.points.get()))
                    })
                    .collect::<Vec<_>>()
                    .join(" + ");
                self.leaves.push((k.into(), sum));
            }
            Rule::Deduct { deficiencies } => {
                let vars: Vec<(String, String)> = deficiencies
                    .iter()
                    .map(|d| (self.fact(&d.fact, &d.params), num(d.points_each.get())))
                    .collect();
                let any_null = vars
                    .iter()
                    .map(|(v, _)| format!("{v} == null"))
                    .collect::<Vec<_>>()
                    .join(" or ");
                let lost = vars
                    .iter()
                    .map(|(v, e)| format!("{v} * {e}"))
                    .collect::<Vec<_>>()
                    .join(" + ");
                self.leaves.push((
                    k.into(),
                    format!("{any_null} ? 0 : max([{} - ({lost}), 0])", num(max)),
                ));
            }
            Rule::RatioSteps { fact, steps } | Rule::RateSteps { fact, steps, .. } => {
                let min_sample = match rule {
                    Rule::RateSteps { min_sample, .. } => min_sample.unwrap_or(0),
                    _ => 0,
                };
                let (n, d) = pair_expr(fact);
                let rk = format!("ratio_{}", key(fact));
                if !self.facts.iter().any(|(x, _)| *x == rk) {
                    self.facts.push((
                        format!("den_{}", key(fact)),
                        format!("{d} == null ? null : {d}"),
                    ));
                    self.facts.push((
                        rk.clone(),
                        format!("{d} == null or {d} == 0 ? null : {n} / {d}"),
                    ));
                }
                let mut rules = Vec::new();
                let mut row = |sample: &str, ratio: &str, pts: String| {
                    let i = rules.len();
                    rules.push(json!({ "_id": format!("{k}-r{i}"), "in-sample": sample, "in-ratio": ratio, "out-points": pts }));
                };
                row("", "null", "0".into());
                if min_sample > 0 {
                    row(&format!("< {min_sample}"), "", "0".into());
                }
                for s in steps {
                    row(
                        "",
                        &format!(">= {}", num(s.at_least.get())),
                        num(s.points.get()),
                    );
                }
                row("", "", "0".into());
                self.tables.push(table_node(
                    &format!("leaf-{k}"),
                    "first",
                    json!([
                        { "id": "in-sample", "name": "sample", "field": format!("f.den_{}", key(fact)) },
                        { "id": "in-ratio", "name": "ratio", "field": format!("f.{rk}") },
                    ]),
                    json!([{ "id": "out-points", "name": "points", "field": format!("pts.{k}") }]),
                    rules,
                    None,
                ));
            }
            Rule::Mark { fact } => {
                let v = self.fact(fact, &std::collections::BTreeMap::new());
                self.leaves.push((
                    k.into(),
                    format!("{v} == null ? 0 : min([max([{v}, 0]), {}])", num(max)),
                ));
            }
            Rule::Levels { fact, levels } => {
                let mut rules: Vec<Value> = levels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| json!({ "_id": format!("{k}-r{i}"), "in-level": format!("{:?}", l.level), "out-points": num(l.points.get()) }))
                    .collect();
                rules
                    .push(json!({ "_id": format!("{k}-none"), "in-level": "", "out-points": "0" }));
                self.tables.push(table_node(
                    &format!("leaf-{k}"),
                    "first",
                    json!([{ "id": "in-level", "name": "level", "field": level_expr(fact) }]),
                    json!([{ "id": "out-points", "name": "points", "field": format!("pts.{k}") }]),
                    rules,
                    None,
                ));
            }
        }
    }
}

/// Conditions under which each gate is **not met**, over the fact object, with the
/// policy's numbers; gates that cannot be unmet on one evaluation are left out
/// (`art28.two_evaluations_a_year` is checked on a project year). A test holds the
/// rows to every other station gate.
pub fn gate_rows(policy: &Policy) -> Vec<(GateId, String)> {
    use GateId as G;
    let p = &policy.parameters;
    let rows = vec![
        (G::Art8ContractorEligible, "contractor.lawfully_registered == false or contractor.main_business_social_work == false".to_owned()),
        (G::Art9ProjectStructure, format!(
            "structure.main_projects != null and not (structure.main_projects == {} and structure.sub_projects >= {} and structure.sub_projects <= {})",
            p.main_projects.value, p.sub_projects_min.value, p.sub_projects_max.value)),
        (G::Art10OfficeArea, format!(
            "premises.office_area_m2 != null and staff != null and {RESIDENTS} > 0 and premises.office_area_m2 / 100 / {RESIDENTS} < {}",
            num(p.min_office_area_per_worker_m2.value.get()))),
        (G::Art10FunctionalAreas, "premises.office_area_m2 != null and not (premises.office_area_m2 > 0 and premises.casework_room and premises.group_work_room and premises.activity_area and premises.archive_room)".to_owned()),
        (G::Art11WrittenRules, "rules.organisation_chart != null and not (rules.organisation_chart and rules.procedures_and_standards and rules.personnel and rules.finance and rules.volunteers and rules.premises_use and rules.archives and rules.service_pledge)".to_owned()),
        (G::Art12MinStaff, format!("staff != null and {RESIDENTS} < {}", p.min_resident_workers.value)),
        (G::Art12StaffSplit, format!(
            "staff != null and not ({TOWNSHIP} >= {} and {TOWNSHIP} <= {} and {CONTRACTOR} >= {})",
            p.township_workers_min.value, p.township_workers_max.value, p.contractor_workers_min.value)),
        (G::Art12EntryAge, format!(
            "staff != null and some(staff.roster, #.resident and not (#.age_at_entry <= {} or (#.certified_at_entry and #.age_at_entry <= {})))",
            p.max_entry_age.value, p.max_entry_age_certified.value)),
        (G::Art12Education, "staff != null and some(staff.roster, #.resident and #.education < 1)".to_owned()),
        (G::Art12SupervisorQualified, "staff != null and not staff.supervisor_qualified".to_owned()),
        (G::Art12AllQualifiedAfter3y, "evaluation.qualification_rule_applies and staff != null and some(staff.roster, #.resident and not #.qualified)".to_owned()),
        (G::Art13RecordsRetained, format!(
            "records.service_records_kept != null and not (records.service_records_kept and records.financial_records_kept and records.retention_years >= {})",
            p.records_retention_years.value)),
        (G::Art13AccountingArchives, "records.accounting_archives_long_term == false".to_owned()),
        (G::Art13Handover, "contract.handover != null and (contract.handover.missing or contract.handover.late or not contract.handover.with_list or not contract.handover.signed_agreement or (contract.handover.kinds_lacking != null and contract.handover.kinds_lacking > 0) or contract.handover.confidentiality_kept == false)".to_owned()),
        (G::Art14Signage, "signage.brand_mark != null and not (signage.station_plate_with_logo and signage.brand_mark)".to_owned()),
        (G::Art18SeparateLedgers, "finance.ledger_per_sub_project != null and not (finance.ledger_per_sub_project and finance.ledger_per_funding_source)".to_owned()),
        (G::Art18NoMisuse, r#"findings != null and some(findings, # in ["mixing_funds", "diverting_funds", "misappropriating_funds", "outside_purpose"])"#.to_owned()),
        (G::Art25SignedWithin10Days, "contract.signed_in_time == false".to_owned()),
        (G::Art25TermAtMost3Years, "contract.term_within_limit == false".to_owned()),
        (G::Art25RequiredClauses, "contract.clauses_complete == false".to_owned()),
        (G::Art25InspectionPassed, r#"findings != null and some(findings, # == "failed_inspection")"#.to_owned()),
        (G::Art26ReportsFiled, "reports.monthly_briefings != null and not (reports.monthly_briefings >= evaluation.briefings_due and reports.mid_term_report and (not evaluation.final or reports.annual_report))".to_owned()),
        (G::Art26ReportsOnTime, "reports.filings != null and some(reports.filings, (#.city != null and #.city > #.deadline) or (#.county != null and #.county > #.deadline) or ((#.city == null or #.county == null) and #.deadline < evaluation.today))".to_owned()),
        (G::Art26InfoSystem, "records.info_system_entries == false".to_owned()),
        (G::Art28NoSeriousDeviation, r#"findings != null and some(findings, # == "serious_deviation")"#.to_owned()),
        (G::Art31Training48h, training_gate(p)),
        (G::Art32Supervision48h, format!(
            "evaluation.final and staff != null and supervision.workers != null and some(supervision.workers, #.h / 100 < {})",
            owed(&num(p.min_supervision_hours.value.get())))),
        (G::SeriousFalsifiedRecords, r#"findings != null and some(findings, # == "falsified_records")"#.to_owned()),
        (G::SeriousSafetyIncident, r#"findings != null and some(findings, # == "safety_incident")"#.to_owned()),
        (G::SeriousEthicsBreach, r#"findings != null and some(findings, # == "ethics_breach")"#.to_owned()),
    ];
    rows
}

/// `art31.training_48h` is not met at a final evaluation when a worker has fewer
/// countable hours than owed, or (when the policy sets a professional minimum above
/// 0) fewer professional ones than that minimum owed.
fn training_gate(p: &sws_eval::policy::Parameters) -> String {
    let mut short = format!(
        "#.h / 100 < {}",
        owed(&num(p.min_training_hours.value.get()))
    );
    let prof = p.min_professional_training_hours.value.get();
    if !prof.is_zero() {
        short = format!("{short} or #.prof / 100 < {}", owed(&num(prof)));
    }
    format!(
        "evaluation.final and staff != null and training.workers != null and some(training.workers, {short})"
    )
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Advisory => "advisory",
        Severity::Rectify => "rectify",
        Severity::Veto => "veto",
    }
}

/// The JDM graph for `standard` and `policy`: input → derived facts → leaf points
/// (expressions and decision tables) → sums → grade table → gates (collect table) →
/// verdict → output.
///
/// It models what the default standard uses: the plain tree of `check`, `checklist`,
/// `deduct`, `ratio_steps`, `rate_steps` and `levels` leaves, and grade bands.
pub fn jdm(compiled: &CompiledStandard, policy: &Policy) -> Value {
    let standard = compiled.standard();
    assert!(
        standard.deductions.is_empty(),
        "deductions after the tree are not modelled here"
    );
    let mut g = Gen {
        nodes: Vec::new(),
        facts: Vec::new(),
        leaves: Vec::new(),
        tables: Vec::new(),
        sums: Vec::new(),
        shapes: Vec::new(),
        indicators: standard
            .indicators
            .iter()
            .map(|i| (i.id.clone(), i.kind))
            .collect(),
    };
    for d in &standard.dimensions {
        g.node(d);
    }
    // Sums read leaf points from `pts` and earlier sums from `$`.
    let leaf_keys: Vec<String> = g
        .leaves
        .iter()
        .map(|(k, _)| k.clone())
        .chain(g.tables.iter().map(|t| {
            t["id"]
                .as_str()
                .unwrap()
                .trim_start_matches("leaf-")
                .to_owned()
        }))
        .collect();
    let mut sums: Vec<(String, String)> = leaf_keys
        .iter()
        .map(|k| (k.clone(), g.shape(k, format!("pts.{k}"))))
        .collect();
    sums.extend(g.sums.iter().cloned());
    // The base dimensions, then the bonus ones, then the total cap. (Rescaling for
    // leaves declared not applicable is not modelled: the evidence compared declares
    // none.)
    let dims = |bonus: bool| {
        standard
            .dimensions
            .iter()
            .filter(|d| d.bonus == bonus)
            .map(|d| format!("$.{}", key(&d.id)))
            .collect::<Vec<_>>()
    };
    let mut total = dims(false).join(" + ");
    let bonus = dims(true);
    if !bonus.is_empty() {
        total = format!("{total} + {}", bonus.join(" + "));
    }
    if let Some(cap) = standard.total_cap {
        total = format!("min([{total}, {}])", num(cap.get()));
    }
    // The standard's own vetoes: a condition over the facts each (in the sums node,
    // which reads the derived facts), read by the total, the grade and the verdict.
    let mut vetoes: Vec<(String, &VetoEffect)> = Vec::new();
    for v in &standard.vetoes {
        let f = g.fact(&v.when.fact, &v.when.params);
        let vk = format!("veto_{}", key(&v.id));
        sums.push((vk.clone(), cond_expr(&v.when, &f)));
        if v.effect == VetoEffect::ZeroTotal {
            total = format!("$.{vk} ? 0 : {total}");
        }
        vetoes.push((vk, &v.effect));
    }
    sums.push(("total".into(), format!("round({total}, 2)")));

    // Bands from the highest: the first whose lower bound the total reaches.
    let bands = compiled.bands();
    let mut grade_rules: Vec<Value> = bands
        .iter()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            json!({ "_id": format!("grade-{i}"), "in-total": format!(">= {}", num(b.from)), "out-grade": format!("{:?}", b.id.as_str()) })
        })
        .collect();
    let floor = bands.first().map_or("unqualified", |b| b.id.as_str());
    grade_rules
        .push(json!({ "_id": "grade-floor", "in-total": "", "out-grade": format!("{floor:?}") }));

    let gate_rules: Vec<Value> = gate_rows(policy)
        .into_iter()
        .map(|(id, cond)| {
            json!({
                "_id": id.as_str(),
                "in-when": cond,
                "out-gate": format!("{:?}", id.as_str()),
                "out-severity": format!("{:?}", severity_name(policy.severity(id))),
            })
        })
        .collect();
    // The bands that do not pass.
    let failing: Vec<String> = bands
        .iter()
        .filter(|b| !b.passes)
        .map(|b| format!("{:?}", b.id.as_str()))
        .collect();
    // A band veto sets the grade (the first one triggered).
    let mut forced = "grade".to_owned();
    for (cond, effect) in vetoes.iter().rev() {
        if let VetoEffect::Band(b) = effect {
            forced = format!("({cond}) ? {b:?} : ({forced})");
        }
    }
    let fail_vetoes: String = vetoes
        .iter()
        .filter(|(_, e)| **e == VetoEffect::Fail)
        .map(|(c, _)| format!(" or ({c})"))
        .collect();
    let verdict = vec![
        ("total".to_owned(), "total".to_owned()),
        ("grade".to_owned(), "grade".to_owned()),
        (
            "verdict".to_owned(),
            format!(
                r#"some(unmet, #.severity == "veto") or grade in [{}]{fail_vetoes} ? "fail" : "pass""#,
                failing.join(", ")
            ),
        ),
        ("unmet".to_owned(), "map(unmet, #.gate)".to_owned()),
    ];

    let mut chain = vec![
        json!({ "id": "input", "name": "evidence facts", "type": "inputNode", "content": {} }),
        expr_node("facts", &g.facts, Some("f")),
        expr_node("leaves", &g.leaves, Some("pts")),
    ];
    chain.extend(g.tables.iter().cloned());
    chain.push(expr_node("sums", &sums, None));
    chain.push(table_node(
        "grade",
        "first",
        json!([{ "id": "in-total", "name": "total", "field": "total" }]),
        json!([{ "id": "out-grade", "name": "grade", "field": "grade" }]),
        grade_rules,
        None,
    ));
    if forced != "grade" {
        chain.push(expr_node("vetoes", &[("grade".to_owned(), forced)], None));
    }
    chain.push(table_node(
        "gates",
        "collect",
        json!([{ "id": "in-when", "name": "not met when" }]),
        json!([
            { "id": "out-gate", "name": "gate", "field": "gate" },
            { "id": "out-severity", "name": "severity", "field": "severity" },
        ]),
        gate_rules,
        Some("unmet"),
    ));
    let mut verdict_node = expr_node("verdict", &verdict, None);
    verdict_node["content"]["passThrough"] = json!(false);
    chain.push(verdict_node);
    chain.push(json!({ "id": "output", "name": "decision", "type": "outputNode", "content": {} }));
    g.nodes = chain;
    let edges: Vec<Value> = g
        .nodes
        .windows(2)
        .enumerate()
        .map(|(i, w)| json!({ "id": format!("e{i}"), "sourceId": w[0]["id"], "targetId": w[1]["id"], "type": "edge" }))
        .collect();
    json!({ "nodes": g.nodes, "edges": edges })
}

/// The checked-in JDM file (generated by [`jdm`]; a test keeps them equal).
pub const JDM_FILE: &str = include_str!("../dongying-2022.jdm.json");

/// A compiled ZEN decision for the default standard and policy.
pub struct Zen {
    decision: Decision,
}

impl Zen {
    /// Loads the graph and pre-compiles its expressions and table indexes (the fastest
    /// configuration ZEN offers; no tracing).
    pub fn new(jdm: &Value) -> Zen {
        let content: DecisionContent = serde_json::from_value(jdm.clone()).expect("JDM");
        let graph: Arc<GraphContent> = Arc::new(content.as_graph().expect("a graph").clone());
        let mut decision = Decision::from(graph);
        decision.compile();
        decision.validate().expect("valid graph");
        Zen { decision }
    }

    /// Evaluates the graph on a fact object.
    pub fn run(&self, facts: Variable) -> Variable {
        futures::executor::block_on(self.decision.evaluate(facts))
            .expect("ZEN evaluates")
            .result
    }

    /// Evaluates and reads the answer.
    pub fn outcome(&self, facts: Variable) -> Outcome {
        let v: Value = self.run(facts).to_value();
        let total: Decimal = match &v["total"] {
            Value::Number(n) => n.to_string().parse().expect("total"),
            other => panic!("ZEN total is {other}"),
        };
        let mut unmet: Vec<String> = v["unmet"]
            .as_array()
            .expect("unmet")
            .iter()
            .map(|g| g.as_str().expect("gate").to_owned())
            .collect();
        unmet.sort();
        Outcome {
            total: sws_eval::num::round_total(total),
            grade: v["grade"].as_str().expect("grade").to_owned(),
            verdict: v["verdict"].as_str().expect("verdict").to_owned(),
            unmet,
        }
    }
}

/// Derives the facts and converts them to ZEN's input type.
pub fn zen_input(policy: &Policy, cal: &WorkCalendar, ev: &Evidence) -> Variable {
    Variable::from(facts(policy, cal, ev))
}
