//! The spreadsheet bridge: a template filled as a user would fill it decides as the JSON
//! does; each bad workbook gets its located error; every written workbook reads back.
#![cfg(feature = "xlsx")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::type_complexity
)]

use std::collections::BTreeMap;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use serde_json::Value;
use sws_eval::decision::{Decision, Evaluator};
use sws_eval::evidence::Evidence;
use sws_eval::json::{self, Envelope, ErrorCode};
use sws_eval::report::Lang;
use sws_eval::sheet::{
    self, Book, Cell, Kind, Layout, LocatedError, SheetKind, WorkbookEvidence, WriteOptions,
};

/// What a user types into one cell.
#[derive(Debug, Clone, PartialEq)]
enum Typed {
    Text(String),
    Number(f64),
    Bool(bool),
    Date(u16, u8, u8),
    Formula(String),
}

/// A workbook as a user fills it: sheet → (row, col) → typed value, plus merges.
#[derive(Debug, Clone, Default)]
struct Filled {
    sheets: Vec<(String, BTreeMap<(u32, u16), Typed>)>,
    merges: Vec<(String, u32, u16, u32, u16)>,
}

impl Filled {
    fn sheet(&mut self, name: &str) -> &mut BTreeMap<(u32, u16), Typed> {
        let at = self.sheets.iter().position(|(n, _)| n == name).unwrap();
        &mut self.sheets[at].1
    }

    fn render(&self) -> Vec<u8> {
        let mut wb = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (name, cells) in &self.sheets {
            let ws = wb.add_worksheet();
            ws.set_name(name).unwrap();
            for ((r, c), v) in cells {
                match v {
                    Typed::Text(s) => ws.write_string(*r, *c, s).map(|_| ()),
                    Typed::Number(f) => ws.write_number(*r, *c, *f).map(|_| ()),
                    Typed::Bool(b) => ws.write_boolean(*r, *c, *b).map(|_| ()),
                    Typed::Date(y, m, d) => ws
                        .write_datetime_with_format(
                            *r,
                            *c,
                            ExcelDateTime::from_ymd(*y, *m, *d).unwrap(),
                            &date,
                        )
                        .map(|_| ()),
                    Typed::Formula(f) => ws.write_formula(*r, *c, Formula::new(f)).map(|_| ()),
                }
                .unwrap();
            }
            for (s, r0, c0, r1, c1) in &self.merges {
                if s == name {
                    ws.merge_range(*r0, *c0, *r1, *c1, "merged", &Format::new())
                        .unwrap();
                }
            }
        }
        wb.save_to_buffer().unwrap()
    }
}

/// The value as a user types it: decimals as numbers, dates as date cells.
fn typed(kind: &Kind, v: &Value) -> Typed {
    match (kind, v) {
        (Kind::Decimal(_), Value::String(s)) => Typed::Number(s.parse().unwrap()),
        (Kind::Date, Value::String(s)) => {
            let p: Vec<&str> = s.split('-').collect();
            Typed::Date(
                p[0].parse().unwrap(),
                p[1].parse().unwrap(),
                p[2].parse().unwrap(),
            )
        }
        (Kind::Bool, Value::Bool(b)) => Typed::Bool(*b),
        (Kind::Int, Value::Number(n)) => Typed::Number(n.as_f64().unwrap()),
        (_, Value::String(s)) => Typed::Text(s.clone()),
        (_, other) => Typed::Text(other.to_string()),
    }
}

/// Fills the template's sheets from evidence JSON, reading the keys off the template.
fn fill(json: &Value) -> Filled {
    fill_with(json, &Layout::evidence(), &WriteOptions::default())
}

/// The value of a declared indicator as a user types it: marks and counts as numbers,
/// a flag as TRUE/FALSE, a level as text.
fn typed_indicator(v: &Value) -> Typed {
    match v {
        Value::Bool(b) => Typed::Bool(*b),
        Value::Number(n) => Typed::Number(n.as_f64().unwrap()),
        Value::String(s) => s
            .parse::<f64>()
            .map_or_else(|_| Typed::Text(s.clone()), Typed::Number),
        other => Typed::Text(other.to_string()),
    }
}

