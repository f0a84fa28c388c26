//! `sws-eval batch`: JSON Lines in, one result line out per input line, streaming.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use sws_eval::date::Date;
use sws_eval::json::{self, BatchOutputLine, ErrorCode, JsonError};

use super::evaluate::evaluate_one;
use super::output::AtomicFile;
use super::{CliError, EXIT_INVALID, EXIT_OK, EngineArgs, display, eprintln_safe, error_sentence};

pub(crate) const HELP: &str = "\
Input: JSON Lines — one evaluation's evidence per line (schema `batch-input-line`).
Output: one line per input line, in input order (schema `batch-output-line`):
  {\"status\":\"ok\",\"line\":N,\"result\":{…decision…},\"warnings\":[…]}
  {\"status\":\"error\",\"line\":N,\"errors\":[{\"code\":…,\"pointer\":…,\"message\":…}]}
Lines are counted from 1 in the input; blank lines are skipped (no output line). A bad
line is reported with its number and the others are still decided. The input is read
and the output written line by line: memory stays constant whatever the number of
lines (one line may hold at most 8 MiB). A progress bar is drawn on stderr only when
stderr is a terminal; errors are summarised on stderr (the first 20 as sentences).
Exit code 0 when every line was decided, 1 when any line was not.

FILE may also be a folder: each evidence file in it (*.json, or a workbook .xlsx, .xls,
.ods), in name order, is one input, numbered from 1 as lines are; errors on stderr name
the file (and the cell, for a workbook). With -o FILE.xlsx the results are written as a
workbook (one row per input) instead of JSON Lines; the rows are then kept in memory.

Examples:
  sws-eval batch evaluations.jsonl > decisions.jsonl
  jq -c . a.json b.json | sws-eval batch - -o decisions.jsonl
  sws-eval batch forms/ -o results.xlsx";

/// Most error sentences printed on stderr (every error is in the output anyway).
const MAX_PRINTED: u64 = 20;

#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    /// JSON Lines file, a folder of evidence files (JSON or workbooks), or `-` for stdin. JSON Lines 文件、证据文件夹，`-` 为标准输入
    file: PathBuf,
    /// Evaluate every line as of this date (see `evaluate --help`). 统一评估日期
    #[arg(long, value_name = "DATE")]
    as_of: Option<Date>,
    #[command(flatten)]
    engine: EngineArgs,
    /// Write the output lines to this file instead of stdout. 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// Never draw a progress bar. 不显示进度条
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// Reads one line (up to and including `\n`) into `buf`, keeping at most `cap` bytes
/// of it and discarding the rest, so that a huge line cannot exhaust memory.
/// Returns the bytes consumed and whether the line was cut.
pub(crate) fn read_line_capped<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<(usize, bool)> {
    let mut total = 0;
    let mut cut = false;
    loop {
        let (used, done) = {
            let available = match r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok((total, cut));
            }
            let (chunk, done) = match available.iter().position(|b| *b == b'\n') {
                Some(i) => (available.get(..=i).unwrap_or(available), true),
                None => (available, false),
            };
            let room = cap.saturating_sub(buf.len());
            if chunk.len() > room {
                buf.extend_from_slice(chunk.get(..room).unwrap_or(&[]));
                cut = true;
            } else {
                buf.extend_from_slice(chunk);
            }
            (chunk.len(), done)
        };
        r.consume(used);
        total += used;
        if done {
            return Ok((total, cut));
        }
    }
}

fn line_error(line: u64, code: ErrorCode, found: String, message: String) -> BatchOutputLine {
    BatchOutputLine::Error {
        line,
        errors: vec![JsonError {
            code,
            pointer: String::new(),
            expected: code.expected().into(),
            found,
            message,
            suggestion: None,
            line: None,
            column: None,
            cell: None,
        }],
    }
}

fn progress(total: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(n) => {
            let bar = ProgressBar::new(n);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg}",
            ) {
                bar.set_style(style);
            }
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) =
                ProgressStyle::with_template("{spinner} [{elapsed_precise}] {bytes} {msg}")
            {
                bar.set_style(style);
            }
            bar
        }
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn wants_xlsx(args: &BatchArgs) -> bool {
    args.output.as_deref().is_some_and(|p| {
        p.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    })
}

fn lang() -> sws_eval::report::Lang {
    super::lang_or_env(None)
}

