//! The `sws-eval` command line (minimal until the tools issue lands).
#![forbid(unsafe_code)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some("evaluate"), Some(file)) = (args.first().map(String::as_str), args.get(1)) else {
        eprintln!("usage: sws-eval evaluate FILE [--format json]");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(2);
        }
    };
    let ev: sws_eval::Evidence = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("{file}: {e}");
            return ExitCode::from(1);
        }
    };
    match sws_eval::Evaluator::dongying().evaluate(&ev) {
        Ok(d) => {
            println!("{}", serde_json::to_string_pretty(&d).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            ExitCode::from(1)
        }
    }
}
