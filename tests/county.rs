//! County-level gates: each one met and not met at its boundary, the other outcomes,
//! the input checks, and the summary over the sample county.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use sws_eval::county::{
    County, CountyError, CountyGateId, Funding, PayStandard, QuarterlyReport, check_counties,
    check_county,
};
use sws_eval::decision::Evaluator;
use sws_eval::evidence::{Departure, Evidence, Handover};
use sws_eval::gates::{GateOutcome, Severity};

const A: &str = "东营市同心社会工作服务中心";
const B: &str = "东营区善行社会工作服务中心";

fn base() -> Evidence {
    serde_json::from_str(include_str!("../examples/data/station.json")).unwrap()
}

fn station(id: &str, contractor: &str) -> Evidence {
    let mut e = base();
    e.station.id = id.into();
    e.contractor.name = contractor.into();
    e
}

fn reports(quarters: &[u8]) -> Vec<QuarterlyReport> {
    quarters
        .iter()
        .map(|q| QuarterlyReport {
            quarter: *q,
            filed_on: "2025-01-10".parse().unwrap(),
        })
        .collect()
}

fn pay(list: &[(&str, &str)]) -> Vec<PayStandard> {
    list.iter()
        .map(|(c, m)| PayStandard {
            contractor: (*c).into(),
            monthly_pay: m.parse().unwrap(),
        })
        .collect()
}

/// A county where every gate is met: two stations, two contractors.
fn good() -> County {
    County {
        county: "东营区".into(),
        year: 2024,
        as_of: "2025-01-20".parse().unwrap(),
        funding: Some(Funding {
            purchase_funding: "100000.00".parse().unwrap(),
            stations: None,
        }),
        quarterly_reports: Some(reports(&[1, 2, 3, 4])),
        pay_standards: Some(pay(&[(A, "4200.00"), (B, "4200.00")])),
        stations: vec![station("S1", A), station("S2", B)],
    }
}

fn outcome(c: &County, id: CountyGateId) -> GateOutcome {
    let d = check_county(&Evaluator::dongying(), c).unwrap();
    let g = d.gate(id).unwrap();
    assert_eq!(g.articles, id.articles());
    assert_eq!(g.severity, Severity::Rectify);
    g.outcome
}

#[test]
fn the_good_county_meets_every_gate() {
    let d = check_county(&Evaluator::dongying(), &good()).unwrap();
    assert_eq!(d.gates.len(), 6);
    for g in &d.gates {
        assert_eq!(g.outcome, GateOutcome::Met, "{}: {}", g.id, g.actual.en);
    }
    assert!(d.actions.is_empty());
}

#[test]
fn funding_boundary_at_fifty_thousand_average() {
    // One station: 49,999.99 is short, 50,000.00 meets.
    let mut c = good();
    c.stations.truncate(1);
    c.pay_standards = Some(pay(&[(A, "4200.00")]));
    c.funding = Some(Funding {
        purchase_funding: "49999.99".parse().unwrap(),
        stations: None,
    });
    assert_eq!(
        outcome(&c, CountyGateId::Art15MinFunding),
        GateOutcome::NotMet
    );
    c.funding = Some(Funding {
        purchase_funding: "50000.00".parse().unwrap(),
        stations: None,
    });
    assert_eq!(outcome(&c, CountyGateId::Art15MinFunding), GateOutcome::Met);

    // Eight stations: an average of 49,999.99 vs 50,000.00; the shown average is
    // never rounded up to the threshold.
    let mut c = good();
    c.funding = Some(Funding {
        purchase_funding: "399999.92".parse().unwrap(),
        stations: Some(8),
    });
    let d = check_county(&Evaluator::dongying(), &c).unwrap();
    let g = d.gate(CountyGateId::Art15MinFunding).unwrap();
    assert_eq!(g.outcome, GateOutcome::NotMet);
    assert_eq!(g.actual.en, "399999.92 CNY / 8 stations = 49999.99 CNY");
    assert_eq!(g.actual.zh, "399999.92 元 ÷ 8个站点 = 49999.99 元");
    c.funding = Some(Funding {
        purchase_funding: "399999.99".parse().unwrap(),
        stations: Some(8),
    });
    let d = check_county(&Evaluator::dongying(), &c).unwrap();
    let g = d.gate(CountyGateId::Art15MinFunding).unwrap();
    assert_eq!(g.outcome, GateOutcome::NotMet, "49,999.99875 is below");
    assert!(g.actual.en.ends_with("= 49999.99 CNY"), "{}", g.actual.en);
    c.funding = Some(Funding {
        purchase_funding: "400000.00".parse().unwrap(),
        stations: Some(8),
    });
    assert_eq!(outcome(&c, CountyGateId::Art15MinFunding), GateOutcome::Met);
    // A corrective action is owed only when not met, with a deadline.
    c.funding = Some(Funding {
        purchase_funding: "1.00".parse().unwrap(),
        stations: Some(8),
    });
    let d = check_county(&Evaluator::dongying(), &c).unwrap();
    assert_eq!(d.actions.len(), 1);
    assert_eq!(d.actions[0].gate, CountyGateId::Art15MinFunding);
    assert_eq!(d.actions[0].deadline.unwrap().to_string(), "2025-02-19");
    c.funding = None;
    assert_eq!(
        outcome(&c, CountyGateId::Art15MinFunding),
        GateOutcome::InsufficientEvidence
    );
}

