//! `sws-eval batch`: JSON Lines in, one result line out per input line, streaming.
//!
//! With `--jobs N` (default: the number of cores) the lines are read in chunks bounded
//! by count and by bytes; each chunk is decided (and its output lines serialised) on N
//! scoped threads over contiguous slices, then written in input order before the next
//! chunk is read. Memory is bounded by one chunk whatever the number of lines, and the
//! output, the messages on stderr and the exit code are those of `--jobs 1`.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::num::NonZeroUsize;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use sws_eval::date::Date;
use sws_eval::decision::Evaluator;
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
and the output written in chunks: memory stays constant whatever the number of lines
(one line may hold at most 8 MiB). A progress bar is drawn on stderr only when stderr
is a terminal; errors are summarised on stderr (the first 20 as sentences).
Exit code 0 when every line was decided, 1 when any line was not.

--jobs N decides on N threads (default: the number of cores). Each chunk of lines (at
most 32 per thread and about 1 MiB) is split into N runs of consecutive lines, decided
at once, and written in input order: the output, the messages and the exit code are
the same for every N. --jobs 1 decides one line at a time.

FILE may also be a folder: each evidence file in it (*.json, or a workbook .xlsx, .xls,
.ods), in name order, is one input, numbered from 1 as lines are; errors on stderr name
the file (and the cell, for a workbook). With -o FILE.xlsx the results are written as a
workbook (one row per input) instead of JSON Lines; the rows are then kept in memory.

Examples:
  sws-eval batch evaluations.jsonl > decisions.jsonl
  sws-eval batch evaluations.jsonl --jobs 2 -o decisions.jsonl
  jq -c . a.json b.json | sws-eval batch - -o decisions.jsonl
  sws-eval batch forms/ -o results.xlsx";

/// Most error sentences printed on stderr (every error is in the output anyway).
const MAX_PRINTED: u64 = 20;

/// Most lines a chunk holds per thread (`--jobs 1`: one line, as read).
const LINES_PER_JOB: usize = 32;

/// Most files a chunk of a folder holds per thread.
const FILES_PER_JOB: usize = 8;

/// A chunk stops taking lines once its input reaches this many bytes (one line of up
/// to 8 MiB still fits: a chunk always holds at least one line).
const CHUNK_BYTES: usize = 1 << 20;

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
    /// Decide on N threads (default: the number of cores; 1: one line at a time); the
    /// output is the same for every N. 并行线程数（默认为 CPU 核数，1 为逐行处理）
    #[arg(long, short = 'j', value_name = "N", value_parser = parse_jobs)]
    jobs: Option<NonZeroUsize>,
}

/// `--jobs N`: a whole number of threads, at least 1.
fn parse_jobs(text: &str) -> Result<NonZeroUsize, String> {
    let n: usize = text.trim().parse().map_err(|_| {
        "expected a whole number of threads, at least 1 (e.g. --jobs 2) 应为不小于 1 的线程数（如 --jobs 2）"
            .to_owned()
    })?;
    NonZeroUsize::new(n).ok_or_else(|| {
        "--jobs must be at least 1 (--jobs 1 decides one line at a time; without --jobs every core is used) --jobs 至少为 1（1 为逐行处理；不指定则使用全部 CPU 核）"
            .to_owned()
    })
}

/// The threads to decide on: `--jobs`, else the number of cores (1 if unknown).
fn jobs(args: &BatchArgs) -> usize {
    args.jobs
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get)
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

