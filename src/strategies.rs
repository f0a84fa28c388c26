//! [proptest](mod@proptest) strategies for the engine's inputs, for downstream regression tests
//! (behind the `proptest` cargo feature).
//!
//! A policy team that changes a standard or a parameter can state what must *not*
//! move and let proptest search for a counter-example:
//!
//! - [`evidence`]: valid, realistic evidence of one evaluation (passes
//!   [`Evidence::check`] and scores under the default standard without error), with
//!   every optional section sometimes missing;
//! - [`standard`]: valid standards (trees whose maxima add up, every rule well formed,
//!   every fact from the catalogue, grade bands without gap or overlap) that score any
//!   evidence from [`evidence`] without error;
//! - [`policy`] and [`policy_set`]: policy versions with the measure's parameters and
//!   gate severities varied within their valid ranges;
//! - [`project_year`]: a project year's evaluations (mid-terms, then at most one final)
//!   of one station.
//!
//! # Example: a downstream regression test
//!
//! Raising the training threshold from 48 h to 60 h (in the policy's gate and in the
//! standard's A5.1 leaf) is a tightening: it must never turn a fail into a pass.
//!
//! ```
//! use proptest::prelude::*;
//! use sws_eval::{calendar::WorkCalendar, decision::{evaluate, Verdict},
//!     policy::PolicySet, standard::{Rule, Standard}, strategies};
//!
//! fn raise_training_to(hours: &str) -> (sws_eval::CompiledStandard, sws_eval::Policy) {
//!     let mut std = Standard::dongying_2022();
//!     let a51 = &mut std.dimensions[0].children[4].children[0];
//!     if let Some(Rule::Deduct { deficiencies }) = &mut a51.rule {
//!         deficiencies[0].params.insert("hours".into(), hours.parse().unwrap());
//!     }
//!     let mut policy = PolicySet::dongying().versions[0].clone();
//!     policy.parameters.min_training_hours.value = hours.parse().unwrap();
//!     (std.compile().unwrap(), policy)
//! }
//!
//! let (std48, policy48) = raise_training_to("48");
//! let (std60, policy60) = raise_training_to("60");
//! let calendar = WorkCalendar::china_official();
//! proptest!(ProptestConfig::with_cases(32), |(ev in strategies::evidence())| {
//!     let before = evaluate(&std48, &policy48, &calendar, &ev).unwrap();
//!     let after = evaluate(&std60, &policy60, &calendar, &ev).unwrap();
//!     prop_assert!(!(before.verdict == Verdict::Fail && after.verdict == Verdict::Pass));
//!     prop_assert!(after.scorecard.total <= before.scorecard.total);
//! });
//! ```

use std::collections::BTreeMap;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;

use crate::date::Date;
use crate::decision::ProjectYear;
use crate::evidence::{
    Contract, ContractClauses, Contractor, Education, EvaluationInfo, EvaluationKind, Evidence,
    Finance, Finding, FindingKind, Levels, PlannedDelivered, Premises, ProvidedBy, Qualification,
    QualificationKind, Records, RenewalProposal, Reports, Services, Signage, Staff, Station,
    Structure, SupervisionRecord, Supervisor, SurveyCount, Surveys, Text, TrainingProvider,
    TrainingRecord, Worker, WrittenRules,
};
use crate::facts::{FactKind, catalogue};
use crate::gates::{GateId, Severity};
use crate::num::{Area, Hours, Money, Points, Threshold};
use crate::policy::{Combination, GateSetting, Policy, PolicySet, Weights};
use crate::standard::{
    ChecklistItem, Condition, Deficiency, Effective, Grade, GradeBand, LevelPoints, Node,
    Provenance, ProvenanceInfo, Rule, Standard, Step,
};

/// The project year every generated evaluation belongs to.
const YEAR_START: (i16, i8, i8) = (2024, 1, 1);

