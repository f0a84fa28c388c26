//! Every station gate at its exact boundary: one case where it is met, one where it is
//! not (and the other outcomes where the gate can produce them), plus the decision
//! rules of docs/default-standard.md §5 that hang on them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use serde_json::{Value, json};
use sws_eval::calendar::WorkCalendar;
use sws_eval::decision::{
    ActionKind, DecisionError, Evaluator, PaymentStatus, ProjectYear, RenewalStatus, Verdict,
};
use sws_eval::evidence::Evidence;
use sws_eval::gates::{GateId, GateOutcome, check_gates};
use sws_eval::policy::PolicySet;
use sws_eval::standard::Grade;

const STATION: &str = include_str!("../examples/data/station.json");

fn base() -> Value {
    serde_json::from_str(STATION).unwrap()
}

/// Sets `pointer` in the evidence to `value` (creating nothing: the path must exist
/// up to its parent).
fn set(v: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = if parent.is_empty() {
        &mut *v
    } else {
        v.pointer_mut(parent).unwrap()
    };
    match target {
        Value::Object(map) => {
            map.insert(key.to_owned(), value);
        }
        Value::Array(list) => list[key.parse::<usize>().unwrap()] = value,
        _ => panic!("{pointer}: parent is not a container"),
    }
}

fn remove(v: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = if parent.is_empty() {
        &mut *v
    } else {
        v.pointer_mut(parent).unwrap()
    };
    target.as_object_mut().unwrap().remove(key);
}

fn evidence(v: &Value) -> Evidence {
    serde_json::from_value(v.clone()).unwrap()
}

fn outcome_of(v: &Value, gate: GateId) -> GateOutcome {
    let ev = evidence(v);
    let set = PolicySet::dongying();
    let policy = set.by_id("dongying-2022").unwrap();
    let gates = check_gates(policy, &WorkCalendar::china_official(), &ev);
    let g = gates.iter().find(|g| g.id == gate).unwrap();
    assert_eq!(g.articles, gate.articles(), "{gate} carries its articles");
    assert!(
        !g.required.zh.is_empty()
            && !g.required.en.is_empty()
            && !g.actual.zh.is_empty()
            && !g.actual.en.is_empty(),
        "{gate} says required and actual"
    );
    assert!(
        g.message.zh.contains('第') && g.message.en.contains("Art."),
        "{gate} message"
    );
    g.outcome
}

fn check(v: &Value, gate: GateId, want: GateOutcome) {
    assert_eq!(outcome_of(v, gate), want, "{gate}");
}

use GateOutcome::{InsufficientEvidence as Insufficient, Met, NotApplicable, NotMet};

#[test]
fn base_station_meets_every_gate_but_reports() {
    let v = base();
    for g in GateId::ALL {
        let o = outcome_of(&v, *g);
        let expected = match g {
            GateId::Art26ReportsFiled => NotMet,
            GateId::Art12AllQualifiedAfter3y
            | GateId::Art13Handover
            | GateId::Art28TwoEvaluationsAYear => NotApplicable,
            _ => Met,
        };
        assert_eq!(o, expected, "{g}");
    }
}

#[test]
fn art8_contractor_eligible() {
    let mut v = base();
    check(&v, GateId::Art8ContractorEligible, Met);
    set(
        &mut v,
        "/contractor/main_business_social_work",
        json!(false),
    );
    check(&v, GateId::Art8ContractorEligible, NotMet);
    remove(&mut v, "/contractor/main_business_social_work");
    check(&v, GateId::Art8ContractorEligible, Insufficient);
    set(&mut v, "/contractor/lawfully_registered", json!(false));
    check(&v, GateId::Art8ContractorEligible, NotMet);
}

#[test]
fn art9_structure_one_main_two_to_three_subs() {
    let mut v = base();
    for (main, sub, want) in [
        (1, 3, Met),
        (1, 2, Met),
        (1, 4, NotMet),
        (1, 1, NotMet),
        (2, 3, NotMet),
        (0, 2, NotMet),
    ] {
        set(
            &mut v,
            "/structure",
            json!({"main_projects": main, "sub_projects": sub}),
        );
        check(&v, GateId::Art9ProjectStructure, want);
    }
    remove(&mut v, "/structure");
    check(&v, GateId::Art9ProjectStructure, Insufficient);
}

#[test]
fn art10_office_area_six_square_metres_per_worker() {
    let mut v = base(); // 4 resident workers
    set(&mut v, "/premises/office_area_m2", json!("24"));
    check(&v, GateId::Art10OfficeArea, Met); // exactly 6 m²
    set(&mut v, "/premises/office_area_m2", json!("23.99"));
    check(&v, GateId::Art10OfficeArea, NotMet); // 5.9975 m²
    set(&mut v, "/staff/workers", json!([]));
    check(&v, GateId::Art10OfficeArea, NotApplicable);
    remove(&mut v, "/premises");
    check(&v, GateId::Art10OfficeArea, Insufficient);
}

#[test]
fn art10_functional_areas() {
    let mut v = base();
    check(&v, GateId::Art10FunctionalAreas, Met);
    set(&mut v, "/premises/archive_room", json!(false));
    check(&v, GateId::Art10FunctionalAreas, NotMet);
    set(&mut v, "/premises/archive_room", json!(true));
    set(&mut v, "/premises/office_area_m2", json!("0"));
    check(&v, GateId::Art10FunctionalAreas, NotMet);
}

#[test]
fn art11_written_rules() {
    let mut v = base();
    check(&v, GateId::Art11WrittenRules, Met);
    set(&mut v, "/written_rules/volunteers", json!(false));
    check(&v, GateId::Art11WrittenRules, NotMet);
    remove(&mut v, "/written_rules");
    check(&v, GateId::Art11WrittenRules, Insufficient);
}

#[test]
fn art12_min_staff_three_full_time() {
    let mut v = base(); // 4 full-time
    set(&mut v, "/staff/workers/3/full_time", json!(false));
    check(&v, GateId::Art12MinStaff, Met); // 3
    set(&mut v, "/staff/workers/2/full_time", json!(false));
    check(&v, GateId::Art12MinStaff, NotMet); // 2
    remove(&mut v, "/staff");
    check(&v, GateId::Art12MinStaff, Insufficient);
}

#[test]
fn art12_staff_split_township_one_to_two_contractor_two() {
    let mut v = base(); // township 1, contractor 3
    check(&v, GateId::Art12StaffSplit, Met);
    set(&mut v, "/staff/workers/1/provided_by", json!("township"));
    check(&v, GateId::Art12StaffSplit, Met); // 2 / 2
    set(&mut v, "/staff/workers/2/provided_by", json!("township"));
    check(&v, GateId::Art12StaffSplit, NotMet); // 3 / 1
    let mut v = base();
    set(&mut v, "/staff/workers/0/provided_by", json!("contractor"));
    check(&v, GateId::Art12StaffSplit, NotMet); // 0 / 4
}