/// Fills the `Indicators` sheet as a user would: the evaluators' names typed over the
/// placeholder headers (`by.评估员1` → `by.专家甲`, a new column for a name more), then
/// each row's value, numerator and denominator, or one mark per evaluator.
fn fill_indicators(
    json: &Value,
    grid: &sheet::Grid,
    layout: &Layout,
    cells: &mut BTreeMap<(u32, u16), Typed>,
) {
    let Some(entries) = json.get("indicators").and_then(Value::as_object) else {
        return;
    };
    let mut heads: BTreeMap<String, u16> = grid
        .cells
        .range((0, 0)..(1, 0))
        .filter_map(|((_, c), v)| match v {
            Cell::Text(t) => Some((t.clone(), u16::try_from(*c).unwrap())),
            _ => None,
        })
        .collect();
    let mut free: Vec<u16> = heads
        .iter()
        .filter(|(k, _)| k.starts_with("by.评估员"))
        .map(|(_, c)| *c)
        .collect();
    free.sort();
    free.reverse();
    let mut next_col = heads.values().max().unwrap() + 1;
    for v in entries.values() {
        for name in v
            .get("by")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .map(|(n, _)| n)
        {
            let key = format!("by.{name}");
            if heads.contains_key(&key) {
                continue;
            }
            let c = free.pop().unwrap_or_else(|| {
                next_col += 1;
                next_col - 1
            });
            cells.insert((0, c), Typed::Text(key.clone()));
            heads.insert(key, c);
        }
    }
    for ((r, c), v) in &grid.cells {
        if *c != 0 || *r < 2 {
            continue;
        }
        let Cell::Text(id) = v else { continue };
        let Some(entry) = entries.get(id) else {
            continue;
        };
        assert!(layout.declared.iter().any(|d| &d.id == id));
        let mut put = |key: &str, v: &Value| {
            cells.insert((*r, heads[key]), typed_indicator(v));
        };
        match entry {
            Value::Object(o) => {
                if let Some(by) = o.get("by").and_then(Value::as_object) {
                    for (name, mark) in by {
                        put(&format!("by.{name}"), mark);
                    }
                }
                for k in ["numerator", "denominator"] {
                    if let Some(x) = o.get(k) {
                        put(k, x);
                    }
                }
            }
            scalar => put("value", scalar),
        }
    }
}

/// Fills the template of `layout` from evidence JSON, reading the keys off the template.
fn fill_with(json: &Value, layout: &Layout, opts: &WriteOptions) -> Filled {
    let template = sheet::write_evidence(layout, None, opts).unwrap();
    let book = Book::from_bytes(&template).unwrap();
    let mut filled = Filled::default();
    for grid in &book.grids {
        let mut cells = BTreeMap::new();
        // Keep the template's headers and keys as they are.
        for ((r, c), cell) in &grid.cells {
            if let Cell::Text(t) = cell {
                let c16 = u16::try_from(*c).unwrap();
                cells.insert((*r, c16), Typed::Text(t.clone()));
            }
        }
        if let Some(s) = layout.sheet(&grid.name) {
            match s.kind {
                SheetKind::KeyValue => {
                    let mut row = grid.cells.keys().map(|(r, _)| *r).max().unwrap_or(0) + 1;
                    for f in &s.fields {
                        let n = if f.depth() == 0 {
                            1
                        } else {
                            let list = f.key(&[]);
                            let list = list.rsplit_once(".1.").unwrap().0.replace('.', "/");
                            json.pointer(&format!("/{list}"))
                                .and_then(Value::as_array)
                                .map_or(1, Vec::len)
                        };
                        for i in 0..n {
                            let key = f.key(&[i]);
                            let at = grid
                                .cells
                                .iter()
                                .find(|((_, c), v)| *c == 0 && **v == Cell::Text(key.clone()))
                                .map(|((r, _), _)| *r);
                            let r = match at {
                                Some(r) => r,
                                None => {
                                    // A second certificate: the user adds a row.
                                    cells.insert((row, 0), Typed::Text(key.clone()));
                                    row += 1;
                                    row - 1
                                }
                            };
                            cells.remove(&(r, 2));
                            if let Some(v) = json.pointer(&f.pointer("", &[i])) {
                                cells.insert((r, 2), typed(&f.kind, v));
                            }
                        }
                    }
                }
                SheetKind::Map if s.list == "/indicators" => {
                    fill_indicators(json, grid, layout, &mut cells);
                }
                SheetKind::Map => assert!(json.pointer(&s.list).is_none(), "{}", s.list),
                SheetKind::Table => {
                    let items = json
                        .pointer(&s.list)
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    for (c, cell) in grid.cells.range((0, 0)..(1, 0)) {
                        let Cell::Text(key) = cell else { continue };
                        let (field, idx) = s
                            .fields
                            .iter()
                            .find_map(|f| f.matches(key).map(|i| (f, i)))
                            .unwrap();
                        for (r, item) in (2u32..).zip(&items) {
                            if let Some(v) = item.pointer(&field.pointer("", &idx)) {
                                cells.insert(
                                    (r, u16::try_from(c.1).unwrap()),
                                    typed(&field.kind, v),
                                );
                            }
                        }
                    }
                    if items.is_empty() && json.pointer(&s.list).is_some() {
                        cells.insert((2, 0), Typed::Text("无 none".into()));
                    }
                }
            }
        }
        filled.sheets.push((grid.name.clone(), cells));
    }
    filled
}

fn read(bytes: &[u8]) -> WorkbookEvidence {
    sheet::read_book(&Book::from_bytes(bytes).unwrap(), &Layout::evidence())
}

fn decide(text: &str) -> Decision {
    match json::evaluate_json(text, &Evaluator::dongying()) {
        Envelope::Ok { result, .. } => result,
        Envelope::Error { errors } => panic!("{errors:?}"),
    }
}

