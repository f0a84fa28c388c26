//! A reference scorer, written separately from the engine and deliberately plain: it
//! walks a `Standard` (not the compiled form) recursively and reads every fact straight
//! from the evidence's JSON with its own date arithmetic, comparing ratios by cross-
//! multiplication. It must agree with `sws_eval::score::score` on every node of every
//! generated standard and evidence.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use sws_eval::{date, decision, evidence, facts, gates, num, policy, standard};

#[allow(dead_code)]
#[path = "../src/strategies.rs"]
mod strategies;

use sws_eval::score::{NodeOutcome, score};
use sws_eval::standard::{CompiledStandard, Condition, Node, Rule, Standard};

// --------------------------------------------------------------------- plain dates

type Ymd = (i64, i64, i64);

fn ymd(v: &Value) -> Ymd {
    let s = v.as_str().unwrap();
    let p: Vec<i64> = s.split('-').map(|x| x.parse().unwrap()).collect();
    (p[0], p[1], p[2])
}

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn month_len(y: i64, m: i64) -> i64 {
    [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][(m - 1) as usize]
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn days(d: Ymd) -> i64 {
    let (mut y, m, day) = d;
    if m <= 2 {
        y -= 1;
    }
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The same day `n` months later, clamped to the month's end.
fn add_months(d: Ymd, n: i64) -> Ymd {
    let idx = d.0 * 12 + (d.1 - 1) + n;
    let (y, m) = (idx.div_euclid(12), idx.rem_euclid(12) + 1);
    (y, m, d.2.min(month_len(y, m)))
}

fn whole_months(from: Ymd, to: Ymd) -> i64 {
    if to <= from {
        return 0;
    }
    let mut m = (to.0 - from.0) * 12 + (to.1 - from.1);
    while m > 0 && add_months(from, m) > to {
        m -= 1;
    }
    m
}

/// Whole years reached on `on` (a 29 February birthday falls on 28 February).
fn age(birth: Ymd, on: Ymd) -> i64 {
    let mut a = on.0 - birth.0;
    if add_months(birth, 12 * a) > on {
        a -= 1;
    }
    a
}

// --------------------------------------------------------------------- facts

enum Fact {
    Flag(bool),
    Number(Decimal),
    Pair(Decimal, Decimal),
    Level(String),
}

fn dec(v: &Value) -> Decimal {
    match v {
        Value::String(s) => s.parse().unwrap(),
        Value::Number(n) => Decimal::from(n.as_u64().unwrap()),
        _ => panic!("not a number: {v}"),
    }
}

fn get<'a>(ev: &'a Value, ptr: &str) -> Option<&'a Value> {
    ev.pointer(ptr).filter(|v| !v.is_null())
}

fn flag_at(ev: &Value, ptr: &str) -> Option<Fact> {
    get(ev, ptr).map(|v| Fact::Flag(v.as_bool().unwrap()))
}

fn pair_at(ev: &Value, ptr: &str, num: &str, den: &str) -> Option<Fact> {
    let s = get(ev, ptr)?;
    Some(Fact::Pair(dec(&s[num]), dec(&s[den])))
}

fn qualified_by(quals: &Value, by: Ymd) -> bool {
    quals
        .as_array()
        .is_some_and(|q| q.iter().any(|x| ymd(&x["obtained_on"]) <= by))
}

/// A resident worker on `day`: full time and not left before `day`.
fn resident(w: &Value, day: Ymd) -> bool {
    w["full_time"] == true && w.get("left_on").is_none_or(|l| day <= ymd(l))
}