fn day(y: i16, m: i8, d: i8) -> Date {
    Date::new(y, m, d).unwrap_or_else(|_| fallback_date())
}

fn fallback_date() -> Date {
    // 2024-01-01 always exists; this keeps the strategies free of `unwrap`.
    "2024-01-01".parse().unwrap_or_else(|_| fallback_date())
}

fn plus(d: Date, days: i32) -> Date {
    d.add_days(days).unwrap_or(d)
}

fn money(fen: i64) -> Money {
    Money::new(Decimal::new(fen, 2)).unwrap_or(Money::ZERO)
}

fn hours(centi: i64) -> Hours {
    Hours::new(Decimal::new(centi, 2)).unwrap_or(Hours::ZERO)
}

fn points(centi: i64) -> Points {
    Points::new(Decimal::new(centi, 2)).unwrap_or(Points::ZERO)
}

fn threshold(v: i64, scale: u32) -> Threshold {
    Threshold::new(Decimal::new(v, scale)).unwrap_or(Threshold::ZERO)
}

fn text(s: &str) -> Text {
    Text {
        zh: s.to_owned(),
        en: s.to_owned(),
    }
}

/// `Some` most of the time, `None` (the section was not inspected) now and then.
fn mostly<T: std::fmt::Debug + Clone + 'static>(
    s: impl Strategy<Value = T> + 'static,
) -> BoxedStrategy<Option<T>> {
    prop_oneof![9 => s.prop_map(Some), 1 => Just(None)].boxed()
}

fn level() -> BoxedStrategy<Option<String>> {
    mostly(select(vec!["A", "B", "C", "D"]).prop_map(str::to_owned))
}

fn qualifications(latest: Date) -> impl Strategy<Value = Vec<Qualification>> {
    vec(
        (
            prop_oneof![
                Just(QualificationKind::SocialWorkDegree),
                Just(QualificationKind::NationalCertificate)
            ],
            0..3000i32,
        )
            .prop_map(move |(kind, back)| Qualification {
                kind,
                obtained_on: plus(latest, -back),
            }),
        0..3,
    )
}

fn worker(i: usize, latest_entry: Date) -> impl Strategy<Value = Worker> {
    (
        prop_oneof![Just(ProvidedBy::Township), Just(ProvidedBy::Contractor)],
        prop::bool::weighted(0.9),
        (0..700i32, 20..45i32, 0..365i32),
        prop_oneof![
            1 => Just(Education::BelowJuniorCollege),
            3 => Just(Education::JuniorCollege),
            4 => Just(Education::Bachelor),
            1 => Just(Education::Master),
        ],
        qualifications(latest_entry),
    )
        .prop_map(
            move |(provided_by, full_time, (entry_back, age, extra), education, qualifications)| {
                let entry_date = plus(latest_entry, -entry_back);
                Worker {
                    id: format!("w{}", i + 1),
                    name: format!("社工{}", i + 1),
                    provided_by,
                    full_time,
                    birth_date: plus(entry_date, -(age * 365 + extra)),
                    entry_date,
                    education,
                    qualifications,
                    left_on: None,
                }
            },
        )
}

fn planned_delivered() -> impl Strategy<Value = PlannedDelivered> {
    (1..60u32, 0..80u32).prop_map(|(planned, delivered)| PlannedDelivered { planned, delivered })
}

fn survey() -> impl Strategy<Value = SurveyCount> {
    (1..200u32, 0..=100u32).prop_map(|(respondents, pct)| SurveyCount {
        respondents,
        positive: respondents * pct / 100,
    })
}

fn sessions(
    workers: usize,
    start: Date,
    eval: Date,
) -> impl Strategy<Value = Vec<(String, Date, Hours, TrainingProvider)>> {
    let span = start.days_until(eval).max(0);
    vec(
        (
            0..workers.max(1),
            0..=span,
            0..2400i64,
            prop_oneof![
                3 => Just(TrainingProvider::CivilAffairsBureau),
                2 => Just(TrainingProvider::IncubationBase),
                2 => Just(TrainingProvider::IndustryBody),
                1 => Just(TrainingProvider::Other),
            ],
        )
            .prop_map(move |(w, d, h, p)| (format!("w{}", w + 1), plus(start, d), hours(h), p)),
        if workers == 0 { 0..1 } else { 0..20 },
    )
}

