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

Examples:
  sws-eval batch evaluations.jsonl > decisions.jsonl
  jq -c . a.json b.json | sws-eval batch - -o decisions.jsonl";

/// Most error sentences printed on stderr (every error is in the output anyway).
const MAX_PRINTED: u64 = 20;

#[derive(Debug, Args)]
pub(crate) struct BatchArgs {
    /// JSON Lines file, or `-` for stdin. JSON Lines 文件，`-` 为标准输入
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

pub(crate) fn run(args: BatchArgs) -> Result<u8, CliError> {
    if let Some(out) = &args.output {
        super::output::refuse_inputs(
            out,
            std::iter::once(args.file.as_path()).chain(args.engine.paths()),
        )?;
    }
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
        Some(p) => Some(AtomicFile::create(p)?),
        None => None,
    };
    let mut stdout = None;
    let writer: &mut dyn Write = match file.as_mut() {
        Some(f) => f.writer(),
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