/// A folder of evidence files (JSON or workbooks), one input each.
fn run_dir(args: &BatchArgs) -> Result<u8, CliError> {
    let evaluator = super::evaluator(&args.engine)?;
    let name = display(&args.file);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.file)
        .map_err(|e| CliError::usage(format!("cannot read the folder {name}: {e}.")))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && (p
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                    || sws_eval::sheet::is_workbook_name(&p.to_string_lossy()))
        })
        .collect();
    files.sort();
    let mut rows: Vec<(String, BatchOutputLine)> = Vec::new();
    let (mut decided, mut failed) = (0u64, 0u64);
    for (line, path) in (1u64..).zip(&files) {
        let file = display(path);
        let result = if sws_eval::sheet::is_workbook_name(&file) {
            match super::sheet::read_sheet_input(path, &evaluator.standard) {
                Err(e) => line_error(
                    line,
                    ErrorCode::InvalidJson,
                    "an unreadable workbook".into(),
                    e.message.unwrap_or_default(),
                ),
                Ok(input) => {
                    let errors = if input.read.errors.is_empty() {
                        match evaluate_one(&input.text, &evaluator, args.as_of) {
                            json::Envelope::Ok { result, warnings } => {
                                rows.push((
                                    file,
                                    BatchOutputLine::Ok {
                                        line,
                                        result: Box::new(result),
                                        warnings,
                                    },
                                ));
                                decided += 1;
                                continue;
                            }
                            json::Envelope::Error { errors } => input.locate(&errors),
                        }
                    } else {
                        input.read.errors.clone()
                    };
                    input.print(&errors);
                    BatchOutputLine::Error {
                        line,
                        errors: errors
                            .into_iter()
                            .map(sws_eval::sheet::LocatedError::into_json_error)
                            .collect(),
                    }
                }
            }
        } else {
            match super::read_input(path) {
                Ok(text) => {
                    let out =
                        BatchOutputLine::new(line, evaluate_one(&text, &evaluator, args.as_of));
                    if let BatchOutputLine::Error { errors, .. } = &out {
                        super::print_errors(&file, Some(&text), errors);
                    }
                    out
                }
                Err(e) => line_error(
                    line,
                    ErrorCode::InvalidJson,
                    "an unreadable file".into(),
                    e.message.unwrap_or_default(),
                ),
            }
        };
        match &result {
            BatchOutputLine::Ok { .. } => decided += 1,
            BatchOutputLine::Error { .. } => failed += 1,
        }
        rows.push((file, result));
    }
    if wants_xlsx(args) {
        let bytes = sws_eval::sheet::batch_workbook(&rows, lang())
            .map_err(|e| CliError::usage(format!("{e}.")))?;
        if let Some(p) = &args.output {
            super::write_bytes(p, &bytes)?;
        }
    } else {
        let mut out = String::new();
        for (_, r) in &rows {
            out.push_str(
                &serde_json::to_string(r)
                    .map_err(|e| CliError::usage(format!("cannot write JSON: {e}.")))?,
            );
            out.push('\n');
        }
        super::write_output(args.output.as_deref(), &out)?;
    }
    let total = decided + failed;
    eprintln_safe(&format!(
        "batch: {total} file(s), {decided} decided, {failed} not decided."
    ));
    Ok(if failed == 0 { EXIT_OK } else { EXIT_INVALID })
}

