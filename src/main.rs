//! The `sws-eval` command line: decide evaluations, validate inputs, print schemas and
//! the standard, run batches and county checks. See `sws-eval --help`.
#![forbid(unsafe_code)]

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    ExitCode::from(cli::run())
}
