//! The `sws-eval` command line: argument parsing, shared helpers and the commands.

use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use sws_eval::decision::Evaluator;
use sws_eval::json::{self, ErrorCode, ErrorEnvelope, JsonError};
use sws_eval::report::Lang;

mod articles;
mod batch;
mod county;
mod evaluate;
pub(crate) mod locate;
pub(crate) mod output;
mod schema;
mod sheet;
mod shell;
mod standard;
mod validate;

/// Exit code: evaluated, valid, every line decided.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code: the input does not meet the contract or cannot be decided.
pub(crate) const EXIT_INVALID: u8 = 1;
/// Exit code: bad arguments, an unreadable file, or a --standard/--policy/--calendar
/// file that does not load.
pub(crate) const EXIT_USAGE: u8 = 2;

const EXAMPLES: &str = "\
Examples 示例:
  sws-eval evaluate examples/data/station.json
      a readable decision on a terminal; the JSON decision when piped
  sws-eval evaluate examples/data/station.json --format html --lang zh -o report.html
  sws-eval evaluate station.json --as-of 2025-01-15 --format json
  cat station.json | sws-eval evaluate -
  sws-eval validate examples/data/county/*.json
  sws-eval schema --list
  sws-eval schema evidence
  sws-eval standard                       the built-in standard as a Markdown table
  sws-eval standard --facts               the facts a standard may read
  sws-eval articles                       what implements each article of the measure
  sws-eval batch evaluations.jsonl > decisions.jsonl
  sws-eval county examples/data/county --format markdown
  sws-eval template -o form.xlsx          the evidence workbook to fill in
  sws-eval evaluate form.xlsx -o decision.xlsx
  sws-eval convert form.xlsx -o evidence.json

Exit codes 退出码:
  0  decided / valid / every batch line decided            已作出决定 / 输入有效
  1  invalid input: the input does not meet the contract, or cannot be decided
     (errors on stderr with file, line, column and JSON pointer)  输入无效
  2  usage or configuration error: bad arguments, an unreadable file, or a
     --standard/--policy/--calendar file that does not load   用法或配置错误";

/// Scores third-party evaluations of township and street social work stations under
/// Dongying's measure 东民〔2022〕62号 and decides payment and renewal.
/// 东营市乡镇（街道）社会工作服务站评估：评分、结论、余款、续签。
#[derive(Debug, Parser)]
#[command(name = "sws-eval", version, after_help = EXAMPLES, max_term_width = 100)]
pub(crate) struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decide one evaluation, or a project year (a file with `evaluations`). 评估单次评估或项目年度
    #[command(after_help = evaluate::HELP)]
    Evaluate(evaluate::EvaluateArgs),
    /// Check files against the JSON contract and list every located error. 校验输入文件
    #[command(after_help = validate::HELP)]
    Validate(validate::ValidateArgs),
    /// Print a JSON Schema of the contract (`--list` names them). 输出 JSON Schema
    Schema(schema::SchemaArgs),
    /// Print the evaluation standard as a readable table, or the fact catalogue. 输出评分标准
    Standard(standard::StandardArgs),
    /// Decide newline-delimited evidence, one result line per input line. 批量评估（JSON Lines）
    #[command(after_help = batch::HELP)]
    Batch(batch::BatchArgs),
    /// Check a county: county-level gates over all its stations, and a summary. 县区级检查与汇总
    #[command(after_help = county::HELP)]
    County(county::CountyArgs),
    /// Print shell completions (bash, zsh, fish, powershell, elvish). 输出命令补全脚本
    #[command(after_help = shell::COMPLETIONS_HELP)]
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff). 输出手册页
    Man(shell::ManArgs),
    /// Trace the measure article by article: what implements each one. 逐条对照办法条款
    #[command(after_help = articles::HELP)]
    Articles(articles::ArticlesArgs),
    /// Write the evidence workbook (.xlsx) an evaluator fills in. 生成证据填报工作簿
    #[command(after_help = sheet::TEMPLATE_HELP)]
    Template(sheet::TemplateArgs),
    /// Convert evidence between a workbook and JSON. 工作簿与 JSON 互转
    #[command(after_help = sheet::CONVERT_HELP)]
    Convert(sheet::ConvertArgs),
}

/// The standard, policy versions and calendar to decide with.
#[derive(Debug, Args)]
pub(crate) struct EngineArgs {
    /// An evaluation standard JSON file instead of the built-in reconstruction (e.g. the
    /// county's official Annex 2 table). 评分标准文件
    #[arg(long, value_name = "FILE")]
    standard: Option<PathBuf>,
    /// A PolicySet JSON file (dated policy versions) instead of the built-in measure. 政策版本文件
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Use this policy version whatever the contract's signing date. 指定政策版本
    #[arg(long, value_name = "ID")]
    policy_version: Option<String>,
    /// A work calendar JSON file (days off and make-up workdays). 工作日历文件
    #[arg(long, value_name = "FILE")]
    calendar: Option<PathBuf>,
}

impl EngineArgs {
    /// The configuration files given (inputs an output must not overwrite).
    pub(crate) fn paths(&self) -> impl Iterator<Item = &Path> {
        [&self.standard, &self.policy, &self.calendar]
            .into_iter()
            .flatten()
            .map(PathBuf::as_path)
    }
}

/// Output format of a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutFormat {
    /// The decision as JSON: the contract.
    Json,
    /// A compact summary for a terminal.
    Text,
    /// A full report in Markdown.
    Markdown,
    /// A full report as one self-contained HTML file.
    Html,
    /// The full report as an A4 PDF with selectable Chinese text.
    Pdf,
    /// A workbook (.xlsx): needs --output.
    Xlsx,
}

/// Report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

/// The extensions `-o FILE` can write, and the format each picks when --format is not
/// given. Adding an output format is one line here.
const EXTENSIONS: &[(&str, OutFormat)] = &[
    ("json", OutFormat::Json),
    ("txt", OutFormat::Text),
    ("md", OutFormat::Markdown),
    ("markdown", OutFormat::Markdown),
    ("html", OutFormat::Html),
    ("htm", OutFormat::Html),
    ("pdf", OutFormat::Pdf),
    ("xlsx", OutFormat::Xlsx),
];

/// The format an output file's extension asks for: `None` without an extension; a
/// usage error naming the supported extensions for any other.
pub(crate) fn format_of_path(path: &Path) -> Result<Option<OutFormat>, CliError> {
    let Some(ext) = path.extension() else {
        return Ok(None);
    };
    let lower = ext.to_string_lossy().to_ascii_lowercase();
    EXTENSIONS
        .iter()
        .find(|(e, _)| *e == lower)
        .map(|(_, f)| Some(*f))
        .ok_or_else(|| {
            let known: Vec<String> = EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect();
            CliError::usage(format!(
                "cannot write {}: the extension `.{}` is not a format sws-eval writes; supported: {}",
                path.display(),
                ext.to_string_lossy(),
                known.join(", ")
            ))
        })
}

/// Where and how to write a decision.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Output format. Default: from the extension of --output (.json, .txt, .md, .html, .pdf, .xlsx),
    /// else `text` when stdout is a terminal and `json` otherwise. 输出格式
    #[arg(long, short = 'f', value_enum)]
    format: Option<OutFormat>,
    /// Report language. Default: SWS_EVAL_LANG, else the system locale (LC_ALL,
    /// LC_MESSAGES, LANG on Unix; the system setting on Windows and macOS): `zh` if it
    /// starts with `zh`, else `en`. 报告语言
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Write to this file instead of stdout; an extension sws-eval cannot write is
    /// refused. 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

impl OutputArgs {
    /// The format to write, from --format, the output file's extension or stdout.
    ///
    /// # Errors
    /// An output file whose extension is not one sws-eval writes (exit 2).
    pub(crate) fn format(&self) -> Result<OutFormat, CliError> {
        let from_path = match &self.output {
            Some(path) => format_of_path(path)?,
            None => None,
        };
        if let Some(f) = self.format.or(from_path) {
            return Ok(f);
        }
        if self.output.is_some() || !io::stdout().is_terminal() {
            Ok(OutFormat::Json)
        } else {
            Ok(OutFormat::Text)
        }
    }

    pub(crate) fn lang(&self) -> Lang {
        lang_or_env(self.lang)
    }

    /// Writes the output; text formats have their control characters escaped.
    pub(crate) fn write(&self, content: &str) -> Result<(), CliError> {
        if matches!(self.format(), Ok(OutFormat::Json)) {
            write_output(self.output.as_deref(), content)
        } else {
            write_output(self.output.as_deref(), &escape_controls(content))
        }
    }

    /// Streams a value as JSON to `-o FILE` (atomically) or stdout.
    pub(crate) fn write_json<T: serde::Serialize>(&self, value: &T) -> Result<(), CliError> {
        write_json_output(self.output.as_deref(), value)
    }

    /// Whether stdout carries one JSON document (the format is JSON and there is no -o).
    pub(crate) fn json_on_stdout(&self) -> bool {
        self.output.is_none() && matches!(self.format(), Ok(OutFormat::Json))
    }

    /// Writes a binary output (a PDF): to the file, or to stdout when it is not a terminal.
    pub(crate) fn write_bytes(&self, content: &[u8]) -> Result<(), CliError> {
        match self.output.as_deref() {
            Some(p) => output::write_file(p, content),
            None if io::stdout().is_terminal() => Err(CliError::usage(
                "a PDF is binary: write it to a file with -o FILE.pdf, or pipe it",
            )),
            None => write_stdout(content),
        }
    }

    /// Refuses an `-o` file that is one of the inputs (exit 2), before anything is read.
    pub(crate) fn refuse_inputs<'a>(
        &self,
        inputs: impl IntoIterator<Item = &'a Path>,
    ) -> Result<(), CliError> {
        match &self.output {
            Some(out) => output::refuse_inputs(out, inputs),
            None => Ok(()),
        }
    }

    /// Writes a workbook to --output (a workbook is never written to a terminal).
    pub(crate) fn write_workbook(&self, bytes: &[u8]) -> Result<(), CliError> {
        match &self.output {
            Some(p) => write_bytes(p, bytes),
            None => Err(CliError::usage(
                "a workbook is written to a file: add -o FILE.xlsx.",
            )),
        }
    }
}

/// The report language: --lang, else SWS_EVAL_LANG, else the system locale.
pub(crate) fn lang_or_env(arg: Option<LangArg>) -> Lang {
    let env = std::env::var("SWS_EVAL_LANG").ok();
    lang_from(arg, env.as_deref(), sys_locale::get_locale().as_deref())
}

/// Picks the language from the flag, the variable and the system locale, in that order;
/// an empty value counts as unset. Chinese for any `zh…` locale, English otherwise.
fn lang_from(arg: Option<LangArg>, env: Option<&str>, system: Option<&str>) -> Lang {
    match arg {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => {
            let zh = [env, system]
                .into_iter()
                .flatten()
                .find(|v| !v.is_empty())
                .is_some_and(|v| v.to_ascii_lowercase().starts_with("zh"));
            if zh { Lang::Zh } else { Lang::En }
        }
    }
}

/// An error that ends a command: its exit code, unless already printed a sentence,
/// and the errors as the contract writes them (for the JSON envelope on stdout).
#[derive(Debug)]
pub(crate) struct CliError {
    pub(crate) code: u8,
    pub(crate) message: Option<String>,
    pub(crate) errors: Vec<JsonError>,
}

/// One error of the command line itself (not located in a document).
pub(crate) fn cli_json_error(code: ErrorCode, found: String, message: &str) -> JsonError {
    JsonError {
        code,
        pointer: String::new(),
        expected: code.expected().into(),
        found,
        message: message.trim_end_matches('.').to_owned(),
        suggestion: None,
        line: None,
        column: None,
        cell: None,
    }
}

impl CliError {
    /// A usage error (exit 2): a bad argument, an output that cannot be written.
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Self::with(EXIT_USAGE, ErrorCode::BadArgument, message.into())
    }

    /// A file that cannot be read (exit 2).
    pub(crate) fn unreadable(message: impl Into<String>) -> Self {
        Self::with(EXIT_USAGE, ErrorCode::UnreadableFile, message.into())
    }

    /// An input refused as a whole (exit 1) with its contract code.
    pub(crate) fn invalid(code: ErrorCode, message: impl Into<String>) -> Self {
        Self::with(EXIT_INVALID, code, message.into())
    }

    /// A failure of the command line itself, not of its input or arguments (a thread
    /// that could not start, or stopped without its result): exit 2, like any run that
    /// cannot go on. Commands that fail this way print no JSON envelope.
    pub(crate) fn internal(message: impl Into<String>) -> Self {
        Self::with(EXIT_USAGE, ErrorCode::BadArgument, message.into())
    }

    fn with(code: u8, error: ErrorCode, message: String) -> Self {
        CliError {
            code,
            errors: vec![cli_json_error(error, String::new(), &message)],
            message: Some(message),
        }
    }

    /// The errors were printed already on stderr; `errors` go in the JSON envelope.
    pub(crate) fn printed(code: u8, errors: Vec<JsonError>) -> Self {
        CliError {
            code,
            message: None,
            errors,
        }
    }
}

/// Escapes control characters (ESC, BEL, CR, NUL, DEL, the C1 controls, …) as
/// `\u{1b}` so that a hostile name cannot rewrite the terminal; line feeds and tabs
/// are kept.
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let bad = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().saturating_add(16));
    for c in text.chars() {
        if bad(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether the raw arguments ask for `--format json` (read before clap parses them, so
/// that even a bad argument is answered with a JSON document on stdout).
fn asks_for_json(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    args.windows(2)
        .any(|w| matches!(w, [flag, "json"] if *flag == "--format" || *flag == "-f"))
        || args
            .iter()
            .any(|a| *a == "--format=json" || *a == "-fjson" || *a == "-f=json")
}

/// Prints the error envelope on stdout (one JSON document).
fn print_envelope(errors: Vec<JsonError>) {
    if let Ok(text) = to_json(&ErrorEnvelope::from(errors)) {
        let _ = write_output(None, &text);
    }
}

/// Runs the command line; returns the exit code.
pub(crate) fn run() -> u8 {
    let raw: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let cli = match Cli::try_parse_from(&raw) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = e.print();
            if code == EXIT_USAGE && asks_for_json(&raw) {
                let text = e.render().to_string();
                let first = text.lines().next().unwrap_or_default();
                let message = first.strip_prefix("error: ").unwrap_or(first);
                print_envelope(vec![cli_json_error(
                    ErrorCode::BadArgument,
                    String::new(),
                    message,
                )]);
            }
            return code;
        }
    };
    let json_stdout = match &cli.command {
        Command::Evaluate(a) => a.json_on_stdout(),
        Command::County(a) => a.json_on_stdout(),
        Command::Validate(a) => a.json_on_stdout(),
        Command::Standard(a) => a.json_on_stdout(),
        Command::Articles(a) => a.json_on_stdout(),
        Command::Schema(_)
        | Command::Batch(_)
        | Command::Completions(_)
        | Command::Man(_)
        | Command::Template(_)
        | Command::Convert(_) => false,
    };
    let result = match cli.command {
        Command::Evaluate(a) => evaluate::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Schema(a) => schema::run(a),
        Command::Standard(a) => standard::run(a),
        Command::Batch(a) => batch::run(a),
        Command::County(a) => county::run(a),
        Command::Completions(a) => shell::completions(a),
        Command::Man(a) => shell::man(a),
        Command::Articles(a) => articles::run(a),
        Command::Template(a) => sheet::run_template(a),
        Command::Convert(a) => sheet::run_convert(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if let Some(m) = &e.message {
                eprintln_safe(&format!("error: {m}"));
            }
            if json_stdout {
                print_envelope(e.errors);
            }
            e.code
        }
    }
}

/// Writes a line to stderr, ignoring a closed stderr; control characters (from a
/// hostile name or key quoted in a message) are escaped.
pub(crate) fn eprintln_safe(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", escape_controls(line));
}

/// How a path is named in messages: `-` is stdin.
pub(crate) fn display(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    }
}

/// Reads a whole input file (or stdin for `-`) as UTF-8, refusing more than the
/// contract's input limit; a leading byte-order mark is dropped.
pub(crate) fn read_input(path: &Path) -> Result<String, CliError> {
    read_capped(path, &display(path), json::MAX_INPUT_BYTES)
}

/// Reads at most `limit` bytes of a file (never more, whatever the file: `/dev/zero`
/// ends at the limit), refused whole when it is longer or not UTF-8.
pub(crate) fn read_capped(path: &Path, name: &str, limit: usize) -> Result<String, CliError> {
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        io::stdin().lock().take(cap).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(cap).read_to_end(&mut bytes))
    };
    read.map_err(|e| CliError::unreadable(format!("cannot read {name}: {e}.")))?;
    if bytes.len() > limit {
        return Err(CliError::invalid(
            ErrorCode::InputTooLarge,
            format!("{name} is larger than {limit} bytes, the most read [input_too_large]."),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::invalid(
            ErrorCode::InvalidJson,
            format!(
                "{name} is not UTF-8 text (invalid byte at offset {}) [invalid_json].",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Writes the output to a file (atomically, see [`output`]) or stdout. A closed pipe
/// (`| head`) ends quietly.
pub(crate) fn write_output(path: Option<&Path>, content: &str) -> Result<(), CliError> {
    match path {
        Some(p) => output::write_file(p, content.as_bytes()),
        None => write_stdout(content.as_bytes()),
    }
}

/// Streams a value as pretty JSON (and a final newline) to the file, atomically, or
/// to stdout, without building the whole text in memory first.
pub(crate) fn write_json_output<T: serde::Serialize>(
    path: Option<&Path>,
    value: &T,
) -> Result<(), CliError> {
    let put = |w: &mut dyn Write| -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, value).map_err(io::Error::other)?;
        w.write_all(b"\n")?;
        w.flush()
    };
    match path {
        Some(p) => {
            let mut file = output::AtomicFile::create(p)?;
            put(file.writer())
                .map_err(|e| CliError::usage(format!("cannot write {}: {e}.", display(p))))?;
            file.commit()
        }
        None => {
            let mut out = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
            match put(&mut out) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(CliError::usage(format!("cannot write to stdout: {e}."))),
            }
        }
    }
}

fn write_stdout(content: &[u8]) -> Result<(), CliError> {
    let mut out = io::stdout().lock();
    match out.write_all(content).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::usage(format!("cannot write to stdout: {e}."))),
    }
}

/// A PDF report, or why it could not be made (a build without the `pdf` feature).
#[cfg(feature = "pdf")]
pub(crate) fn pdf(
    rendered: impl FnOnce() -> Result<Vec<u8>, sws_eval::report::PdfError>,
) -> Result<Vec<u8>, CliError> {
    rendered().map_err(|e| CliError::usage(format!("cannot make the PDF: {e}")))
}

/// A PDF report, or why it could not be made (a build without the `pdf` feature).
#[cfg(not(feature = "pdf"))]
pub(crate) fn pdf<E>(_: impl FnOnce() -> Result<Vec<u8>, E>) -> Result<Vec<u8>, CliError> {
    Err(CliError::usage(
        "this sws-eval was built without the `pdf` feature; use --format html",
    ))
}

/// Writes bytes (a workbook) to a file.
pub(crate) fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    output::write_file(path, bytes)
}

/// One located error as a sentence: `FILE:LINE:COL: POINTER: message [code]`.
pub(crate) fn error_sentence(source: &str, text: Option<&str>, e: &JsonError) -> String {
    let pos = match (e.line, e.column) {
        (Some(_), Some(_)) => None,
        _ => text.and_then(|t| locate::locate(t, &e.pointer)),
    };
    error_sentence_at(source, pos, e)
}

/// As [`error_sentence`], with the position found already (`None`: the error's own
/// line and column, if any).
pub(crate) fn error_sentence_at(
    source: &str,
    found: Option<(usize, usize)>,
    e: &JsonError,
) -> String {
    let pos = match (e.line, e.column) {
        (Some(l), Some(c)) => Some((
            usize::try_from(l).unwrap_or(0),
            usize::try_from(c).unwrap_or(0),
        )),
        _ => found,
    };
    let at = match pos {
        Some((l, c)) => format!("{source}:{l}:{c}"),
        None => source.to_owned(),
    };
    let pointer = if e.pointer.is_empty() {
        "(document)".to_owned()
    } else {
        e.pointer.clone()
    };
    let mut message = e.message.trim_end_matches('.').to_owned();
    if let Some(s) = &e.suggestion
        && !message.contains(s.as_str())
    {
        message.push_str(&sws_eval::suggest::did_you_mean(Some(s)));
    }
    format!("{at}: {pointer}: {message} [{}]", e.code)
}

/// Prints every error on stderr, one sentence each (all located in one pass over
/// the text).
pub(crate) fn print_errors(source: &str, text: Option<&str>, errors: &[JsonError]) {
    for line in error_lines(source, text, errors) {
        eprintln_safe(&line);
    }
}

/// The lines [`print_errors`] prints (`error: FILE:LINE:COL: …`), for a caller that
/// prints them later (a batch worker's, in input order).
pub(crate) fn error_lines(source: &str, text: Option<&str>, errors: &[JsonError]) -> Vec<String> {
    let found = locate_errors(text, errors);
    errors
        .iter()
        .zip(found)
        .map(|(e, pos)| format!("error: {}", error_sentence_at(source, pos, e)))
        .collect()
}

/// The position of every error without its own line and column, in one pass.
pub(crate) fn locate_errors(
    text: Option<&str>,
    errors: &[JsonError],
) -> Vec<Option<(usize, usize)>> {
    let Some(text) = text else {
        return vec![None; errors.len()];
    };
    let wanted: Vec<&str> = errors
        .iter()
        .filter(|e| e.line.is_none() || e.column.is_none())
        .map(|e| e.pointer.as_str())
        .collect();
    let mut found = locate::locate_all(text, &wanted).into_iter();
    errors
        .iter()
        .map(|e| {
            if e.line.is_none() || e.column.is_none() {
                found.next().flatten()
            } else {
                None
            }
        })
        .collect()
}

/// Reads a --standard, --policy or --calendar file: at most 1 MiB. Any failure is a
/// configuration error (exit 2).
pub(crate) fn load_file(path: &Path, what: &str) -> Result<String, CliError> {
    let name = format!("the {what} file {}", path.display());
    read_capped(path, &name, json::MAX_CONFIG_BYTES).map_err(|mut e| {
        e.code = EXIT_USAGE;
        e
    })
}

/// Builds the evaluator from the built-ins and any files given.
pub(crate) fn evaluator(args: &EngineArgs) -> Result<Evaluator, CliError> {
    let mut ev = Evaluator::dongying();
    let fail = |flag: &str, path: &Path, text: &str, errors: Vec<JsonError>| {
        eprintln_safe(&format!(
            "error: the {flag} file {} does not load:",
            path.display()
        ));
        print_errors(&path.display().to_string(), Some(text), &errors);
        CliError::printed(EXIT_USAGE, errors)
    };
    if let Some(p) = &args.standard {
        let text = load_file(p, "--standard")?;
        ev.standard =
            json::load_standard_json(&text).map_err(|e| fail("--standard", p, &text, e))?;
    }
    if let Some(p) = &args.policy {
        let text = load_file(p, "--policy")?;
        ev.policies = json::load_policy_json(&text).map_err(|e| fail("--policy", p, &text, e))?;
    }
    if let Some(p) = &args.calendar {
        let text = load_file(p, "--calendar")?;
        ev.calendar =
            json::load_calendar_json(&text).map_err(|e| fail("--calendar", p, &text, e))?;
    }
    if let Some(id) = &args.policy_version {
        ev.policies
            .by_id(id)
            .map_err(|e| CliError::usage(format!("--policy-version: {e}.")))?;
        ev.policy_version = Some(id.clone());
    }
    Ok(ev)
}

/// The top-level keys of a JSON object (None if the text is not an object).
pub(crate) fn top_level_keys(text: &str) -> Option<Vec<String>> {
    serde_json::from_str::<std::collections::BTreeMap<String, serde::de::IgnoredAny>>(text)
        .ok()
        .map(|m| m.into_keys().collect())
}

/// Pretty JSON with a final newline.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| CliError::usage(format!("cannot write JSON: {e}.")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_comes_from_the_flag_then_the_variable_then_the_system() {
        assert_eq!(
            lang_from(Some(LangArg::En), Some("zh"), Some("zh-CN")),
            Lang::En
        );
        assert_eq!(lang_from(None, Some("zh"), Some("en-US")), Lang::Zh);
        assert_eq!(lang_from(None, Some(""), Some("zh-Hans-CN")), Lang::Zh);
        assert_eq!(lang_from(None, None, Some("zh_CN.UTF-8")), Lang::Zh);
        assert_eq!(lang_from(None, None, Some("en-GB")), Lang::En);
        assert_eq!(lang_from(None, None, None), Lang::En);
    }

    #[test]
    fn output_extensions_are_one_table() {
        assert_eq!(
            format_of_path(Path::new("r.HTML")).ok().flatten(),
            Some(OutFormat::Html)
        );
        assert_eq!(format_of_path(Path::new("report")).ok().flatten(), None);
        let err = format_of_path(Path::new("r.docx"))
            .err()
            .map(|e| (e.code, e.message));
        let Some((code, Some(message))) = err else {
            unreachable!("a .docx output must be refused")
        };
        assert_eq!(code, EXIT_USAGE);
        assert!(
            message.contains(".docx") && message.contains(".html, .htm"),
            "{message}"
        );
    }
}