fn finding() -> impl Strategy<Value = Finding> {
    prop_oneof![
        Just(FindingKind::MixingFunds),
        Just(FindingKind::DivertingFunds),
        Just(FindingKind::MisappropriatingFunds),
        Just(FindingKind::OutsidePurpose),
        Just(FindingKind::FalsifiedRecords),
        Just(FindingKind::SafetyIncident),
        Just(FindingKind::EthicsBreach),
        Just(FindingKind::SeriousDeviation),
        Just(FindingKind::FailedInspection),
    ]
    .prop_map(|kind| Finding {
        kind,
        description: "finding".into(),
    })
}

/// Valid, realistic evidence of one evaluation of project year 2024 (contract signed
/// in 2022-12, in force under the measure): it passes [`Evidence::check`] and scores
/// under the default standard without an input error. Roughly one evaluation in five
/// is a mid-term; every optional section is sometimes missing; findings, departures
/// and proposed renewals appear now and then.
pub fn evidence() -> impl Strategy<Value = Evidence> {
    prop_oneof![1 => Just(EvaluationKind::MidTerm), 4 => Just(EvaluationKind::Final)]
        .prop_flat_map(|kind| {
            let (y, m, d) = YEAR_START;
            let start = day(y, m, d);
            let date = match kind {
                EvaluationKind::MidTerm => (150..200i32).prop_map(move |n| plus(start, n)).boxed(),
                EvaluationKind::Final => (300..366i32).prop_map(move |n| plus(start, n)).boxed(),
            };
            (Just(kind), date, 0..7usize)
        })
        .prop_flat_map(|(kind, date, n_workers)| evidence_with(kind, date, n_workers))
}