#[test]
fn art12_entry_age_35_or_40_with_certificate() {
    let mut v = base();
    // Worker w4 enters on 2023-03-01.
    set(&mut v, "/staff/workers/3/birth_date", json!("1988-03-02"));
    check(&v, GateId::Art12EntryAge, Met); // 34 at entry
    set(&mut v, "/staff/workers/3/birth_date", json!("1987-03-02"));
    check(&v, GateId::Art12EntryAge, Met); // 35, one day before the 36th birthday
    set(&mut v, "/staff/workers/3/birth_date", json!("1987-03-01"));
    check(&v, GateId::Art12EntryAge, NotMet); // 36 on the day of entry
    // With the national certificate held at entry, up to 40.
    set(
        &mut v,
        "/staff/workers/3/qualifications",
        json!([{"kind": "national_certificate", "obtained_on": "2023-03-01"}]),
    );
    set(&mut v, "/staff/workers/3/birth_date", json!("1982-03-02"));
    check(&v, GateId::Art12EntryAge, Met); // 40 with certificate
    set(&mut v, "/staff/workers/3/birth_date", json!("1982-03-01"));
    check(&v, GateId::Art12EntryAge, NotMet); // 41 with certificate
    // A certificate obtained after entry does not count at entry.
    set(&mut v, "/staff/workers/3/birth_date", json!("1982-03-02"));
    set(
        &mut v,
        "/staff/workers/3/qualifications",
        json!([{"kind": "national_certificate", "obtained_on": "2023-03-02"}]),
    );
    check(&v, GateId::Art12EntryAge, NotMet);
    // A social-work degree is a qualification but not the national certificate.
    set(
        &mut v,
        "/staff/workers/3/qualifications",
        json!([{"kind": "social_work_degree", "obtained_on": "2010-07-01"}]),
    );
    check(&v, GateId::Art12EntryAge, NotMet);
}

#[test]
fn art12_education_junior_college_or_above() {
    let mut v = base();
    set(
        &mut v,
        "/staff/workers/0/education",
        json!("junior_college"),
    );
    check(&v, GateId::Art12Education, Met);
    set(
        &mut v,
        "/staff/workers/0/education",
        json!("below_junior_college"),
    );
    check(&v, GateId::Art12Education, NotMet);
}

#[test]
fn art12_supervisor_qualified() {
    let mut v = base();
    check(&v, GateId::Art12SupervisorQualified, Met);
    set(
        &mut v,
        "/staff/supervisor/qualifications",
        json!([{"kind": "social_work_degree", "obtained_on": "2024-12-11"}]),
    );
    check(&v, GateId::Art12SupervisorQualified, NotMet); // obtained the day after the evaluation
    set(
        &mut v,
        "/staff/supervisor/qualifications",
        json!([{"kind": "social_work_degree", "obtained_on": "2024-12-10"}]),
    );
    check(&v, GateId::Art12SupervisorQualified, Met);
}

#[test]
fn art12_all_qualified_three_years_after_start() {
    // Project started 2023-01-01: the 3-year period's last day is 2026-01-01 (Civil
    // Code Art. 201), New Year's Day; 1–3 January 2026 are days off, so the period
    // ends on the make-up workday Sunday 2026-01-04 (Art. 203) and the rule bites
    // from 2026-01-05. Worker w4 holds no qualification.
    let mut v = base();
    set(
        &mut v,
        "/evaluation/project_year_start",
        json!("2025-01-01"),
    );
    set(&mut v, "/evaluation/date", json!("2026-01-04"));
    set(&mut v, "/contract/term_end", json!("2026-12-31"));
    set(&mut v, "/training", json!([]));
    set(&mut v, "/supervision", json!([]));
    check(&v, GateId::Art12AllQualifiedAfter3y, NotApplicable);
    set(&mut v, "/evaluation/date", json!("2026-01-05"));
    check(&v, GateId::Art12AllQualifiedAfter3y, NotMet);
    set(
        &mut v,
        "/staff/workers/3/qualifications",
        json!([{"kind": "social_work_degree", "obtained_on": "2025-07-01"}]),
    );
    check(&v, GateId::Art12AllQualifiedAfter3y, Met);
}

#[test]
fn art13_records_retained_five_years() {
    let mut v = base();
    set(&mut v, "/records/retention_years", json!(5));
    check(&v, GateId::Art13RecordsRetained, Met);
    set(&mut v, "/records/retention_years", json!(4));
    check(&v, GateId::Art13RecordsRetained, NotMet);
    set(&mut v, "/records/retention_years", json!(10));
    set(&mut v, "/records/financial_records_kept", json!(false));
    check(&v, GateId::Art13RecordsRetained, NotMet);
    remove(&mut v, "/records");
    check(&v, GateId::Art13RecordsRetained, Insufficient);
}

#[test]
fn art13_handover_thirty_working_days_across_national_day() {
    // Leaving on Friday 2024-09-27: National Day (1–7 Oct) is skipped and the make-up
    // workdays Sunday 29 Sep and Saturday 12 Oct count. Working day 30 is 2024-11-13.
    let mut v = base();
    check(&v, GateId::Art13Handover, NotApplicable); // never left
    let handover = |date: &str| json!({"left_on": "2024-09-27", "handover": {"date": date, "with_list": true, "signed_agreement": true, "kinds": kinds(&ALL_KINDS), "confidentiality_kept": true}});
    set(&mut v, "/departure", handover("2024-11-13"));
    check(&v, GateId::Art13Handover, Met); // working day 30
    set(&mut v, "/departure", handover("2024-11-14"));
    check(&v, GateId::Art13Handover, NotMet); // working day 31
    set(
        &mut v,
        "/departure",
        json!({"left_on": "2024-09-27", "handover": {"date": "2024-10-08", "with_list": false, "signed_agreement": true}}),
    );
    check(&v, GateId::Art13Handover, NotMet); // no list
    // No handover yet: not due while the period runs, unmet once it has passed.
    set(&mut v, "/departure", json!({"left_on": "2024-11-01"}));
    check(&v, GateId::Art13Handover, NotApplicable); // evaluated 2024-12-10, due 2024-12-13
    set(&mut v, "/departure", json!({"left_on": "2024-09-27"}));
    check(&v, GateId::Art13Handover, NotMet);
}

const ALL_KINDS: [&str; 7] = [
    "casework",
    "group_work",
    "community_services",
    "visits",
    "client_files",
    "volunteer_files",
    "needs_research",
];

