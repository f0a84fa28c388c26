//! The workbook commands of the binary: template, convert both ways, evaluate and
//! validate a workbook with located errors, result workbooks, exit codes.
#![cfg(feature = "cli")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sws_eval::sheet::{Book, Cell};

const BIN: &str = env!("CARGO_BIN_EXE_sws-eval");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SWS_EVAL_LANG")
        .output()
        .unwrap()
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sws-eval-sheet-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn template_then_evaluate_names_the_cells() {
    let form = tmp("form.xlsx");
    let o = run(&["template", "--lang", "en", "-o", s(&form)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["evaluate", s(&form), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("form.xlsx!Station!C2: /station: the required field `station` is missing [missing_field]"),
        "{err}"
    );
    let out: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(out["status"], "error");
    let o = run(&["validate", s(&form), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report[0]["errors"][0]["cell"], "Station!C2");
    assert_eq!(report[0]["errors"][0]["code"], "missing_field");
}

#[test]
fn convert_round_trip_and_a_decision_workbook() {
    let xlsx = tmp("station.xlsx");
    let back = tmp("back.json");
    let o = run(&["convert", "examples/data/station.json", "-o", s(&xlsx)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["convert", s(&xlsx), "-o", s(&back)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let a: sws_eval::Evidence =
        serde_json::from_str(&std::fs::read_to_string("examples/data/station.json").unwrap())
            .unwrap();
    let b: sws_eval::Evidence =
        serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(a, b);

    let o = run(&["validate", s(&xlsx)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let decision = tmp("decision.xlsx");
    let o = run(&["evaluate", s(&xlsx), "--lang", "en", "-o", s(&decision)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let book = Book::from_bytes(&std::fs::read(&decision).unwrap()).unwrap();
    assert!(
        book.grid("Conclusion")
            .unwrap()
            .cells
            .values()
            .any(|c| *c == Cell::Text("87.50".into()))
    );
    // The JSON path's decision equals the workbook path's.
    let j = run(&["evaluate", "examples/data/station.json", "--format", "json"]);
    let w = run(&["evaluate", s(&xlsx), "--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    let w: serde_json::Value = serde_json::from_slice(&w.stdout).unwrap();
    assert_eq!(j["scorecard"], w["scorecard"]);
    assert_eq!(j["gates"], w["gates"]);
    assert_eq!(j["payment"], w["payment"]);
}

#[test]
fn county_and_batch_workbooks() {
    let county = tmp("county.xlsx");
    let o = run(&["county", "examples/data/county", "-o", s(&county)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let book = Book::from_bytes(&std::fs::read(&county).unwrap()).unwrap();
    assert_eq!(
        book.grid("Stations")
            .unwrap()
            .cells
            .keys()
            .map(|(r, _)| *r)
            .max(),
        Some(9)
    );

    let dir = tmp("forms");
    std::fs::create_dir_all(&dir).unwrap();
    let o = run(&[
        "convert",
        "examples/data/station.json",
        "-o",
        s(&dir.join("a.xlsx")),
    ]);
    assert_eq!(o.status.code(), Some(0));
    std::fs::copy(
        "examples/data/county/04-xindian-veto.json",
        dir.join("b.json"),
    )
    .unwrap();
    std::fs::write(dir.join("c.json"), "{}").unwrap();
    let results = tmp("results.xlsx");
    let o = run(&["batch", s(&dir), "-o", s(&results)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("3 file(s), 2 decided, 1 not decided"),
        "{}",
        stderr(&o)
    );
    let book = Book::from_bytes(&std::fs::read(&results).unwrap()).unwrap();
    let r = book.grid("Results").unwrap();
    assert_eq!(r.cells.get(&(1, 1)), Some(&Cell::Text("ok".into())));
    assert_eq!(r.cells.get(&(3, 1)), Some(&Cell::Text("error".into())));
    let o = run(&["batch", s(&dir)]);
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[2]["line"], 3);
}

#[test]
fn batch_workbooks_and_folders_are_the_same_for_any_number_of_jobs() {
    // A folder: two workbooks, sample stations, a broken file, the county file.
    let dir = tmp("jobs-forms");
    std::fs::create_dir_all(&dir).unwrap();
    for (station, form) in [
        ("examples/data/station.json", "a.xlsx"),
        (
            "examples/data/county/03-huanghelu-fail-score.json",
            "k.xlsx",
        ),
    ] {
        let o = run(&["convert", station, "-o", s(&dir.join(form))]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for entry in std::fs::read_dir("examples/data/county").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(dir.join("c.json"), "{\"station\":").unwrap();
    // JSON Lines with a broken line, for a results workbook.
    let lines = tmp("jobs.jsonl");
    let station = std::fs::read_to_string("examples/data/station.json").unwrap();
    let v: serde_json::Value = serde_json::from_str(&station).unwrap();
    let one = serde_json::to_string(&v).unwrap();
    let text = [one.as_str(), "{", "", one.as_str(), one.as_str()].join("\n");
    std::fs::write(&lines, text).unwrap();

    let mut first: Option<(Output, Book, Book)> = None;
    for jobs in ["1", "2", "3"] {
        let o = run(&["batch", s(&dir), "--jobs", jobs]);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("13 file(s), 11 decided, 2 not decided"),
            "{}",
            stderr(&o)
        );
        let results = tmp(&format!("jobs-{jobs}.xlsx"));
        let w = run(&["batch", s(&dir), "-j", jobs, "-o", s(&results)]);
        assert_eq!(w.status.code(), Some(1));
        assert_eq!(stderr(&w), stderr(&o));
        let book = Book::from_bytes(&std::fs::read(&results).unwrap()).unwrap();
        let from_lines = tmp(&format!("jobs-lines-{jobs}.xlsx"));
        let l = run(&["batch", s(&lines), "-j", jobs, "-o", s(&from_lines)]);
        assert_eq!(l.status.code(), Some(1), "{}", stderr(&l));
        let lines_book = Book::from_bytes(&std::fs::read(&from_lines).unwrap()).unwrap();
        match &first {
            None => first = Some((o, book, lines_book)),
            Some((o1, book1, lines1)) => {
                assert!(o.stdout == o1.stdout, "--jobs {jobs}: other output");
                assert_eq!(stderr(&o), stderr(o1), "--jobs {jobs}");
                assert!(&book == book1, "--jobs {jobs}: another folder workbook");
                assert!(
                    &lines_book == lines1,
                    "--jobs {jobs}: another lines workbook"
                );
            }
        }
    }
}

#[test]
fn unreadable_and_oversized_workbooks() {
    let junk = tmp("junk.xlsx");
    std::fs::write(&junk, b"this is not a workbook").unwrap();
    let o = run(&["evaluate", s(&junk)]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not a readable .xlsx"),
        "{}",
        stderr(&o)
    );

    let big = tmp("big.xlsx");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(50 * 1024 * 1024).unwrap();
    let o = run(&["evaluate", s(&big)]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("it was not opened [input_too_large]"),
        "{}",
        stderr(&o)
    );
    // validate keeps the refusal's error in its JSON report, as for a JSON file.
    let o = run(&["validate", s(&big), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report[0]["valid"], false);
    assert_eq!(report[0]["errors"][0]["code"], "input_too_large");
    std::fs::remove_file(&big).unwrap();
}

#[test]
fn a_folder_of_csv_sheets() {
    let dir = tmp("csv-form");
    std::fs::create_dir_all(&dir).unwrap();
    let o = run(&[
        "convert",
        "examples/data/station.json",
        "-o",
        s(&dir.join("form.xlsx")),
    ]);
    assert_eq!(o.status.code(), Some(0));
    // Excel on a Chinese Windows saves CSV as GBK: converted on reading.
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "worker,date,hours,provider,title\n,,,,\nw1,2024-03-01,48,civil_affairs_bureau,岗位培训\nw2,2024-03-01,48,civil_affairs_bureau,\nw3,2024-03-01,48,industry_body,\nw4,2024-03-01,48,incubation_base,\n",
    );
    std::fs::write(dir.join("Training.csv"), gbk).unwrap();
    let out = tmp("csv.json");
    let o = run(&["convert", s(&dir), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["training"].as_array().unwrap().len(), 4);
    assert_eq!(v["training"][0]["title"], "岗位培训");
    let o = run(&["evaluate", s(&dir), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_panel_standard_converts_both_ways_and_names_a_panel_cell() {
    const STD: &str = "examples/standards/party-split-1000.json";
    const EV: &str = "examples/standards/party-split-1000.evidence.json";
    let xlsx = tmp("party.xlsx");
    let back = tmp("party.json");
    let o = run(&["convert", EV, "--standard", STD, "-o", s(&xlsx)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let book = Book::from_bytes(&std::fs::read(&xlsx).unwrap()).unwrap();
    let grid = book.grid("Indicators").unwrap();
    let head = |key: &str| {
        grid.cells
            .iter()
            .find(|((r, _), v)| *r == 0 && **v == Cell::Text(key.into()))
            .map(|((_, c), _)| *c)
            .unwrap_or_else(|| panic!("no column {key}"))
    };
    let col = head("by.专家甲");
    head("by.督导乙");
    head("by.purchaser");
    let o = run(&["convert", s(&xlsx), "--standard", STD, "-o", s(&back)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let a: sws_eval::Evidence =
        serde_json::from_str(&std::fs::read_to_string(EV).unwrap()).unwrap();
    let b: sws_eval::Evidence =
        serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    assert_eq!(a, b);
    // And once more: JSON → workbook → JSON gives the same bytes.
    let again = tmp("party-again.xlsx");
    let back2 = tmp("party-again.json");
    let o = run(&["convert", s(&back), "--standard", STD, "-o", s(&again)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["convert", s(&again), "--standard", STD, "-o", s(&back2)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&back).unwrap(),
        std::fs::read_to_string(&back2).unwrap()
    );
    let a: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(EV).unwrap()).unwrap();
    // The decision from the workbook is the JSON's.
    let j = run(&["evaluate", EV, "--standard", STD, "--format", "json"]);
    let w = run(&["evaluate", s(&xlsx), "--standard", STD, "--format", "json"]);
    assert_eq!(j.status.code(), Some(0), "{}", stderr(&j));
    assert_eq!(w.status.code(), Some(0), "{}", stderr(&w));
    let j: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    let w: serde_json::Value = serde_json::from_slice(&w.stdout).unwrap();
    assert_eq!(j, w);

    // A mark out of range in a panel cell: located as file!Sheet!cell.
    let mut v = a.clone();
    v["indicators"]["x.party_work"]["by"]["专家甲"] = "75".into();
    let bad_json = tmp("party-bad.json");
    std::fs::write(&bad_json, v.to_string()).unwrap();
    let bad = tmp("party-bad.xlsx");
    let o = run(&["convert", s(&bad_json), "--standard", STD, "-o", s(&bad)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let row = grid
        .cells
        .iter()
        .find(|((_, c), v)| *c == 0 && **v == Cell::Text("x.party_work".into()))
        .map(|((r, _), _)| *r)
        .unwrap();
    let o = run(&["validate", s(&bad), "--standard", STD]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let cell = format!(
        "party-bad.xlsx!Indicators!{}{}: /indicators/x.party_work/by/专家甲",
        sws_eval::sheet::column_name(col),
        row + 1
    );
    assert!(out.contains(&cell), "{cell} not in {out}");
}