/// Applies `f` to every item on up to `jobs` threads, each over a run of consecutive
/// items (the calling thread takes the first run); the results are in input order.
///
/// # Errors
/// A thread the system would not start, or one that stopped without a result (a panic
/// in a build that unwinds), as a CLI error: never a panic of the command line.
fn par_map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Result<Vec<R>, CliError> {
    if jobs <= 1 || items.len() <= 1 {
        return Ok(items.iter().map(&f).collect());
    }
    let per = items.len().div_ceil(jobs);
    let mut runs = items.chunks(per);
    let first = runs.next().unwrap_or(&[]);
    let f = &f;
    std::thread::scope(|scope| {
        let mut handles = Vec::with_capacity(jobs.saturating_sub(1));
        for (n, run) in runs.enumerate() {
            let handle = std::thread::Builder::new()
                .name(format!("sws-eval batch {}", n + 1))
                .spawn_scoped(scope, move || run.iter().map(f).collect::<Vec<R>>())
                .map_err(|e| {
                    CliError::internal(format!(
                        "cannot start a batch thread: {e}; try fewer --jobs 无法启动批量线程，请减少 --jobs"
                    ))
                });
            match handle {
                Ok(h) => handles.push(h),
                Err(e) => {
                    // The threads started finish their runs; their results are dropped.
                    for h in handles {
                        let _ = h.join();
                    }
                    return Err(e);
                }
            }
        }
        let mut out: Vec<R> = first.iter().map(f).collect();
        out.reserve(items.len().saturating_sub(out.len()));
        let mut stopped = None;
        for h in handles {
            match h.join() {
                Ok(part) => out.extend(part),
                Err(_) => {
                    stopped.get_or_insert_with(|| {
                        CliError::internal(
                            "a batch thread stopped before deciding its lines; please report it with the input 批量线程意外终止，请连同输入一并报告",
                        )
                    });
                }
            }
        }
        match stopped {
            Some(e) => Err(e),
            None => Ok(out),
        }
    })
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

/// One decided input, as the writer needs it.
enum Decided {
    /// Kept whole: a workbook row.
    Row(BatchOutputLine),
    /// Serialised already (the output line and its `\n`, or why it could not be), with
    /// the errors of a line that was not decided.
    Json {
        text: Result<Vec<u8>, String>,
        errors: Option<Vec<JsonError>>,
    },
}

impl Decided {
    fn new(result: BatchOutputLine, xlsx: bool) -> Self {
        if xlsx {
            return Decided::Row(result);
        }
        let mut text = Vec::with_capacity(32 << 10);
        let text = match serde_json::to_writer(&mut text, &result) {
            Ok(()) => {
                text.push(b'\n');
                Ok(text)
            }
            Err(e) => Err(e.to_string()),
        };
        let errors = match result {
            BatchOutputLine::Ok { .. } => None,
            BatchOutputLine::Error { errors, .. } => Some(errors),
        };
        Decided::Json { text, errors }
    }

    /// The errors of an input that was not decided (`None`: decided).
    fn errors(&self) -> Option<&[JsonError]> {
        match self {
            Decided::Row(BatchOutputLine::Ok { .. }) | Decided::Json { errors: None, .. } => None,
            Decided::Row(BatchOutputLine::Error { errors, .. })
            | Decided::Json {
                errors: Some(errors),
                ..
            } => Some(errors),
        }
    }
}

/// Where the JSON Lines go: `-o FILE` (atomically), stdout, or nowhere (a workbook).
enum Sink {
    File(AtomicFile),
    Stdout(BufWriter<io::StdoutLock<'static>>),
    Workbook,
}

impl Sink {
    fn new(args: &BatchArgs, xlsx: bool) -> Result<Self, CliError> {
        Ok(match &args.output {
            Some(_) if xlsx => Sink::Workbook,
            Some(p) => Sink::File(AtomicFile::create(p)?),
            None => Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        })
    }

    fn writer(&mut self) -> Option<&mut dyn Write> {
        match self {
            Sink::File(f) => Some(f.writer()),
            Sink::Stdout(w) => Some(w),
            Sink::Workbook => None,
        }
    }

    /// Flushes (a closed pipe is no error) and commits a file.
    fn finish(mut self) -> Result<(), CliError> {
        if let Some(w) = self.writer() {
            match w.flush() {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
                Err(e) => return Err(CliError::usage(format!("cannot write the output: {e}."))),
            }
        }
        match self {
            Sink::File(f) => f.commit(),
            Sink::Stdout(_) | Sink::Workbook => Ok(()),
        }
    }
}

/// Writes one output line; `Ok(false)` when the reader went away (a closed pipe).
fn put(sink: &mut Sink, text: &Result<Vec<u8>, String>) -> Result<bool, CliError> {
    let Some(w) = sink.writer() else {
        return Ok(true);
    };
    let written = match text {
        Ok(bytes) => w.write_all(bytes),
        Err(e) => Err(io::Error::other(e.clone())),
    };
    match written {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(CliError::usage(format!("cannot write the output: {e}."))),
    }
}

/// One input file of a folder, decided, with the error lines to print for it.
struct FileDone {
    file: String,
    decided: Decided,
    messages: Vec<String>,
}

/// Reads and decides one file of a folder (on a worker thread: its messages are
/// printed later, in order).
fn decide_file(
    line: u64,
    path: &Path,
    evaluator: &Evaluator,
    as_of: Option<Date>,
    xlsx: bool,
) -> FileDone {
    let file = display(path);
    let mut messages = Vec::new();
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
                    match evaluate_one(&input.text, evaluator, as_of) {
                        json::Envelope::Ok { result, warnings } => {
                            let ok = BatchOutputLine::Ok {
                                line,
                                result: Box::new(result),
                                warnings,
                            };
                            return FileDone {
                                file,
                                decided: Decided::new(ok, xlsx),
                                messages,
                            };
                        }
                        json::Envelope::Error { errors } => input.locate(&errors),
                    }
                } else {
                    input.read.errors.clone()
                };
                messages = input.error_lines(&errors);
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
                let out = BatchOutputLine::new(line, evaluate_one(&text, evaluator, as_of));
                if let BatchOutputLine::Error { errors, .. } = &out {
                    messages = super::error_lines(&file, Some(&text), errors);
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
    FileDone {
        file,
        decided: Decided::new(result, xlsx),
        messages,
    }
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
    let xlsx = wants_xlsx(args);
    let jobs = jobs(args);
    let per_chunk = if jobs <= 1 {
        1
    } else {
        FILES_PER_JOB.saturating_mul(jobs)
    };
    let numbered: Vec<(u64, PathBuf)> = (1u64..).zip(files).collect();
    let mut sink = Sink::new(args, xlsx)?;
    let mut open = true;
    let mut rows: Vec<(String, BatchOutputLine)> = Vec::new();
    let (mut decided, mut failed) = (0u64, 0u64);
    for chunk in numbered.chunks(per_chunk) {
        let done = par_map(chunk, jobs, |(line, path)| {
            decide_file(*line, path, &evaluator, args.as_of, xlsx)
        })?;
        for d in done {
            for m in &d.messages {
                eprintln_safe(m);
            }
            match d.decided.errors() {
                None => decided += 1,
                Some(_) => failed += 1,
            }
            match d.decided {
                Decided::Row(row) => rows.push((d.file, row)),
                Decided::Json { text, .. } => {
                    // After a closed pipe the files are still decided and reported.
                    if open {
                        open = put(&mut sink, &text)?;
                    } else if let Err(e) = text {
                        return Err(CliError::usage(format!("cannot write the output: {e}.")));
                    }
                }
            }
        }
    }
    sink.finish()?;
    if xlsx {
        let bytes = sws_eval::sheet::batch_workbook(&rows, lang())
            .map_err(|e| CliError::usage(format!("{e}.")))?;
        if let Some(p) = &args.output {
            super::write_bytes(p, &bytes)?;
        }
    }
    let total = decided + failed;
    eprintln_safe(&format!(
        "batch: {total} file(s), {decided} decided, {failed} not decided."
    ));
    Ok(if failed == 0 { EXIT_OK } else { EXIT_INVALID })
}

/// One non-blank input line of a chunk: its number and where its bytes are.
struct Line {
    number: u64,
    start: usize,
    end: usize,
    /// Longer than the most one line may hold (its bytes are cut).
    cut: bool,
}

/// Decides one line (on a worker thread).
fn decide_line(
    line: &Line,
    data: &[u8],
    evaluator: &Evaluator,
    as_of: Option<Date>,
) -> BatchOutputLine {
    let n = line.number;
    let bytes = data.get(line.start..line.end).unwrap_or_default();
    if line.cut || bytes.len() > json::MAX_INPUT_BYTES {
        return line_error(
            n,
            ErrorCode::InputTooLarge,
            "a longer line".into(),
            format!(
                "line {n} is longer than {} bytes, the most one evaluation may take",
                json::MAX_INPUT_BYTES
            ),
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => BatchOutputLine::new(n, evaluate_one(text, evaluator, as_of)),
        Err(e) => line_error(
            n,
            ErrorCode::InvalidJson,
            "bytes that are not UTF-8".into(),
            format!(
                "line {n} is not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        ),
    }
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
    let jobs = jobs(&args);
    let mut rows: Vec<(String, BatchOutputLine)> = Vec::new();
    let evaluator = super::evaluator(&args.engine)?;
    let name = display(&args.file);
    let (mut reader, total): (Box<dyn BufRead>, Option<u64>) = if args.file == Path::new("-") {
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
    let mut sink = Sink::new(&args, xlsx)?;
    let bar = progress(total, args.quiet);
    let cap = json::MAX_INPUT_BYTES + 2;
    // `--jobs 1`: one line at a time, read, decided and written as before.
    let max_lines = if jobs <= 1 {
        1
    } else {
        LINES_PER_JOB.saturating_mul(jobs)
    };
    let mut data: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut lines: Vec<Line> = Vec::with_capacity(max_lines);
    let (mut line, mut decided, mut failed) = (0u64, 0u64, 0u64);
    let mut first_failed: Vec<u64> = Vec::new();
    let mut ended = false;
    while !ended {
        data.clear();
        lines.clear();
        let mut read_error = None;
        while lines.len() < max_lines && data.len() < CHUNK_BYTES {
            let start = data.len();
            let (n, cut) = match read_line_capped(&mut reader, &mut data, start + cap) {
                Ok(read) => read,
                Err(e) => {
                    // The lines read before are decided and written first, as they
                    // would have been one by one.
                    read_error = Some(CliError::usage(format!(
                        "cannot read {name} after line {line}: {e}."
                    )));
                    data.truncate(start);
                    ended = true;
                    break;
                }
            };
            if n == 0 {
                ended = true;
                break;
            }
            line += 1;
            bar.inc(u64::try_from(n).unwrap_or(0));
            while data.len() > start && matches!(data.last(), Some(b'\n' | b'\r')) {
                data.pop();
            }
            let text = data.get(start..).unwrap_or_default();
            if !cut && text.iter().all(u8::is_ascii_whitespace) {
                data.truncate(start);
                continue;
            }
            lines.push(Line {
                number: line,
                start,
                end: data.len(),
                cut,
            });
        }
        let done = par_map(&lines, jobs, |l| {
            Decided::new(decide_line(l, &data, &evaluator, args.as_of), xlsx)
        })?;
        for (l, d) in lines.iter().zip(done) {
            let number = l.number;
            match d.errors() {
                None => decided += 1,
                Some(errors) => {
                    failed += 1;
                    if failed <= MAX_PRINTED {
                        first_failed.push(number);
                        let text = data
                            .get(l.start..l.end)
                            .and_then(|b| std::str::from_utf8(b).ok());
                        for e in errors {
                            // Place the error on the input's line; the column within it.
                            let mut at = e.clone();
                            at.column = e.column.or_else(|| {
                                text.and_then(|t| super::locate::locate(t, &e.pointer))
                                    .and_then(|(_, c)| u64::try_from(c).ok())
                            });
                            at.line = Some(number);
                            if at.column.is_none() {
                                at.column = Some(1);
                            }
                            bar.suspend(|| {
                                eprintln_safe(&format!(
                                    "error: {}",
                                    error_sentence(&name, None, &at)
                                ))
                            });
                        }
                    }
                }
            }
            match d {
                Decided::Row(row) => rows.push((format!("{name}:{number}"), row)),
                Decided::Json { text, .. } => {
                    if !put(&mut sink, &text)? {
                        bar.finish_and_clear();
                        return Ok(if failed == 0 { EXIT_OK } else { EXIT_INVALID });
                    }
                }
            }
            if !bar.is_hidden() {
                bar.set_message(format!("{number} lines, {decided} decided, {failed} not"));
            }
        }
        if let Some(e) = read_error {
            return Err(e);
        }
    }
    sink.finish()?;
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

    #[test]
    fn jobs_are_a_whole_number_from_1() {
        assert_eq!(parse_jobs("3").map(NonZeroUsize::get), Ok(3));
        let zero = parse_jobs("0").unwrap_err();
        assert!(
            zero.contains("at least 1") && zero.contains("至少为 1"),
            "{zero}"
        );
        let word = parse_jobs("many").unwrap_err();
        assert!(
            word.contains("whole number") && word.contains("线程数"),
            "{word}"
        );
    }

    #[test]
    fn par_map_keeps_the_order_for_any_number_of_threads() {
        let items: Vec<u32> = (0..103).collect();
        let want: Vec<u32> = items.iter().map(|i| i * 2).collect();
        for jobs in [1, 2, 3, 7, 200] {
            let got = par_map(&items, jobs, |i| i * 2).map_err(|e| e.message);
            assert_eq!(got.as_deref(), Ok(&want[..]), "jobs {jobs}");
        }
        assert_eq!(
            par_map(&[] as &[u32], 4, |i| *i).map_err(|e| e.message),
            Ok(vec![])
        );
    }

    #[test]
    fn a_thread_that_stops_is_an_error_not_a_panic() {
        // `resume_unwind` stops the thread without the panic hook's message.
        let items: Vec<u32> = (0..8).collect();
        let got = par_map(&items, 4, |i| {
            if *i == 7 {
                std::panic::resume_unwind(Box::new("stop"));
            }
            *i
        });
        let Err(e) = got else {
            unreachable!("a stopped thread must be reported")
        };
        assert_eq!(e.code, super::super::EXIT_USAGE);
        assert!(
            e.message.as_deref().is_some_and(|m| m.contains("stopped")),
            "{:?}",
            e.message
        );
    }
}
