//! Workbooks on the command line: `template`, `convert`, and reading a workbook (or a
//! folder of CSV files) wherever evidence JSON is read.

use std::io::Read;
use std::path::{Path, PathBuf};

use clap::Args;
use sws_eval::evidence::Evidence;
use sws_eval::json::{self, ErrorCode, InputKind, JsonError};
use sws_eval::sheet::{
    self, Book, CellRef, Layout, LocatedError, MAX_WORKBOOK_BYTES, WorkbookError, WorkbookEvidence,
    WriteOptions,
};

use super::{
    CliError, EXIT_INVALID, EXIT_OK, LangArg, display, eprintln_safe, error_sentence, lang_or_env,
    to_json, write_bytes, write_output,
};

pub(crate) const TEMPLATE_HELP: &str = "\
Writes the evidence workbook an evaluator fills in (.xlsx; Excel, WPS and LibreOffice open
it): a read-me sheet explaining every field in Chinese and English, key/value sheets
(Station, Site, Finance, Services, Surveys, Levels: fill column C) and tables (Roster,
Training, Supervision, Findings: one record per row). The sheets and fields follow the
evidence contract; the level drop-downs list the levels the standard declares. The
indicators a --standard declares get rows of the Indicators sheet; a panel's row takes
one mark per evaluator or source, in columns headed by.NAME (the placeholder names
by.评估员1… are replaced by the evaluators' names in row 1; add a column for more).

Examples:
  sws-eval template -o form.xlsx
  sws-eval template --standard my-official-table.json --lang en -o form.xlsx
  sws-eval evaluate form.xlsx";

pub(crate) const CONVERT_HELP: &str = "\
Converts evidence between a workbook and JSON, both ways. A workbook (.xlsx, .xls, .ods,
or a folder of CSV files named after the sheets) becomes the evidence JSON (on stdout, or
-o FILE.json); a JSON file becomes a filled workbook (-o FILE.xlsx). Errors are located
by cell (form.xlsx!Roster!C7) with the JSON pointer and the same code and message as
the JSON path.

With --standard FILE the workbook follows that standard: its declared indicators get rows
of the Indicators sheet, read by their kinds, and a panel gets one column per evaluator
or source (headed by.NAME).

Examples:
  sws-eval convert form.xlsx -o evidence.json
  sws-eval convert examples/data/station.json -o station.xlsx
  sws-eval convert examples/standards/party-split-1000.evidence.json \\
    --standard examples/standards/party-split-1000.json -o party.xlsx";

#[derive(Debug, Args)]
pub(crate) struct TemplateArgs {
    /// An evaluation standard JSON file (its levels become the drop-downs). 评分标准文件
    #[arg(long, value_name = "FILE")]
    standard: Option<PathBuf>,
    /// The language shown first (both are always there). 语言
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// The workbook to write (.xlsx). 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct ConvertArgs {
    /// A workbook, a folder of CSV files, or an evidence JSON file. 输入文件
    input: PathBuf,
    /// Output: .json for a workbook input (default stdout), .xlsx for a JSON input. 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// The language shown first in a written workbook. 语言
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// The evaluation standard whose indicators the workbook holds (its panels get one
    /// column per evaluator). 评分标准文件
    #[arg(long, value_name = "FILE")]
    standard: Option<PathBuf>,
}

/// Whether a path is read as a workbook: a workbook file name, or a folder holding
/// CSV files.
pub(crate) fn is_sheet_input(path: &Path) -> bool {
    if path == Path::new("-") {
        return false;
    }
    if path.is_dir() {
        return csv_files(path).is_ok_and(|f| !f.is_empty());
    }
    sheet::is_workbook_name(&path.to_string_lossy())
}

fn ext_is(p: &Path, ext: &str) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn csv_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && ext_is(p, "csv"))
        .collect();
    files.sort();
    Ok(files)
}

