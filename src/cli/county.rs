//! `sws-eval county`: county-level gates and a summary over all stations of a county.

use std::path::{Path, PathBuf};

use clap::Args;
use serde_json::Value;
use sws_eval::county::{County, CountyDecision, CountyError, check_counties};
use sws_eval::decision::Evaluator;
use sws_eval::evidence::Evidence;
use sws_eval::json::{self, ErrorCode, InputKind, JsonError, found_at};
use sws_eval::report::{self, Format};
use sws_eval::suggest::closest;

use super::{
    CliError, EXIT_INVALID, EXIT_OK, EngineArgs, OutFormat, OutputArgs, display, eprintln_safe,
    print_errors, read_input, to_json,
};

pub(crate) const HELP: &str = "\
Input: a county file, or a folder.
  FILE  one `county.json`-style file with the county's data and its `stations` (evidence
        of each station evaluation) inline.
  DIR   a folder holding `county.json` (the county's data; `stations` may be left out) and
        one evidence file per station evaluation (every other *.json, read in name order).

County file (schema `county`, unknown keys refused):
  {
    \"county\": \"东营区\",            must equal every station's `station.county`
    \"year\": 2024,                  budget year checked
    \"as_of\": \"2025-01-20\",         the day of the check (the engine has no clock)
    \"funding\": {\"purchase_funding\": \"480000.00\", \"stations\": 8},   Art. 15
    \"quarterly_reports\": [{\"quarter\": 1, \"filed_on\": \"2024-04-12\"}, …],  Art. 38
    \"pay_standards\": [{\"contractor\": \"…\", \"monthly_pay\": \"4200.00\"}, …],  Art. 33
    \"stations\": [ evidence, … ]
  }
`funding.stations` defaults to the distinct stations listed; a missing section makes its
gate `insufficient_evidence`.

County gates (severity rectify: the county bureau corrects; no station's verdict changes):
  art15.min_funding                 Art. 15  purchase funding / stations ≥ CNY 50,000 a year
  art22.one_contractor_per_station  Art. 22  no station run by two contractors at once
  art22.two_contractors_per_county  Art. 22  ≥ 2 contractors running stations
  art22.no_cross_county             Art. 22  contractors based in the county, none elsewhere
  art33.uniform_pay                 Art. 33  one pay standard for resident workers
  art38.quarterly_reports           Art. 38  one report to the city per ended quarter
The numbers come from the policy version in force on 1 January of the budget year (or
--policy-version). Several paths are checked together, so a contractor running stations
in two of them fails art22.no_cross_county in both.

Exit code 1 when the input is invalid or a station evaluation could not be decided (the
report still lists it with its errors).

Examples:
  sws-eval county examples/data/county
  sws-eval county examples/data/county --format html --lang zh -o county.html
  sws-eval county dongying.json guangrao.json --format json";

#[derive(Debug, Args)]
pub(crate) struct CountyArgs {
    /// County files or folders (see below). 县区文件或文件夹
    #[arg(required = true, value_name = "FILE|DIR")]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    engine: EngineArgs,
    #[command(flatten)]
    out: OutputArgs,
}

/// Where a station's evidence came from.
#[derive(Debug, Clone)]
pub(crate) enum Source {
    /// Inline in the county file, at `/stations/N`.
    Inline { file: String, index: usize },
    /// Its own file in the folder.
    File { file: String },
}

impl Source {
    fn label(&self) -> String {
        match self {
            Source::Inline { file, index } => format!("{file}#/stations/{index}"),
            Source::File { file } => file.clone(),
        }
    }
}

/// A county read from disk, with the text of every file for locating errors.
pub(crate) struct Loaded {
    pub(crate) county: County,
    pub(crate) county_file: String,
    pub(crate) sources: Vec<Source>,
    pub(crate) texts: Vec<(String, String)>,
}

impl Loaded {
    fn text_of(&self, file: &str) -> Option<&str> {
        self.texts
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, t)| t.as_str())
    }

    /// Maps a pointer into the county (`/stations/3/contract/paid`) to the file and
    /// pointer it came from.
    fn place(&self, pointer: &str) -> (String, String) {
        let station = pointer
            .strip_prefix("/stations/")
            .and_then(|rest| {
                let (i, tail) = rest.split_once('/').unwrap_or((rest, ""));
                i.parse::<usize>().ok().map(|i| (i, tail))
            })
            .and_then(|(i, tail)| self.sources.get(i).map(|s| (s, tail)));
        match station {
            Some((Source::File { file }, tail)) => (
                file.clone(),
                if tail.is_empty() {
                    String::new()
                } else {
                    format!("/{tail}")
                },
            ),
            _ => (self.county_file.clone(), pointer.to_owned()),
        }
    }
}