/// Every error of a workbook: its own, else the JSON path's with cells.
fn errors_of(w: &WorkbookEvidence) -> Vec<LocatedError> {
    if !w.errors.is_empty() {
        return w.errors.clone();
    }
    let text = serde_json::to_string(&w.value).unwrap();
    w.locate_all(json::evaluate_json(&text, &Evaluator::dongying()).errors())
}

fn the_same_decision(path: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    let filled = fill(&json);
    let w = read(&filled.render());
    assert!(w.errors.is_empty(), "{path}: {:?}", w.errors);
    let a: Evidence = serde_json::from_str(&text).unwrap();
    let b: Evidence = serde_json::from_value(w.value.clone()).unwrap();
    assert_eq!(a, b, "{path}");
    let from_json = decide(&text);
    let mut from_sheet = decide(&serde_json::to_string(&w.value).unwrap());
    // The receipt hashes the evidence as read: 300000 typed as a number reads as
    // "300000", the same amount as "300000.00" in the JSON but other bytes.
    from_sheet.receipt.input_hash = from_json.receipt.input_hash.clone();
    assert_eq!(from_json, from_sheet, "{path}");
}

#[test]
fn a_filled_template_decides_as_the_json_does_on_the_sample_station() {
    the_same_decision("examples/data/station.json");
}

#[test]
fn a_filled_template_decides_as_the_json_does_on_the_county_stations() {
    let mut n = 0;
    for entry in std::fs::read_dir("examples/data/county").unwrap() {
        let p = entry.unwrap().path();
        if p.file_name().is_some_and(|f| f != "county.json") {
            the_same_decision(p.to_str().unwrap());
            n += 1;
        }
    }
    assert_eq!(n, 9);
}

#[test]
fn chinese_text_and_typed_dates_survive() {
    let json: Value = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
    let filled = fill(&json);
    assert!(
        filled
            .sheets
            .iter()
            .any(|(_, c)| c.values().any(|v| matches!(v, Typed::Date(2024, 12, 10)))),
        "the evaluation date is typed as a date cell"
    );
    let w = read(&filled.render());
    assert_eq!(w.value["station"]["name"], "东城街道社会工作服务站");
    assert_eq!(w.value["evaluation"]["date"], "2024-12-10");
    assert_eq!(w.value["contract"]["price"], "300000");
}

fn sample() -> Filled {
    fill(&serde_json::from_str(include_str!("../examples/data/station.json")).unwrap())
}

fn one_error(filled: &Filled) -> LocatedError {
    let w = read(&filled.render());
    let errors = errors_of(&w);
    assert!(!errors.is_empty(), "expected an error");
    errors[0].clone()
}

fn roster_col(f: &Filled, key: &str) -> u16 {
    f.sheets
        .iter()
        .find(|(n, _)| n == "Roster")
        .unwrap()
        .1
        .iter()
        .find(|((r, _), v)| *r == 0 && **v == Typed::Text(key.into()))
        .map(|((_, c), _)| *c)
        .unwrap()
}

fn station_row(f: &Filled, key: &str) -> u32 {
    f.sheets
        .iter()
        .find(|(n, _)| n == "Station")
        .unwrap()
        .1
        .iter()
        .find(|((_, c), v)| *c == 0 && **v == Typed::Text(key.into()))
        .map(|((r, _), _)| *r)
        .unwrap()
}

#[test]
fn a_missing_sheet() {
    let mut f = sample();
    f.sheets.retain(|(n, _)| n != "Roster");
    let e = one_error(&f);
    assert_eq!(e.error.code, ErrorCode::MissingSheet);
    assert_eq!(e.error.pointer, "/staff/workers");
    assert!(e.error.message.contains("`Roster`"), "{}", e.error.message);
}

#[test]
fn a_misspelt_sheet_gets_a_did_you_mean() {
    let mut f = sample();
    for (n, _) in &mut f.sheets {
        if n == "Roster" {
            *n = "Rostr".into();
        }
    }
    let e = one_error(&f);
    assert_eq!(e.error.code, ErrorCode::MissingSheet);
    assert_eq!(e.error.suggestion.as_deref(), Some("Rostr"));
}

#[test]
fn a_renamed_header() {
    let mut f = sample();
    let c = roster_col(&f, "birth_date");
    f.sheet("Roster")
        .insert((0, c), Typed::Text("birth_dat".into()));
    let w = read(&f.render());
    let e = &w.errors[0];
    assert_eq!(e.error.code, ErrorCode::UnknownField);
    assert_eq!(e.error.suggestion.as_deref(), Some("birth_date"));
    assert_eq!(
        e.cell.as_ref().unwrap().to_string(),
        format!("Roster!{}1", sheet::column_name(u32::from(c)))
    );
}