/// Reads a file's bytes, refusing one larger than the workbook limit before reading it.
fn read_capped(path: &Path) -> Result<Vec<u8>, CliError> {
    let name = display(path);
    let len = std::fs::metadata(path)
        .map_err(|e| CliError::usage(format!("cannot read {name}: {e}.")))?
        .len();
    let limit = u64::try_from(MAX_WORKBOOK_BYTES).unwrap_or(u64::MAX);
    if len > limit {
        return Err(CliError::invalid(
            ErrorCode::InputTooLarge,
            format!(
                "{name} is {len} bytes, larger than the {MAX_WORKBOOK_BYTES} bytes a workbook may take; it was not opened [input_too_large]."
            ),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(|e| CliError::usage(format!("cannot read {name}: {e}.")))?;
    Ok(bytes)
}

fn book_of(path: &Path) -> Result<Book, CliError> {
    let name = display(path);
    let bytes = read_capped(path)?;
    Book::from_bytes(&bytes).map_err(|e| match e {
        WorkbookError::TooLarge(_) => {
            CliError::invalid(ErrorCode::InputTooLarge, format!("{name}: {e}."))
        }
        WorkbookError::Unreadable(_) => CliError::usage(format!("cannot read {name}: {e}.")),
    })
}

/// Reads a workbook, or a folder of CSV files (each named after its sheet, with at most
/// one workbook beside them for the other sheets).
pub(crate) fn read_book_at(path: &Path) -> Result<Book, CliError> {
    if !path.is_dir() {
        return book_of(path);
    }
    let name = display(path);
    let entries: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| CliError::usage(format!("cannot read the folder {name}: {e}.")))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .collect();
        v.sort();
        v
    };
    let workbooks: Vec<&PathBuf> = entries
        .iter()
        .filter(|p| sheet::is_workbook_name(&p.to_string_lossy()))
        .collect();
    let mut book = match workbooks.as_slice() {
        [] => Book::default(),
        [one] => book_of(one)?,
        _ => {
            return Err(CliError::usage(format!(
                "{name} holds more than one workbook; a folder read as one evidence holds CSV files and at most one workbook."
            )));
        }
    };
    for p in entries.iter().filter(|p| ext_is(p, "csv")) {
        let sheet_name = p
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_owned();
        let bytes = read_capped(p)?;
        let grid = sheet::csv_grid(&sheet_name, &bytes).map_err(|e| {
            let code = match e {
                sheet::CsvError::TooLarge(_) => ErrorCode::InputTooLarge,
                _ => ErrorCode::UnreadableFile,
            };
            CliError::invalid(code, format!("{}: {e}.", display(p)))
        })?;
        book.grids.retain(|g| g.name != sheet_name);
        book.grids.push(grid);
    }
    Ok(book)
}

/// A workbook read as evidence, with its JSON text.
pub(crate) struct SheetInput {
    pub(crate) name: String,
    pub(crate) read: WorkbookEvidence,
    pub(crate) text: String,
}

/// Reads a workbook input with the layout of `standard` (its declared indicators are
/// read by their kinds).
pub(crate) fn read_sheet_input(
    path: &Path,
    standard: &sws_eval::CompiledStandard,
) -> Result<SheetInput, CliError> {
    let book = read_book_at(path)?;
    let read = sheet::read_book(&book, &Layout::with_standard(standard.standard()));
    let text = serde_json::to_string(&read.value)
        .map_err(|e| CliError::usage(format!("cannot write JSON: {e}.")))?;
    Ok(SheetInput {
        name: display(path),
        read,
        text,
    })
}

/// `form.xlsx!Roster!C7`, or the file alone.
pub(crate) fn place(name: &str, cell: Option<&CellRef>) -> String {
    match cell {
        Some(c) => format!("{name}!{c}"),
        None => name.to_owned(),
    }
}

/// One located error as a sentence: `form.xlsx!Roster!C7: POINTER: message [code]`.
pub(crate) fn sentence(name: &str, e: &LocatedError) -> String {
    error_sentence(&place(name, e.cell.as_ref()), None, &e.error)
}

impl SheetInput {
    /// The JSON path's errors with their cells.
    pub(crate) fn locate(&self, errors: &[JsonError]) -> Vec<LocatedError> {
        self.read.locate_all(errors)
    }

    pub(crate) fn print(&self, errors: &[LocatedError]) {
        for line in self.error_lines(errors) {
            eprintln_safe(&line);
        }
    }

    /// The lines [`SheetInput::print`] prints, for a caller that prints them later.
    pub(crate) fn error_lines(&self, errors: &[LocatedError]) -> Vec<String> {
        errors
            .iter()
            .map(|e| format!("error: {}", sentence(&self.name, e)))
            .collect()
    }

    /// Every error: the workbook's own, else the JSON checks' (validate).
    pub(crate) fn validate(&self, evaluator: &sws_eval::Evaluator) -> Vec<LocatedError> {
        if !self.read.errors.is_empty() {
            return self.read.errors.clone();
        }
        self.locate(&json::validate_json_with(
            InputKind::Evidence,
            &self.text,
            evaluator,
        ))
    }
}

/// The `--standard` file of `template` and `convert`, or the built-in default.
fn standard_arg(path: Option<&Path>) -> Result<sws_eval::CompiledStandard, CliError> {
    Ok(match path {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| {
                CliError::usage(format!(
                    "cannot read the --standard file {}: {e}.",
                    p.display()
                ))
            })?;
            match json::load_standard_json(&text) {
                Ok(s) => s,
                Err(errors) => {
                    eprintln_safe(&format!(
                        "error: the --standard file {} does not load:",
                        p.display()
                    ));
                    super::print_errors(&p.display().to_string(), Some(&text), &errors);
                    return Err(CliError::printed(super::EXIT_USAGE, errors));
                }
            }
        }
        None => sws_eval::CompiledStandard::dongying_2022(),
    })
}

