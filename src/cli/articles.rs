//! `sws-eval articles`: the measure traced article by article.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::{CliError, EXIT_OK, EngineArgs, evaluator, to_json, write_output};

/// Output format of the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ArticlesFormat {
    /// One block per article, for a terminal.
    Text,
    /// Tables by chapter (what docs/ARTICLES.md holds).
    Markdown,
    /// Every article with its gates, leaves, parameters, facts and decision parts.
    Json,
}

pub(crate) const HELP: &str = "\
For every article of 东民〔2022〕62号: the gates, standard leaves, policy parameters,
evidence facts and parts of the decision that implement it, or why nothing does.
逐条列出办法各条款对应的硬性规则、评分指标、政策参数、证据事实和决定内容，或未实现的理由。

Examples 示例:
  sws-eval articles
  sws-eval articles --format markdown -o ARTICLES.md
  sws-eval articles --standard official-annex2.json --format json";

#[derive(Debug, Args)]
pub(crate) struct ArticlesArgs {
    /// A standard JSON file instead of the built-in one (its leaves' articles). 评分标准文件
    #[arg(long, value_name = "FILE")]
    standard: Option<PathBuf>,
    /// A PolicySet JSON file instead of the built-in measure (its parameters' articles). 政策版本文件
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Output format. 输出格式
    #[arg(long, short = 'f', value_enum, default_value = "text")]
    format: ArticlesFormat,
    /// Write to this file instead of stdout. 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

impl ArticlesArgs {
    /// Whether the answer is JSON on stdout (errors then go there as JSON too).
    pub(crate) fn json_on_stdout(&self) -> bool {
        self.format == ArticlesFormat::Json && self.output.is_none()
    }
}

pub(crate) fn run(args: ArticlesArgs) -> Result<u8, CliError> {
    let engine = EngineArgs {
        standard: args.standard,
        policy: args.policy,
        policy_version: None,
        calendar: None,
    };
    let ev = evaluator(&engine)?;
    let trace = sws_eval::articles::trace(ev.standard.standard(), &ev.policies);
    let out = match args.format {
        ArticlesFormat::Text => sws_eval::articles::text(&trace),
        ArticlesFormat::Markdown => sws_eval::articles::markdown(&trace),
        ArticlesFormat::Json => to_json(&trace)?,
    };
    write_output(args.output.as_deref(), &out)?;
    Ok(EXIT_OK)
}
