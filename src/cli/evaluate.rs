//! `sws-eval evaluate`: one evaluation, or one project year.

use std::path::PathBuf;

use clap::Args;
use sws_eval::date::Date;
use sws_eval::decision::{Decision, Evaluator, ProjectYear, Warning};
use sws_eval::evidence::{Evidence, Text};
use sws_eval::json::{self, Envelope, ErrorEnvelope, InputKind};
use sws_eval::report::{self, Format, Subject};

use super::{
    CliError, EXIT_INVALID, EXIT_OK, EngineArgs, OutFormat, OutputArgs, display, print_errors,
    read_input, to_json, top_level_keys,
};

pub(crate) const HELP: &str = "\
Input: one evaluation's evidence (schema `evidence`), or a project year: a file whose
top-level object has `evaluations` (schema `project-year`) is decided as a year. A
workbook (.xlsx, .xls, .ods; see `sws-eval template`) or a folder of CSV files named
after its sheets is read as evidence; its errors name the cell (form.xlsx!Roster!C7).

--as-of DATE evaluates as of DATE instead of the evidence's `evaluation.date` (the engine
has no clock: that date is its \"today\"). It replaces `evaluation.date` before anything is
checked, so it moves everything that counts from the evaluation: the monthly briefings
due, pro-rata training and supervision hours at a mid-term, the 3-year qualification
rule, the handover deadline, rectification deadlines, whether the governing policy
version has ended (and so renewal), and the evidence checks (nothing may be dated after
the evaluation). It does not change which policy version governs (the contract's
signing date picks it). The decision's receipt carries the new date and the hash of the
changed evidence, and a warning `as_of` records the date replaced. Not allowed on a
project year, whose evaluations carry their own dates.

