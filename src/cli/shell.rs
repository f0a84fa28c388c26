//! `sws-eval completions SHELL` and `sws-eval man`: shell completions and a man page,
//! generated from the same clap definitions that parse the arguments (so they cannot
//! drift from the commands).

use std::path::PathBuf;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{CliError, EXIT_OK, write_output};

#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish. 命令行外壳
    shell: Shell,
    /// Write to this file instead of stdout. 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write to this file instead of stdout (roff, e.g. `sws-eval.1`). 输出文件
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
}

pub(crate) const COMPLETIONS_HELP: &str = "\
Examples 示例:
  sws-eval completions bash > ~/.local/share/bash-completion/completions/sws-eval
  sws-eval completions zsh > ~/.zfunc/_sws-eval
  sws-eval completions fish > ~/.config/fish/completions/sws-eval.fish
  sws-eval completions powershell >> $PROFILE";

pub(crate) fn completions(args: CompletionsArgs) -> Result<u8, CliError> {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "sws-eval", &mut out);
    let text = String::from_utf8_lossy(&out);
    write_output(args.output.as_deref(), &text)?;
    Ok(EXIT_OK)
}

pub(crate) fn man(args: ManArgs) -> Result<u8, CliError> {
    let cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut out)
        .map_err(|e| CliError::usage(format!("cannot render the man page: {e}")))?;
    let text = String::from_utf8_lossy(&out);
    write_output(args.output.as_deref(), &text)?;
    Ok(EXIT_OK)
}