fn evidence_with(
    kind: EvaluationKind,
    date: Date,
    n_workers: usize,
) -> impl Strategy<Value = Evidence> {
    let (y, m, d) = YEAR_START;
    let start = day(y, m, d);
    // Workers entered before the earliest mid-term date, so a project year can reuse them.
    let latest_entry = day(2024, 5, 1);
    let workers: Vec<_> = (0..n_workers).map(|i| worker(i, latest_entry)).collect();
    let head = (
        (
            prop::bool::weighted(0.95),
            prop_oneof![8 => Just(Some(true)), 1 => Just(Some(false)), 1 => Just(None)],
            prop_oneof![8 => Just(Some(true)), 1 => Just(Some(false)), 1 => Just(None)],
        ),
        (0..16i32, 10_000_000..50_000_000i64, 0..=100i64, 0..4i32),
        mostly(
            (1..3u32, 1..5u32).prop_map(|(main_projects, sub_projects)| Structure {
                main_projects,
                sub_projects,
            }),
        ),
        mostly(premises()),
        mostly((any::<bool>(), any::<bool>()).prop_map(|(a, b)| Signage {
            station_plate_with_logo: a || b,
            brand_mark: b,
        })),
        mostly(written_rules()),
        mostly(
            (workers, qualifications(date)).prop_map(|(workers, quals)| Staff {
                supervisor: Supervisor {
                    name: "主管".into(),
                    qualifications: quals,
                },
                workers,
            }),
        ),
    );
    let tail = (
        mostly(sessions(n_workers, start, date)),
        mostly(sessions(n_workers, start, date)),
        mostly(
            (any::<bool>(), any::<bool>(), any::<bool>(), 0..12u32).prop_map(|(a, b, c, y)| {
                Records {
                    info_system_entries: a,
                    service_records_kept: b || a,
                    financial_records_kept: c || a,
                    retention_years: y,
                    accounting_archives_long_term: (y % 3 != 0).then_some(b || y > 4),
                }
            }),
        ),
        mostly(finance()),
        mostly(services()),
        mostly(
            (0..13u32, any::<bool>(), any::<bool>()).prop_map(|(b, m, a)| Reports {
                monthly_briefings: b,
                mid_term_report: m,
                annual_report: a,
                filings: None,
            }),
        ),
        mostly(
            (mostly(survey()), mostly(survey())).prop_map(|(s, a)| Surveys {
                satisfaction: s,
                awareness: a,
            }),
        ),
        mostly(
            (
                level(),
                level(),
                level(),
                level(),
                level(),
                level(),
                level(),
            )
                .prop_map(|(a, b, c, d, e, f, g)| Levels {
                    archives: a,
                    fund_use: b,
                    needs_research: c,
                    service_plan: d,
                    resource_linkage: e,
                    appraisal: f,
                    innovation: g,
                }),
        ),
        prop_oneof![8 => Just(Some(Vec::new())), 1 => vec(finding(), 1..3).prop_map(Some), 1 => Just(None)],
        prop_oneof![3 => (0..800i32, 1..4i16).prop_map(Some), 1 => Just(None)],
    );
    (head, tail).prop_map(move |(head, tail)| {
        let (
            (same_county, registered, main_business),
            (sign_after, price_fen, paid_pct, term_years),
            structure,
            premises,
            signage,
            written_rules,
            staff,
        ) = head;
        let (
            training,
            supervision,
            records,
            finance,
            services,
            reports,
            surveys,
            levels,
            findings,
            renewal,
        ) = tail;
        let award = day(2022, 12, 1);
        let price = price_fen - price_fen % 100;
        let paid = price * paid_pct / 100;
        let project_start = day(2023, 1, 1);
        let term_end = plus(
            project_start
                .add_years(term_years as i16)
                .unwrap_or(project_start),
            -1,
        );
        Evidence {
            station: Station {
                id: "DY-T-001".into(),
                name: "某街道社会工作服务站".into(),
                county: "东营区".into(),
                township: None,
            },
            contractor: Contractor {
                name: "某社会工作服务中心".into(),
                credit_code: None,
                county: if same_county {
                    "东营区"
                } else {
                    "垦利区"
                }
                .into(),
                lawfully_registered: registered,
                main_business_social_work: main_business,
            },
            contract: Contract {
                award_notice_date: Some(award),
                signed_on: plus(award, sign_after),
                project_start,
                term_end: term_end.max(project_start),
                price: money(price),
                paid: money(paid),
                mid_term_tranche: None,
                clauses: Some(ContractClauses {
                    service_content: true,
                    staffing: true,
                    term: true,
                    quantity: true,
                    quality: true,
                    price: true,
                    settlement: true,
                    rights_and_obligations: true,
                    liability: paid_pct % 7 != 0,
                    change_or_termination: true,
                }),
            },
            evaluation: EvaluationInfo {
                kind,
                date,
                project_year_start: day(YEAR_START.0, YEAR_START.1, YEAR_START.2),
                evaluator: None,
                evaluator_kind: None,
            },
            structure,
            premises,
            signage,
            written_rules,
            training: training.map(|list| {
                list.into_iter()
                    .map(|(worker, date, hours, provider)| TrainingRecord {
                        worker,
                        date,
                        hours,
                        provider,
                        category: None,
                        provider_level: None,
                        centralised: None,
                        title: None,
                    })
                    .collect()
            }),
            supervision: supervision.map(|list| {
                list.into_iter()
                    .map(|(worker, date, hours, _)| SupervisionRecord {
                        worker,
                        date,
                        hours,
                    })
                    .collect()
            }),
            staff,
            records,
            finance,
            services,
            reports,
            surveys,
            levels,
            findings,
            departure: None,
            renewal: renewal.map(|(offset, years)| {
                let s = plus(day(2025, 1, 1), offset);
                RenewalProposal {
                    start: s,
                    end: plus(s.add_years(years).unwrap_or(s), -1),
                }
            }),
            indicators: Default::default(),
            not_applicable: Default::default(),
        }
    })
}