/// Errors per file: (file, text, errors).
pub(crate) type FileErrors = Vec<(String, String, Vec<JsonError>)>;

fn json_error(code: ErrorCode, pointer: String, found: String, message: String) -> JsonError {
    JsonError {
        code,
        expected: code.expected().into(),
        found,
        pointer,
        message,
        suggestion: None,
        line: None,
        column: None,
        cell: None,
    }
}

/// Reads a county file's own fields (everything but `stations`) with a located error.
fn county_fields(rest: Value) -> Result<County, Box<JsonError>> {
    let value = rest.clone();
    serde_path_to_error::deserialize::<_, County>(rest).map_err(|e| {
        let mut pointer = json::pointer::from_serde_path(e.path());
        let message = e.inner().to_string();
        let quoted = |s: &str| -> Vec<String> {
            s.split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(_, x)| x.to_owned())
                .collect()
        };
        let names = quoted(&message);
        let (code, suggestion) = if message.starts_with("unknown field") {
            let given = names.first().cloned().unwrap_or_default();
            let best = closest(&given, names.iter().skip(1).map(String::as_str));
            (ErrorCode::UnknownField, best)
        } else if message.starts_with("missing field") {
            if let Some(f) = names.first() {
                pointer.push_str(&format!("/{}", json::pointer::escape(f)));
            }
            (ErrorCode::MissingField, None)
        } else if message.starts_with("invalid type") {
            (ErrorCode::WrongType, None)
        } else {
            (ErrorCode::InvalidValue, None)
        };
        let mut err = json_error(
            code,
            pointer.clone(),
            found_at(Some(&value), &pointer),
            message,
        );
        err.suggestion = suggestion;
        Box::new(err)
    })
}

/// Parses a county file's text: its own fields, and each inline station as evidence
/// (with every structural error of each, pointers under `/stations/N`).
pub(crate) fn parse_county(text: &str) -> Result<County, Vec<JsonError>> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| {
        let mut err = json_error(
            ErrorCode::InvalidJson,
            String::new(),
            "text that is not JSON".into(),
            format!("the county file is not JSON: {e}"),
        );
        err.line = Some(u64::try_from(e.line()).unwrap_or(0));
        err.column = Some(u64::try_from(e.column()).unwrap_or(0));
        vec![err]
    })?;
    let mut errors = Vec::new();
    let mut stations = Vec::new();
    if let Some(obj) = value.as_object_mut() {
        match obj.remove("stations") {
            None => {}
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if errors.len() > json::MAX_ERRORS {
                        // Enough to fix first: the rest of the stations are not read.
                        break;
                    }
                    let item_text = item.to_string();
                    match json::parse::<Evidence>(InputKind::Evidence, &item_text) {
                        Ok(ev) => stations.push(ev),
                        Err(list) => errors.extend(list.into_iter().map(|mut e| {
                            e.pointer = format!("/stations/{i}{}", e.pointer);
                            e.line = None;
                            e.column = None;
                            e
                        })),
                    }
                }
            }
            Some(other) => errors.push(json_error(
                ErrorCode::WrongType,
                "/stations".into(),
                other.to_string(),
                "`stations` must be a list of station evidence".into(),
            )),
        }
    }
    match county_fields(value) {
        Ok(mut county) if errors.is_empty() => {
            county.stations = stations;
            Ok(county)
        }
        Ok(_) => Err(capped(errors)),
        Err(e) => {
            errors.insert(0, *e);
            Err(capped(errors))
        }
    }
}