Output: text on a terminal, JSON (the Decision) when stdout is not a terminal. With
--format json an input error also prints {\"status\":\"error\",\"errors\":[…]} on stdout.

Examples:
  sws-eval evaluate examples/data/station.json
  sws-eval evaluate examples/data/station.json --format markdown --lang en
  sws-eval evaluate examples/data/station.json --as-of 2025-11-20 --format json
  sws-eval evaluate year.json --format html -o year.html
  sws-eval evaluate form.xlsx -o decision.xlsx";

#[derive(Debug, Args)]
pub(crate) struct EvaluateArgs {
    /// Evidence JSON file (or a project year), a workbook, a folder of CSV files, or `-` for stdin. 证据文件，`-` 为标准输入
    file: PathBuf,
    /// Evaluate as of this date (YYYY-MM-DD) instead of the evidence's evaluation date. 以该日期作为评估日
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    out: OutputArgs,
}

/// Decides one evidence text, with the evaluation date replaced when `as_of` is given.
pub(crate) fn evaluate_one(
    text: &str,
    evaluator: &Evaluator,
    as_of: Option<Date>,
) -> Envelope<Decision> {
    let Some(date) = as_of else {
        return json::evaluate_json(text, evaluator);
    };
    let mut ev: Evidence = match json::parse(InputKind::Evidence, text) {
        Ok(ev) => ev,
        Err(errors) => return Envelope::Error { errors },
    };
    let original = ev.evaluation.date;
    ev.evaluation.date = date;
    let changed = match serde_json::to_string(&ev) {
        Ok(s) => s,
        Err(_) => return json::evaluate_json(text, evaluator),
    };
    match json::evaluate_json(&changed, evaluator) {
        Envelope::Ok {
            mut result,
            mut warnings,
        } => {
            let w = Warning {
                code: sws_eval::decision::WarningCode::AsOf,
                message: Text {
                    zh: format!("按 {date} 评估（--as-of），证据中的评估日期 {original} 已被替换"),
                    en: format!(
                        "evaluated as of {date} (--as-of); the evidence's evaluation date {original} was replaced"
                    ),
                },
            };
            result.warnings.push(w.clone());
            warnings.push(w);
            Envelope::Ok { result, warnings }
        }
        other => other,
    }
}

fn format_of(f: OutFormat) -> Option<Format> {
    match f {
        OutFormat::Text => Some(Format::Text),
        OutFormat::Markdown => Some(Format::Markdown),
        OutFormat::Html => Some(Format::Html),
        OutFormat::Json | OutFormat::Pdf | OutFormat::Xlsx => None,
    }
}

fn fail(
    args: &EvaluateArgs,
    format: OutFormat,
    text: &str,
    errors: &[json::JsonError],
) -> Result<u8, CliError> {
    print_errors(&display(&args.file), Some(text), errors);
    if format == OutFormat::Json {
        args.out
            .write(&to_json(&ErrorEnvelope::from(errors.to_vec()))?)?;
    }
    Ok(EXIT_INVALID)
}

/// Writes one decision in the asked format.
fn emit(
    args: &EvaluateArgs,
    format: OutFormat,
    result: &Decision,
    text: &str,
) -> Result<u8, CliError> {
    if format == OutFormat::Json {
        // The contract alone: no report language, no second parse of the evidence.
        args.out.write_json(result)?;
        return Ok(EXIT_OK);
    }
    let lang = args.out.lang();
    let evidence = serde_json::from_str::<Evidence>(text).ok();
    if format == OutFormat::Xlsx {
        let bytes = sws_eval::sheet::decision_workbook(result, evidence.as_ref(), lang)
            .map_err(|e| CliError::usage(format!("{e}.")))?;
        args.out.write_workbook(&bytes)?;
        return Ok(EXIT_OK);
    }
    if format == OutFormat::Pdf {
        #[cfg(feature = "pdf")]
        let bytes = super::pdf(|| {
            report::station_pdf(result, evidence.as_ref().map(Subject::of).as_ref(), lang)
        })?;
        #[cfg(not(feature = "pdf"))]
        let bytes = super::pdf(|| Ok::<_, ()>(Vec::new()))?;
        args.out.write_bytes(&bytes)?;
        return Ok(EXIT_OK);
    }
    match format_of(format) {
        None => args.out.write_json(result)?,
        Some(f) => {
            let subject = evidence.as_ref().map(Subject::of);
            args.out
                .write(&report::station(result, subject.as_ref(), f, lang))?;
        }
    }
    Ok(EXIT_OK)
}

/// Evaluates a workbook (or a folder of CSV files): errors name their cells.
fn run_sheet(args: &EvaluateArgs, format: OutFormat) -> Result<u8, CliError> {
    let evaluator = super::evaluator(&args.engine)?;
    let input = super::sheet::read_sheet_input(&args.file, &evaluator.standard)?;
    let errors = if input.read.errors.is_empty() {
        match evaluate_one(&input.text, &evaluator, args.as_of) {
            Envelope::Ok { result, .. } => return emit(args, format, &result, &input.text),
            Envelope::Error { errors } => input.locate(&errors),
        }
    } else {
        input.read.errors.clone()
    };
    input.print(&errors);
    if format == OutFormat::Json {
        // Each error keeps its cell (`Roster!C7`) beside its pointer.
        let plain: Vec<json::JsonError> = errors
            .into_iter()
            .map(sws_eval::sheet::LocatedError::into_json_error)
            .collect();
        args.out.write(&to_json(&ErrorEnvelope::from(plain))?)?;
    }
    Ok(EXIT_INVALID)
}

impl EvaluateArgs {
    /// Whether stdout carries one JSON document.
    pub(crate) fn json_on_stdout(&self) -> bool {
        self.out.json_on_stdout()
    }
}

pub(crate) fn run(args: EvaluateArgs) -> Result<u8, CliError> {
    let format = args.out.format()?;
    args.out
        .refuse_inputs(std::iter::once(args.file.as_path()).chain(args.engine.paths()))?;
    if super::sheet::is_sheet_input(&args.file) {
        return run_sheet(&args, format);
    }
    let text = read_input(&args.file)?;
    let evaluator = super::evaluator(&args.engine)?;
    let lang = args.out.lang();
    let is_year = top_level_keys(&text).is_some_and(|k| k.iter().any(|k| k == "evaluations"));
    if is_year {
        if args.as_of.is_some() {
            return Err(CliError::usage(
                "--as-of applies to one evaluation; the evaluations of a project year carry their own dates.",
            ));
        }
        if format == OutFormat::Xlsx {
            return Err(CliError::usage(
                "a project year is written as JSON, text, Markdown or HTML; a workbook holds one decision.",
            ));
        }
        return match json::evaluate_year_json(&text, &evaluator) {
            Envelope::Ok { result, .. } => {
                let subject = || {
                    serde_json::from_str::<ProjectYear>(&text)
                        .ok()
                        .and_then(|y| y.evaluations.first().map(Subject::of))
                };
                if format == OutFormat::Pdf {
                    #[cfg(feature = "pdf")]
                    let bytes = super::pdf(|| report::year_pdf(&result, subject().as_ref(), lang))?;
                    #[cfg(not(feature = "pdf"))]
                    let bytes = super::pdf(|| Ok::<_, ()>(Vec::new()))?;
                    args.out.write_bytes(&bytes)?;
                    return Ok(EXIT_OK);
                }
                match format_of(format) {
                    // Streamed: a year's decision is the largest output there is.
                    None => args.out.write_json(&result)?,
                    Some(f) => {
                        args.out
                            .write(&report::year(&result, subject().as_ref(), f, lang))?
                    }
                }
                Ok(EXIT_OK)
            }
            Envelope::Error { errors } => fail(&args, format, &text, &errors),
        };
    }
    match evaluate_one(&text, &evaluator, args.as_of) {
        Envelope::Ok { result, .. } => emit(&args, format, &result, &text),
        Envelope::Error { errors } => fail(&args, format, &text, &errors),
    }
}
