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

/// Exit code for an error: 2 for bad input, 1 for everything else.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.downcast_ref::<BadInput>().is_some() {
        2
    } else {
        1
    }
}

/// Hint to print under an error, if it carries one.
pub fn hint(err: &anyhow::Error) -> Option<&str> {
    err.chain()
        .find_map(|e| e.downcast_ref::<WithHint>())
        .map(|h| h.hint.as_str())
}