/// The `kinds` object of a handover: `true` for each kind named.
fn kinds(handed: &[&str]) -> Value {
    ALL_KINDS
        .iter()
        .map(|k| ((*k).to_owned(), json!(handed.contains(k))))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

#[test]
fn art13_handover_every_kind_and_confidentiality() {
    // Handed over on time with list and agreement; what decides now is what was
    // handed over and whether it was kept confidential (Art. 13).
    let mut v = base();
    let with = |handed: &[&str], conf: Value| {
        let mut h = json!({"date": "2024-10-08", "with_list": true, "signed_agreement": true, "kinds": kinds(handed)});
        if !conf.is_null() {
            h["confidentiality_kept"] = conf;
        }
        json!({"left_on": "2024-09-27", "handover": h})
    };
    set(&mut v, "/departure", with(&ALL_KINDS, json!(true)));
    check(&v, GateId::Art13Handover, Met); // all seven kinds
    set(&mut v, "/departure", with(&ALL_KINDS[..6], json!(true)));
    check(&v, GateId::Art13Handover, NotMet); // needs research not handed over
    set(&mut v, "/departure", with(&ALL_KINDS, json!(false)));
    check(&v, GateId::Art13Handover, NotMet); // confidentiality broken
    set(&mut v, "/departure", with(&ALL_KINDS, Value::Null));
    check(&v, GateId::Art13Handover, Insufficient); // confidentiality not recorded
    remove(&mut v, "/departure/handover/kinds");
    set(
        &mut v,
        "/departure/handover/confidentiality_kept",
        json!(true),
    );
    check(&v, GateId::Art13Handover, Insufficient); // kinds not recorded
    set(&mut v, "/departure/handover/with_list", json!(false));
    check(&v, GateId::Art13Handover, NotMet); // a known breach outweighs what is unknown
}

#[test]
fn art13_accounting_archives_kept_long_term() {
    let mut v = base();
    check(&v, GateId::Art13AccountingArchives, Met);
    set(
        &mut v,
        "/records/accounting_archives_long_term",
        json!(false),
    );
    check(&v, GateId::Art13AccountingArchives, NotMet);
    remove(&mut v, "/records/accounting_archives_long_term");
    check(&v, GateId::Art13AccountingArchives, Insufficient);
    remove(&mut v, "/records");
    check(&v, GateId::Art13AccountingArchives, Insufficient);
}

#[test]
fn art26_reports_on_time_to_both_bureaus() {
    // The sample's March briefing was due Friday 2024-04-05, a Tomb-sweeping day off:
    // the period ends on the make-up working day Sunday 2024-04-07 (index 2).
    let mut v = base();
    check(&v, GateId::Art26ReportsOnTime, Met);
    set(
        &mut v,
        "/reports/filings/2/filed_with_city_on",
        json!("2024-04-07"),
    );
    check(&v, GateId::Art26ReportsOnTime, Met); // on the moved due date
    set(
        &mut v,
        "/reports/filings/2/filed_with_city_on",
        json!("2024-04-08"),
    );
    check(&v, GateId::Art26ReportsOnTime, NotMet); // one working day late
    // An ordinary due date: the May briefing due Wednesday 2024-06-05 (index 4).
    set(
        &mut v,
        "/reports/filings/2/filed_with_city_on",
        json!("2024-04-07"),
    );
    set(
        &mut v,
        "/reports/filings/4/filed_with_county_on",
        json!("2024-06-06"),
    );
    check(&v, GateId::Art26ReportsOnTime, NotMet); // a day late with the county
    set(
        &mut v,
        "/reports/filings/4/filed_with_county_on",
        json!("2024-06-05"),
    );
    check(&v, GateId::Art26ReportsOnTime, Met);
    // Filed with the city only: the county bureau was left out.
    remove(&mut v, "/reports/filings/4/filed_with_county_on");
    check(&v, GateId::Art26ReportsOnTime, NotMet);
    // A bureau left out is a fault once the due date has passed, not on the day itself.
    set(
        &mut v,
        "/reports/filings/4",
        json!({"kind": "monthly_briefing", "due_on": "2024-12-10", "filed_with_city_on": "2024-12-10"}),
    );
    check(&v, GateId::Art26ReportsOnTime, Met); // due on the evaluation day
    set(&mut v, "/reports/filings/4/due_on", json!("2024-12-09"));
    check(&v, GateId::Art26ReportsOnTime, NotMet); // due the day before
    // A report filed with neither bureau is missing (art26.reports_filed), not late.
    set(
        &mut v,
        "/reports/filings/4",
        json!({"kind": "monthly_briefing", "due_on": "2024-06-05"}),
    );
    check(&v, GateId::Art26ReportsOnTime, Met);
    set(
        &mut v,
        "/reports/filings",
        json!([{"kind": "annual", "due_on": "2024-12-05"}]),
    );
    check(&v, GateId::Art26ReportsOnTime, NotApplicable); // nothing filed
    remove(&mut v, "/reports/filings");
    check(&v, GateId::Art26ReportsOnTime, Insufficient);
    remove(&mut v, "/reports");
    check(&v, GateId::Art26ReportsOnTime, Insufficient);
}

#[test]
fn report_filings_agree_with_the_counts_and_the_evaluation_date() {
    let eval = Evaluator::dongying();
    let mut v = base();
    set(&mut v, "/reports/monthly_briefings", json!(9)); // 10 listed as filed
    let Err(DecisionError::Evidence(issues)) = eval.evaluate(&evidence(&v)) else {
        panic!("more filings listed than counted is contradictory");
    };
    assert_eq!(issues[0].code, "contradictory_counts");
    assert_eq!(issues[0].pointer, "/reports/monthly_briefings");
    set(&mut v, "/reports/monthly_briefings", json!(11)); // more counted than listed: fine
    assert!(eval.evaluate(&evidence(&v)).is_ok());
    set(
        &mut v,
        "/reports/filings/11/filed_with_county_on",
        json!("2024-12-11"),
    );
    let Err(DecisionError::Evidence(issues)) = eval.evaluate(&evidence(&v)) else {
        panic!("a filing after the evaluation is contradictory");
    };
    assert_eq!(issues[0].code, "contradictory_dates");
    assert_eq!(
        issues[0].pointer,
        "/reports/filings/11/filed_with_county_on"
    );
}

#[test]
fn art31_training_categories_and_providers() {
    // w2's sessions: 0 bureau (policy, county level) 16, 1 industry body 16, 2
    // incubation base 16, 3 other 8 (professional by default: not counted). Indexes
    // 4–7 in the list.
    let mut v = base();
    check(&v, GateId::Art31Training48h, Met); // 48
    // Policy and regulation training counts whoever runs it.
    set(&mut v, "/training/5/hours", json!("8"));
    check(&v, GateId::Art31Training48h, NotMet); // 40
    set(
        &mut v,
        "/training/7/category",
        json!("policy_and_regulation"),
    );
    check(&v, GateId::Art31Training48h, Met); // 40 + 8 = 48
    set(&mut v, "/training/7/category", json!("professional"));
    check(&v, GateId::Art31Training48h, NotMet); // professional from "other": 40
    set(&mut v, "/training/5/hours", json!("16"));
    check(&v, GateId::Art31Training48h, Met);
    // Professional training from a civil affairs bureau counts at county level or above.
    set(&mut v, "/training/4/category", json!("professional"));
    set(&mut v, "/training/4/provider_level", json!("county"));
    check(&v, GateId::Art31Training48h, Met);
    set(&mut v, "/training/4/provider_level", json!("township"));
    check(&v, GateId::Art31Training48h, NotMet); // 32
    // ... but a township's policy and regulation training still counts.
    set(
        &mut v,
        "/training/4/category",
        json!("policy_and_regulation"),
    );
    check(&v, GateId::Art31Training48h, Met);
    // Professional training not run centrally (集中开展) does not count.
    set(&mut v, "/training/5/centralised", json!(false));
    check(&v, GateId::Art31Training48h, NotMet);
    set(&mut v, "/training/5/centralised", json!(true));
    check(&v, GateId::Art31Training48h, Met);
}

#[test]
fn art31_professional_minimum_when_a_policy_sets_one() {
    // The measure sets no split of the 48 hours (assumed 0). A version requiring 32
    // professional hours: each worker has 16 policy + 32 professional.
    let ev = evidence(&base());
    let mut set_ = PolicySet::dongying();
    let p = &mut set_.versions[0].parameters;
    assert!(p.min_professional_training_hours.assumed);
    assert!(p.min_professional_training_hours.value.get().is_zero());
    p.min_professional_training_hours.value = "32".parse().unwrap();
    let cal = WorkCalendar::china_official();
    let outcome = |set_: &PolicySet, ev: &Evidence| {
        check_gates(&set_.versions[0], &cal, ev)
            .into_iter()
            .find(|g| g.id == GateId::Art31Training48h)
            .unwrap()
    };
    assert_eq!(outcome(&set_, &ev).outcome, Met);
    set_.versions[0]
        .parameters
        .min_professional_training_hours
        .value = "32.01".parse().unwrap();
    let g = outcome(&set_, &ev);
    assert_eq!(g.outcome, NotMet);
    assert!(
        g.actual.en.contains("professional training short"),
        "{}",
        g.actual.en
    );
    // A minimum above the total is refused when the policy is loaded.
    set_.versions[0]
        .parameters
        .min_professional_training_hours
        .value = "48.01".parse().unwrap();
    assert!(set_.check().is_err());
}

#[test]
fn art13_handover_outside_the_calendar_is_flagged() {
    let mut v = base();
    set(
        &mut v,
        "/evaluation/project_year_start",
        json!("2026-01-01"),
    );
    set(&mut v, "/evaluation/date", json!("2026-12-30"));
    set(&mut v, "/contract/term_end", json!("2027-12-31"));
    set(&mut v, "/training", json!([]));
    set(&mut v, "/supervision", json!([]));
    set(
        &mut v,
        "/departure",
        json!({"left_on": "2026-12-20", "handover": {"date": "2026-12-29", "with_list": true, "signed_agreement": true}}),
    );
    check(&v, GateId::Art13Handover, Insufficient);
    let d = Evaluator {
        policy_version: Some("dongying-2022".into()),
        ..Evaluator::dongying()
    }
    .evaluate(&evidence(&v))
    .unwrap();
    assert!(
        d.warnings
            .iter()
            .any(|w| w.code == "calendar_out_of_range" && w.message.en.contains("2027"))
    );
}

#[test]
fn art14_signage() {
    let mut v = base();
    check(&v, GateId::Art14Signage, Met);
    set(&mut v, "/signage/brand_mark", json!(false));
    check(&v, GateId::Art14Signage, NotMet);
}

#[test]
fn art18_separate_ledgers() {
    let mut v = base();
    check(&v, GateId::Art18SeparateLedgers, Met);
    set(&mut v, "/finance/ledger_per_funding_source", json!(false));
    check(&v, GateId::Art18SeparateLedgers, NotMet);
}

#[test]
fn art18_no_misuse_and_serious_findings() {
    let cases = [
        ("mixing_funds", GateId::Art18NoMisuse),
        ("outside_purpose", GateId::Art18NoMisuse),
        ("falsified_records", GateId::SeriousFalsifiedRecords),
        ("safety_incident", GateId::SeriousSafetyIncident),
        ("ethics_breach", GateId::SeriousEthicsBreach),
    ];
    for (kind, gate) in cases {
        let mut v = base();
        check(&v, gate, Met);
        set(
            &mut v,
            "/findings",
            json!([{"kind": kind, "description": "found on site"}]),
        );
        check(&v, gate, NotMet);
        remove(&mut v, "/findings");
        check(&v, gate, Insufficient);
    }
}

#[test]
fn art25_signed_within_ten_days() {
    let mut v = base();
    let contract = |v: &mut Value, award: &str, signed: &str| {
        set(v, "/contract/award_notice_date", json!(award));
        set(v, "/contract/signed_on", json!(signed));
    };
    // Award notice on Friday 2024-03-01: day 10 is Monday 2024-03-11.
    contract(&mut v, "2024-03-01", "2024-03-11");
    check(&v, GateId::Art25SignedWithin10Days, Met);
    contract(&mut v, "2024-03-01", "2024-03-12");
    check(&v, GateId::Art25SignedWithin10Days, NotMet);
    // Day 10 falls on National Day 2024-10-01: the period ends on the next working day, 2024-10-08.
    contract(&mut v, "2024-09-21", "2024-10-08");
    check(&v, GateId::Art25SignedWithin10Days, Met);
    contract(&mut v, "2024-09-21", "2024-10-09");
    check(&v, GateId::Art25SignedWithin10Days, NotMet);
    remove(&mut v, "/contract/award_notice_date");
    check(&v, GateId::Art25SignedWithin10Days, Insufficient);
}

#[test]
fn art25_term_at_most_three_years() {
    let mut v = base(); // starts 2023-01-01
    set(&mut v, "/contract/term_end", json!("2025-12-31"));
    check(&v, GateId::Art25TermAtMost3Years, Met);
    set(&mut v, "/contract/term_end", json!("2026-01-01"));
    check(&v, GateId::Art25TermAtMost3Years, NotMet);
}

#[test]
fn art25_required_clauses() {
    let mut v = base();
    check(&v, GateId::Art25RequiredClauses, Met);
    set(
        &mut v,
        "/contract/clauses/change_or_termination",
        json!(false),
    );
    check(&v, GateId::Art25RequiredClauses, NotMet);
    remove(&mut v, "/contract/clauses");
    check(&v, GateId::Art25RequiredClauses, Insufficient);
}

#[test]
fn art26_reports_filed_as_due() {
    // Project year from 2024-01-01, evaluated 2024-12-10: 11 whole months, 11 briefings due.
    let mut v = base();
    set(&mut v, "/reports/monthly_briefings", json!(11));
    check(&v, GateId::Art26ReportsFiled, Met);
    set(&mut v, "/reports/monthly_briefings", json!(10));
    check(&v, GateId::Art26ReportsFiled, NotMet);
    set(&mut v, "/reports/monthly_briefings", json!(11));
    set(&mut v, "/reports/annual_report", json!(false));
    check(&v, GateId::Art26ReportsFiled, NotMet); // annual due at a final evaluation
    // At a mid-term evaluation on 2024-06-30, 5 are due and no annual report.
    set(&mut v, "/evaluation/kind", json!("mid_term"));
    set(&mut v, "/evaluation/date", json!("2024-06-30"));
    set(&mut v, "/training", json!([]));
    set(&mut v, "/supervision", json!([]));
    set(&mut v, "/reports/monthly_briefings", json!(5));
    check(&v, GateId::Art26ReportsFiled, Met);
    set(&mut v, "/evaluation/date", json!("2024-07-01"));
    check(&v, GateId::Art26ReportsFiled, NotMet); // now 6 are due
}

#[test]
fn art26_info_system() {
    let mut v = base();
    check(&v, GateId::Art26InfoSystem, Met);
    set(&mut v, "/records/info_system_entries", json!(false));
    check(&v, GateId::Art26InfoSystem, NotMet);
}

#[test]
fn art31_training_48_countable_hours() {
    // Every worker has 3 × 16 countable hours plus 8 hours of "other" training.
    let mut v = base();
    check(&v, GateId::Art31Training48h, Met); // exactly 48
    set(&mut v, "/training/0/hours", json!("15.99"));
    check(&v, GateId::Art31Training48h, NotMet); // 47.99 countable (+ 8 not countable)
    // Turning the uncountable session into a countable one brings it back.
    set(&mut v, "/training/3/provider", json!("industry_body"));
    check(&v, GateId::Art31Training48h, Met);
    // Training outside the project year does not count.
    set(&mut v, "/training/3/provider", json!("other"));
    set(&mut v, "/training/0/hours", json!("16"));
    set(&mut v, "/training/0/date", json!("2023-12-31"));
    check(&v, GateId::Art31Training48h, NotMet);
    remove(&mut v, "/training");
    check(&v, GateId::Art31Training48h, Insufficient);
}

#[test]
fn art31_art32_not_applicable_at_mid_term() {
    let mut v = base();
    set(&mut v, "/evaluation/kind", json!("mid_term"));
    set(&mut v, "/evaluation/date", json!("2024-12-10"));
    set(&mut v, "/training/0/hours", json!("1"));
    check(&v, GateId::Art31Training48h, NotApplicable);
    check(&v, GateId::Art32Supervision48h, NotApplicable);
}

#[test]
fn art32_supervision_48_hours() {
    let mut v = base(); // 4 × 12 h each
    check(&v, GateId::Art32Supervision48h, Met);
    set(&mut v, "/supervision/0/hours", json!("11.99"));
    check(&v, GateId::Art32Supervision48h, NotMet);
    remove(&mut v, "/supervision");
    check(&v, GateId::Art32Supervision48h, Insufficient);
}

#[test]
fn art28_two_evaluations_a_year() {
    let eval = Evaluator::dongying();
    let final_ = evidence(&base());
    let mut mid = base();
    set(&mut mid, "/evaluation/kind", json!("mid_term"));
    set(&mut mid, "/evaluation/date", json!("2024-06-28"));
    remove(&mut mid, "/reports/filings");
    set(&mut mid, "/reports/monthly_briefings", json!(5));
    set(&mut mid, "/training", json!([]));
    set(&mut mid, "/supervision", json!([]));
    let mid = evidence(&mid);
    let one = eval
        .evaluate_year(&ProjectYear {
            evaluations: vec![final_.clone()],
        })
        .unwrap();
    assert_eq!(
        one.evaluation_count_gate.id,
        GateId::Art28TwoEvaluationsAYear
    );
    assert_eq!(one.evaluation_count_gate.outcome, NotMet);
    let two = eval
        .evaluate_year(&ProjectYear {
            evaluations: vec![mid, final_],
        })
        .unwrap();
    assert_eq!(two.evaluation_count_gate.outcome, Met);
    // The final decides payment and renewal.
    assert_eq!(two.verdict, Some(Verdict::Pass));
    assert_eq!(
        two.payment.as_ref().unwrap().status,
        PaymentStatus::ReleasedInFull
    );
    assert_eq!(two.renewal.status, RenewalStatus::Eligible);
}

/// A station that scores exactly 100.
fn perfect() -> Value {
    let mut v = base();
    set(
        &mut v,
        "/staff/workers/3/qualifications",
        json!([{"kind": "social_work_degree", "obtained_on": "2020-07-01"}]),
    );
    set(&mut v, "/services/group_work/delivered", json!(10));
    set(&mut v, "/services/visits/delivered", json!(240));
    set(&mut v, "/reports/monthly_briefings", json!(11));
    set(
        &mut v,
        "/surveys/satisfaction",
        json!({"respondents": 120, "positive": 114}),
    );
    set(
        &mut v,
        "/surveys/awareness",
        json!({"respondents": 50, "positive": 40}),
    );
    for k in ["needs_research", "resource_linkage", "innovation"] {
        set(&mut v, &format!("/levels/{k}"), json!("A"));
    }
    v
}

#[test]
fn a_veto_fails_even_a_perfect_score() {
    let eval = Evaluator::dongying();
    let d = eval.evaluate(&evidence(&perfect())).unwrap();
    assert_eq!(d.scorecard.total.to_string(), "100.00");
    assert_eq!(d.grade, Grade::Excellent);
    assert_eq!(d.verdict, Verdict::Pass);
    for kind in [
        "misappropriating_funds",
        "falsified_records",
        "safety_incident",
        "ethics_breach",
    ] {
        let mut v = perfect();
        set(
            &mut v,
            "/findings",
            json!([{"kind": kind, "description": "x"}]),
        );
        let d = eval.evaluate(&evidence(&v)).unwrap();
        assert_eq!(d.scorecard.total.to_string(), "100.00");
        assert_eq!(d.verdict, Verdict::Fail, "{kind}");
        assert_eq!(d.payment.release.to_string(), "0.00");
        assert_eq!(d.payment.withheld.to_string(), "60000.00");
        assert_eq!(d.renewal.status, RenewalStatus::Ineligible);
        let kinds: Vec<ActionKind> = d.actions.iter().map(|a| a.kind).collect();
        for k in [
            ActionKind::WithholdRemainingPayment,
            ActionKind::NoRenewal,
            ActionKind::ReProcure,
            ActionKind::SuspendOrStop,
        ] {
            assert!(kinds.contains(&k), "{kind}: {k:?}");
        }
    }
    // An ineligible contractor (Art. 8, veto by default) fails too.
    let mut v = perfect();
    set(&mut v, "/contractor/lawfully_registered", json!(false));
    assert_eq!(eval.evaluate(&evidence(&v)).unwrap().verdict, Verdict::Fail);
}

#[test]
fn fail_on_score_at_the_pass_mark() {
    // Dropping 40.01 points leaves 59.99: unqualified. Base is 87.50.
    let eval = Evaluator::dongying();
    let mut v = base();
    // C3, C4, C5 to 0 (−6 −4 −6), E1 to 0 (−4), B1 to 0 (−5), A3: three rules missing (−1.5).
    for s in ["casework", "community_activities", "publicity"] {
        set(&mut v, &format!("/services/{s}/delivered"), json!(0));
    }
    set(&mut v, "/services/group_work/delivered", json!(0));
    set(&mut v, "/finance/ledger_per_sub_project", json!(false));
    for r in ["volunteers", "premises_use", "archives"] {
        set(&mut v, &format!("/written_rules/{r}"), json!(false));
    }
    // 87.5 − 6 − 4 − 6 − 4 − 5 − 1.5 = 61.0; C6 visits 200/240 → 2; set to 0.59 → −2 = 59.0
    set(&mut v, "/services/visits/delivered", json!(144)); // 0.6 → 1 point: 60.00
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.scorecard.total.to_string(), "60.00");
    assert_eq!(d.grade, Grade::Qualified);
    assert_eq!(d.verdict, Verdict::Pass);
    set(&mut v, "/services/visits/delivered", json!(143)); // 0.5958 → 0: 59.00
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.scorecard.total.to_string(), "59.00");
    assert_eq!(d.grade, Grade::Unqualified);
    assert_eq!(d.verdict, Verdict::Fail);
    assert_eq!(d.payment.status, PaymentStatus::Withheld);
    assert_eq!(d.renewal.status, RenewalStatus::Ineligible);
    assert!(d.actions.iter().any(|a| a.kind == ActionKind::ReProcure));
    assert!(
        !d.actions
            .iter()
            .any(|a| a.kind == ActionKind::SuspendOrStop)
    );
}