#[test]
fn one_contractor_per_station() {
    let mut c = good();
    // S1 evaluated twice, by two contractors at once: not met.
    c.stations.push(station("S1", B));
    assert_eq!(
        outcome(&c, CountyGateId::Art22OneContractorPerStation),
        GateOutcome::NotMet
    );
    // The first contractor left and handed over: one runs it now.
    c.stations[0].departure = Some(Departure {
        left_on: "2024-09-30".parse().unwrap(),
        handover: Some(Handover {
            date: "2024-10-30".parse().unwrap(),
            with_list: true,
            signed_agreement: true,
            kinds: None,
            confidentiality_kept: None,
        }),
    });
    let d = check_county(&Evaluator::dongying(), &c).unwrap();
    let g = d.gate(CountyGateId::Art22OneContractorPerStation).unwrap();
    assert_eq!(g.outcome, GateOutcome::Met);
    assert!(
        g.actual.en.contains("contractor left: S1"),
        "{}",
        g.actual.en
    );
    c.stations.clear();
    assert_eq!(
        outcome(&c, CountyGateId::Art22OneContractorPerStation),
        GateOutcome::InsufficientEvidence
    );
}

#[test]
fn two_contractors_per_county() {
    let mut c = good();
    c.stations[1].contractor.name = A.into();
    assert_eq!(
        outcome(&c, CountyGateId::Art22TwoContractorsPerCounty),
        GateOutcome::NotMet
    );
    c.stations[1].contractor.name = B.into();
    assert_eq!(
        outcome(&c, CountyGateId::Art22TwoContractorsPerCounty),
        GateOutcome::Met
    );
    // A contractor that has left does not count.
    c.stations[1].departure = Some(Departure {
        left_on: "2024-11-30".parse().unwrap(),
        handover: None,
    });
    assert_eq!(
        outcome(&c, CountyGateId::Art22TwoContractorsPerCounty),
        GateOutcome::NotMet
    );
}

#[test]
fn no_cross_county() {
    let mut c = good();
    c.stations[1].contractor.county = "广饶县".into();
    let d = check_county(&Evaluator::dongying(), &c).unwrap();
    let g = d.gate(CountyGateId::Art22NoCrossCounty).unwrap();
    assert_eq!(g.outcome, GateOutcome::NotMet);
    assert!(g.actual.en.contains("based in 广饶县"), "{}", g.actual.en);

    // Two counties checked together: contractor A runs a station in each.
    let c1 = good();
    let mut s = station("G1", A);
    s.station.county = "广饶县".into();
    let mut c2 = good();
    c2.county = "广饶县".into();
    c2.stations = vec![s, {
        let mut t = station("G2", "广饶县仁和社会工作服务中心");
        t.station.county = "广饶县".into();
        t.contractor.county = "广饶县".into();
        t
    }];
    let both = check_counties(&Evaluator::dongying(), &[c1.clone(), c2]).unwrap();
    for d in &both {
        let g = d.gate(CountyGateId::Art22NoCrossCounty).unwrap();
        assert_eq!(
            g.outcome,
            GateOutcome::NotMet,
            "{}: {}",
            d.county,
            g.actual.en
        );
    }
    assert!(
        both[0]
            .gate(CountyGateId::Art22NoCrossCounty)
            .unwrap()
            .actual
            .en
            .contains("also runs stations in 广饶县")
    );
    // Alone, the first county is clean.
    assert_eq!(
        outcome(&c1, CountyGateId::Art22NoCrossCounty),
        GateOutcome::Met
    );
}

