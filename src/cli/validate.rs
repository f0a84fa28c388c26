//! `sws-eval validate`: every located error of every file.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;
use serde_json::Value;
use sws_eval::decision::Evaluator;
use sws_eval::json::{self, InputKind, JsonError};

use super::county::{county_issues, parse_county};
use super::{
    CliError, EXIT_INVALID, EXIT_OK, EXIT_USAGE, EngineArgs, display, read_input, to_json,
    top_level_keys, write_output,
};

pub(crate) const HELP: &str = "\
Each file is read as the kind given by --kind, or guessed from its top-level keys:
`evaluations` → project-year, `versions` → policy, `dimensions` → standard, `years` →
calendar, `county` with `year` → county, anything else → evidence. A folder is checked
file by file (its *.json, in name order). Checks are structural (the schema) and
semantic (dates in order, paid ≤ price, workers on the roster, levels the standard
defines, …), with the built-in standard, policy and calendar unless others are given.

Output (stdout): `ok` or `invalid` per file, then one line per error:
  FILE:LINE:COLUMN: JSON-POINTER: message [code]
With --format json: a JSON array of {file, kind, valid, errors}.
Exit code 0 when every file is valid, 1 when any is not, 2 when a file cannot be read.

Examples:
  sws-eval validate examples/data/station.json
  sws-eval validate examples/data/county
  sws-eval validate --kind standard my-official-table.json";

/// What kind of file to expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum KindArg {
    /// Guess from the top-level keys.
    Auto,
    /// One evaluation's evidence.
    Evidence,
    /// A project year (`evaluations`).
    ProjectYear,
    /// An evaluation standard.
    Standard,
    /// A set of policy versions.
    Policy,
    /// A work calendar.
    Calendar,
    /// A county file.
    County,
}

/// Report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ValidateFormat {
    /// One line per file and per error.
    Text,
    /// A JSON array of {file, kind, valid, errors}.
    Json,
}

#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Files or folders to check (`-` for stdin). 待校验的文件或文件夹
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// What the files are. 文件类别
    #[arg(long, value_enum, default_value = "auto")]
    kind: KindArg,
    /// Report format. 输出格式
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: ValidateFormat,
    #[command(flatten)]
    engine: EngineArgs,
}

#[derive(Debug, Serialize)]
struct FileReport {
    file: String,
    kind: &'static str,
    valid: bool,
    /// Each error; a workbook's carry their cell.
    errors: Vec<JsonError>,
}

fn guess(text: &str) -> KindArg {
    let Some(keys) = top_level_keys(text) else {
        return KindArg::Evidence;
    };
    let has = |k: &str| keys.iter().any(|x| x == k);
    if has("evaluations") {
        KindArg::ProjectYear
    } else if has("versions") {
        KindArg::Policy
    } else if has("dimensions") {
        KindArg::Standard
    } else if has("years") {
        KindArg::Calendar
    } else if has("county") && has("year") {
        KindArg::County
    } else {
        KindArg::Evidence
    }
}

fn kind_name(k: KindArg) -> &'static str {
    match k {
        KindArg::Auto | KindArg::Evidence => "evidence",
        KindArg::ProjectYear => "project-year",
        KindArg::Standard => "standard",
        KindArg::Policy => "policy",
        KindArg::Calendar => "calendar",
        KindArg::County => "county",
    }
}

fn check(kind: KindArg, text: &str, evaluator: &Evaluator) -> Vec<JsonError> {
    let input = match kind {
        KindArg::Auto | KindArg::Evidence => InputKind::Evidence,
        KindArg::ProjectYear => InputKind::ProjectYear,
        KindArg::Standard => InputKind::Standard,
        KindArg::Policy => InputKind::Policy,
        KindArg::Calendar => InputKind::Calendar,
        KindArg::County => return check_county(text, evaluator),
    };
    json::validate_json_with(input, text, evaluator)
}

fn check_county(text: &str, evaluator: &Evaluator) -> Vec<JsonError> {
    let county = match parse_county(text) {
        Ok(c) => c,
        Err(errors) => return errors,
    };
    let value: Option<Value> = serde_json::from_str(text).ok();
    let mut errors = county_issues(&county, value.as_ref());
    for (i, ev) in county.stations.iter().enumerate() {
        if errors.len() > json::MAX_ERRORS {
            break;
        }
        let Ok(station_text) = serde_json::to_string(ev) else {
            continue;
        };
        errors.extend(
            json::validate_json_with(InputKind::Evidence, &station_text, evaluator)
                .into_iter()
                .map(|mut e| {
                    e.pointer = format!("/stations/{i}{}", e.pointer);
                    e
                }),
        );
    }
    super::county::capped(errors)
}

fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() && !super::sheet::is_sheet_input(p) {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| {
                    CliError::usage(format!("cannot read the folder {}: {e}.", p.display()))
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|f| {
                    f.is_file()
                        && (f
                            .extension()
                            .and_then(|e| e.to_str())
                            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                            || sws_eval::sheet::is_workbook_name(&f.to_string_lossy()))
                })
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

impl ValidateArgs {
    /// Whether stdout carries one JSON document.
    pub(crate) fn json_on_stdout(&self) -> bool {
        self.format == ValidateFormat::Json
    }
}

/// A file that could not be read (a JSON file or a workbook alike): its line of the
/// text report, and its entry with the errors the failure carries (an oversized
/// workbook's `input_too_large`, say).
fn not_read(name: String, e: CliError, text_out: &mut String) -> FileReport {
    let msg = e.message.unwrap_or_default();
    text_out.push_str(&format!("error   {name}: {msg}\n"));
    FileReport {
        file: name,
        kind: "unknown",
        valid: false,
        errors: e.errors,
    }
}

pub(crate) fn run(args: ValidateArgs) -> Result<u8, CliError> {
    let evaluator = super::evaluator(&args.engine)?;
    let mut reports = Vec::new();
    let mut unreadable = false;
    let mut text_out = String::new();
    for path in expand(&args.files)? {
        let name = display(&path);
        if super::sheet::is_sheet_input(&path) {
            let input = match super::sheet::read_sheet_input(&path, &evaluator.standard) {
                Ok(i) => i,
                Err(e) => {
                    unreadable |= e.code == EXIT_USAGE;
                    reports.push(not_read(name, e, &mut text_out));
                    continue;
                }
            };
            let errors = input.validate(&evaluator);
            if errors.is_empty() {
                text_out.push_str(&format!("ok      {name} (evidence workbook)\n"));
            } else {
                text_out.push_str(&format!(
                    "invalid {name} (evidence workbook): {} error(s)\n",
                    errors.len()
                ));
                for e in &errors {
                    text_out.push_str(&format!("  {}\n", super::sheet::sentence(&name, e)));
                }
            }
            reports.push(FileReport {
                file: name,
                kind: "evidence",
                valid: errors.is_empty(),
                errors: errors
                    .into_iter()
                    .map(sws_eval::sheet::LocatedError::into_json_error)
                    .collect(),
            });
            continue;
        }
        let text = match read_input(Path::new(&path)) {
            Ok(t) => t,
            Err(e) => {
                unreadable |= e.code == EXIT_USAGE;
                reports.push(not_read(name, e, &mut text_out));
                continue;
            }
        };
        let kind = match args.kind {
            KindArg::Auto => guess(&text),
            k => k,
        };
        let mut errors = check(kind, &text, &evaluator);
        // Every error located in one pass over the text.
        let found = super::locate_errors(Some(&text), &errors);
        for (e, pos) in errors.iter_mut().zip(found) {
            if let Some((l, c)) = pos {
                e.line = u64::try_from(l).ok();
                e.column = u64::try_from(c).ok();
            }
        }
        if errors.is_empty() {
            text_out.push_str(&format!("ok      {name} ({})\n", kind_name(kind)));
        } else {
            text_out.push_str(&format!(
                "invalid {name} ({}): {} error(s)\n",
                kind_name(kind),
                errors.len()
            ));
            for e in &errors {
                text_out.push_str(&format!("  {}\n", super::error_sentence(&name, None, e)));
            }
        }
        reports.push(FileReport {
            file: name,
            kind: kind_name(kind),
            valid: errors.is_empty(),
            errors,
        });
    }
    let out = match args.format {
        ValidateFormat::Text => super::escape_controls(&text_out).into_owned(),
        ValidateFormat::Json => to_json(&reports)?,
    };
    write_output(None, &out)?;
    Ok(if unreadable {
        EXIT_USAGE
    } else if reports.iter().all(|r| r.valid) {
        EXIT_OK
    } else {
        EXIT_INVALID
    })
}