#[test]
fn payment_arithmetic_is_exact() {
    let eval = Evaluator::dongying();
    let mut v = base();
    set(&mut v, "/contract/price", json!("312345.67"));
    set(&mut v, "/contract/paid", json!("250000.01"));
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.payment.remaining.to_string(), "62345.66");
    assert_eq!(d.payment.release + d.payment.withheld, d.payment.remaining);
    // Mid-term with a tranche: the tranche is released, the rest waits for the final.
    set(&mut v, "/evaluation/kind", json!("mid_term"));
    set(&mut v, "/contract/mid_term_tranche", json!("30000.00"));
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.payment.status, PaymentStatus::MidTermTrancheReleased);
    assert_eq!(d.payment.release.to_string(), "30000.00");
    assert_eq!(d.payment.withheld.to_string(), "32345.66");
    assert_eq!(d.renewal.status, RenewalStatus::Undetermined);
    // A tranche that would pay all that is left contradicts "a mid-term never releases
    // the remainder": refused with its code and pointer, at the boundary and above.
    for tranche in ["62345.66", "70000.00"] {
        set(&mut v, "/contract/mid_term_tranche", json!(tranche));
        match eval.evaluate(&evidence(&v)) {
            Err(DecisionError::Evidence(issues)) => assert!(issues.iter().any(|i| {
                i.code == "tranche_leaves_nothing" && i.pointer == "/contract/mid_term_tranche"
            })),
            other => panic!("{tranche}: {other:?}"),
        }
    }
    // One fen below: released, one fen left for the final.
    set(&mut v, "/contract/mid_term_tranche", json!("62345.65"));
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.payment.release.to_string(), "62345.65");
    assert_eq!(d.payment.withheld.to_string(), "0.01");
    // No tranche: nothing now.
    remove(&mut v, "/contract/mid_term_tranche");
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.payment.status, PaymentStatus::DeferredToFinal);
    assert_eq!(d.payment.release.to_string(), "0.00");
    // Fully paid: nothing remains.
    set(&mut v, "/contract/paid", json!("312345.67"));
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.payment.remaining.to_string(), "0.00");
}