#[test]
fn uniform_pay() {
    let mut c = good();
    c.pay_standards = Some(pay(&[(A, "4200.00"), (B, "4200.01")]));
    assert_eq!(
        outcome(&c, CountyGateId::Art33UniformPay),
        GateOutcome::NotMet
    );
    c.pay_standards = Some(pay(&[(A, "4200.00"), (B, "4200")]));
    assert_eq!(outcome(&c, CountyGateId::Art33UniformPay), GateOutcome::Met);
    c.pay_standards = Some(pay(&[(A, "4200.00")]));
    assert_eq!(
        outcome(&c, CountyGateId::Art33UniformPay),
        GateOutcome::InsufficientEvidence
    );
    c.pay_standards = None;
    assert_eq!(
        outcome(&c, CountyGateId::Art33UniformPay),
        GateOutcome::InsufficientEvidence
    );
}

#[test]
fn quarterly_reports_due_per_ended_quarter() {
    let mut c = good();
    c.quarterly_reports = Some(reports(&[1, 2, 3]));
    assert_eq!(
        outcome(&c, CountyGateId::Art38QuarterlyReports),
        GateOutcome::NotMet
    );
    c.quarterly_reports = Some(reports(&[1, 2, 3, 4]));
    assert_eq!(
        outcome(&c, CountyGateId::Art38QuarterlyReports),
        GateOutcome::Met
    );

    // Checked on 2024-12-31 the fourth quarter has not ended: 3 are due.
    let mut c = good();
    c.as_of = "2024-12-31".parse().unwrap();
    c.stations.iter_mut().for_each(|s| {
        s.evaluation.date = "2024-12-10".parse().unwrap();
    });
    c.quarterly_reports = Some(
        reports(&[1, 2, 3])
            .into_iter()
            .map(|mut r| {
                r.filed_on = "2024-12-20".parse().unwrap();
                r
            })
            .collect(),
    );
    assert_eq!(
        outcome(&c, CountyGateId::Art38QuarterlyReports),
        GateOutcome::Met
    );
    c.quarterly_reports.as_mut().unwrap().pop();
    assert_eq!(
        outcome(&c, CountyGateId::Art38QuarterlyReports),
        GateOutcome::NotMet
    );

    // Before any quarter has ended nothing is due.
    let mut c = good();
    c.year = 2025;
    c.as_of = "2025-03-31".parse().unwrap();
    c.stations.clear();
    c.quarterly_reports = Some(Vec::new());
    assert_eq!(
        outcome(&c, CountyGateId::Art38QuarterlyReports),
        GateOutcome::NotApplicable
    );
    c.quarterly_reports = None;
    assert_eq!(
        outcome(&c, CountyGateId::Art38QuarterlyReports),
        GateOutcome::InsufficientEvidence
    );
}

#[test]
fn contradictory_county_input_is_refused_with_pointers() {
    let mut c = good();
    c.stations[1].station.county = "广饶县".into();
    c.quarterly_reports = Some(reports(&[1, 1, 5]));
    c.funding = Some(Funding {
        purchase_funding: "100000.00".parse().unwrap(),
        stations: Some(1),
    });
    c.stations[0].evaluation.date = "2025-02-01".parse().unwrap();
    let Err(CountyError::Input { issues, .. }) = check_county(&Evaluator::dongying(), &c) else {
        panic!("expected input issues");
    };
    let found: Vec<(&str, &str)> = issues
        .iter()
        .map(|i| (i.code, i.pointer.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            ("duplicate_quarter", "/quarterly_reports/1/quarter"),
            ("quarter_out_of_range", "/quarterly_reports/2/quarter"),
            ("contradictory_dates", "/stations/0/evaluation/date"),
            ("station_outside_county", "/stations/1/station/county"),
            ("funding_station_count", "/funding/stations"),
        ]
    );
}

#[test]
fn no_policy_for_the_year_unless_named() {
    let mut c = good();
    c.year = 2030;
    c.as_of = "2031-01-20".parse().unwrap();
    c.stations.clear();
    assert!(matches!(
        check_county(&Evaluator::dongying(), &c),
        Err(CountyError::Policy { .. })
    ));
    let mut ev = Evaluator::dongying();
    ev.policy_version = Some("dongying-2022".into());
    let d = check_county(&ev, &c).unwrap();
    assert!(d.receipt.policy_ended_before_check);
    assert!(d.warnings.iter().any(|w| w.code == "policy_ended"));
}

