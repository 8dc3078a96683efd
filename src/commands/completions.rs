//! Shell completion: `completions SHELL` prints a script that asks the binary itself what to
//! offer (`COMPLETE=SHELL pymastery -- WORDS`), so plan ids and day keys come from the home
//! (see [`crate::candidates`]).

use std::io::Write;

use clap_complete::env::Shells;

use crate::cli::CompletionsArgs;
use crate::error::bad_input;

/// The variable the registration script sets to ask for completions.
pub const VAR: &str = "COMPLETE";

/// Prints the script that registers the completer with `args.shell`.
pub(crate) fn run(args: &CompletionsArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let name = args.shell.to_string();
    let shells = Shells::builtins();
    let shell = shells
        .completer(&name)
        .ok_or_else(|| bad_input(format!("no completion support for {name}")))?;
    // Written through a buffer, so that a closed pipe is an ordinary error.
    let mut script = Vec::new();
    shell.write_registration(VAR, "pymastery", "pymastery", "pymastery", &mut script)?;
    out.write_all(&script)?;
    Ok(())
}