/// Cuts a list longer than [`json::MAX_ERRORS`], saying so in a last entry.
pub(crate) fn capped(mut errors: Vec<JsonError>) -> Vec<JsonError> {
    if errors.len() > json::MAX_ERRORS {
        errors.truncate(json::MAX_ERRORS);
        errors.push(json_error(
            ErrorCode::TooManyErrors,
            String::new(),
            format!("more than {} errors", json::MAX_ERRORS),
            format!(
                "the input has more than {0} errors; the first {0} are listed",
                json::MAX_ERRORS
            ),
        ));
    }
    errors
}

/// The semantic problems of a county input (dates, quarters, stations of another
/// county) as located errors.
pub(crate) fn county_issues(county: &County, value: Option<&Value>) -> Vec<JsonError> {
    county
        .check()
        .into_iter()
        .map(|i| {
            json_error(
                ErrorCode::from_issue(i.code),
                i.pointer.clone(),
                found_at(value, &i.pointer),
                format!("{} [{}]", i.message, i.code),
            )
        })
        .collect()
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| CliError::usage(format!("cannot read the folder {}: {e}.", dir.display())))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Reads a county from a file or a folder. Structural errors of every file are
/// collected; a missing `county.json` or an unreadable folder is a usage error.
pub(crate) fn load(path: &Path) -> Result<Result<Loaded, FileErrors>, CliError> {
    let (county_path, station_files) = if path.is_dir() {
        let county_path = path.join("county.json");
        if !county_path.is_file() {
            return Err(CliError::usage(format!(
                "the folder {} has no county.json (the county's funding, reports and pay standards).",
                path.display()
            )));
        }
        let files = json_files(path)?
            .into_iter()
            .filter(|p| p.file_name() != Some(std::ffi::OsStr::new("county.json")))
            .collect();
        (county_path, files)
    } else {
        (path.to_path_buf(), Vec::new())
    };
    let county_file = display(&county_path);
    let text = read_input(&county_path)?;
    let mut failed: FileErrors = Vec::new();
    let mut texts = vec![(county_file.clone(), text.clone())];
    let mut county = match parse_county(&text) {
        Ok(c) => Some(c),
        Err(errors) => {
            failed.push((county_file.clone(), text.clone(), errors));
            None
        }
    };
    let mut sources: Vec<Source> = county
        .as_ref()
        .map(|c| {
            (0..c.stations.len())
                .map(|index| Source::Inline {
                    file: county_file.clone(),
                    index,
                })
                .collect()
        })
        .unwrap_or_default();
    for f in station_files {
        let name = display(&f);
        let t = read_input(&f)?;
        match json::parse::<Evidence>(InputKind::Evidence, &t) {
            Ok(ev) => {
                if let Some(c) = county.as_mut() {
                    c.stations.push(ev);
                    sources.push(Source::File { file: name.clone() });
                }
            }
            Err(errors) => failed.push((name.clone(), t.clone(), errors)),
        }
        texts.push((name, t));
    }
    match county {
        Some(county) if failed.is_empty() => Ok(Ok(Loaded {
            county,
            county_file,
            sources,
            texts,
        })),
        _ => Ok(Err(failed)),
    }
}

impl CountyArgs {
    /// Whether stdout carries one JSON document.
    pub(crate) fn json_on_stdout(&self) -> bool {
        self.out.json_on_stdout()
    }
}

