//! `sws-eval standard`: what is scored, as a readable table; and the fact catalogue.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use sws_eval::report::{self, Format};
use sws_eval::standard::CompiledStandard;

use super::{
    CliError, EXIT_OK, EXIT_USAGE, LangArg, eprintln_safe, lang_or_env, print_errors, to_json,
    write_output,
};

/// Output format of the standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StandardFormat {
    /// A Markdown table (readable in a terminal too).
    Markdown,
    /// The standard (or the catalogue) as JSON.
    Json,
    /// One self-contained HTML file.
    Html,
}

#[derive(Debug, Args)]
pub(crate) struct StandardArgs {
    /// A standard JSON file instead of the built-in one. 评分标准文件
    #[arg(long, value_name = "FILE")]
    standard: Option<PathBuf>,
    /// List the fact catalogue (what a standard's leaves may read) instead. 列出事实目录
    #[arg(long)]
    facts: bool,
    /// Output format. 输出格式
    #[arg(long, short = 'f', value_enum, default_value = "markdown")]
    format: StandardFormat,
    /// Language of titles. 语言
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Write to this file instead of stdout. 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

impl StandardArgs {
    /// Whether stdout carries one JSON document.
    pub(crate) fn json_on_stdout(&self) -> bool {
        self.output.is_none() && self.format == StandardFormat::Json
    }
}

pub(crate) fn run(args: StandardArgs) -> Result<u8, CliError> {
    if let Some(p) = &args.output {
        super::format_of_path(p)?;
        super::output::refuse_inputs(p, args.standard.as_deref())?;
    }
    let lang = lang_or_env(args.lang);
    let out = if args.facts {
        match args.format {
            StandardFormat::Json => to_json(&sws_eval::facts::catalogue())?,
            StandardFormat::Markdown => report::facts(Format::Markdown, lang),
            StandardFormat::Html => report::facts(Format::Html, lang),
        }
    } else {
        let compiled = match &args.standard {
            None => CompiledStandard::dongying_2022(),
            Some(p) => {
                let text = super::load_file(p, "standard")?;
                match sws_eval::json::load_standard_json(&text) {
                    Ok(s) => s,
                    Err(errors) => {
                        eprintln_safe(&format!(
                            "error: the standard file {} does not load:",
                            p.display()
                        ));
                        print_errors(&p.display().to_string(), Some(&text), &errors);
                        return Err(CliError::printed(EXIT_USAGE, errors));
                    }
                }
            }
        };
        match args.format {
            StandardFormat::Json => to_json(compiled.standard())?,
            StandardFormat::Markdown => {
                report::standard(compiled.standard(), Format::Markdown, lang)
            }
            StandardFormat::Html => report::standard(compiled.standard(), Format::Html, lang),
        }
    };
    let out = match args.format {
        StandardFormat::Json => out,
        _ => super::escape_controls(&out).into_owned(),
    };
    write_output(args.output.as_deref(), &out)?;
    Ok(EXIT_OK)
}