fn premises() -> impl Strategy<Value = Premises> {
    (
        0..6000i64,
        prop::array::uniform8(prop::bool::weighted(0.85)),
    )
        .prop_map(|(area, f)| Premises {
            office_area_m2: Area::new(Decimal::new(area, 2) * Decimal::from(10))
                .unwrap_or(Area::ZERO),
            casework_room: f[0],
            group_work_room: f[1],
            activity_area: f[2],
            archive_room: f[3],
            desks_and_chairs: f[4],
            computer: f[5],
            printer: f[6],
            file_cabinets: f[7],
        })
}

fn written_rules() -> impl Strategy<Value = WrittenRules> {
    prop::array::uniform8(prop::bool::weighted(0.85)).prop_map(|f| WrittenRules {
        organisation_chart: f[0],
        procedures_and_standards: f[1],
        personnel: f[2],
        finance: f[3],
        volunteers: f[4],
        premises_use: f[5],
        archives: f[6],
        service_pledge: f[7],
    })
}

fn finance() -> impl Strategy<Value = Finance> {
    (
        prop::array::uniform3(prop::bool::weighted(0.85)),
        100..50_000_000i64,
        0..=100i64,
    )
        .prop_map(|(f, budget, pct)| Finance {
            ledger_per_sub_project: f[0],
            ledger_per_funding_source: f[1],
            budget_to_date: money(budget),
            spent_to_date: money(budget * pct / 100),
            payments_documented: f[2],
        })
}

fn services() -> impl Strategy<Value = Services> {
    (
        mostly(planned_delivered()),
        mostly(planned_delivered()),
        mostly(planned_delivered()),
        mostly(planned_delivered()),
        mostly(planned_delivered()),
    )
        .prop_map(|(a, b, c, d, e)| Services {
            casework: a,
            group_work: b,
            community_activities: c,
            visits: d,
            publicity: e,
        })
}

/// A project year of one station: up to two mid-term evaluations, then (usually) the
/// final one, in date order, sharing the station, contract and roster.
pub fn project_year() -> impl Strategy<Value = ProjectYear> {
    (
        evidence(),
        0..3usize,
        prop::bool::weighted(0.8),
        150..200i32,
    )
        .prop_map(|(mut ev, mids, with_final, first_mid)| {
            let (y, m, d) = YEAR_START;
            let start = day(y, m, d);
            if ev.evaluation.kind == EvaluationKind::MidTerm {
                // Move the generated evaluation to a final date (records stay valid).
                ev.evaluation.kind = EvaluationKind::Final;
                ev.evaluation.date = plus(start, 340);
            }
            let mut evaluations = Vec::new();
            for i in 0..mids {
                let date = plus(start, first_mid + 5 * i as i32);
                let mut mid = ev.clone();
                mid.evaluation.kind = EvaluationKind::MidTerm;
                mid.evaluation.date = date;
                if let Some(t) = &mut mid.training {
                    t.retain(|r| r.date <= date);
                }
                if let Some(s) = &mut mid.supervision {
                    s.retain(|r| r.date <= date);
                }
                evaluations.push(mid);
            }
            if with_final || evaluations.is_empty() {
                evaluations.push(ev);
            }
            ProjectYear { evaluations }
        })
}

// ---------------------------------------------------------------------------------
// Standards.

fn facts_of(kind: FactKind) -> Vec<&'static str> {
    catalogue()
        .iter()
        .filter(|f| f.kind == kind)
        .map(|f| f.name)
        .collect()
}

