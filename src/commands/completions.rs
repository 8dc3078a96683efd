//! `completions`: a shell completion script.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};

pub fn run(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    // clap_complete panics when its writer fails; write through a buffer so that a closed
    // pipe is an ordinary error, which `main` treats as the reader's choice.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "pymastery", &mut script);
    out.write_all(&script)?;
    Ok(())
}
