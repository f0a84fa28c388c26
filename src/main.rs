//! The `sws-eval` command line: decide evaluations, validate inputs, print schemas and
//! the standard, run batches and county checks. See `sws-eval --help`.
#![forbid(unsafe_code)]

use std::process::ExitCode;

mod cli;

/// mimalloc is faster than the system allocator on the many small allocations of an
/// explained decision (`batch`: see the `mimalloc` feature in Cargo.toml). Declaring it
/// needs no unsafe code; the library itself never chooses an allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // The engine has no panics outside tests (clippy denies them); should one happen
    // anyway, say so in one line instead of a thread dump. The release profile then
    // aborts (`panic = "abort"`), so the exit status is the abort's, never 0, 1 or 2.
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown cause".to_owned());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "error: internal error in sws-eval {}: {what}{at}; please report it with the input 内部错误，请连同输入一并报告",
            env!("CARGO_PKG_VERSION")
        );
    }));
    ExitCode::from(cli::run())
}
