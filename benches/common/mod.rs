//! Shared by the benches (and by the peer crate in `benches/peer-zen/`): deterministic
//! generators of varied but valid evidence, and the hand-written limit.
//!
//! Every generated station starts from `examples/data/station.json` and varies the
//! facts a scorer or a gate reads (rosters with part-time helpers, leavers and
//! newcomers; training by category, provider and level; supervision; services;
//! surveys; levels; report filings dated against their due dates; archives; findings
//! of every kind; the contractor's departure; flags) with a fixed-seed generator, so
//! two runs see the same stations. Every date is generated from the evaluation date. Every station it
//! makes passes `Evidence::check` and scores without error: the benches measure the
//! decision path, not the error path.
#![allow(dead_code)]

pub mod limit;

use serde_json::{Value, json};
use sws_eval::date::Date;
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
    /// The state is the seed hashed, so that two stations' streams do not overlap
    /// (seeding with the seed itself made station `i + 1`'s stream station `i`'s,
    /// one draw later).
    pub fn new(seed: u64) -> Rng {
        let mut h = Rng(seed.wrapping_add(0x2545_F491_4F6C_DD1D));
        Rng(h.next_u64())
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
/// Providers of professional training (Art. 31): `other` never counts, a civil affairs
/// bureau only at county level or above.
const PROVIDERS: &[&str] = &[
    "civil_affairs_bureau",
    "civil_affairs_bureau",
    "industry_body",
    "incubation_base",
];
const BUREAU_LEVELS: &[&str] = &["county", "county", "city", "city", "province", "township"];
/// Every finding kind the evidence knows (issues 11, 13 added the last two).
const FINDINGS: &[&str] = &[
    "mixing_funds",
    "diverting_funds",
    "misappropriating_funds",
    "outside_purpose",
    "falsified_records",
    "safety_incident",
    "ethics_breach",
    "serious_deviation",
    "failed_inspection",
];
const CLAUSES: &[&str] = &[
    "service_content",
    "staffing",
    "term",
    "quantity",
    "quality",
    "price",
    "settlement",
    "rights_and_obligations",
    "liability",
    "change_or_termination",
];
const ARCHIVE_KINDS: &[&str] = &[
    "casework",
    "group_work",
    "community_services",
    "visits",
    "client_files",
    "volunteer_files",
    "needs_research",
];

fn flag(r: &mut Rng, pct: u64) -> Value {
    Value::Bool(r.chance(pct))
}

fn ymd(y: u64, m: u64, d: u64) -> Date {
    let (y, m, d) = (y as i16, m as i8, d as i8);
    Date::new(y, m, d).unwrap_or_else(|e| panic_on(&e))
}

fn date(y: u64, m: u64, d: u64) -> String {
    ymd(y, m, d).to_string()
}

/// `day` moved by `n` days.
fn shift(day: Date, n: i64) -> Date {
    day.add_days(n as i32)
        .unwrap_or_else(|| panic_on(&"date out of range"))
}

/// A day of 2024 in months `from..=to` (days 1–28), never after `last`.
fn day_in(r: &mut Rng, from: u64, to: u64, last: Date) -> Date {
    ymd(2024, r.range(from, to.max(from)), r.range(1, 28)).min(last)
}

/// When a report due on `due` reached one bureau: mostly by the due date, sometimes
/// a few days late, sometimes never; never after the evaluation on `eval`.
fn filed_on(r: &mut Rng, due: Date, eval: Date, on_time_pct: u64) -> Value {
    let day = if r.chance(on_time_pct) {
        shift(due, -(r.range(0, 3) as i64))
    } else if r.chance(75) {
        shift(due, r.range(1, 4) as i64)
    } else {
        return Value::Null;
    };
    json!(day.min(eval).to_string())
}

/// One report's filing with the city and county bureaus (Art. 26): often the same day
/// with both.
fn filing(r: &mut Rng, kind: &str, due: Date, eval: Date, on_time_pct: u64) -> Value {
    let city = filed_on(r, due, eval, on_time_pct);
    let county = if r.chance(70) {
        city.clone()
    } else {
        filed_on(r, due, eval, on_time_pct)
    };
    let mut f = json!({ "kind": kind, "due_on": due.to_string() });
    if !city.is_null() {
        f["filed_with_city_on"] = city;
    }
    if !county.is_null() {
        f["filed_with_county_on"] = county;
    }
    if f.get("filed_with_city_on").is_none() && f.get("filed_with_county_on").is_none() {
        // Filed with neither: then it is not a filed report; file it with the county.
        f["filed_with_county_on"] = json!(due.min(eval).to_string());
    }
    f
}

/// Training records for one worker between `from` and `until` (months of 2024):
/// one policy and regulation session (counts whoever runs it) and four professional
/// ones, some of which do not count (provider `other`, a township bureau, or not run
/// centrally). About a fifth of the workers end under 48 countable hours.
fn training_of(r: &mut Rng, id: &str, from: u64, until: Date, q: u64, out: &mut Vec<Value>) {
    let last_month = (until.to_string()[5..7]).parse::<u64>().unwrap_or(1);
    let rec = |r: &mut Rng, hours: u64| {
        let day = day_in(r, from, last_month, until);
        json!({ "worker": id, "date": day.to_string(), "hours": hours.to_string() })
    };
    let hours = r.range(12, 16);
    let mut p = rec(r, hours);
    p["category"] = json!("policy_and_regulation");
    p["provider"] = json!(*r.pick(&["civil_affairs_bureau", "other", "industry_body"]));
    if p["provider"] == "civil_affairs_bureau" {
        p["provider_level"] = json!(*r.pick(BUREAU_LEVELS));
    }
    p["title"] = json!("民政政策法规培训");
    out.push(p);
    for _ in 0..4 {
        let hours = r.range(10, 16);
        let mut t = rec(r, hours);
        let provider = if r.chance(20 - q / 5) {
            "other"
        } else {
            *r.pick(PROVIDERS)
        };
        t["provider"] = json!(provider);
        if r.chance(50) {
            t["category"] = json!("professional");
        }
        if provider == "civil_affairs_bureau" && r.chance(70) {
            t["provider_level"] = json!(*r.pick(BUREAU_LEVELS));
        }
        if r.chance(10) {
            t["centralised"] = json!(!r.chance(30));
        }
        t["title"] = json!("社会工作专业培训");
        out.push(t);
    }
}

/// Four supervision sessions for one worker, 44–60 hours in all.
fn supervision_of(r: &mut Rng, id: &str, from: u64, until: Date, out: &mut Vec<Value>) {
    let last_month = (until.to_string()[5..7]).parse::<u64>().unwrap_or(1);
    for _ in 0..4 {
        let day = day_in(r, from, last_month, until);
        out.push(json!({
            "worker": id,
            "date": day.to_string(),
            "hours": r.range(11, 15).to_string(),
        }));
    }
}

/// Station number `i` as a JSON value.
///
/// Every date is generated from the evaluation date (a mid-term in June or a final in
/// December 2024, project year 2024, project 2023–2024): training, supervision, report
/// filings, leavers and newcomers, the contractor's departure. Nothing dated is kept
/// from the sample station.
#[allow(clippy::too_many_lines)]
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
    // The award notice of 2022-12-12; signed within 10 days, sometimes later.
    let signed = if r.chance(92) {
        r.range(1, 10)
    } else {
        r.range(11, 20)
    };
    v["contract"]["signed_on"] = json!(shift(ymd(2022, 12, 12), signed as i64).to_string());
    for k in CLAUSES {
        v["contract"]["clauses"][*k] = flag(&mut r, 99);
    }
    if r.chance(3) {
        // A term longer than 3 years (Art. 25); no renewal on the table.
        v["contract"]["term_end"] = json!("2026-06-30");
        if let Some(o) = v.as_object_mut() {
            o.remove("renewal");
        }
    }

    // A third are mid-term evaluations, dated in June; the rest final, in December.
    let mid = r.chance(33);
    let (eval_month, eval_day) = if mid {
        (6, r.range(10, 28))
    } else {
        (12, r.range(1, 20))
    };
    let eval = ymd(2024, eval_month, eval_day);
    v["evaluation"]["kind"] = json!(if mid { "mid_term" } else { "final" });
    v["evaluation"]["date"] = json!(eval.to_string());
    let last_month = eval_month - 1; // records fall in months before the evaluation
    let before_eval = shift(eval, -1);

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

    // Roster of 3–6, the first one or two from the township; some stations also have
    // a part-time helper (not a resident worker), a worker who left during the project
    // year (owes hours pro rata) and a newcomer who replaced them.
    let n = r.range(3, 6);
    let township = r.range(1, 2);
    let mut workers = Vec::new();
    let mut training = Vec::new();
    let mut supervision = Vec::new();
    let qualified = |r: &mut Rng| {
        if r.chance(70 + q * 3 / 10) {
            vec![json!({
                "kind": if r.chance(60) { "national_certificate" } else { "social_work_degree" },
                "obtained_on": date(r.range(2012, 2023), r.range(1, 12), r.range(1, 28)),
            })]
        } else {
            vec![]
        }
    };
    for w in 0..n {
        let id = format!("w{}", w + 1);
        let entry = if r.chance(70) {
            "2023-01-01".to_owned()
        } else {
            date(2023, r.range(2, 12), r.range(1, 28))
        };
        let quals = qualified(&mut r);
        let full_time = r.chance(95);
        workers.push(json!({
            "id": id,
            "name": format!("社工{}", w + 1),
            "provided_by": if w < township { "township" } else { "contractor" },
            "full_time": full_time,
            "birth_date": date(r.range(1982, 2000), r.range(1, 12), r.range(1, 28)),
            "entry_date": entry,
            "education": if r.chance(4) { "below_junior_college" } else { *r.pick(EDUCATION) },
            "qualifications": quals,
        }));
        training_of(&mut r, &id, 1, before_eval, q, &mut training);
        supervision_of(&mut r, &id, 1, before_eval, &mut supervision);
    }
    if r.chance(8) {
        // A part-time helper: on the roster, in no resident rule.
        let id = format!("w{}", n + 1);
        workers.push(json!({
            "id": id,
            "name": "兼职助理",
            "provided_by": "contractor",
            "full_time": false,
            "birth_date": date(r.range(1975, 2002), r.range(1, 12), r.range(1, 28)),
            "entry_date": "2023-06-01",
            "education": *r.pick(&["below_junior_college", "junior_college"]),
        }));
        training_of(&mut r, &id, 1, before_eval, q, &mut training);
    }
    if r.chance(12) {
        // A worker who left during the project year, before the evaluation.
        let id = format!("x{}", n + 1);
        let left = day_in(&mut r, 2, last_month, before_eval);
        workers.push(json!({
            "id": id,
            "name": "离岗社工",
            "provided_by": "contractor",
            "full_time": true,
            "birth_date": date(r.range(1985, 1998), r.range(1, 12), r.range(1, 28)),
            "entry_date": "2023-01-01",
            "education": "bachelor",
            "qualifications": qualified(&mut r),
            "left_on": left.to_string(),
        }));
        training_of(&mut r, &id, 1, left, q, &mut training);
        supervision_of(&mut r, &id, 1, left, &mut supervision);
        if r.chance(50) {
            // Their replacement, from a few days later (owes the full year).
            let id = format!("n{}", n + 1);
            let entry = shift(left, r.range(1, 20) as i64).min(before_eval);
            workers.push(json!({
                "id": id,
                "name": "新进社工",
                "provided_by": "contractor",
                "full_time": true,
                "birth_date": date(r.range(1990, 2001), r.range(1, 12), r.range(1, 28)),
                "entry_date": entry.to_string(),
                "education": *r.pick(EDUCATION),
                "qualifications": [],
            }));
            let from = (entry.to_string()[5..7]).parse::<u64>().unwrap_or(1);
            let from = (from + 1).min(last_month);
            training_of(&mut r, &id, from, before_eval, q, &mut training);
            supervision_of(&mut r, &id, from, before_eval, &mut supervision);
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
    if r.chance(90) {
        v["records"]["accounting_archives_long_term"] = flag(&mut r, fp);
    } else if let Some(o) = v["records"].as_object_mut() {
        o.remove("accounting_archives_long_term");
    }

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

    // Reports: the briefings due are the whole months since the project year began
    // (5 in June, 11 in December); each listed filing is dated by its due date.
    let due = ymd(2024, 1, 1).whole_months_until(eval).min(12) as u64;
    let missing = r.range(0, 3).min(due);
    let mid_report = r.chance(fp);
    let annual_report = r.chance(fp);
    v["reports"]["monthly_briefings"] = json!(due - missing);
    v["reports"]["mid_term_report"] = json!(mid_report);
    v["reports"]["annual_report"] = json!(annual_report);
    let on_time = 93 + q / 15;
    if r.chance(90) {
        let mut filings = Vec::new();
        // Which months' briefings are missing: `missing` distinct ones.
        let mut gone: Vec<u64> = Vec::new();
        while (gone.len() as u64) < missing {
            let m = r.range(1, due);
            if !gone.contains(&m) {
                gone.push(m);
            }
        }
        for m in 1..=due {
            // The briefing for month m is due on the 5th of the next month.
            let due_on = ymd(2024, m + 1, 5);
            if gone.contains(&m) {
                if r.chance(50) {
                    // Listed but filed with neither bureau: a missing report.
                    filings
                        .push(json!({ "kind": "monthly_briefing", "due_on": due_on.to_string() }));
                }
            } else if r.chance(95) {
                // The list may leave a filed report out; it never lists one too many.
                filings.push(filing(&mut r, "monthly_briefing", due_on, eval, on_time));
            }
        }
        if mid_report {
            let due_on = if mid {
                ymd(2024, 6, 7)
            } else {
                ymd(2024, 6, 28)
            };
            filings.push(filing(&mut r, "mid_term", due_on, eval, on_time));
        }
        if !mid && annual_report {
            // Due on a Saturday: the deadline moves to Monday 2 December.
            filings.push(filing(&mut r, "annual", ymd(2024, 11, 30), eval, on_time));
        }
        v["reports"]["filings"] = Value::Array(filings);
    } else if let Some(o) = v["reports"].as_object_mut() {
        o.remove("filings");
    }

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
    let mut findings = Vec::new();
    if r.chance(6) {
        findings.push(json!({ "kind": *r.pick(FINDINGS), "description": "评估发现的问题" }));
        if r.chance(20) {
            findings.push(json!({ "kind": *r.pick(FINDINGS), "description": "另一问题" }));
        }
    }
    v["findings"] = Value::Array(findings);

    if r.chance(3) {
        // The contractor left 45–90 days before the evaluation; the handover of the
        // archives (30 working days) may be late, incomplete or not yet recorded.
        let left = shift(eval, -(r.range(45, 90) as i64));
        let mut d = json!({ "left_on": left.to_string() });
        if r.chance(80) {
            let mut h = json!({
                "date": shift(left, r.range(3, 50) as i64).min(eval).to_string(),
                "with_list": r.chance(fp),
                "signed_agreement": r.chance(fp),
            });
            if r.chance(80) {
                for k in ARCHIVE_KINDS {
                    h["kinds"][*k] = flag(&mut r, 97);
                }
            }
            if r.chance(80) {
                h["confidentiality_kept"] = flag(&mut r, 90);
            }
            d["handover"] = h;
        }
        v["departure"] = d;
    }
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
