//! Shared by the benches (and by the peer crate in `benches/peer-zen/`): deterministic
//! generators of varied but valid evidence, and the hand-written limit.
//!
//! Every generated station starts from `examples/data/station.json` and varies the
//! facts a scorer reads (rosters, hours, services, surveys, levels, findings, flags)
//! with a fixed-seed generator, so two runs see the same stations. Every station it
//! makes passes `Evidence::check` and scores without error: the benches measure the
//! decision path, not the error path.
#![allow(dead_code)]

pub mod limit;

use serde_json::{Value, json};
use sws_eval::evidence::Evidence;

/// The sample station of the repository, as JSON.
pub const STATION_JSON: &str = include_str!("../../examples/data/station.json");

/// The sample station, parsed.
pub fn typical() -> Evidence {
    serde_json::from_str(STATION_JSON).unwrap_or_else(|e| panic_on(&e))
}

#[cold]
fn panic_on(e: &dyn std::fmt::Display) -> ! {
    #[allow(clippy::panic)]
    {
        panic!("bench data: {e}")
    }
}

/// SplitMix64: small, fast, deterministic; good enough to vary test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for station number `i` (independent streams per station).
    pub fn new(seed: u64) -> Rng {
        Rng(seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(0x2545_F491_4F6C_DD1D))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `pct` %.
    pub fn chance(&mut self, pct: u64) -> bool {
        self.next_u64() % 100 < pct
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        let i = (self.next_u64() % items.len() as u64) as usize;
        items.get(i).unwrap_or_else(|| panic_on(&"empty pick"))
    }
}

const COUNTIES: &[&str] = &["东营区", "河口区", "垦利区", "利津县", "广饶县"];
const LEVELS_HIGH: &[&str] = &["A", "A", "A", "B"];
const LEVELS_MID: &[&str] = &["A", "B", "B", "C"];
const LEVELS_LOW: &[&str] = &["B", "C", "C", "D"];
const EDUCATION: &[&str] = &["junior_college", "bachelor", "bachelor", "master"];
const PROVIDERS: &[&str] = &[
    "civil_affairs_bureau",
    "industry_body",
    "incubation_base",
    "other",
];
const FINDINGS: &[&str] = &[
    "mixing_funds",
    "diverting_funds",
    "misappropriating_funds",
    "outside_purpose",
    "falsified_records",
    "safety_incident",
    "ethics_breach",
];

fn flag(r: &mut Rng, pct: u64) -> Value {
    Value::Bool(r.chance(pct))
}