#[test]
fn text_in_a_date_cell() {
    let mut f = sample();
    let c = roster_col(&f, "birth_date");
    f.sheet("Roster")
        .insert((3, c), Typed::Text("last spring".into()));
    let e = one_error(&f);
    assert_eq!(e.error.code, ErrorCode::MalformedDate);
    assert_eq!(e.error.pointer, "/staff/workers/1/birth_date");
    let col = sheet::column_name(u32::from(c));
    assert_eq!(e.cell.unwrap().to_string(), format!("Roster!{col}4"));
}

/// `evaluate form.xlsx --format json`: the error envelope carries each error's cell
/// beside its pointer, so a host can point the user at the cell.
#[cfg(feature = "cli")]
#[test]
fn the_json_error_envelope_names_the_cell() {
    let mut f = sample();
    let c = roster_col(&f, "birth_date");
    f.sheet("Roster")
        .insert((3, c), Typed::Text("last spring".into()));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.xlsx");
    std::fs::write(&path, f.render()).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_sws-eval"))
        .args(["evaluate", path.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let envelope: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(envelope["status"], "error");
    let e = &envelope["errors"][0];
    assert_eq!(e["code"], "malformed_date");
    assert_eq!(e["pointer"], "/staff/workers/1/birth_date");
    let col = sheet::column_name(u32::from(c));
    assert_eq!(e["cell"], format!("Roster!{col}4"));
}

#[test]
fn a_float_artefact_in_a_decimal_cell_is_refused() {
    let mut f = sample();
    let r = station_row(&f, "contract.paid");
    f.sheet("Station").insert((r, 2), Typed::Number(0.1 + 0.2));
    let e = one_error(&f);
    assert_eq!(e.error.code, ErrorCode::TooManyPlaces);
    assert_eq!(e.error.pointer, "/contract/paid");
    assert_eq!(e.error.found, "\"0.30000000000000004\"");
    assert_eq!(e.cell.unwrap().to_string(), format!("Station!C{}", r + 1));
    // The same amount typed exactly is accepted.
    f.sheet("Station").insert((r, 2), Typed::Number(0.3));
    assert!(errors_of(&read(&f.render())).is_empty());
}

#[test]
fn merged_cells() {
    let mut f = sample();
    f.merges.push(("Roster".into(), 2, 1, 3, 1));
    let e = one_error(&f);
    assert_eq!(e.error.code, ErrorCode::MergedCells);
    assert_eq!(e.cell.unwrap().to_string(), "Roster!B3");
}

#[test]
fn a_formula_cell() {
    let mut f = sample();
    let r = station_row(&f, "contract.price");
    f.sheet("Station")
        .insert((r, 2), Typed::Formula("=200000+100000".into()));
    let e = one_error(&f);
    assert_eq!(e.error.code, ErrorCode::FormulaCell);
    assert_eq!(e.cell.unwrap().to_string(), format!("Station!C{}", r + 1));
}

#[test]
fn an_empty_roster() {
    let mut f = sample();
    f.sheet("Roster").retain(|(r, _), _| *r < 2);
    let e = one_error(&f);
    assert_eq!(e.error.code, ErrorCode::MissingField);
    assert_eq!(e.error.pointer, "/staff/workers");
    assert_eq!(e.cell.unwrap().to_string(), "Roster!A3");
}

#[test]
fn a_misspelt_level_gets_the_json_did_you_mean() {
    let mut f = sample();
    let levels = f.sheets.iter().position(|(n, _)| n == "Levels").unwrap();
    let row = f.sheets[levels]
        .1
        .iter()
        .find(|((_, c), v)| *c == 0 && **v == Typed::Text("levels.archives".into()))
        .map(|((r, _), _)| *r)
        .unwrap();
    f.sheets[levels]
        .1
        .insert((row, 2), Typed::Text("AA".into()));
    let e = one_error(&f);
    assert_eq!(e.error.code, ErrorCode::UnknownLevel);
    assert_eq!(e.error.pointer, "/levels/archives");
    assert_eq!(e.cell.unwrap().to_string(), format!("Levels!C{}", row + 1));
}

#[test]
fn an_unreadable_or_oversized_workbook() {
    assert!(matches!(
        Book::from_bytes(b"not a workbook"),
        Err(sheet::WorkbookError::Unreadable(_))
    ));
    let big = vec![0u8; sheet::MAX_WORKBOOK_BYTES + 1];
    assert_eq!(
        Book::from_bytes(&big),
        Err(sheet::WorkbookError::TooLarge(
            sheet::MAX_WORKBOOK_BYTES + 1
        ))
    );
}

#[test]
fn the_template_reads_every_sheet_and_header() {
    let layout = Layout::evidence();
    let opts = WriteOptions::for_standard(
        sws_eval::CompiledStandard::dongying_2022().standard(),
        Lang::Zh,
    );
    let book = Book::from_bytes(&sheet::write_evidence(&layout, None, &opts).unwrap()).unwrap();
    let names: Vec<&str> = book.grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "ReadMe",
            "Station",
            "Roster",
            "Training",
            "Supervision",
            "Services",
            "Surveys",
            "Levels",
            "Findings",
            "Indicators",
            "Site",
            "Finance",
            "NotApplicable"
        ]
    );
    let roster = book.grid("Roster").unwrap();
    assert_eq!(roster.cells.get(&(0, 0)), Some(&Cell::Text("id".into())));
    assert_eq!(
        roster.cells.get(&(1, 0)),
        Some(&Cell::Text(
            "编号 / A roster id, unique within the station *".into()
        ))
    );
    let readme = book.grid("ReadMe").unwrap();
    assert!(
        readme
            .cells
            .values()
            .any(|c| matches!(c, Cell::Text(t) if t.contains("contract.price")))
    );
    // The empty template reads as an empty document, and its errors name the cells.
    let w = sheet::read_book(&book, &layout);
    assert!(w.errors.is_empty());
    let errors = errors_of(&w);
    assert_eq!(errors[0].error.pointer, "/station");
    assert_eq!(errors[0].cell.as_ref().unwrap().to_string(), "Station!C2");
}