/// Resident workers under `annual` hours (pro rata at a mid-term, and to the last day
/// for a worker who left during the project year) in the project year.
fn below(ev: &Value, section: &str, annual: Decimal) -> Option<Fact> {
    let workers = get(ev, "/staff/workers")?.as_array()?;
    let records = get(ev, &format!("/{section}"))?.as_array()?;
    let start = ymd(&ev["evaluation"]["project_year_start"]);
    let eval = ymd(&ev["evaluation"]["date"]);
    let end = add_months(start, 12);
    let total = (days(end) - days(start)).max(1);
    let elapsed = (days(eval) - days(start)).clamp(0, total);
    let mid = ev["evaluation"]["kind"] == "mid_term";
    let mut n = 0;
    for w in workers {
        if w["full_time"] != true {
            continue;
        }
        let left = w.get("left_on").map(ymd);
        if left.is_some_and(|l| l < start) {
            continue;
        }
        let id = &w["id"];
        let h: Decimal = records
            .iter()
            .filter(|r| &r["worker"] == id)
            .filter(|r| {
                let d = ymd(&r["date"]);
                d >= start && d < end && d <= eval
            })
            .filter(|r| r.get("provider").is_none_or(|p| p != "other"))
            .map(|r| dec(&r["hours"]))
            .sum();
        // h < annual × covered / total, without dividing.
        let mut covered = if mid { elapsed } else { total };
        if let Some(l) = left {
            covered = covered.min((days(l) + 1 - days(start)).clamp(0, total));
        }
        let short = h * Decimal::from(total) < annual * Decimal::from(covered);
        n += i64::from(short);
    }
    Some(Fact::Number(Decimal::from(n)))
}

fn fact(ev: &Value, name: &str, p: &BTreeMap<String, Decimal>) -> Option<Fact> {
    let eval = ymd(&ev["evaluation"]["date"]);
    let (section, field) = name.split_once('.').unwrap();
    match (section, field) {
        // A declared indicator: its value as given in the evidence's open section.
        ("x", _) => {
            let v = ev.get("indicators")?.get(name)?;
            Some(match v {
                Value::Bool(b) => Fact::Flag(*b),
                Value::Number(n) => Fact::Number(Decimal::from(n.as_u64().unwrap())),
                Value::String(t) => match t.parse::<Decimal>() {
                    Ok(d) => Fact::Number(d),
                    Err(_) => Fact::Level(t.clone()),
                },
                Value::Object(o) => Fact::Pair(
                    o["numerator"].as_str().unwrap().parse().unwrap(),
                    o["denominator"].as_str().unwrap().parse().unwrap(),
                ),
                _ => panic!("indicator {name}: unexpected value {v}"),
            })
        }
        ("premises", "equipment_complete") => {
            let pr = get(ev, "/premises")?;
            Some(Fact::Flag(
                ["desks_and_chairs", "computer", "printer", "file_cabinets"]
                    .iter()
                    .all(|k| pr[*k] == true),
            ))
        }
        ("premises", "office_area_per_resident_worker") => {
            let area = dec(&get(ev, "/premises")?["office_area_m2"]);
            let n = get(ev, "/staff/workers")?
                .as_array()?
                .iter()
                .filter(|w| resident(w, eval))
                .count();
            Some(Fact::Number(if n == 0 {
                area
            } else {
                area / Decimal::from(n)
            }))
        }
        ("premises" | "signage", f) => flag_at(ev, &format!("/{section}/{f}")),
        ("rules", f) => flag_at(ev, &format!("/written_rules/{f}")),
        ("staff", f) => {
            let staff = get(ev, "/staff")?;
            let workers: Vec<&Value> = staff["workers"]
                .as_array()?
                .iter()
                .filter(|w| resident(w, eval))
                .collect();
            Some(match f {
                "full_time_resident_workers" => Fact::Number(Decimal::from(workers.len())),
                "split" => {
                    let t = workers
                        .iter()
                        .filter(|w| w["provided_by"] == "township")
                        .count();
                    let (t, c) = (Decimal::from(t), Decimal::from(workers.len() - t));
                    Fact::Flag(
                        t >= p["township_min"]
                            && t <= p["township_max"]
                            && c >= p["contractor_min"],
                    )
                }
                "entry_rules_met" => Fact::Flag(workers.iter().all(|w| {
                    let entry = ymd(&w["entry_date"]);
                    let a = Decimal::from(age(ymd(&w["birth_date"]), entry));
                    let cert = w["qualifications"].as_array().is_some_and(|q| {
                        q.iter().any(|x| {
                            x["kind"] == "national_certificate" && ymd(&x["obtained_on"]) <= entry
                        })
                    });
                    let age_ok = a <= p["max_age"] || (cert && a <= p["max_age_certified"]);
                    age_ok && w["education"] != "below_junior_college"
                })),
                "supervisor_qualified" => {
                    Fact::Flag(qualified_by(&staff["supervisor"]["qualifications"], eval))
                }
                "all_qualified" => Fact::Flag(
                    workers
                        .iter()
                        .all(|w| qualified_by(&w["qualifications"], eval)),
                ),
                _ => panic!("unknown staff fact {f}"),
            })
        }
        ("training" | "supervision", _) => below(ev, section, p["hours"]),
        ("records", "retained") => {
            let r = get(ev, "/records")?;
            Some(Fact::Flag(
                r["service_records_kept"] == true
                    && r["financial_records_kept"] == true
                    && dec(&r["retention_years"]) >= p["years"],
            ))
        }
        ("records", f) => flag_at(ev, &format!("/records/{f}")),
        ("finance", "separate_ledgers") => {
            let f = get(ev, "/finance")?;
            Some(Fact::Flag(
                f["ledger_per_sub_project"] == true && f["ledger_per_funding_source"] == true,
            ))
        }
        ("finance", "budget_execution") => {
            pair_at(ev, "/finance", "spent_to_date", "budget_to_date")
        }
        ("finance", f) => flag_at(ev, &format!("/finance/{f}")),
        ("services", f) => pair_at(ev, &format!("/services/{f}"), "delivered", "planned"),
        ("surveys", f) => pair_at(ev, &format!("/surveys/{f}"), "positive", "respondents"),
        ("reports", f) => {
            let r = get(ev, "/reports")?;
            let n = match f {
                "missing_monthly_briefings" => {
                    let due =
                        whole_months(ymd(&ev["evaluation"]["project_year_start"]), eval).min(12);
                    (due - r["monthly_briefings"].as_i64().unwrap()).max(0)
                }
                "missing_mid_term" => i64::from(r["mid_term_report"] != true),
                "missing_annual" => {
                    i64::from(ev["evaluation"]["kind"] == "final" && r["annual_report"] != true)
                }
                _ => panic!("unknown report fact {f}"),
            };
            Some(Fact::Number(Decimal::from(n)))
        }
        ("levels", f) => {
            get(ev, &format!("/levels/{f}")).map(|v| Fact::Level(v.as_str().unwrap().to_owned()))
        }
        _ => panic!("the reference does not know fact {name}"),
    }
}

