//! The `sws-eval` binary on the sample county: JSON and Markdown outputs against
//! checked-in snapshots (`tests/snapshots/`), the batch command with a broken line,
//! and the documented exit codes.
//!
//! Update the snapshots after an intended change with `INSTA_UPDATE=always cargo test
//! --test cli` (or `cargo insta review`), and read the diff before committing it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_sws-eval");
const COUNTY: &str = "examples/data/county";

const STATIONS: &[&str] = &[
    "01-dongcheng-pass",
    "02-wenhui-excellent",
    "03-huanghelu-fail-score",
    "04-xindian-veto",
    "05-shengli-midterm",
    "06-liuhu-contractor-leaves",
    "07-shikou-after-expiry",
    "08-longju-qualified",
    "09-liuhu-successor-midterm",
];

fn run(args: &[&str]) -> Output {
    run_with_stdin(args, None)
}

fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("SWS_EVAL_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Written on its own thread: a large input would otherwise fill the pipes both
    // ways (the child writing output nobody reads yet, this test writing input).
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.map(<[u8]>::to_vec);
    let writer = std::thread::spawn(move || {
        if let Some(bytes) = bytes {
            input.write_all(&bytes).unwrap();
        }
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn station_path(name: &str) -> String {
    format!("{COUNTY}/{name}.json")
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(o)))
}

#[test]
fn every_sample_station_decision_matches_its_snapshot() {
    for name in STATIONS {
        let o = run(&["evaluate", &station_path(name), "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let d = json(&o);
        for key in [
            "receipt",
            "scorecard",
            "grade",
            "verdict",
            "gates",
            "payment",
            "renewal",
            "actions",
            "warnings",
        ] {
            assert!(d.get(key).is_some(), "{name}: no `{key}`");
        }
        insta::assert_snapshot!(format!("station_{name}_json"), stdout(&o));
    }
}

#[test]
fn every_sample_station_report_matches_its_snapshot() {
    for name in STATIONS {
        let o = run(&[
            "evaluate",
            &station_path(name),
            "--format",
            "markdown",
            "--lang",
            "en",
        ]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        insta::assert_snapshot!(format!("station_{name}_md_en"), stdout(&o));
    }
    for name in ["01-dongcheng-pass", "04-xindian-veto"] {
        let o = run(&[
            "evaluate",
            &station_path(name),
            "--format",
            "markdown",
            "--lang",
            "zh",
        ]);
        insta::assert_snapshot!(format!("station_{name}_md_zh"), stdout(&o));
    }
}

#[test]
fn the_sample_county_matches_its_snapshots() {
    let o = run(&["county", COUNTY, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = json(&o);
    assert_eq!(d["summary"]["pass_rate_percent"], "77.78");
    assert_eq!(
        d["stations"][0]["source"],
        "examples/data/county/01-dongcheng-pass.json"
    );
    insta::assert_snapshot!("county_json", stdout(&o));
    for (lang, fmt) in [
        ("en", "markdown"),
        ("zh", "markdown"),
        ("en", "text"),
        ("zh", "text"),
    ] {
        let o = run(&["county", COUNTY, "--format", fmt, "--lang", lang]);
        assert_eq!(o.status.code(), Some(0));
        insta::assert_snapshot!(format!("county_{fmt}_{lang}"), stdout(&o));
    }
}

#[test]
fn the_text_summary_says_the_decision_first() {
    let o = run(&[
        "evaluate",
        "examples/data/station.json",
        "--format",
        "text",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("station_text_en", stdout(&o));
    let o = run(&[
        "evaluate",
        "examples/data/station.json",
        "--format",
        "text",
        "--lang",
        "zh",
    ]);
    insta::assert_snapshot!("station_text_zh", stdout(&o));
}

#[test]
fn piped_output_defaults_to_the_json_decision() {
    let o = run(&["evaluate", "examples/data/station.json"]);
    assert_eq!(o.status.code(), Some(0));
    let d = json(&o);
    assert_eq!(d["verdict"], "pass");
    assert_eq!(d["payment"]["release"], "60000.00");
    // The same from stdin.
    let text =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/station.json"))
            .unwrap();
    let o = run_with_stdin(&["evaluate", "-"], Some(&text));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(json(&o)["grade"], "good");
}

#[test]
fn output_format_follows_the_output_file_extension() {
    let dir = std::env::temp_dir().join(format!("sws-eval-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("report.html");
    let o = run(&[
        "evaluate",
        "examples/data/station.json",
        "--lang",
        "en",
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    if cfg!(feature = "pdf") {
        let pdf = dir.join("report.pdf");
        let o = run(&[
            "county",
            COUNTY,
            "--lang",
            "zh",
            "-o",
            pdf.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_output_extension_that_cannot_be_written_is_refused() {
    let dir = std::env::temp_dir().join(format!("sws-eval-cli-ext-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (args, name) in [
        (
            vec!["evaluate", "examples/data/station.json"],
            "report.docx",
        ),
        (vec!["county", COUNTY], "county.docx"),
        (vec!["standard"], "standard.odt"),
    ] {
        let out = dir.join(name);
        let mut all = args.clone();
        all.extend(["-o", out.to_str().unwrap()]);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(err.contains("supported: .json, .txt, .md"), "{err}");
        assert!(err.contains(".html, .htm, .pdf"), "{err}");
        assert!(!out.exists(), "{name} must not be written");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_printed_report_has_the_parts_a_bureau_signs() {
    let o = run(&[
        "evaluate",
        &station_path("04-xindian-veto"),
        "--format",
        "html",
        "--lang",
        "zh",
    ]);
    let page = stdout(&o);
    for part in [
        "辛店街道社会工作服务站项目末期评估报告",
        "一、基本情况",
        "二、评估结论",
        "评估结论：",
        "理由：",
        "三、评分情况",
        "四、硬性规则检查",
        "五、存在问题及整改要求",
        "资金专款专用",
        "评估机构（盖章）",
        "评估人员签字",
        "附：凭据",
        "@page{size:A4",
        "thead{display:table-header-group}",
        "counter(page)",
    ] {
        assert!(page.contains(part), "missing {part}");
    }
    // Verdict and grade are labelled apart wherever both appear.
    let o = run(&["county", COUNTY, "--format", "markdown", "--lang", "zh"]);
    let md = stdout(&o);
    assert!(md.contains("| 等级 | 评估结论 |"), "{md}");
}

#[test]
fn html_reports_are_self_contained_and_escaped() {
    let o = run(&[
        "evaluate",
        &station_path("04-xindian-veto"),
        "--format",
        "html",
        "--lang",
        "zh",
    ]);
    let page = stdout(&o);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<svg"));
    assert!(!page.contains("<script"));
    assert!(!page.contains("<link"));
    assert!(!page.contains("src="));
    // The only URL is the SVG namespace.
    assert_eq!(
        page.matches("http").count(),
        page.matches("http://www.w3.org/2000/svg").count()
    );

    // Hostile text in the input is escaped, not interpreted.
    let mut ev: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/station.json"),
        )
        .unwrap(),
    )
    .unwrap();
    ev["station"]["name"] = "<script>alert('x')</script> & \"站\"".into();
    ev["contractor"]["name"] = "A|B *bold* <b>".into();
    let text = serde_json::to_vec(&ev).unwrap();
    let o = run_with_stdin(&["evaluate", "-", "--format", "html"], Some(&text));
    let page = stdout(&o);
    assert!(!page.contains("<script>"));
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;站&quot;"));
    assert!(page.contains("A|B *bold* &lt;b&gt;"));
    let o = run_with_stdin(&["evaluate", "-", "--format", "markdown"], Some(&text));
    let md = stdout(&o);
    assert!(md.contains(r"A\|B \*bold\* \<b\>"), "{md}");

    let o = run(&["county", COUNTY, "--format", "html", "--lang", "en"]);
    let page = stdout(&o);
    assert!(page.contains("Grade distribution"));
    assert!(page.contains("<svg") && !page.contains("<script"));
}

#[test]
fn batch_decides_every_line_and_reports_the_broken_one() {
    let read = |name: &str| {
        let v: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(station_path(name)),
            )
            .unwrap(),
        )
        .unwrap();
        serde_json::to_string(&v).unwrap()
    };
    let mut input = String::new();
    input.push_str(&read("01-dongcheng-pass"));
    input.push('\n');
    input.push_str(&read("02-wenhui-excellent"));
    input.push_str("\r\n");
    input.push_str("{\"station\": {\"id\": \"broken\"\n"); // line 3: cut short
    input.push('\n'); // line 4: blank, skipped
    input.push_str(&read("03-huanghelu-fail-score").replacen("\"training\"", "\"trainin\"", 1));
    input.push('\n'); // line 5: unknown field
    input.push_str(&read("04-xindian-veto"));
    input.push('\n');
    input.push_str(&read("05-shengli-midterm")); // line 7: no final newline

    let dir = std::env::temp_dir().join(format!("sws-eval-batch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.jsonl");
    std::fs::write(&file, &input).unwrap();

    for source in ["file", "stdin"] {
        let o = match source {
            "file" => run(&["batch", file.to_str().unwrap()]),
            _ => run_with_stdin(&["batch", "-"], Some(input.as_bytes())),
        };
        assert_eq!(
            o.status.code(),
            Some(1),
            "{source}: some line was not decided"
        );
        let lines: Vec<serde_json::Value> = stdout(&o)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let numbers: Vec<u64> = lines.iter().map(|l| l["line"].as_u64().unwrap()).collect();
        assert_eq!(numbers, [1, 2, 3, 5, 6, 7], "{source}");
        let status: Vec<&str> = lines
            .iter()
            .map(|l| l["status"].as_str().unwrap())
            .collect();
        assert_eq!(
            status,
            ["ok", "ok", "error", "error", "ok", "ok"],
            "{source}"
        );
        assert_eq!(lines[0]["result"]["verdict"], "pass");
        assert_eq!(lines[4]["result"]["verdict"], "fail");
        assert_eq!(lines[2]["errors"][0]["code"], "invalid_json");
        assert_eq!(lines[3]["errors"][0]["code"], "unknown_field");
        assert_eq!(lines[3]["errors"][0]["pointer"], "/trainin");
        let err = stderr(&o);
        assert!(err.contains(":3:"), "{err}");
        assert!(err.contains(":5:"), "{err}");
        assert!(err.contains("/trainin"), "{err}");
        assert!(
            err.contains("6 line(s), 4 decided, 2 not decided (line 3, 5)"),
            "{err}"
        );
    }

    // Every line good: exit 0, as many output lines as input lines.
    let good = format!(
        "{}\n{}\n",
        read("01-dongcheng-pass"),
        read("07-shikou-after-expiry")
    );
    let o = run_with_stdin(&["batch", "-"], Some(good.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// 150 input lines varied from the sample stations, with broken ones among them: cut
/// JSON, an unknown field, bytes that are not UTF-8, blank and whitespace-only lines,
/// CRLF endings, and no final newline.
fn generated_batch() -> Vec<u8> {
    let stations: Vec<serde_json::Value> = STATIONS
        .iter()
        .map(|name| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(station_path(name));
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
        })
        .collect();
    let mut input = Vec::new();
    for i in 0..150usize {
        let mut ev = stations[i % stations.len()].clone();
        ev["station"]["id"] = format!("GEN-{i:04}").into();
        let line = serde_json::to_string(&ev).unwrap();
        match i % 37 {
            3 => input.extend_from_slice(&line.as_bytes()[..line.len() / 2]),
            11 => {
                input.extend_from_slice(line.replacen("\"premises\"", "\"premisez\"", 1).as_bytes())
            }
            19 => input.extend_from_slice(b"{\"station\": \"\xff\xfe\"}"),
            23 => input.extend_from_slice(b"   \t"),
            29 => {}
            _ => input.extend_from_slice(line.as_bytes()),
        }
        if i == 149 {
            break;
        }
        input.extend_from_slice(if i % 5 == 0 { &b"\r\n"[..] } else { b"\n" });
    }
    input
}

#[test]
fn batch_output_is_the_same_for_any_number_of_jobs() {
    let input = generated_batch();
    let dir = std::env::temp_dir().join(format!("sws-eval-jobs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.jsonl");
    std::fs::write(&file, &input).unwrap();
    let file = file.to_str().unwrap();

    let one = run(&["batch", file, "--jobs", "1"]);
    assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
    let lines: Vec<serde_json::Value> = stdout(&one)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // 150 lines less 8 blank ones; 4 × 3 broken ones.
    assert_eq!(lines.len(), 142);
    let broken = lines.iter().filter(|l| l["status"] == "error").count();
    assert_eq!(broken, 12);
    let err = stderr(&one);
    assert!(
        err.contains("batch: 142 line(s), 130 decided, 12 not decided (line 4, 12, 20, 41,"),
        "{err}"
    );
    for jobs in ["2", "3"] {
        for source in ["file", "stdin"] {
            let o = match source {
                "file" => run(&["batch", file, "--jobs", jobs]),
                _ => run_with_stdin(&["batch", "-", "-j", jobs], Some(&input)),
            };
            assert_eq!(
                o.status.code(),
                one.status.code(),
                "--jobs {jobs}, {source}"
            );
            assert!(
                o.stdout == one.stdout,
                "--jobs {jobs}, {source}: other output"
            );
            let err = stderr(&o);
            let want = if source == "file" {
                stderr(&one)
            } else {
                stderr(&one).replace(file, "<stdin>")
            };
            assert_eq!(err, want, "--jobs {jobs}, {source}");
        }
    }
    // The default (every core) writes the same, to a file too.
    let out = dir.join("out.jsonl");
    let o = run(&["batch", file, "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(std::fs::read(&out).unwrap() == one.stdout);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn batch_refuses_zero_jobs_in_both_languages() {
    for zero in [&["--jobs", "0"][..], &["-j", "0"][..], &["--jobs=0"][..]] {
        let mut args = vec!["batch", "examples/data/station.json"];
        args.extend_from_slice(zero);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{zero:?}");
        let err = stderr(&o);
        assert!(
            err.contains("--jobs must be at least 1") && err.contains("--jobs 至少为 1"),
            "{err}"
        );
        assert!(o.stdout.is_empty());
    }
    let o = run(&["batch", "examples/data/station.json", "--jobs", "all"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("线程数"), "{}", stderr(&o));
    let help = stdout(&run(&["batch", "--help"]));
    assert!(
        help.contains("--jobs <N>") && help.contains("并行线程数"),
        "{help}"
    );
}

#[test]
fn as_of_moves_the_evaluation_date_and_says_so() {
    let o = run(&[
        "evaluate",
        "examples/data/station.json",
        "--as-of",
        "2025-11-20",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let d = json(&o);
    assert_eq!(d["receipt"]["evaluation_date"], "2025-11-20");
    assert_eq!(d["receipt"]["policy_ended_before_evaluation"], true);
    assert_eq!(d["renewal"]["status"], "undetermined");
    let codes: Vec<&str> = d["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"as_of") && codes.contains(&"policy_ended"),
        "{codes:?}"
    );
    // Before the project year starts the evidence contradicts itself: invalid input.
    let o = run(&[
        "evaluate",
        "examples/data/station.json",
        "--as-of",
        "2023-12-01",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(json(&o)["status"], "error");
    assert!(stderr(&o).contains("/evaluation/date"), "{}", stderr(&o));
    // A malformed date is a usage error.
    let o = run(&[
        "evaluate",
        "examples/data/station.json",
        "--as-of",
        "2025-13-01",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn exit_codes_and_located_errors() {
    // 0: decided.
    assert_eq!(
        run(&["evaluate", "examples/data/station.json"])
            .status
            .code(),
        Some(0)
    );
    // 1: invalid input, with file, line, column and pointer on stderr.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/station.json"),
    )
    .unwrap()
    .replace("\"240000.00\"", "\"340000.00\"");
    let o = run_with_stdin(
        &["evaluate", "-", "--format", "text"],
        Some(text.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.starts_with("error: <stdin>:21:13: /contract/paid: "),
        "{err}"
    );
    assert!(err.contains("[overpaid]"), "{err}");
    // 2: usage errors.
    assert_eq!(run(&["evaluate"]).status.code(), Some(2));
    assert_eq!(
        run(&["evaluate", "no/such/file.json"]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        run(&["evaluate", "examples/data/station.json", "--format", "docx"])
            .status
            .code(),
        Some(2)
    );
    let o = run(&[
        "evaluate",
        "examples/data/station.json",
        "--policy-version",
        "dongying-2099",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("dongying-2022"), "{}", stderr(&o));
    // --help and --version succeed and show examples and exit codes.
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Exit codes"));
    assert!(stdout(&o).contains("sws-eval evaluate examples/data/station.json"));
    assert_eq!(run(&["--version"]).status.code(), Some(0));
    assert_eq!(run(&["evaluate", "--help"]).status.code(), Some(0));
}

#[test]
fn validate_lists_every_located_error() {
    let o = run(&["validate", COUNTY]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(
        stdout(&o).lines().filter(|l| l.starts_with("ok ")).count(),
        10
    );
    assert!(stdout(&o).contains("(county)"));

    let mut ev: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/station.json"),
        )
        .unwrap(),
    )
    .unwrap();
    ev["contract"]["paid"] = "1.005".into();
    ev["staff"]["workers"][1]["birth_date"] = "1995-02-30".into();
    ev["surveyz"] = serde_json::json!({});
    let text = serde_json::to_string_pretty(&ev).unwrap();
    let o = run_with_stdin(&["validate", "-"], Some(text.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(
        out.starts_with("invalid <stdin> (evidence): 3 error(s)"),
        "{out}"
    );
    assert!(out.contains("/contract/paid"), "{out}");
    assert!(out.contains("/staff/workers/1/birth_date"), "{out}");
    assert!(out.contains("/surveyz") && out.contains("surveys"), "{out}");
    let o = run_with_stdin(
        &["validate", "-", "--format", "json"],
        Some(text.as_bytes()),
    );
    let reports: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(reports[0]["valid"], false);
    assert_eq!(reports[0]["errors"].as_array().unwrap().len(), 3);
    assert!(reports[0]["errors"][0]["line"].as_u64().is_some());
}

#[test]
fn county_input_errors_are_located_in_their_files() {
    let dir = std::env::temp_dir().join(format!("sws-eval-county-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(COUNTY);
    for name in [
        "county.json",
        "01-dongcheng-pass.json",
        "02-wenhui-excellent.json",
    ] {
        std::fs::copy(src.join(name), dir.join(name)).unwrap();
    }
    let d = dir.to_str().unwrap();
    let o = run(&["county", d, "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // A station whose evidence cannot be decided: listed with its errors, exit 1.
    let bad = std::fs::read_to_string(src.join("03-huanghelu-fail-score.json"))
        .unwrap()
        .replace("\"224000.00\"", "\"324000.00\"");
    std::fs::write(dir.join("03-bad.json"), bad).unwrap();
    let o = run(&["county", d, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = json(&o);
    assert_eq!(out["summary"]["undecided"], 1);
    assert_eq!(out["stations"][2]["errors"][0]["code"], "overpaid");
    assert!(stderr(&o).contains("03-bad.json:"), "{}", stderr(&o));

    // A county file with an unknown key: nothing decided, exit 1, located.
    let county = std::fs::read_to_string(src.join("county.json"))
        .unwrap()
        .replace("\"as_of\"", "\"as_off\"");
    std::fs::write(dir.join("county.json"), county).unwrap();
    let o = run(&["county", d]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("county.json:4:13: /as_off:"), "{err}");
    assert!(err.contains("as_of"), "{err}");

    // A folder without county.json: usage error.
    std::fs::remove_file(dir.join("county.json")).unwrap();
    assert_eq!(run(&["county", d]).status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn standard_schema_and_facts() {
    let o = run(&["standard", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    insta::assert_snapshot!("standard_md_en", stdout(&o));
    let o = run(&["standard", "--format", "json"]);
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(s["id"], "dongying-2022-reconstruction");
    let o = run(&["standard", "--facts", "--lang", "en"]);
    assert!(stdout(&o).contains("`services.casework`"));

    let o = run(&["schema", "--list"]);
    assert_eq!(o.status.code(), Some(0));
    for name in [
        "evidence",
        "decision",
        "county",
        "county-decision",
        "batch-output-line",
        "sws-eval",
    ] {
        assert!(stdout(&o).contains(name), "{name}");
        let o = run(&["schema", name]);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(
            v["$id"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/{name}.json"))
        );
    }
    let o = run(&["schema", "evidense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`evidence`"), "{}", stderr(&o));
}

/// `--standard` for validate, schema and standard: evidence for another standard is
/// valid against it (and not against the default); the evidence schema lists that
/// standard's indicators; the score sheet shows its weights, panels, deductions, vetoes.
#[test]
fn another_standard_for_validate_schema_and_the_score_sheet() {
    let std = "examples/standards/party-split-1000.json";
    let ev = "examples/standards/party-split-1000.evidence.json";
    let o = run(&["validate", "--standard", std, ev]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run(&["validate", ev]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("unknown_indicator"), "{}", stdout(&o));

    let o = run(&["schema", "evidence", "--standard", std]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ind = &v["properties"]["indicators"];
    assert_eq!(ind["additionalProperties"], false);
    assert_eq!(
        ind["properties"]["x.purchaser_mark"]["properties"]["by"]["propertyNames"]["enum"],
        serde_json::json!(["purchaser", "self"])
    );
    let o = run(&["schema", "decision", "--standard", std]);
    assert_eq!(o.status.code(), Some(2));

    let o = run(&["standard", "--standard", std, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0));
    let md = stdout(&o);
    for part in [
        "100 × 1.15 = 115",
        "trimmed mean: highest and lowest dropped",
        "prefer, in order: purchaser → self",
        "## Declared indicators",
    ] {
        assert!(md.contains(part), "{part} missing:\n{md}");
    }
    let o = run(&[
        "standard",
        "--standard",
        "examples/standards/sheet-100.json",
        "--format",
        "html",
        "--lang",
        "zh",
    ]);
    let html = stdout(&o);
    for part in ["一票否决项", "扣分项", "100 × 0.1 = 10", "剔除并按比例折算"] {
        assert!(html.contains(part), "{part} missing");
    }
    let o = run(&[
        "standard",
        "--standard",
        "examples/standards/star-150.json",
        "--lang",
        "en",
    ]);
    let md = stdout(&o);
    for part in ["(bonus)", "(cap 6)", "total at most 150"] {
        assert!(md.contains(part), "{part} missing:\n{md}");
    }
}

#[test]
fn articles_trace_the_measure() {
    let o = run(&["articles", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 45);
    assert_eq!(v[30]["article"], "31");
    assert!(
        v[30]["gates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == "art31.training_48h")
    );
    let o = run(&["articles", "--format", "markdown"]);
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/ARTICLES.md")).unwrap();
    assert_eq!(stdout(&o), doc);
    let o = run(&["articles"]);
    assert!(stdout(&o).contains("Art. 44"), "{}", stdout(&o));
}

#[test]
fn completions_and_man_page_come_from_the_command_definitions() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let text = stdout(&o);
        for sub in [
            "evaluate",
            "validate",
            "county",
            "completions",
            "man",
            "jobs",
        ] {
            assert!(text.contains(sub), "{shell} completions lack `{sub}`");
        }
    }
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
    let man = run(&["man"]);
    assert_eq!(man.status.code(), Some(0));
    let page = stdout(&man);
    assert!(page.contains(".TH sws-eval 1"));
    assert!(page.contains("evaluate"));
}