#[test]
fn csv_sheets_replace_workbook_sheets() {
    let f = sample();
    let mut book = Book::from_bytes(&f.render()).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "id,name,provided_by,full_time,birth_date,entry_date,education\n,,,,,,\nw1,张伟,township,是,1990-05-10,2023-01-01,bachelor\nw2,李娜,contractor,是,1995-08-20,2023-01-01,junior_college\nw3,王芳,contractor,是,1986-03-15,2023-01-01,bachelor\nw4,赵磊,contractor,是,1998-11-02,2023-03-01,bachelor\n",
    );
    let grid = sheet::csv_grid("Roster", &gbk).unwrap();
    book.grids.retain(|g| g.name != "Roster");
    book.grids.push(grid);
    let w = sheet::read_book(&book, &Layout::evidence());
    assert!(w.errors.is_empty(), "{:?}", w.errors);
    assert_eq!(w.value["staff"]["workers"][1]["name"], "李娜");
    let d = decide(&serde_json::to_string(&w.value).unwrap());
    // Without qualifications in the CSV roster, staffing scores lower than the sample.
    assert!(
        d.scorecard.total
            < decide(include_str!("../examples/data/station.json"))
                .scorecard
                .total
    );
}

#[test]
fn result_workbooks_read_back() {
    let text = include_str!("../examples/data/station.json");
    let ev: Evidence = serde_json::from_str(text).unwrap();
    let d = decide(text);
    let book =
        Book::from_bytes(&sheet::decision_workbook(&d, Some(&ev), Lang::En).unwrap()).unwrap();
    let names: Vec<&str> = book.grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        ["Conclusion", "Scorecard", "Gates", "Actions", "Receipt"]
    );
    let conclusion = book.grid("Conclusion").unwrap();
    let row_of = |label: &str| {
        conclusion
            .cells
            .iter()
            .find(|((_, c), v)| *c == 0 && matches!(v, Cell::Text(t) if t.starts_with(label)))
            .map(|((r, _), _)| *r)
            .unwrap()
    };
    let total = row_of("Total");
    assert_eq!(
        conclusion.cells.get(&(total, 1)),
        Some(&Cell::Number("87.5".into()))
    );
    assert_eq!(
        conclusion.cells.get(&(total, 2)),
        Some(&Cell::Text("87.50".into()))
    );
    let release = row_of("Release");
    assert_eq!(
        conclusion.cells.get(&(release, 1)),
        Some(&Cell::Number("60000".into()))
    );
    assert_eq!(
        conclusion.cells.get(&(release, 2)),
        Some(&Cell::Text("60000.00".into()))
    );
    let card = book.grid("Scorecard").unwrap();
    assert_eq!(card.cells.get(&(0, 0)), Some(&Cell::Text("id".into())));
    assert!(card.cells.values().any(|c| *c == Cell::Text("C7".into())));
    let gates = book.grid("Gates").unwrap();
    assert!(
        gates
            .cells
            .values()
            .any(|c| *c == Cell::Text("art26.reports_filed".into()))
    );
    let actions = book.grid("Actions").unwrap();
    assert_eq!(
        actions.cells.get(&(1, 3)),
        Some(&Cell::Date(2025, 1, 9, false))
    );

    // County.
    let county: sws_eval::county::County = {
        let mut c: Value =
            serde_json::from_str(include_str!("../examples/data/county/county.json")).unwrap();
        let mut stations = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir("examples/data/county")
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|f| f != "county.json"))
            .collect();
        files.sort();
        for p in files {
            stations
                .push(serde_json::from_str::<Value>(&std::fs::read_to_string(p).unwrap()).unwrap());
        }
        c["stations"] = Value::Array(stations);
        serde_json::from_value(c).unwrap()
    };
    let cd = sws_eval::county::check_county(&Evaluator::dongying(), &county).unwrap();
    let book = Book::from_bytes(&sheet::county_workbook(&cd, Lang::Zh).unwrap()).unwrap();
    let names: Vec<&str> = book.grids.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Stations",
            "Summary",
            "Grades",
            "County gates",
            "County actions"
        ]
    );
    // The grade distribution: every band of the standard, the best first.
    let g = book.grid("Grades").unwrap();
    let col = |c: u32| -> Vec<Cell> { (1..=4).map(|r| g.cells[&(r, c)].clone()).collect() };
    assert_eq!(
        col(1),
        ["优秀", "良好", "合格", "不合格"].map(|s| Cell::Text(s.into()))
    );
    assert_eq!(col(3), ["2", "4", "2", "1"].map(|n| Cell::Number(n.into())));
    assert_eq!(g.cells.get(&(1, 4)), Some(&Cell::Number("22.22".into())));
    let st = book.grid("Stations").unwrap();
    assert_eq!(
        st.cells.get(&(0, 7)),
        Some(&Cell::Text("总分 Total".into()))
    );
    assert_eq!(st.cells.keys().map(|(r, _)| *r).max(), Some(9));
    assert_eq!(
        st.cells.get(&(1, 1)),
        Some(&Cell::Text("DY-DYQ-001".into()))
    );
    assert_eq!(st.cells.get(&(1, 7)), Some(&Cell::Number("87.5".into())));

    // Batch.
    let line = json::evaluate_batch_line(1, text, &Evaluator::dongying());
    let bad = json::evaluate_batch_line(2, "{}", &Evaluator::dongying());
    let rows = vec![("a.json".to_owned(), line), ("b.json".to_owned(), bad)];
    let book = Book::from_bytes(&sheet::batch_workbook(&rows, Lang::En).unwrap()).unwrap();
    let r = book.grid("Results").unwrap();
    assert_eq!(r.cells.get(&(1, 0)), Some(&Cell::Text("a.json".into())));
    assert_eq!(r.cells.get(&(1, 3)), Some(&Cell::Number("87.5".into())));
    assert_eq!(r.cells.get(&(2, 1)), Some(&Cell::Text("error".into())));
}