#[test]
fn an_overpaid_contract_is_an_input_error() {
    let mut v = base();
    set(&mut v, "/contract/paid", json!("300000.01"));
    match Evaluator::dongying().evaluate(&evidence(&v)) {
        Err(DecisionError::Evidence(issues)) => {
            assert!(
                issues
                    .iter()
                    .any(|i| i.code == "overpaid" && i.pointer == "/contract/paid")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn evaluated_after_the_measure_ended() {
    // Contract signed under the measure, evaluated on 2025-11-20, after it ended on 2025-11-14.
    let mut v = base();
    set(&mut v, "/contract/term_end", json!("2025-12-31"));
    set(
        &mut v,
        "/evaluation/project_year_start",
        json!("2025-01-01"),
    );
    set(&mut v, "/evaluation/date", json!("2025-11-20"));
    set(&mut v, "/training", json!([]));
    set(&mut v, "/supervision", json!([]));
    set(
        &mut v,
        "/renewal",
        json!({"start": "2026-01-01", "end": "2027-12-31"}),
    );
    let d = Evaluator::dongying().evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.receipt.policy_version, "dongying-2022");
    assert_eq!(d.receipt.policy_in_force_until.to_string(), "2025-11-14");
    assert!(d.receipt.policy_ended_before_evaluation);
    assert!(
        d.warnings
            .iter()
            .any(|w| w.code == "policy_ended" && w.message.en.contains("2025-11-14"))
    );
    assert_eq!(d.renewal.status, RenewalStatus::Undetermined);
    assert!(
        d.renewal
            .reasons
            .iter()
            .any(|r| r.code == "policy_ended" && r.articles == ["45"])
    );
}

#[test]
fn renewal_after_the_measure_is_undetermined_even_when_evaluated_in_force() {
    let mut v = base();
    set(
        &mut v,
        "/renewal",
        json!({"start": "2025-11-15", "end": "2027-11-14"}),
    );
    let d = Evaluator::dongying().evaluate(&evidence(&v)).unwrap();
    assert!(!d.receipt.policy_ended_before_evaluation);
    assert_eq!(d.renewal.status, RenewalStatus::Undetermined);
    set(
        &mut v,
        "/renewal",
        json!({"start": "2025-11-14", "end": "2027-11-13"}),
    );
    let d = Evaluator::dongying().evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.renewal.status, RenewalStatus::Eligible);
}

#[test]
fn renewal_needs_a_term_of_at_most_three_years_and_the_same_county() {
    let eval = Evaluator::dongying();
    let mut v = base();
    set(
        &mut v,
        "/renewal",
        json!({"start": "2025-01-01", "end": "2027-12-31"}),
    );
    assert_eq!(
        eval.evaluate(&evidence(&v)).unwrap().renewal.status,
        RenewalStatus::Eligible
    );
    set(
        &mut v,
        "/renewal",
        json!({"start": "2025-01-01", "end": "2028-01-01"}),
    );
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.renewal.status, RenewalStatus::Ineligible);
    assert!(
        d.renewal
            .reasons
            .iter()
            .any(|r| r.code == "renewal_term_too_long" && r.articles == ["25"])
    );
    let mut v = base();
    set(&mut v, "/contractor/county", json!("垦利区"));
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.verdict, Verdict::Pass);
    assert_eq!(d.renewal.status, RenewalStatus::Ineligible);
    assert!(
        d.renewal
            .reasons
            .iter()
            .any(|r| r.code == "contractor_outside_county" && r.articles == ["22"])
    );
    assert!(d.actions.iter().any(|a| a.kind == ActionKind::NoRenewal));
    assert!(!d.actions.iter().any(|a| a.kind == ActionKind::ReProcure));
}