#[test]
fn an_undecidable_station_is_listed_not_fatal() {
    let mut c = good();
    c.stations[1].contract.paid = "400000.00".parse().unwrap();
    let d = check_county(&Evaluator::dongying(), &c).unwrap();
    assert_eq!(d.summary.decided, 1);
    assert_eq!(d.summary.undecided, 1);
    assert_eq!(
        d.stations[1].errors[0].code,
        sws_eval::json::ErrorCode::Overpaid
    );
    assert_eq!(d.stations[1].errors[0].pointer, "/contract/paid");
    assert!(d.stations[1].result.is_none());
    assert!(d.warnings.iter().any(|w| w.code == "undecided_stations"));
}

#[test]
fn summary_of_the_sample_county() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/county");
    let mut county: County =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/county.json")).unwrap())
            .unwrap();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "county.json")
        .collect();
    files.sort();
    for f in files {
        county
            .stations
            .push(serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap());
    }
    let d = check_county(&Evaluator::dongying(), &county).unwrap();
    let s = &d.summary;
    assert_eq!((s.stations, s.evaluations, s.decided), (8, 9, 9));
    assert_eq!(
        (
            s.grades.excellent,
            s.grades.good,
            s.grades.qualified,
            s.grades.unqualified
        ),
        (2, 4, 2, 1)
    );
    assert_eq!((s.passed, s.failed), (7, 2));
    assert_eq!(s.pass_rate_percent.unwrap().to_string(), "77.78");
    // Released: five final passes' remainders and one mid-term tranche.
    assert_eq!(s.released.to_string(), "386000.00");
    // Withheld: the failed finals' remainders (56,000 + 60,000).
    assert_eq!(s.withheld.to_string(), "116000.00");
    assert_eq!(s.deferred.to_string(), "240000.00");
    let unmet: Vec<_> = d
        .gates
        .iter()
        .filter(|g| g.outcome != GateOutcome::Met)
        .map(|g| g.id.as_str())
        .collect();
    assert_eq!(unmet, ["art33.uniform_pay"]);
    let expired = d
        .stations
        .iter()
        .find(|r| r.station_id == "DY-DYQ-007")
        .unwrap();
    assert!(expired.result.as_ref().unwrap().policy_ended);
}

/// A county of stations evaluated under the 150-point star standard.
fn star_county() -> (Evaluator, County) {
    let text = std::fs::read_to_string("examples/standards/star-150.json").unwrap();
    let mut evaluator = Evaluator::dongying();
    evaluator.standard = sws_eval::json::load_standard_json(&text).unwrap();
    let base: Evidence =
        serde_json::from_str(include_str!("../examples/standards/star-150.evidence.json")).unwrap();
    let marks = |id: &str, changes: &[(&str, serde_json::Value)]| {
        let mut e = base.clone();
        e.station.id = id.into();
        for (k, v) in changes {
            e.indicators
                .insert((*k).into(), serde_json::from_value(v.clone()).unwrap());
        }
        e
    };
    let no_bonus = [
        ("x.innovation_project", serde_json::json!("0")),
        ("x.innovation_awards", serde_json::json!(0)),
    ];
    let stations = vec![
        // 128.5: five stars.
        marks("S1", &[]),
        // The safety veto forces the lowest band, whatever the score.
        marks("S2", &[("x.safety_incident", serde_json::json!(true))]),
        // 94.5: three stars.
        marks(
            "S3",
            &[
                no_bonus[0].clone(),
                no_bonus[1].clone(),
                ("x.p1", serde_json::json!("12")),
                ("x.x1", serde_json::json!("8")),
            ],
        ),
        // 104.5: four stars.
        marks(
            "S4",
            &[
                no_bonus[0].clone(),
                no_bonus[1].clone(),
                ("x.p1", serde_json::json!("12")),
            ],
        ),
        // 114.5: five stars from 110.
        marks("S5", &no_bonus),
    ];
    let county = County {
        county: "东营区".into(),
        year: 2024,
        as_of: "2025-01-20".parse().unwrap(),
        funding: None,
        quarterly_reports: None,
        pay_standards: None,
        stations,
    };
    (evaluator, county)
}

