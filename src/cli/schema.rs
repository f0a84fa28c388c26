//! `sws-eval schema`: the JSON Schemas of the contract.

use std::path::PathBuf;

use clap::Args;
use sws_eval::suggest::{closest, did_you_mean};

use super::{CliError, EXIT_OK, to_json, write_output};

#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// The schema's name, e.g. `evidence`, `decision`, `county`, or `sws-eval` for every
    /// type in one bundle (for code generators; see --list). 模式名称
    #[arg(required_unless_present = "list")]
    name: Option<String>,
    /// List the schemas' names. 列出全部模式
    #[arg(long, conflicts_with = "name")]
    list: bool,
    /// Write to this file instead of stdout. 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// With `evidence`: the evidence schema for this standard (its indicators, kinds,
    /// ranges, steps, levels and panels). 按该评分标准生成证据模式
    #[arg(long, value_name = "FILE", conflicts_with = "list")]
    standard: Option<PathBuf>,
}

fn all_names() -> Vec<(String, String)> {
    let mut names: Vec<(String, String)> = sws_eval::schema::names()
        .iter()
        .map(|n| {
            let dir = match sws_eval::schema::direction(n) {
                Some(sws_eval::schema::Direction::Input) => "input",
                Some(sws_eval::schema::Direction::Output) => "output",
                None => "",
            };
            ((*n).to_owned(), dir.to_owned())
        })
        .collect();
    names.push((
        sws_eval::schema::BUNDLE.to_owned(),
        "every type once, for code generators".to_owned(),
    ));
    names
}

pub(crate) fn run(args: SchemaArgs) -> Result<u8, CliError> {
    if args.list {
        let mut out = String::new();
        for (n, d) in all_names() {
            out.push_str(&format!("{n:<20} {d}\n"));
        }
        write_output(args.output.as_deref(), &out)?;
        return Ok(EXIT_OK);
    }
    let name = args.name.unwrap_or_default();
    if let Some(path) = &args.standard {
        if name != "evidence" {
            return Err(CliError::usage(format!(
                "--standard applies to the `evidence` schema only, not `{name}`."
            )));
        }
        let text = std::fs::read_to_string(path).map_err(|e| {
            CliError::usage(format!(
                "cannot read the standard file {}: {e}.",
                path.display()
            ))
        })?;
        let compiled = match sws_eval::json::load_standard_json(&text) {
            Ok(s) => s,
            Err(errors) => {
                super::eprintln_safe(&format!(
                    "error: the standard file {} does not load:",
                    path.display()
                ));
                super::print_errors(&path.display().to_string(), Some(&text), &errors);
                return Ok(super::EXIT_USAGE);
            }
        };
        write_output(
            args.output.as_deref(),
            &to_json(&sws_eval::schema::evidence_for(&compiled))?,
        )?;
        return Ok(EXIT_OK);
    }
    let found = if name == sws_eval::schema::BUNDLE {
        Some(sws_eval::schema::bundle())
    } else {
        sws_eval::schema::schema(&name)
    };
    match found {
        Some(s) => {
            write_output(args.output.as_deref(), &to_json(&s)?)?;
            Ok(EXIT_OK)
        }
        None => {
            let names = all_names();
            let best = closest(&name, names.iter().map(|(n, _)| n.as_str()));
            Err(CliError::usage(format!(
                "no schema called `{name}`{}; known: {}.",
                did_you_mean(best.as_deref()),
                names
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    }
}