fn date(y: u64, m: u64, d: u64) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Station number `i` as a JSON value.
pub fn station_value(i: u64) -> Value {
    let mut r = Rng::new(i);
    // The station's overall quality, 0–100, tilts every fact so that the mix spans
    // every grade (most qualified or good, as in practice).
    let q = r.range(0, 100);
    let fp = 88 + q / 9; // chance of each yes/no fact, %
    let mut v: Value = serde_json::from_str(STATION_JSON).unwrap_or_else(|e| panic_on(&e));
    let county = *r.pick(COUNTIES);
    v["station"]["id"] = json!(format!("DY-GEN-{i:06}"));
    v["station"]["name"] = json!(format!("第{i}号社会工作服务站"));
    v["station"]["county"] = json!(county);
    v["contractor"]["county"] = json!(if r.chance(97) {
        county
    } else {
        *r.pick(COUNTIES)
    });
    v["contractor"]["name"] = json!(format!("社会工作服务中心{}", i % 700));
    v["contractor"]["lawfully_registered"] = flag(&mut r, fp);
    v["contractor"]["main_business_social_work"] = flag(&mut r, fp);
    let price = r.range(200, 400) * 1000;
    v["contract"]["price"] = json!(format!("{price}.00"));
    v["contract"]["paid"] = json!(format!("{}.00", price / 100 * r.range(50, 90)));

    // A third are mid-term evaluations, dated in June; the rest final, in December.
    let mid = r.chance(33);
    let (eval_month, eval_day) = if mid {
        (6, r.range(10, 28))
    } else {
        (12, r.range(1, 20))
    };
    v["evaluation"]["kind"] = json!(if mid { "mid_term" } else { "final" });
    v["evaluation"]["date"] = json!(date(2024, eval_month, eval_day));
    let last_month = eval_month - 1; // records fall in months before the evaluation

    v["structure"]["sub_projects"] = json!(r.range(2, 4));
    let p = &mut v["premises"];
    p["office_area_m2"] = json!(r.range(12, 40).to_string());
    for k in [
        "casework_room",
        "group_work_room",
        "activity_area",
        "archive_room",
        "desks_and_chairs",
        "computer",
        "printer",
        "file_cabinets",
    ] {
        p[k] = flag(&mut r, fp);
    }
    for k in ["station_plate_with_logo", "brand_mark"] {
        v["signage"][k] = flag(&mut r, fp);
    }
    for k in [
        "organisation_chart",
        "procedures_and_standards",
        "personnel",
        "finance",
        "volunteers",
        "premises_use",
        "archives",
        "service_pledge",
    ] {
        v["written_rules"][k] = flag(&mut r, fp);
    }

    // Roster of 3–6, the first one or two from the township.
    let n = r.range(3, 6);
    let township = r.range(1, 2);
    let mut workers = Vec::new();
    let mut training = Vec::new();
    let mut supervision = Vec::new();
    for w in 0..n {
        let id = format!("w{}", w + 1);
        let entry = if r.chance(70) {
            "2023-01-01".to_owned()
        } else {
            date(2023, r.range(2, 12), r.range(1, 28))
        };
        let quals = if r.chance(70 + q * 3 / 10) {
            vec![json!({
                "kind": if r.chance(60) { "national_certificate" } else { "social_work_degree" },
                "obtained_on": date(r.range(2012, 2023), r.range(1, 12), r.range(1, 28)),
            })]
        } else {
            vec![]
        };
        workers.push(json!({
            "id": id,
            "name": format!("社工{}", w + 1),
            "provided_by": if w < township { "township" } else { "contractor" },
            "full_time": r.chance(95),
            "birth_date": date(r.range(1982, 2000), r.range(1, 12), r.range(1, 28)),
            "entry_date": entry,
            "education": if r.chance(4) { "below_junior_college" } else { *r.pick(EDUCATION) },
            "qualifications": quals,
        }));
        for _ in 0..4 {
            training.push(json!({
                "worker": id,
                "date": date(2024, r.range(1, last_month), r.range(1, 28)),
                "hours": r.range(11, 16).to_string(),
                "provider": *r.pick(PROVIDERS),
                "title": "培训",
            }));
        }
        for _ in 0..4 {
            supervision.push(json!({
                "worker": id,
                "date": date(2024, r.range(1, last_month), r.range(1, 28)),
                "hours": r.range(11, 15).to_string(),
            }));
        }
    }
    v["staff"]["workers"] = Value::Array(workers);
    v["staff"]["supervisor"]["qualifications"] = if r.chance(92) {
        json!([{ "kind": "national_certificate", "obtained_on": "2018-11-01" }])
    } else {
        json!([])
    };
    v["training"] = Value::Array(training);
    v["supervision"] = Value::Array(supervision);

    for k in [
        "info_system_entries",
        "service_records_kept",
        "financial_records_kept",
    ] {
        v["records"][k] = flag(&mut r, fp);
    }
    v["records"]["retention_years"] = json!(r.range(3, 10));

    let budget = r.range(150, 400) * 1000;
    v["finance"]["budget_to_date"] = json!(format!("{budget}.00"));
    v["finance"]["spent_to_date"] = json!(format!("{}.50", budget / 100 * r.range(60, 99)));
    for k in [
        "ledger_per_sub_project",
        "ledger_per_funding_source",
        "payments_documented",
    ] {
        v["finance"][k] = flag(&mut r, fp);
    }

    for k in [
        "casework",
        "group_work",
        "community_activities",
        "visits",
        "publicity",
    ] {
        let planned = if k == "visits" {
            r.range(100, 300)
        } else {
            r.range(6, 30)
        };
        let delivered = planned * r.range(50 + q / 2, 105 + q / 10) / 100;
        v["services"][k] = json!({ "planned": planned, "delivered": delivered });
    }

    let due = if mid { 5 } else { 11 };
    v["reports"]["monthly_briefings"] = json!(due - r.range(0, 3).min(due));
    v["reports"]["mid_term_report"] = flag(&mut r, fp);
    v["reports"]["annual_report"] = flag(&mut r, fp);

    for k in ["satisfaction", "awareness"] {
        let respondents = r.range(25, 150);
        let positive = respondents * r.range(70 + q / 4, 100) / 100;
        v["surveys"][k] = json!({ "respondents": respondents, "positive": positive });
    }
    for k in [
        "archives",
        "fund_use",
        "needs_research",
        "service_plan",
        "resource_linkage",
        "appraisal",
        "innovation",
    ] {
        let levels = match q {
            70.. => LEVELS_HIGH,
            35..70 => LEVELS_MID,
            _ => LEVELS_LOW,
        };
        v["levels"][k] = json!(*r.pick(levels));
    }
    v["findings"] = if r.chance(4) {
        json!([{ "kind": *r.pick(FINDINGS), "description": "评估发现的问题" }])
    } else {
        json!([])
    };
    v
}

/// Station number `i`, as compact JSON (one line).
pub fn station_json(i: u64) -> String {
    serde_json::to_string(&station_value(i)).unwrap_or_else(|e| panic_on(&e))
}

/// Station number `i`.
pub fn station(i: u64) -> Evidence {
    serde_json::from_value(station_value(i)).unwrap_or_else(|e| panic_on(&e))
}

/// Stations `0..n`.
pub fn stations(n: u64) -> Vec<Evidence> {
    (0..n).map(station).collect()
}
