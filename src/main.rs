use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use pymastery::cli::Cli;
use pymastery::commands::{self, Env};
use pymastery::error;

fn main() -> ExitCode {
    // A bug should read as one, not as a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("{}", error::panic_line(info));
    }));
    let cli = Cli::parse();
    let env = Env::from_process();
    let mut stdout = io::stdout().lock();
    let result = commands::run(cli, env, &mut stdout).and_then(|()| Ok(stdout.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let mut stderr = io::stderr().lock();
            let message = pymastery::render::text::sanitize(&format!("{err:#}"));
            let _ = writeln!(stderr, "error: {message}");
            if let Some(hint) = error::hint(&err) {
                let _ = writeln!(stderr, "hint: {}", pymastery::render::text::sanitize(hint));
            }
            ExitCode::from(error::exit_code(&err))
        }
    }
}

/// A closed pipe (`pymastery log | head`) is the reader's choice, not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
