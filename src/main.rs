use std::io::{self, Write};
use std::process::ExitCode;

use pymastery::cli::Cli;
use pymastery::commands::{self, Env};
use pymastery::error;

fn main() -> ExitCode {
    // A bug should read as one, not as a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("{}", panic_line(info));
    }));
    ignore_file_size_signal();
    // `COMPLETE=bash pymastery -- WORDS`: answer the shell's completion request and exit.
    clap_complete::CompleteEnv::with_factory(<Cli as clap::CommandFactory>::command)
        .var(commands::completions::VAR)
        .complete();
    let env = Env::from_process();
    // Help fitted to the width clap itself would wrap it at (the terminal's, `COLUMNS`, else
    // 100), only when help is asked for: every other run is spared the work.
    let help = std::env::args_os().any(|a| a == "-h" || a == "--help" || a == "help");
    let command = if help {
        pymastery::cli::command(env.width().unwrap_or(100))
    } else {
        <Cli as clap::CommandFactory>::command()
    };
    let parsed = command
        .try_get_matches()
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        // Help and version as clap prints them; a usage error echoes what was typed, so it
        // passes the same sanitising as every other message.
        Err(err) if !err.use_stderr() => err.exit(),
        Err(err) => {
            // A value a typed option refused reads as any other bad input.
            if let Some(refusal) = pymastery::input::refusal(&err) {
                let code = refusal.kind().exit_code();
                return report(&refusal.to_string(), refusal.hints(), env.width(), code);
            }
            let text = pymastery::render::sanitize(&err.render().to_string());
            let _ = write!(io::stderr().lock(), "{text}");
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
    // Every byte for the terminal passes one filter, whatever text it came from.
    let color = env.color(cli.global.color);
    let mut stdout = PipeWatch {
        inner: pymastery::render::TerminalWriter::new(io::stdout().lock(), color),
        closed: false,
    };
    let result = commands::run(cli, env.clone(), &mut stdout).and_then(|()| Ok(stdout.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // However the error was wrapped on its way up (serde_json, a formatter), a reader that
        // went away is the reader's choice, not a failure.
        Err(_) if stdout.closed => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => report(
            &format!("{err:#}"),
            error::hints(&err),
            env.width(),
            error::exit_code(&err),
        ),
    }
}

/// Prints an error and its hints on stderr, made safe and fitted to the width, and gives the
/// exit code.
fn report(message: &str, hints: &[String], width: Option<usize>, code: u8) -> ExitCode {
    let mut stderr = io::stderr().lock();
    let message = pymastery::render::sanitize(message);
    let _ = writeln!(stderr, "{}", fit(&format!("error: {message}"), width));
    for hint in hints {
        let hint = pymastery::render::sanitize(hint);
        let _ = writeln!(stderr, "{}", fit(&format!("hint: {hint}"), width));
    }
    ExitCode::from(code)
}

/// Past the file-size limit (`ulimit -f`) the default action of SIGXFSZ kills the process in the
/// middle of an append, leaving half a line. With a handler in place (it only sets a flag nobody
/// reads), the write fails with EFBIG instead, and the store cuts the file back to what it was.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    {
        let flag = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let _ = signal_hook::flag::register(signal_hook::consts::SIGXFSZ, flag);
    }
}

/// Stdout that remembers whether its reader closed the pipe (`pymastery log | head`).
struct PipeWatch<W: Write> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeWatch<W> {
    fn watch<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(err) = &result
            && err.kind() == io::ErrorKind::BrokenPipe
        {
            self.closed = true;
        }
        result
    }
}

impl<W: Write> Write for PipeWatch<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}

/// A closed pipe (`pymastery log | head`) is the reader's choice, not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A message fitted to the width, continuation lines under the text after `error: `.
fn fit(message: &str, width: Option<usize>) -> String {
    let hang = message.find(": ").map_or(0, |i| i + 2);
    message
        .lines()
        .map(|line| pymastery::render::wrap_hanging(line, width, hang))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where to report a bug: the repository's issue tracker when the package names one.
pub fn report_to() -> String {
    let repository = env!("CARGO_PKG_REPOSITORY").trim_end_matches('/');
    if repository.is_empty() {
        "report it to the maintainers with the command you ran".to_string()
    } else {
        format!("report it at {repository}/issues with the command you ran")
    }
}

/// The one line a panic prints: what went wrong, where in the code, and where to report it.
pub fn panic_line(info: &std::panic::PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .map_or_else(|| "no message".to_string(), pymastery::render::one_line);
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!(
        "error: internal error: {message}{place}; nothing more was written. This is a bug: {}.",
        report_to()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    static CAUGHT: Mutex<Option<String>> = Mutex::new(None);

    #[test]
    fn the_panic_hook_throws_away_the_panic_message() {
        // Named after the finding it fixes: the line now keeps the message and the place.
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(|info| {
            if let Ok(mut caught) = CAUGHT.lock() {
                caught.get_or_insert_with(|| panic_line(info));
            }
        }));
        let result = std::panic::catch_unwind(|| panic!("index 7 out of \x1b[2J range"));
        std::panic::set_hook(previous);
        assert!(result.is_err());
        let line = CAUGHT.lock().unwrap().take().unwrap();
        assert!(
            line.starts_with("error: internal error: index 7 out of [2J range at src/main.rs:"),
            "{line}"
        );
        assert!(line.contains("report it"), "{line}");
        assert!(!line.contains('\n') && !line.contains('\x1b'), "{line}");
    }
}