fn params(p: &BTreeMap<String, num::Threshold>) -> BTreeMap<String, Decimal> {
    p.iter().map(|(k, v)| (k.clone(), v.get())).collect()
}

/// Whether a condition holds; `None` when its evidence is missing.
fn holds(ev: &Value, c: &Condition) -> Option<bool> {
    match fact(ev, &c.fact, &params(&c.params))? {
        Fact::Flag(b) => Some(b),
        Fact::Number(n) => {
            Some(c.at_least.is_none_or(|l| n >= l.get()) && c.at_most.is_none_or(|m| n <= m.get()))
        }
        _ => panic!("condition on a non-flag, non-number fact"),
    }
}

// --------------------------------------------------------------------- scoring

/// (points, insufficient) of every node, by id.
type Scores = BTreeMap<String, (Decimal, bool)>;

fn leaf(ev: &Value, max: Decimal, rule: &Rule) -> (Decimal, bool) {
    match rule {
        Rule::Mark { fact: f } => match fact(ev, f, &BTreeMap::new()) {
            Some(Fact::Number(m)) => (m.min(max), false),
            _ => (Decimal::ZERO, true),
        },
        Rule::Check { when } => match holds(ev, when) {
            None => (Decimal::ZERO, true),
            Some(b) => (if b { max } else { Decimal::ZERO }, false),
        },
        Rule::Checklist { items } => {
            let mut pts = Decimal::ZERO;
            let mut missing = false;
            for it in items {
                match holds(ev, &it.when) {
                    Some(true) => pts += it.points.get(),
                    Some(false) => {}
                    None => missing = true,
                }
            }
            (pts, missing)
        }
        Rule::RatioSteps { fact: f, steps } | Rule::RateSteps { fact: f, steps, .. } => {
            let Some(Fact::Pair(num, den)) = fact(ev, f, &BTreeMap::new()) else {
                return (Decimal::ZERO, true);
            };
            if let Rule::RateSteps {
                min_sample: Some(m),
                ..
            } = rule
                && den < Decimal::from(*m)
            {
                return (Decimal::ZERO, true);
            }
            assert!(!den.is_zero(), "generated evidence never plans 0");
            // The first step (highest threshold) with num / den ≥ t.
            let pts = steps
                .iter()
                .find(|s| num >= s.at_least.get() * den)
                .map_or(Decimal::ZERO, |s| s.points.get());
            (pts, false)
        }
        Rule::Levels { fact: f, levels } => match fact(ev, f, &BTreeMap::new()) {
            Some(Fact::Level(l)) => (
                levels
                    .iter()
                    .find(|x| x.level == l)
                    .expect("a level the standard knows")
                    .points
                    .get(),
                false,
            ),
            _ => (Decimal::ZERO, true),
        },
        Rule::Deduct { deficiencies } => {
            let mut lost = Decimal::ZERO;
            for d in deficiencies {
                match fact(ev, &d.fact, &params(&d.params)) {
                    Some(Fact::Number(n)) => lost += n * d.points_each.get(),
                    _ => return (Decimal::ZERO, true),
                }
            }
            ((max - lost).max(Decimal::ZERO), false)
        }
    }
}