/// Parameters for a fact: each one it takes, with a value in 0..=60.
fn params_for(fact: &str, seed: u64) -> BTreeMap<String, Threshold> {
    catalogue()
        .iter()
        .find(|f| f.name == fact)
        .map(|f| {
            f.params
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let v = (seed / (i as u64 + 1)) % 61;
                    ((*p).to_owned(), threshold(v as i64, 0))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn condition(flag: bool) -> impl Strategy<Value = Condition> {
    let facts = facts_of(if flag {
        FactKind::Flag
    } else {
        FactKind::Number
    });
    (select(facts), any::<u64>(), 0..100i64, prop::bool::ANY).prop_map(
        move |(fact, seed, t, le)| {
            let (at_least, at_most) = match (flag, le) {
                (true, _) => (None, None),
                (false, false) => (Some(threshold(t, 1)), None),
                (false, true) => (None, Some(threshold(t, 1))),
            };
            Condition {
                fact: fact.to_owned(),
                params: params_for(fact, seed),
                at_least,
                at_most,
            }
        },
    )
}

/// Step thresholds strictly decreasing (in 1/10000), points non-increasing, ≤ `max`.
fn steps(max_centi: i64, top: i64) -> impl Strategy<Value = Vec<Step>> {
    vec((1..=top, 0..=max_centi), 1..5).prop_map(move |raw| {
        let mut ts: Vec<i64> = raw.iter().map(|(t, _)| *t).collect();
        ts.sort_unstable_by(|a, b| b.cmp(a));
        ts.dedup();
        let mut ps: Vec<i64> = raw.iter().map(|(_, p)| *p).collect();
        ps.sort_unstable_by(|a, b| b.cmp(a));
        ts.iter()
            .zip(ps)
            .map(|(t, p)| Step {
                at_least: threshold(*t, 4),
                points: points(p),
            })
            .collect()
    })
}

/// A leaf: a random rule over catalogue facts; returns the node and its max in 1/100.
fn leaf(id: String) -> impl Strategy<Value = (Node, i64)> {
    let max = 25..=1000i64;
    let rule = prop_oneof![
        (max.clone(), condition(true)).prop_map(|(m, when)| (Rule::Check { when }, m)),
        (max.clone(), condition(false)).prop_map(|(m, when)| (Rule::Check { when }, m)),
        vec(
            (
                1..=400i64,
                prop::bool::ANY,
                condition(true),
                condition(false)
            ),
            1..5
        )
        .prop_map(|items| {
            let sum = items.iter().map(|(p, ..)| *p).sum();
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, (p, flag, c1, c2))| ChecklistItem {
                    id: format!("i{i}"),
                    title: text("item"),
                    points: points(p),
                    when: if flag { c1 } else { c2 },
                })
                .collect();
            (Rule::Checklist { items }, sum)
        }),
        max.clone().prop_flat_map(|m| {
            (select(facts_of(FactKind::Pair)), steps(m, 20_000)).prop_map(move |(fact, steps)| {
                (
                    Rule::RatioSteps {
                        fact: fact.to_owned(),
                        steps,
                    },
                    m,
                )
            })
        }),
        max.clone().prop_flat_map(|m| {
            // Only rates that valid evidence keeps in [0, 1]; surveys need a sample.
            let rates = vec![
                "finance.budget_execution",
                "surveys.satisfaction",
                "surveys.awareness",
            ];
            (select(rates), 1..40u32, steps(m, 10_000)).prop_map(move |(fact, min, steps)| {
                let min_sample = fact.starts_with("surveys.").then_some(min);
                (
                    Rule::RateSteps {
                        fact: fact.to_owned(),
                        min_sample,
                        steps,
                    },
                    m,
                )
            })
        }),
        max.clone().prop_flat_map(|m| {
            (
                select(facts_of(FactKind::Level)),
                prop::array::uniform5(0..=m),
            )
                .prop_map(move |(fact, p)| {
                    let names = ["A", "B", "C", "D", "E"];
                    let levels = names
                        .iter()
                        .zip(p)
                        .map(|(n, p)| LevelPoints {
                            level: (*n).to_owned(),
                            points: points(p),
                        })
                        .collect();
                    (
                        Rule::Levels {
                            fact: fact.to_owned(),
                            levels,
                        },
                        m,
                    )
                })
        }),
        (
            max,
            vec(
                (select(facts_of(FactKind::Number)), any::<u64>(), 1..300i64),
                1..4
            )
        )
            .prop_map(|(m, ds)| {
                let deficiencies = ds
                    .into_iter()
                    .enumerate()
                    .map(|(i, (fact, seed, each))| Deficiency {
                        id: format!("d{i}"),
                        title: text("deficiency"),
                        fact: fact.to_owned(),
                        params: params_for(fact, seed),
                        points_each: points(each),
                    })
                    .collect();
                (Rule::Deduct { deficiencies }, m)
            }),
    ];
    rule.prop_map(move |(rule, m)| {
        (
            Node {
                id: id.clone(),
                title: text("leaf"),
                articles: vec!["26".into()],
                max: points(m),
                assumed: true,
                note: None,
                bonus: false,
                cap: None,
                weight: None,
                children: Vec::new(),
                rule: Some(rule),
            },
            m,
        )
    })
}

/// A node at `depth` (1 = dimension): a leaf, or (above the depth limit) a group of
/// 1–3 children whose maxima add up to its own.
fn node(id: String, depth: u32) -> BoxedStrategy<(Node, i64)> {
    if depth >= 3 {
        return leaf(id).boxed();
    }
    let group_id = id.clone();
    prop_oneof![
        2 => leaf(id),
        1 => (1..4usize).prop_flat_map(move |n| {
            let gid = group_id.clone();
            let children: Vec<_> = (0..n).map(|i| node(format!("{gid}.{}", i + 1), depth + 1)).collect();
            children.prop_map(move |kids| {
                let sum: i64 = kids.iter().map(|(_, m)| *m).sum();
                (
                    Node {
                        id: gid.clone(),
                        title: text("group"),
                        articles: Vec::new(),
                        max: points(sum),
                        assumed: true,
                        note: None,
                        bonus: false,
                        cap: None,
                        weight: None,
                        children: kids.into_iter().map(|(n, _)| n).collect(),
                        rule: None,
                    },
                    sum,
                )
            })
        }),
    ]
    .boxed()
}

/// Valid standards: 1–4 dimensions, trees up to 3 levels deep whose maxima add up,
/// every leaf one of the six rules over catalogue facts (levels always include A–D,
/// rates only read rates that valid evidence keeps in [0, 1]), and grade bands cut at
/// three increasing points of the total. Every one compiles, and scores any
/// [`evidence`] without an input error.
pub fn standard() -> impl Strategy<Value = Standard> {
    (1..5usize)
        .prop_flat_map(|n| {
            let dims: Vec<_> = (0..n).map(|i| node(format!("D{}", i + 1), 1)).collect();
            (dims, prop::array::uniform3(1..1000i64))
        })
        .prop_map(|(dims, cuts)| {
            let total: i64 = dims.iter().map(|(_, m)| *m).sum();
            // Three distinct cut points in (0, total], in 1/100.
            let mut c: Vec<i64> = cuts.iter().map(|c| 1 + (c * total.max(3)) / 1000).collect();
            c.sort_unstable();
            let (a, b, e) = match c.as_slice() {
                [a, b, e] => (*a, (*b).max(*a + 1), (*e).max((*b).max(*a + 1) + 1)),
                _ => (1, 2, 3),
            };
            let band = |grade, from: i64, below: Option<i64>| GradeBand {
                grade: Some(grade),
                id: None,
                label: None,
                passes: None,
                from: points(from),
                below: below.map(points),
            };
            Standard {
                id: "generated".into(),
                version: "0".into(),
                title: text("generated standard"),
                provenance: ProvenanceInfo {
                    kind: Provenance::Reconstruction,
                    note: "generated by sws_eval::strategies".into(),
                },
                effective: Effective {
                    from: day(2022, 11, 15),
                    until: None,
                },
                max_points: points(total),
                grades: vec![
                    band(Grade::Unqualified, 0, Some(a)),
                    band(Grade::Qualified, a, Some(b)),
                    band(Grade::Good, b, Some(e)),
                    band(Grade::Excellent, e, None),
                ],
                dimensions: dims.into_iter().map(|(n, _)| n).collect(),
                indicators: Vec::new(),
                total_cap: None,
                not_applicable: None,
                deductions: Vec::new(),
                vetoes: Vec::new(),
            }
        })
        .prop_filter("the top band must start within the total", |s| {
            s.grades.last().is_some_and(|b| b.from <= s.max_points)
        })
}

// ---------------------------------------------------------------------------------
// Policies.

fn severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::Advisory),
        Just(Severity::Rectify),
        Just(Severity::Veto)
    ]
}