pub(crate) fn run_template(args: TemplateArgs) -> Result<u8, CliError> {
    let lang = lang_or_env(args.lang);
    let standard = standard_arg(args.standard.as_deref())?;
    if !ext_is(&args.output, "xlsx") {
        return Err(CliError::usage(format!(
            "the template is written as .xlsx; name the output e.g. form.xlsx (got {}).",
            args.output.display()
        )));
    }
    let opts = WriteOptions::for_standard(standard.standard(), lang);
    let layout = Layout::with_standard(standard.standard());
    let bytes = sheet::write_evidence(&layout, None, &opts)
        .map_err(|e| CliError::usage(format!("{e}.")))?;
    write_bytes(&args.output, &bytes)?;
    Ok(EXIT_OK)
}

pub(crate) fn run_convert(args: ConvertArgs) -> Result<u8, CliError> {
    let lang = lang_or_env(args.lang);
    if let Some(out) = &args.output {
        super::output::refuse_inputs(out, std::iter::once(args.input.as_path()))?;
    }
    let standard = standard_arg(args.standard.as_deref())?;
    if is_sheet_input(&args.input) {
        let input = read_sheet_input(&args.input, &standard)?;
        let errors = if input.read.errors.is_empty() {
            match json::parse::<Evidence>(InputKind::Evidence, &input.text) {
                Ok(_) => Vec::new(),
                Err(errors) => input.locate(&errors),
            }
        } else {
            input.read.errors.clone()
        };
        if !errors.is_empty() {
            input.print(&errors);
            return Ok(EXIT_INVALID);
        }
        if args.output.as_deref().is_some_and(|p| ext_is(p, "xlsx")) {
            return Err(CliError::usage(
                "convert turns a workbook into JSON: name a .json output.",
            ));
        }
        let pretty = match serde_json::from_str::<serde_json::Value>(&input.text) {
            Ok(v) => to_json(&v)?,
            Err(e) => return Err(CliError::usage(format!("cannot write JSON: {e}."))),
        };
        write_output(args.output.as_deref(), &pretty)?;
        return Ok(EXIT_OK);
    }
    let Some(output) = args.output.as_deref().filter(|p| ext_is(p, "xlsx")) else {
        return Err(CliError::usage(
            "convert turns evidence JSON into a workbook: name a .xlsx output with -o.",
        ));
    };
    let text = super::read_input(&args.input)?;
    let ev: Evidence = match json::parse(InputKind::Evidence, &text) {
        Ok(ev) => ev,
        Err(errors) => {
            super::print_errors(&display(&args.input), Some(&text), &errors);
            return Ok(EXIT_INVALID);
        }
    };
    let value =
        serde_json::to_value(&ev).map_err(|e| CliError::usage(format!("cannot convert: {e}.")))?;
    let opts = WriteOptions::for_standard(standard.standard(), lang);
    let layout = Layout::with_standard(standard.standard());
    let bytes = sheet::write_evidence(&layout, Some(&value), &opts)
        .map_err(|e| CliError::usage(format!("{e}.")))?;
    write_bytes(output, &bytes)?;
    Ok(EXIT_OK)
}
