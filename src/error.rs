//! The one error a user sees: a kind (which decides the exit code), a message and hints.
//!
//! Bad input (a day that does not exist, a malformed date) exits 2 with one sentence, and
//! nothing has been written; a failure (a damaged log, a full disk) exits 1 with what and where,
//! and a hint to recover; a failure after the change was recorded exits 3. Built fluently:
//! `CommandError::bad_input(..)`, `CommandError::failure(..).hinted(..)`. The error formats
//! nothing: `main` prints the message and each hint, and takes the exit code from the kind.

use std::fmt;

/// What kind of failure an error is, and so its exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Input the user can correct: exit 2, and nothing was written.
    BadInput,
    /// Anything else that went wrong: exit 1.
    Failure,
    /// The change was recorded, but saying so failed: exit 3, so that neither a person nor a
    /// script runs the command again.
    Recorded,
}

impl Kind {
    /// The process's exit code for this kind.
    pub fn exit_code(self) -> u8 {
        match self {
            Kind::BadInput => 2,
            Kind::Failure => 1,
            Kind::Recorded => RECORDED_EXIT,
        }
    }
}

/// An error with its kind, its one-sentence message and the hints printed under it.
#[derive(Debug)]
pub struct CommandError {
    kind: Kind,
    message: String,
    hints: Vec<String>,
}

impl CommandError {
    /// Input the user can correct (exit 2).
    pub fn bad_input(message: impl Into<String>) -> CommandError {
        CommandError {
            kind: Kind::BadInput,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// A failure (exit 1).
    pub fn failure(message: impl Into<String>) -> CommandError {
        CommandError {
            kind: Kind::Failure,
            message: message.into(),
            hints: Vec::new(),
        }
    }

    /// What wraps a failure that came after the events were durably appended (exit 3).
    pub fn recorded() -> CommandError {
        CommandError {
            kind: Kind::Recorded,
            message: "recorded, but the confirmation could not be printed".into(),
            hints: vec![RECORDED_HINT.into()],
        }
    }

    /// Adds a line of advice on how to recover or what to type instead.
    pub fn hinted(mut self, hint: impl Into<String>) -> CommandError {
        self.hints.push(hint.into());
        self
    }

    /// What kind of failure it is, which decides the exit code.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The lines of advice printed under the message, in order.
    pub fn hints(&self) -> &[String] {
        &self.hints
    }
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

/// Shorthand for returning bad input: `return Err(bad_input(format!(...)))`.
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    CommandError::bad_input(message).into()
}

/// Exit code when what the user asked for was recorded but saying so failed.
pub const RECORDED_EXIT: u8 = 3;

/// The command errors in `err`, outermost first: one given as context (which anyhow finds
/// only through `downcast_ref` on the error itself), then those in its chain of causes.
fn command_errors(err: &anyhow::Error) -> impl Iterator<Item = &CommandError> {
    err.downcast_ref::<CommandError>()
        .into_iter()
        .chain(err.chain().filter_map(|e| e.downcast_ref::<CommandError>()))
}

/// Exit code for an error: 3 when it failed after recording, else from the outermost kind
/// (1 for an error that has none).
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if command_errors(err).any(|e| e.kind == Kind::Recorded) {
        return RECORDED_EXIT;
    }
    command_errors(err).next().map_or(1, |e| e.kind.exit_code())
}

/// The hints to print under an error: those of the outermost command error that has any.
pub fn hints(err: &anyhow::Error) -> &[String] {
    command_errors(err)
        .find(|e| !e.hints.is_empty())
        .map_or(&[], |e| e.hints.as_slice())
}

/// What to do after a failure once recorded: nothing, and above all not the same command again.
const RECORDED_HINT: &str = "do not run the command again, or it will be recorded twice; `pymastery log` shows what was recorded";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_exit_code_and_the_hints_come_from_the_kind_however_the_error_was_wrapped() {
        let bad: anyhow::Error = CommandError::bad_input("no day 'd99'")
            .hinted("the days are d1-d16")
            .into();
        assert_eq!(exit_code(&bad), 2);
        assert_eq!(hints(&bad), ["the days are d1-d16"]);
        let wrapped = bad.context("while reading the plan");
        assert_eq!(exit_code(&wrapped), 2);
        let failed: anyhow::Error = CommandError::failure("disk full").into();
        assert_eq!(exit_code(&failed), 1);
        assert!(hints(&failed).is_empty());
        let recorded = anyhow::anyhow!("broken pipe").context(CommandError::recorded());
        assert_eq!(exit_code(&recorded), 3);
        assert!(hints(&recorded)[0].contains("do not run the command again"));
        assert_eq!(exit_code(&anyhow::anyhow!("plain")), 1);
    }
}