#[test]
fn no_version_in_force_is_an_explicit_error_unless_named() {
    let mut v = base();
    set(&mut v, "/contract/award_notice_date", json!("2022-11-10"));
    set(&mut v, "/contract/signed_on", json!("2022-11-14"));
    let err = Evaluator::dongying().evaluate(&evidence(&v)).unwrap_err();
    assert!(matches!(err, DecisionError::Policy(_)), "{err}");
    assert!(err.to_string().contains("2022-11-14"));
    let named = Evaluator {
        policy_version: Some("dongying-2022".into()),
        ..Evaluator::dongying()
    };
    assert!(named.evaluate(&evidence(&v)).is_ok());
}

#[test]
fn every_unmet_rectify_gate_is_one_rectification_item() {
    let mut v = base();
    set(&mut v, "/signage/brand_mark", json!(false)); // advisory: no action
    set(&mut v, "/records/info_system_entries", json!(false)); // rectify
    set(&mut v, "/premises/archive_room", json!(false)); // rectify
    let d = Evaluator::dongying().evaluate(&evidence(&v)).unwrap();
    let rectify: Vec<String> = d
        .actions
        .iter()
        .filter(|a| a.kind == ActionKind::Rectify)
        .map(|a| a.gate.unwrap().to_string())
        .collect();
    assert_eq!(
        rectify,
        [
            "art10.functional_areas",
            "art26.reports_filed",
            "art26.info_system"
        ]
    );
    let a = d
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::Rectify)
        .unwrap();
    assert_eq!(a.deadline.unwrap().to_string(), "2025-01-09"); // 30 days after 2024-12-10
    assert!(a.articles.iter().any(|x| x == "10") && a.articles.iter().any(|x| x == "28"));
}

