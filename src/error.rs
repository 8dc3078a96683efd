//! The two kinds of failure a user sees, and the exit codes they map to.
//!
//! Bad input (a day that does not exist, a malformed date) exits 2 with one sentence; anything
//! else (a damaged log, a full disk) exits 1 with what and where, and a hint to recover.

use std::fmt;

/// Input the user can correct: exits 2, and nothing has been written.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// A failure with a line of advice on how to recover (`hint: run pymastery doctor`).
#[derive(Debug)]
pub struct WithHint {
    pub message: String,
    pub hint: String,
}

impl fmt::Display for WithHint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for WithHint {}

/// Shorthand for returning bad input: `return Err(bad_input(format!(...)))`.
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(BadInput(message.into()))
}

/// Exit code when what the user asked for was recorded but saying so failed.
pub const RECORDED_EXIT: u8 = 3;

/// Marks a failure that came after the events were durably appended: the change was made, so
/// neither a person nor a script should run the command again.
#[derive(Debug)]
pub struct Recorded;

impl fmt::Display for Recorded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("recorded, but the confirmation could not be printed")
    }
}

/// Exit code for an error: 2 for bad input, 3 for a failure after recording, 1 otherwise.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.downcast_ref::<Recorded>().is_some() {
        RECORDED_EXIT
    } else if err.downcast_ref::<BadInput>().is_some() {
        2
    } else {
        1
    }
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
        .map_or_else(|| "no message".to_string(), crate::render::text::one_line);
    let place = info
        .location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default();
    format!(
        "error: internal error: {message}{place}; nothing more was written. This is a bug: {}.",
        report_to()
    )
}

/// Hint to print under an error, if it carries one.
pub fn hint(err: &anyhow::Error) -> Option<&str> {
    if err.downcast_ref::<Recorded>().is_some() {
        return Some(RECORDED_HINT);
    }
    err.chain()
        .find_map(|e| e.downcast_ref::<WithHint>())
        .map(|h| h.hint.as_str())
}

/// What to do after [`Recorded`]: nothing, and above all not the same command again.
const RECORDED_HINT: &str = "do not run the command again, or it will be recorded twice; `pymastery log` shows what was recorded";

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
            line.starts_with("error: internal error: index 7 out of [2J range at src/error.rs:"),
            "{line}"
        );
        assert!(line.contains("report it"), "{line}");
        assert!(!line.contains('\n') && !line.contains('\x1b'), "{line}");
    }
}