pub(crate) fn run(args: BatchArgs) -> Result<u8, CliError> {
    if let Some(out) = &args.output {
        super::output::refuse_inputs(
            out,
            std::iter::once(args.file.as_path()).chain(args.engine.paths()),
        )?;
    }
    if args.file.is_dir() {
        return run_dir(&args);
    }
    let xlsx = wants_xlsx(&args);
    let mut rows: Vec<(String, BatchOutputLine)> = Vec::new();
    let evaluator = super::evaluator(&args.engine)?;
    let name = display(&args.file);
    let (reader, total): (Box<dyn BufRead>, Option<u64>) = if args.file == Path::new("-") {
        (
            Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            None,
        )
    } else {
        let f = File::open(&args.file)
            .map_err(|e| CliError::usage(format!("cannot read {name}: {e}.")))?;
        let len = f.metadata().ok().map(|m| m.len());
        (Box::new(BufReader::with_capacity(1 << 16, f)), len)
    };
    let mut file = match &args.output {
        Some(_) if xlsx => None,
        Some(p) => Some(AtomicFile::create(p)?),
        None => None,
    };
    let mut stdout = None;
    let mut sink = io::sink();
    let writer: &mut dyn Write = match file.as_mut() {
        Some(f) => f.writer(),
        None if xlsx => &mut sink,
        None => stdout.insert(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    };
    let mut reader = reader;
    let mut out = writer;
    let bar = progress(total, args.quiet);
    let cap = json::MAX_INPUT_BYTES + 2;
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let (mut line, mut decided, mut failed) = (0u64, 0u64, 0u64);
    let mut first_failed: Vec<u64> = Vec::new();
    loop {
        buf.clear();
        let (n, cut) = read_line_capped(&mut reader, &mut buf, cap)
            .map_err(|e| CliError::usage(format!("cannot read {name} after line {line}: {e}.")))?;
        if n == 0 {
            break;
        }
        line += 1;
        bar.inc(u64::try_from(n).unwrap_or(0));
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if !cut && buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let result = if cut || buf.len() > json::MAX_INPUT_BYTES {
            line_error(
                line,
                ErrorCode::InputTooLarge,
                "a longer line".into(),
                format!(
                    "line {line} is longer than {} bytes, the most one evaluation may take",
                    json::MAX_INPUT_BYTES
                ),
            )
        } else {
            match std::str::from_utf8(&buf) {
                Ok(text) => BatchOutputLine::new(line, evaluate_one(text, &evaluator, args.as_of)),
                Err(e) => line_error(
                    line,
                    ErrorCode::InvalidJson,
                    "bytes that are not UTF-8".into(),
                    format!(
                        "line {line} is not UTF-8 text (invalid byte at offset {})",
                        e.valid_up_to()
                    ),
                ),
            }
        };
        match &result {
            BatchOutputLine::Ok { .. } => decided += 1,
            BatchOutputLine::Error { errors, .. } => {
                failed += 1;
                if failed <= MAX_PRINTED {
                    first_failed.push(line);
                    let text = std::str::from_utf8(&buf).ok();
                    for e in errors {
                        // Place the error on the input's line; the column within it.
                        let mut at = e.clone();
                        at.column = e.column.or_else(|| {
                            text.and_then(|t| super::locate::locate(t, &e.pointer))
                                .and_then(|(_, c)| u64::try_from(c).ok())
                        });
                        at.line = Some(line);
                        if at.column.is_none() {
                            at.column = Some(1);
                        }
                        bar.suspend(|| {
                            eprintln_safe(&format!("error: {}", error_sentence(&name, None, &at)))
                        });
                    }
                }
            }
        }
        if xlsx {
            rows.push((format!("{name}:{line}"), result));
            bar.set_message(format!("{line} lines, {decided} decided, {failed} not"));
            continue;
        }
        let written = serde_json::to_writer(&mut out, &result)
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        match written {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                bar.finish_and_clear();
                return Ok(if failed == 0 { EXIT_OK } else { EXIT_INVALID });
            }
            Err(e) => return Err(CliError::usage(format!("cannot write the output: {e}."))),
        }
        bar.set_message(format!("{line} lines, {decided} decided, {failed} not"));
    }
    match out.flush() {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(CliError::usage(format!("cannot write the output: {e}."))),
    }
    if let Some(f) = file {
        f.commit()?;
    }
    bar.finish_and_clear();
    if xlsx {
        let bytes = sws_eval::sheet::batch_workbook(&rows, lang())
            .map_err(|e| CliError::usage(format!("{e}.")))?;
        if let Some(p) = &args.output {
            super::write_bytes(p, &bytes)?;
        }
    }
    let lines = decided + failed;
    if failed == 0 {
        eprintln_safe(&format!("batch: {lines} line(s), all decided."));
        Ok(EXIT_OK)
    } else {
        let listed = first_failed
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let more = if failed > MAX_PRINTED { ", …" } else { "" };
        eprintln_safe(&format!(
            "batch: {lines} line(s), {decided} decided, {failed} not decided (line {listed}{more})."
        ));
        Ok(EXIT_INVALID)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_lines() {
        let mut r = io::Cursor::new(b"abc\r\nlonger line\nlast".to_vec());
        let mut buf = Vec::new();
        assert_eq!(read_line_capped(&mut r, &mut buf, 100).unwrap(), (5, false));
        assert_eq!(buf, b"abc\r\n");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 4).unwrap(), (12, true));
        assert_eq!(buf, b"long");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 100).unwrap(), (4, false));
        assert_eq!(buf, b"last");
        buf.clear();
        assert_eq!(read_line_capped(&mut r, &mut buf, 100).unwrap(), (0, false));
    }
}