#[test]
fn declared_indicators_get_rows_and_are_read_by_their_kinds() {
    let std_text = include_str!("conformance/base/standard-indicators.json");
    let standard = json::load_standard_json(std_text).unwrap();
    let layout = Layout::with_standard(standard.standard());
    let opts = WriteOptions::for_standard(standard.standard(), Lang::Zh);
    let mut book = Book::from_bytes(&sheet::write_evidence(&layout, None, &opts).unwrap()).unwrap();
    let grid = book
        .grids
        .iter_mut()
        .find(|g| g.name == "Indicators")
        .unwrap();
    let row_of = |g: &sheet::Grid, id: &str| {
        g.cells
            .iter()
            .find(|((_, c), v)| *c == 0 && **v == Cell::Text(id.into()))
            .map(|((r, _), _)| *r)
            .unwrap()
    };
    let col_of = |g: &sheet::Grid, key: &str| {
        g.cells
            .iter()
            .find(|((r, _), v)| *r == 0 && **v == Cell::Text(key.into()))
            .map(|((_, c), _)| *c)
            .unwrap()
    };
    let (value, num, den) = (
        col_of(grid, "value"),
        col_of(grid, "numerator"),
        col_of(grid, "denominator"),
    );
    // As a user types them: a flag as FALSE, numbers as numbers, a level as text.
    for (id, col, cell) in [
        ("x.party_org", value, Cell::Bool(false)),
        ("x.presentation", value, Cell::Number("20".into())),
        ("x.partner_rating", value, Cell::Text("A".into())),
        ("x.community_hours", num, Cell::Number("300".into())),
        ("x.community_hours", den, Cell::Number("600".into())),
        ("x.complaints", value, Cell::Number("4".into())),
        ("x.volunteer_hours", value, Cell::Number("48".into())),
    ] {
        let r = row_of(grid, id);
        grid.cells.insert((r, col), cell);
    }
    // The rest of the evidence: the sample station's sheets.
    let station: Value =
        serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
    let filled =
        Book::from_bytes(&sheet::write_evidence(&layout, Some(&station), &opts).unwrap()).unwrap();
    for g in filled.grids {
        if g.name != "Indicators" {
            book.grids.retain(|x| x.name != g.name);
            book.grids.push(g);
        }
    }
    let w = sheet::read_book(&book, &layout);
    assert!(w.errors.is_empty(), "{:?}", w.errors);
    assert_eq!(w.value["indicators"]["x.presentation"], "20");
    assert_eq!(w.value["indicators"]["x.complaints"], 4);
    assert_eq!(w.value["indicators"]["x.party_org"], false);
    assert_eq!(
        w.value["indicators"]["x.community_hours"]["numerator"],
        "300"
    );
    let mut evaluator = Evaluator::dongying();
    evaluator.standard = standard;
    let text = serde_json::to_string(&w.value).unwrap();
    let Envelope::Ok { result, .. } = json::evaluate_json(&text, &evaluator) else {
        panic!("{:?}", json::evaluate_json(&text, &evaluator).errors());
    };
    assert_eq!(result.scorecard.total.to_string(), "55.00");
    // And the workbook written from that JSON reads back as the same JSON.
    let again = sheet::write_evidence(&layout, Some(&w.value), &opts).unwrap();
    let back = sheet::read_book(&Book::from_bytes(&again).unwrap(), &layout);
    assert_eq!(back.value["indicators"], w.value["indicators"]);
}