/// Policy versions: the measure's version with every parameter varied within its valid
/// range (minimums never above maximums), every gate given a severity (the default
/// three times in four), and now and then a weighted combination of evaluations.
pub fn policy() -> impl Strategy<Value = Policy> {
    let base = PolicySet::dongying().versions.into_iter().next();
    (
        (
            0..4u32,
            1..4u32,
            0..3u32,
            2..10u32,
            0..3u32,
            0..3u32,
            1..4u32,
        ),
        (
            30..40u32,
            0..8u32,
            1..6u32,
            3..8u32,
            10..40u32,
            5..15u32,
            1..5u32,
        ),
        (24..72i64, 24..72i64, 2..10i64, 1..4u32),
        vec(
            prop_oneof![3 => Just(None), 1 => severity().prop_map(Some)],
            GateId::ALL.len(),
        ),
        prop_oneof![3 => Just(None), 1 => (0..=10i64).prop_map(Some)],
    )
        .prop_filter_map(
            "the built-in policy exists",
            move |(a, b, c, sev, weights)| {
                let mut p = base.clone()?;
                let q = &mut p.parameters;
                let (main, sub_min, sub_extra, area, t_min, t_extra, c_min) = a;
                q.main_projects.value = main.max(1);
                q.sub_projects_min.value = sub_min;
                q.sub_projects_max.value = sub_min + sub_extra;
                q.min_office_area_per_worker_m2.value = threshold(i64::from(area), 0);
                q.township_workers_min.value = t_min;
                q.township_workers_max.value = t_min + t_extra;
                q.contractor_workers_min.value = c_min;
                let (age, age_extra, quals, retention, handover, signing, term) = b;
                q.max_entry_age.value = age;
                q.max_entry_age_certified.value = age + age_extra;
                q.qualification_years.value = quals;
                q.records_retention_years.value = retention;
                q.handover_working_days.value = handover;
                q.signing_days.value = signing;
                q.max_term_years.value = term;
                let (train, sup, staff, evals) = c;
                q.min_training_hours.value = threshold(train, 0);
                q.min_supervision_hours.value = threshold(sup, 0);
                q.min_resident_workers.value = u32::try_from(staff).unwrap_or(3);
                q.min_evaluations_per_year.value = evals;
                p.gates = GateId::ALL
                    .iter()
                    .zip(sev)
                    .map(|(id, s)| GateSetting {
                        id: *id,
                        severity: s.unwrap_or_else(|| p.severity(*id)),
                    })
                    .collect();
                p.combination = Combination {
                    weighted: weights.map(|w| Weights {
                        mid_term: threshold(w, 1),
                        final_: threshold(10 - w, 1),
                    }),
                };
                Some(p)
            },
        )
}

/// A policy set of one generated version, in force over the measure's period (so it
/// governs every contract [`evidence`] generates).
pub fn policy_set() -> impl Strategy<Value = PolicySet> {
    policy().prop_map(|p| PolicySet { versions: vec![p] })
}