#[test]
fn a_star_county_counts_its_stations_in_the_star_bands() {
    let (evaluator, county) = star_county();
    let d = check_county(&evaluator, &county).unwrap();
    let s = &d.summary;
    assert_eq!((s.decided, s.undecided), (5, 0));
    let bands: Vec<(&str, &str, bool, u32)> = s
        .bands
        .iter()
        .map(|b| (b.id.as_str(), b.label.zh.as_str(), b.passes, b.count))
        .collect();
    assert_eq!(
        bands,
        [
            ("no_star", "未评星", false, 1),
            ("two_star", "二星", true, 0),
            ("three_star", "三星", true, 1),
            ("four_star", "四星", true, 1),
            ("five_star", "五星", true, 2),
        ]
    );
    // Every decided evaluation is in exactly one band; the built-in grades see none.
    assert_eq!(s.bands.iter().map(|b| b.count).sum::<u32>(), s.decided);
    assert_eq!(s.grades, sws_eval::county::GradeCounts::default());
    assert_eq!((s.passed, s.failed), (4, 1));
    assert_eq!(
        s.band(&sws_eval::standard::GradeId::new("four_star"))
            .unwrap()
            .label
            .en,
        "four stars"
    );

    // The reports name the bands by their labels, the best first.
    use sws_eval::report::{self, Format, Lang};
    let md = report::county(&d, Format::Markdown, Lang::Zh);
    let at = |label: &str| {
        md.find(label)
            .unwrap_or_else(|| panic!("{label} not in {md}"))
    };
    assert!(at("五星") < at("四星") && at("四星") < at("三星") && at("三星") < at("二星"));
    assert!(at("二星") < at("未评星"));
    assert!(!md.contains("five_star"), "{md}");
    let text = report::county(&d, Format::Text, Lang::En);
    assert!(
        text.contains("five stars") && text.contains("no star"),
        "{text}"
    );
    let html = report::county(&d, Format::Html, Lang::En);
    assert!(html.contains("two stars"), "{html}");
}

#[cfg(feature = "xlsx")]
#[test]
fn the_county_workbook_lists_the_star_bands() {
    use sws_eval::sheet::{Book, Cell, county_workbook};
    let (evaluator, county) = star_county();
    let d = check_county(&evaluator, &county).unwrap();
    let book = Book::from_bytes(&county_workbook(&d, sws_eval::report::Lang::Zh).unwrap()).unwrap();
    let g = book.grid("Grades").unwrap();
    let rows: Vec<(Cell, Cell)> = (1..=5)
        .map(|r| (g.cells[&(r, 1)].clone(), g.cells[&(r, 3)].clone()))
        .collect();
    assert_eq!(
        rows,
        [
            ("五星", "2"),
            ("四星", "1"),
            ("三星", "1"),
            ("二星", "0"),
            ("未评星", "1")
        ]
        .map(|(l, n)| (Cell::Text(l.into()), Cell::Number(n.into())))
    );
    // The stations' grade column shows the band's label.
    let st = book.grid("Stations").unwrap();
    assert_eq!(st.cells.get(&(1, 8)), Some(&Cell::Text("五星".into())));
    let summary = book.grid("Summary").unwrap();
    assert!(
        summary
            .cells
            .values()
            .any(|c| *c == Cell::Text("等级 Grade 五星".into()))
    );
}

#[test]
fn the_default_county_bands_match_its_grades() {
    let d = check_county(&Evaluator::dongying(), &good()).unwrap();
    let s = &d.summary;
    let ids: Vec<&str> = s.bands.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["unqualified", "qualified", "good", "excellent"]);
    for b in &s.bands {
        let g = b.id.as_default().unwrap();
        assert_eq!(b.count, s.grades.get(g), "{}", b.id);
    }
}

#[test]
fn a_station_of_another_standard_is_undecided_not_counted_in_a_band() {
    // One county check, one standard: star-150 evidence under the default standard reads
    // indicators the default does not declare, so it is listed with its errors.
    let (_, star) = star_county();
    let mut c = good();
    c.stations.push(star.stations[0].clone());
    let d = check_county(&Evaluator::dongying(), &c).unwrap();
    assert_eq!((d.summary.decided, d.summary.undecided), (2, 1));
    assert_eq!(
        d.summary.bands.iter().map(|b| b.count).sum::<u32>(),
        d.summary.decided
    );
    assert_eq!(
        d.stations[2].errors[0].code,
        sws_eval::json::ErrorCode::UnknownIndicator
    );
}