#[test]
fn a_contractor_that_has_left_is_not_renewed() {
    let mut v = base();
    set(
        &mut v,
        "/departure",
        json!({"left_on": "2024-12-10", "handover": {"date": "2024-12-10", "with_list": true, "signed_agreement": true}}),
    );
    let d = Evaluator::dongying().evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.verdict, Verdict::Pass);
    assert_eq!(d.payment.status, PaymentStatus::ReleasedInFull);
    assert_eq!(d.renewal.status, RenewalStatus::Ineligible);
    assert!(
        d.renewal
            .reasons
            .iter()
            .any(|r| r.code == "contractor_left")
    );
    assert!(d.actions.iter().any(|a| a.kind == ActionKind::NoRenewal));
    // Leaving after the evaluation date has not happened yet.
    set(&mut v, "/departure", json!({"left_on": "2024-12-11"}));
    let d = Evaluator::dongying().evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.renewal.status, RenewalStatus::Eligible);
}

#[test]
fn art25_signing_period_past_the_calendar() {
    // The official calendar ends with 2026. Ten days after 2026-12-25 is 2027-01-04,
    // which it cannot check for days off. A signing within the plain ten days is in time
    // whatever the calendar says (the period can only be extended); a later one cannot
    // be judged.
    let mut v = base();
    set(&mut v, "/contract/award_notice_date", json!("2026-12-25"));
    set(&mut v, "/contract/signed_on", json!("2027-01-04"));
    check(&v, GateId::Art25SignedWithin10Days, Met);
    set(&mut v, "/contract/signed_on", json!("2027-01-05"));
    check(&v, GateId::Art25SignedWithin10Days, Insufficient);
}

// ---- Issue 11: fidelity to the measure, round two ----

/// Appends a worker to the roster.
fn add_worker(v: &mut Value, id: &str, provided_by: &str, full_time: bool) {
    v["staff"]["workers"].as_array_mut().unwrap().push(json!({
        "id": id, "name": "helper", "provided_by": provided_by, "full_time": full_time,
        "birth_date": "1995-01-01", "entry_date": "2023-06-01", "education": "below_junior_college"
    }));
}

#[test]
fn resident_workers_are_full_time_for_every_rule() {
    // Two full-time contractor workers plus a part-time contractor helper do not make
    // the contractor's 2… of 3: w3 part-time leaves contractor residents w2, w4 = 2
    // (met); w4 part-time too leaves 1 (not met), whatever the roster's length.
    let mut v = base();
    set(&mut v, "/staff/workers/2/full_time", json!(false));
    check(&v, GateId::Art12StaffSplit, Met);
    set(&mut v, "/staff/workers/3/full_time", json!(false));
    check(&v, GateId::Art12StaffSplit, NotMet);
    check(&v, GateId::Art12MinStaff, NotMet);
    // A part-time township helper does not break a correct split (township 1–2).
    let mut v = base();
    set(&mut v, "/staff/workers/1/provided_by", json!("township"));
    set(&mut v, "/staff/workers/3/provided_by", json!("contractor"));
    add_worker(&mut v, "h1", "township", false);
    // township residents w1, w2 = 2; contractor w3, w4 = 2
    check(&v, GateId::Art12StaffSplit, Met);
    add_worker(&mut v, "h2", "township", true);
    check(&v, GateId::Art12StaffSplit, NotMet);
    // Nor does the helper fail the qualification rules (h1 has only high school and
    // no qualification) or the hours rules (no hours recorded for h1).
    let mut v = base();
    add_worker(&mut v, "h1", "contractor", false);
    check(&v, GateId::Art12Education, Met);
    check(&v, GateId::Art31Training48h, Met);
    check(&v, GateId::Art32Supervision48h, Met);
    set(&mut v, "/staff/workers/4/full_time", json!(true));
    check(&v, GateId::Art12Education, NotMet);
    check(&v, GateId::Art31Training48h, NotMet);
    // Office area per resident worker: 18 m² for 3 residents is 6 (met); the helper
    // does not divide it.
    let mut v = base();
    set(&mut v, "/premises/office_area_m2", json!("18"));
    set(&mut v, "/staff/workers/3/full_time", json!(false));
    check(&v, GateId::Art10OfficeArea, Met);
    set(&mut v, "/staff/workers/3/full_time", json!(true));
    check(&v, GateId::Art10OfficeArea, NotMet);
}

#[test]
fn a_part_time_helper_is_not_counted_in_a4() {
    let eval = Evaluator::dongying();
    let mut v = base();
    // w4 (no qualification) part-time: every resident worker is qualified.
    set(&mut v, "/staff/workers/3/full_time", json!(false));
    let d = eval.evaluate(&evidence(&v)).unwrap();
    let a4 = d.scorecard.nodes.iter().find(|n| n.id == "A4").unwrap();
    let item = |id: &str| {
        a4.inputs
            .iter()
            .find(|i| i.item == id)
            .unwrap()
            .points
            .to_string()
    };
    assert_eq!(item("all_qualified"), "1");
    assert_eq!(item("min_staff"), "2");
    assert_eq!(item("split"), "1");
}

