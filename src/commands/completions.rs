//! `completions`: a shell completion script.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    clap_complete::generate(args.shell, &mut Cli::command(), "pymastery", out);
    Ok(())
}