fn walk(ev: &Value, n: &Node, out: &mut Scores) -> (Decimal, bool) {
    let r = match &n.rule {
        Some(rule) => leaf(ev, n.max.get(), rule),
        None => n.children.iter().fold((Decimal::ZERO, false), |(p, i), c| {
            let (cp, ci) = walk(ev, c, out);
            (p + cp, i || ci)
        }),
    };
    out.insert(n.id.clone(), r);
    r
}

fn reference(s: &Standard, ev: &evidence::Evidence) -> (Decimal, Scores) {
    let v = serde_json::to_value(ev).unwrap();
    let mut out = Scores::new();
    let total = s.dimensions.iter().map(|d| walk(&v, d, &mut out).0).sum();
    (total, out)
}

fn agree(
    s: &Standard,
    compiled: &CompiledStandard,
    ev: &evidence::Evidence,
) -> Result<(), TestCaseError> {
    let (total, nodes) = reference(s, ev);
    let card = score(compiled, ev).unwrap();
    prop_assert_eq!(card.total, num::round_total(total));
    prop_assert_eq!(card.nodes.len(), nodes.len());
    for n in &card.nodes {
        let (p, ins) = nodes[n.id.as_str()];
        prop_assert_eq!(n.points, p, "node {}", &n.id);
        prop_assert_eq!(
            n.outcome == NodeOutcome::InsufficientEvidence,
            ins,
            "node {} outcome",
            &n.id
        );
    }
    Ok(())
}

fn cfg(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(cfg(128))]

    #[test]
    fn reference_agrees_on_the_default_standard(ev in strategies::evidence()) {
        let s = Standard::dongying_2022();
        agree(&s, &CompiledStandard::dongying_2022(), &ev)?;
    }

    #[test]
    fn reference_agrees_on_generated_standards(s in strategies::standard(), ev in strategies::evidence()) {
        let compiled = s.clone().compile().unwrap();
        agree(&s, &compiled, &ev)?;
    }
}

#[test]
fn reference_scores_the_sample_station_87_50() {
    let ev: evidence::Evidence =
        serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
    let (total, nodes) = reference(&Standard::dongying_2022(), &ev);
    assert_eq!(total, Decimal::new(8750, 2));
    assert_eq!(nodes["C8"].0, Decimal::new(55, 1));
    // The reference's own date arithmetic.
    assert_eq!(whole_months((2024, 1, 1), (2024, 6, 30)), 5);
    assert_eq!(whole_months((2024, 1, 1), (2024, 7, 1)), 6);
    assert_eq!(whole_months((2024, 1, 31), (2024, 2, 29)), 1);
    assert_eq!(age((2000, 2, 29), (2021, 2, 28)), 21);
    assert_eq!(age((2000, 2, 29), (2021, 2, 27)), 20);
    assert_eq!(age((1987, 1, 2), (2023, 1, 1)), 35);
    assert_eq!(days((2025, 1, 1)) - days((2024, 1, 1)), 366);
    let _ = (
        date::Date::new(2024, 1, 1),
        facts::catalogue().len(),
        gates::GateId::ALL.len(),
        policy::PolicySet::dongying(),
    );
    let _: Option<decision::Verdict> = None;
}