/// The 1000-point standard split by evaluating party, with its panels.
fn party_split() -> (Evaluator, Layout, WriteOptions, String) {
    let text = std::fs::read_to_string("examples/standards/party-split-1000.json").unwrap();
    let standard = json::load_standard_json(&text).unwrap();
    let layout = Layout::with_standard(standard.standard());
    let opts = WriteOptions::for_standard(standard.standard(), Lang::Zh);
    let mut evaluator = Evaluator::dongying();
    evaluator.standard = standard;
    let evidence =
        std::fs::read_to_string("examples/standards/party-split-1000.evidence.json").unwrap();
    (evaluator, layout, opts, evidence)
}

fn decide_with(evaluator: &Evaluator, text: &str) -> Decision {
    match json::evaluate_json(text, evaluator) {
        Envelope::Ok { result, .. } => result,
        Envelope::Error { errors } => panic!("{errors:?}"),
    }
}

#[test]
fn the_template_gives_a_panel_one_column_per_evaluator() {
    let (_, layout, opts, _) = party_split();
    let book = Book::from_bytes(&sheet::write_evidence(&layout, None, &opts).unwrap()).unwrap();
    let grid = book.grid("Indicators").unwrap();
    let heads: Vec<String> = grid
        .cells
        .range((0, 0)..(1, 0))
        .filter_map(|(_, v)| match v {
            Cell::Text(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    let by: Vec<&str> = heads.iter().filter_map(|h| h.strip_prefix("by.")).collect();
    // The sources the purchaser's mark prefers, then the panel's evaluators to name.
    assert_eq!(
        by,
        [
            "purchaser",
            "self",
            "评估员1",
            "评估员2",
            "评估员3",
            "评估员4",
            "评估员5"
        ]
    );
    assert_eq!(sheet::TEMPLATE_EVALUATORS, 5);
    // The kind note tells how a panel row is filled and combined.
    let kind_col = grid
        .cells
        .iter()
        .find(|((r, _), v)| *r == 0 && **v == Cell::Text("_kind".into()))
        .map(|((_, c), _)| *c)
        .unwrap();
    let row = grid
        .cells
        .iter()
        .find(|((_, c), v)| *c == 0 && **v == Cell::Text("x.party_work".into()))
        .map(|((r, _), _)| *r)
        .unwrap();
    let Some(Cell::Text(note)) = grid.cells.get(&(row, kind_col)) else {
        panic!("no kind note");
    };
    assert!(
        note.contains("by.NAME") && note.contains("trimmed mean"),
        "{note}"
    );
}

#[test]
fn a_filled_panel_template_decides_as_the_json_does() {
    let (evaluator, layout, opts, text) = party_split();
    let json: Value = serde_json::from_str(&text).unwrap();
    let filled = fill_with(&json, &layout, &opts);
    // Marks typed as numbers.
    let ind = &filled
        .sheets
        .iter()
        .find(|(n, _)| n == "Indicators")
        .unwrap()
        .1;
    assert!(ind.values().any(|v| *v == Typed::Number(85.5)));
    assert!(ind.values().any(|v| *v == Typed::Text("by.专家甲".into())));
    let w = sheet::read_book(&Book::from_bytes(&filled.render()).unwrap(), &layout);
    assert!(w.errors.is_empty(), "{:?}", w.errors);
    assert_eq!(w.value["indicators"]["x.party_work"]["by"]["专家丙"], "48");
    assert_eq!(
        w.value["indicators"]["x.records_quality"]["by"]["专家乙"],
        "85.5"
    );
    let a: Evidence = serde_json::from_str(&text).unwrap();
    let b: Evidence = serde_json::from_value(w.value.clone()).unwrap();
    assert_eq!(a.indicators, b.indicators);
    let from_json = decide_with(&evaluator, &text);
    let mut from_sheet = decide_with(&evaluator, &serde_json::to_string(&w.value).unwrap());
    // Amounts typed as numbers read as "300000" for "300000.00": the same decimal,
    // other bytes in the receipt's hash.
    from_sheet.receipt.input_hash = from_json.receipt.input_hash.clone();
    assert_eq!(from_json, from_sheet);
    // The explanation names every evaluator of the panel.
    assert!(
        from_json
            .scorecard
            .nodes
            .iter()
            .any(|n| n.inputs.iter().any(|i| i.actual.contains("专家甲 52")))
    );
}

/// The Indicators cell of the row keyed `key` (column A) under the header `header` (row 1).
fn indicator_cell(ind: &BTreeMap<(u32, u16), Typed>, header: &str, key: &str) -> (u32, u16) {
    let col = ind
        .iter()
        .find(|((r, _), v)| *r == 0 && **v == Typed::Text(header.into()))
        .map(|((_, c), _)| *c)
        .unwrap();
    let row = ind
        .iter()
        .find(|((_, c), v)| *c == 0 && **v == Typed::Text(key.into()))
        .map(|((r, _), _)| *r)
        .unwrap();
    (row, col)
}

#[test]
fn panel_evidence_round_trips_through_a_workbook() {
    let (_, layout, opts, text) = party_split();
    let json: Value = serde_json::from_str(&text).unwrap();
    let once = sheet::write_evidence(&layout, Some(&json), &opts).unwrap();
    let w = sheet::read_book(&Book::from_bytes(&once).unwrap(), &layout);
    assert!(w.errors.is_empty(), "{:?}", w.errors);
    let a: Evidence = serde_json::from_value(json).unwrap();
    let b: Evidence = serde_json::from_value(w.value.clone()).unwrap();
    assert_eq!(a, b);
    let twice = sheet::write_evidence(&layout, Some(&w.value), &opts).unwrap();
    let back = sheet::read_book(&Book::from_bytes(&twice).unwrap(), &layout);
    assert_eq!(back.value, w.value);
}

#[test]
fn an_error_in_a_panel_cell_names_the_cell() {
    let (evaluator, layout, opts, text) = party_split();
    let json: Value = serde_json::from_str(&text).unwrap();
    let mut filled = fill_with(&json, &layout, &opts);
    let ind = filled.sheet("Indicators");
    let (row, col) = indicator_cell(ind, "by.专家甲", "x.party_work");
    // 75 on a mark out of 60.
    ind.insert((row, col), Typed::Number(75.0));
    let w = sheet::read_book(&Book::from_bytes(&filled.render()).unwrap(), &layout);
    assert!(w.errors.is_empty(), "{:?}", w.errors);
    let text = serde_json::to_string(&w.value).unwrap();
    let errors = w.locate_all(json::evaluate_json(&text, &evaluator).errors());
    let e = errors
        .iter()
        .find(|e| e.error.pointer.starts_with("/indicators/x.party_work"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(e.error.pointer, "/indicators/x.party_work/by/专家甲");
    assert_eq!(
        e.cell.as_ref().unwrap().to_string(),
        format!(
            "Indicators!{}{}",
            sheet::column_name(u32::from(col)),
            row + 1
        )
    );
}

#[test]
fn a_panel_header_given_twice_is_refused() {
    let (_, layout, opts, text) = party_split();
    let json: Value = serde_json::from_str(&text).unwrap();
    let mut filled = fill_with(&json, &layout, &opts);
    let ind = filled.sheet("Indicators");
    let last = ind.keys().map(|(_, c)| *c).max().unwrap();
    ind.insert((0, last + 1), Typed::Text("by.专家甲".into()));
    ind.insert((2, last + 1), Typed::Number(1.0));
    let w = sheet::read_book(&Book::from_bytes(&filled.render()).unwrap(), &layout);
    let e = &w.errors[0];
    assert_eq!(e.error.code, ErrorCode::DuplicateField);
    assert_eq!(
        e.cell.as_ref().unwrap().to_string(),
        format!("Indicators!{}1", sheet::column_name(u32::from(last + 1)))
    );
}

#[test]
fn a_value_beside_panel_marks_is_refused_not_dropped() {
    let (evaluator, layout, opts, text) = party_split();
    let json: Value = serde_json::from_str(&text).unwrap();
    let mut filled = fill_with(&json, &layout, &opts);
    let ind = filled.sheet("Indicators");
    let (row, col) = indicator_cell(ind, "value", "x.party_work");
    ind.insert((row, col), Typed::Number(50.0));
    let w = sheet::read_book(&Book::from_bytes(&filled.render()).unwrap(), &layout);
    assert!(w.errors.is_empty(), "{:?}", w.errors);
    let text = serde_json::to_string(&w.value).unwrap();
    let errors = w.locate_all(json::evaluate_json(&text, &evaluator).errors());
    let e = errors
        .iter()
        .find(|e| e.error.pointer.starts_with("/indicators/x.party_work"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert_eq!(
        e.cell.as_ref().unwrap().to_string(),
        format!(
            "Indicators!{}{}",
            sheet::column_name(u32::from(col)),
            row + 1
        ),
        "{e:?}"
    );
}

#[test]
fn a_workbook_libreoffice_saved_as_ods_reads_as_the_same_evidence() {
    // `sws-eval convert examples/data/station.json -o station.xlsx`, opened and saved as
    // .ods by LibreOffice Calc 7.4 (`soffice --headless --convert-to ods`): it writes
    // every boolean cell as the formula `of:=TRUE()`, which is read as its value.
    let bytes = std::fs::read("tests/fixtures/workbooks/station-libreoffice.ods").unwrap();
    let w = read(&bytes);
    assert!(w.errors.is_empty(), "{:?}", w.errors);
    let a: Evidence = serde_json::from_str(include_str!("../examples/data/station.json")).unwrap();
    let b: Evidence = serde_json::from_value(w.value).unwrap();
    assert_eq!(a, b);
}