#[test]
fn a_leaver_stops_counting_the_day_after_leaving() {
    // Evaluation on 2024-12-10: w4 leaving that day still counts; leaving the day
    // before, w4 is no longer a resident worker (3 remain: met; then 2: not met).
    let mut v = base();
    set(&mut v, "/staff/workers/3/left_on", json!("2024-12-10"));
    set(&mut v, "/staff/workers/2/full_time", json!(false));
    check(&v, GateId::Art12MinStaff, Met);
    set(&mut v, "/staff/workers/3/left_on", json!("2024-12-09"));
    check(&v, GateId::Art12MinStaff, NotMet);
    // Leaving before entering contradicts itself.
    set(&mut v, "/staff/workers/3/left_on", json!("2023-02-28"));
    match Evaluator::dongying().evaluate(&evidence(&v)) {
        Err(DecisionError::Evidence(issues)) => assert!(issues.iter().any(|i| {
            i.code == "contradictory_dates" && i.pointer == "/staff/workers/3/left_on"
        })),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_leaver_owes_hours_pro_rata() {
    // Project year 2024 (366 days). w4 leaves on 2024-06-30: 182 days of the year,
    // so 48 × 182 / 366 = 23.868… supervision hours are owed.
    let mut v = base();
    set(&mut v, "/staff/workers/3/left_on", json!("2024-06-30"));
    let mut sup: Vec<Value> = v["supervision"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["worker"] != "w4")
        .cloned()
        .collect();
    sup.push(json!({"worker": "w4", "date": "2024-03-01", "hours": "23.87"}));
    set(&mut v, "/supervision", json!(sup.clone()));
    check(&v, GateId::Art32Supervision48h, Met);
    sup.last_mut().unwrap()["hours"] = json!("23.86");
    set(&mut v, "/supervision", json!(sup));
    check(&v, GateId::Art32Supervision48h, NotMet);
    // Left before the project year began: not held to it at all.
    set(&mut v, "/staff/workers/3/left_on", json!("2023-12-31"));
    check(&v, GateId::Art32Supervision48h, Met);
}

fn deadline_of(v: &Value, gate: GateId) -> String {
    let d = Evaluator::dongying().evaluate(&evidence(v)).unwrap();
    d.actions
        .iter()
        .find(|a| a.kind == ActionKind::Rectify && a.gate == Some(gate))
        .unwrap()
        .deadline
        .unwrap()
        .to_string()
}

#[test]
fn rectification_deadlines_end_on_a_working_day() {
    // 30 calendar days (assumed) from the evaluation; the sample station misses a
    // briefing (art26.reports_filed, rectify).
    let mut v = base();
    // 2024-12-10 + 30 = Thursday 2025-01-09, a working day.
    assert_eq!(deadline_of(&v, GateId::Art26ReportsFiled), "2025-01-09");
    // 2024-12-02 + 30 = 2025-01-01, New Year's Day: Thursday 2025-01-02.
    remove(&mut v, "/reports/filings"); // the annual report was filed on 2024-12-05
    set(&mut v, "/evaluation/date", json!("2024-12-02"));
    assert_eq!(deadline_of(&v, GateId::Art26ReportsFiled), "2025-01-02");
    // 2024-11-29 + 30 = Sunday 2024-12-29: Monday 2024-12-30.
    set(&mut v, "/evaluation/date", json!("2024-11-29"));
    set(&mut v, "/reports/monthly_briefings", json!(9));
    assert_eq!(deadline_of(&v, GateId::Art26ReportsFiled), "2024-12-30");
}

#[test]
fn a_failing_mid_term_orders_rectification_and_leaves_renewal_to_the_final() {
    let mut v = base();
    set(&mut v, "/evaluation/kind", json!("mid_term"));
    for k in [
        "archives",
        "fund_use",
        "needs_research",
        "service_plan",
        "resource_linkage",
        "appraisal",
        "innovation",
    ] {
        if v["levels"].get(k).is_some() {
            set(&mut v, &format!("/levels/{k}"), json!("D"));
        }
    }
    set(&mut v, "/finance/ledger_per_sub_project", json!(false));
    set(&mut v, "/finance/payments_documented", json!(false));
    let d = Evaluator::dongying().evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.verdict, Verdict::Fail);
    assert_eq!(d.renewal.status, RenewalStatus::Undetermined);
    let codes: Vec<&str> = d.renewal.reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["mid_term"]);
    assert!(
        d.renewal.reasons[0]
            .message
            .en
            .contains("final evaluation decides")
    );
    let general = d
        .actions
        .iter()
        .find(|a| a.kind == ActionKind::Rectify && a.gate.is_none())
        .unwrap();
    assert!(general.deadline.is_some());
    assert!(general.message.en.contains("below 60"));
    for a in d.actions.iter().filter(|a| a.kind == ActionKind::Rectify) {
        assert!(a.deadline.is_some());
    }
}

#[test]
fn verdict_reasons_say_why() {
    let eval = Evaluator::dongying();
    let d = eval.evaluate(&evidence(&base())).unwrap();
    assert_eq!(d.verdict_reasons.len(), 1);
    assert_eq!(d.verdict_reasons[0].code, "pass_mark_reached");
    assert_eq!(d.verdict_reasons[0].message.en, "87.50 reaches 60");
    let mut v = perfect();
    v["findings"] = json!([{"kind": "mixing_funds", "description": "x"}]);
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert_eq!(d.verdict, Verdict::Fail);
    let codes: Vec<(&str, Option<GateId>)> = d
        .verdict_reasons
        .iter()
        .map(|r| (r.code.as_str(), r.gate))
        .collect();
    assert_eq!(codes, [("veto_gate_not_met", Some(GateId::Art18NoMisuse))]);
    assert_eq!(
        d.verdict_reasons[0].message.en,
        "veto Art. 18, 19 no misuse of funds (art18.no_misuse)"
    );
    assert_eq!(
        d.verdict_reasons[0].message.zh,
        "一票否决：第18、19条 资金专款专用（art18.no_misuse）"
    );
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["verdict_reasons"][0]["gate"], "art18.no_misuse");
}

#[test]
fn one_project_year_one_action_per_gate() {
    let eval = Evaluator::dongying();
    let final_ = evidence(&base()); // misses 1 of 11 briefings
    let mut mid = base();
    set(&mut mid, "/evaluation/kind", json!("mid_term"));
    set(&mut mid, "/evaluation/date", json!("2024-06-28"));
    remove(&mut mid, "/reports/filings");
    set(&mut mid, "/reports/monthly_briefings", json!(4)); // 5 due
    set(&mut mid, "/training", json!([]));
    set(&mut mid, "/supervision", json!([]));
    let y = eval
        .evaluate_year(&ProjectYear {
            evaluations: vec![evidence(&mid), final_],
        })
        .unwrap();
    let reports: Vec<_> = y
        .actions
        .iter()
        .filter(|a| a.gate == Some(GateId::Art26ReportsFiled))
        .collect();
    assert_eq!(reports.len(), 1, "{:?}", y.actions);
    assert_eq!(reports[0].deadline.unwrap().to_string(), "2025-01-09");
    let cited: Vec<String> = reports[0]
        .evaluations
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(cited, ["2024-06-28", "2024-12-10"]);
    // The standard's warning holds for the year too.
    assert!(
        y.warnings
            .iter()
            .any(|w| w.code == "reconstructed_standard")
    );
    assert_eq!(
        y.governed_by,
        Some(sws_eval::decision::GoverningFigure::FinalEvaluation)
    );
}

#[test]
fn art28_serious_deviation_and_art25_failed_inspection() {
    let eval = Evaluator::dongying();
    let mut v = base();
    check(&v, GateId::Art28NoSeriousDeviation, Met);
    check(&v, GateId::Art25InspectionPassed, Met);
    v["findings"] = json!([{"kind": "serious_deviation", "description": "x"}]);
    check(&v, GateId::Art28NoSeriousDeviation, NotMet);
    check(&v, GateId::Art25InspectionPassed, Met);
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert!(
        d.actions.iter().any(|a| a.kind == ActionKind::SuspendOrStop
            && a.gate == Some(GateId::Art28NoSeriousDeviation))
    );
    v["findings"] = json!([{"kind": "failed_inspection", "description": "x"}]);
    check(&v, GateId::Art25InspectionPassed, NotMet);
    let d = eval.evaluate(&evidence(&v)).unwrap();
    assert!(
        d.actions
            .iter()
            .any(|a| a.kind == ActionKind::ChangeOrTerminateContract && a.articles == ["25"])
    );
    remove(&mut v, "/findings");
    check(&v, GateId::Art25InspectionPassed, Insufficient);
    check(&v, GateId::Art28NoSeriousDeviation, Insufficient);
}

#[test]
fn an_evaluator_that_is_not_independent_is_flagged() {
    let eval = Evaluator::dongying();
    let warned = |v: &Value| {
        eval.evaluate(&evidence(v))
            .unwrap()
            .warnings
            .iter()
            .any(|w| w.code == "evaluator_not_independent")
    };
    let mut v = base();
    assert!(!warned(&v));
    set(&mut v, "/evaluation/evaluator_kind", json!("purchaser"));
    assert!(warned(&v));
    set(&mut v, "/evaluation/evaluator_kind", json!("third_party"));
    assert!(!warned(&v));
    // Named like the contractor: the contractor evaluated itself.
    let name = v["contractor"]["name"].clone();
    set(&mut v, "/evaluation/evaluator", name);
    assert!(warned(&v));
}