pub(crate) fn run(args: CountyArgs) -> Result<u8, CliError> {
    let format = args.out.format()?;
    let mut inputs: Vec<PathBuf> = args.engine.paths().map(Path::to_path_buf).collect();
    for p in &args.paths {
        inputs.push(p.clone());
        if p.is_dir() {
            inputs.extend(json_files(p)?);
        }
    }
    args.out
        .refuse_inputs(inputs.iter().map(PathBuf::as_path))?;
    let evaluator: Evaluator = super::evaluator(&args.engine)?;
    let mut loaded = Vec::new();
    let mut broken = false;
    let mut all_errors = Vec::new();
    for p in &args.paths {
        match load(p)? {
            Ok(l) => loaded.push(l),
            Err(files) => {
                broken = true;
                for (file, text, errors) in files {
                    print_errors(&file, Some(&text), &errors);
                    all_errors.extend(errors);
                }
            }
        }
    }
    if broken {
        eprintln_safe("error: the county input is invalid; nothing was decided.");
        return Err(CliError::printed(EXIT_INVALID, all_errors));
    }
    let counties: Vec<County> = loaded.iter().map(|l| l.county.clone()).collect();
    let mut decisions: Vec<CountyDecision> = match check_counties(&evaluator, &counties) {
        Ok(d) => d,
        Err(CountyError::Input { county, issues }) => {
            let l = loaded.iter().find(|l| l.county.county == county);
            // Each file parsed once, not once per issue.
            let mut values: std::collections::HashMap<String, Option<Value>> =
                std::collections::HashMap::new();
            for i in issues.into_iter().take(json::MAX_ERRORS) {
                let (file, pointer) = l.map(|l| l.place(&i.pointer)).unwrap_or_default();
                let text = l.and_then(|l| l.text_of(&file));
                let value = values
                    .entry(file.clone())
                    .or_insert_with(|| text.and_then(|t| serde_json::from_str(t).ok()))
                    .as_ref();
                let e = json_error(
                    ErrorCode::from_issue(i.code),
                    pointer.clone(),
                    found_at(value, &pointer),
                    format!("{} [{}]", i.message, i.code),
                );
                print_errors(&file, text, std::slice::from_ref(&e));
                all_errors.push(e);
            }
            eprintln_safe("error: the county input is invalid; nothing was decided.");
            return Err(CliError::printed(EXIT_INVALID, all_errors));
        }
        Err(e @ CountyError::Policy { .. }) => {
            return Err(CliError::usage(format!(
                "{e}. Name a version with --policy-version."
            )));
        }
    };
    let mut undecided = 0u32;
    let mut printed = 0usize;
    for (d, l) in decisions.iter_mut().zip(&loaded) {
        // Errors gathered per file and located in one pass over each file's text.
        let mut per_file: Vec<(String, Vec<JsonError>)> = Vec::new();
        for (row, src) in d.stations.iter_mut().zip(&l.sources) {
            row.source = src.label();
            if !row.errors.is_empty() {
                undecided = undecided.saturating_add(1);
                let (file, ptr_prefix) = match src {
                    Source::File { file } => (file.clone(), String::new()),
                    Source::Inline { file, index } => (file.clone(), format!("/stations/{index}")),
                };
                for e in &row.errors {
                    if printed >= json::MAX_ERRORS {
                        break;
                    }
                    printed = printed.saturating_add(1);
                    let err = json_error(
                        e.code,
                        format!("{ptr_prefix}{}", e.pointer),
                        String::new(),
                        e.message.clone(),
                    );
                    match per_file.last_mut() {
                        Some((f, list)) if *f == file => list.push(err),
                        _ => per_file.push((file.clone(), vec![err])),
                    }
                }
            }
        }
        for (file, errors) in per_file {
            print_errors(&file, l.text_of(&file), &errors);
        }
    }
    let lang = args.out.lang();
    if format == OutFormat::Xlsx {
        let [one] = decisions.as_slice() else {
            return Err(CliError::usage(
                "a county workbook holds one county: check one county per --output FILE.xlsx.",
            ));
        };
        let bytes = sws_eval::sheet::county_workbook(one, lang)
            .map_err(|e| CliError::usage(format!("{e}.")))?;
        args.out.write_workbook(&bytes)?;
    }
    if format == OutFormat::Pdf {
        #[cfg(feature = "pdf")]
        let bytes = super::pdf(|| report::counties_pdf(&decisions, lang))?;
        #[cfg(not(feature = "pdf"))]
        let bytes = super::pdf(|| Ok::<_, ()>(Vec::new()))?;
        args.out.write_bytes(&bytes)?;
    }
    let out = match format {
        OutFormat::Pdf | OutFormat::Xlsx => None,
        OutFormat::Json => Some(match decisions.as_slice() {
            [one] => to_json(one)?,
            many => to_json(&many)?,
        }),
        OutFormat::Text => Some(report::counties(&decisions, Format::Text, lang)),
        OutFormat::Markdown => Some(report::counties(&decisions, Format::Markdown, lang)),
        OutFormat::Html => Some(report::counties(&decisions, Format::Html, lang)),
    };
    if let Some(out) = out {
        args.out.write(&out)?;
    }
    if undecided > 0 {
        eprintln_safe(&format!(
            "error: {undecided} station evaluation(s) could not be decided; see above and the report."
        ));
        return Ok(EXIT_INVALID);
    }
    Ok(EXIT_OK)
}
