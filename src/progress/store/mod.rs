//! The progress log file: append-only JSON Lines, one event per line.
//!
//! The file is the only record of what the user did, so every change to it is made so that a
//! crash, a kill, a full disk or two processes writing at once can never lose or garble a line
//! that was already there:
//!
//! - writers take an exclusive lock, append every new line with one `write`, `sync_data`, and on
//!   any failure truncate the file back to the length it had;
//! - an unterminated last line can only be an interrupted append: readers skip it with a
//!   warning, and the next writer moves it to a dated quarantine file before appending;
//! - readers take no lock unless they see such a line, so they never wait on a writer for long.
//!
//! Only `doctor --repair` ([`Log::repair`]) rewrites the file, and it quarantines what it removes.

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::event::{Event, SCHEMA_VERSION};
pub use lines::{BadLine, Problem, Scan, scan};
use lines::{complete_len, has_unterminated_tail, line_ranges, parse};

mod lines;
#[cfg(test)]
mod tests;
use crate::home::private_file_options;

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
    /// A line was written by a newer pymastery, whose format this build cannot know.
    #[error(
        "{path}:{line}: written by a newer pymastery (log format v{version}; this one reads up to v{SCHEMA_VERSION}); upgrade pymastery to use this log"
    )]
    Newer {
        path: PathBuf,
        line: usize,
        version: u32,
    },
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A store error as the user sees it: what and where, and how to recover.
pub fn user_error(err: StoreError) -> anyhow::Error {
    let hint = match &err {
        StoreError::Corrupt { .. } => {
            "run `pymastery doctor` to see what is damaged, and `pymastery doctor --repair` to move bad lines to a quarantine file"
        }
        StoreError::Newer { .. } => "upgrade pymastery to read this log; nothing was changed",
        StoreError::Io { .. } => {
            "check that the home is writable and the disk has room; what was recorded before is unchanged"
        }
    };
    anyhow::Error::new(crate::error::WithHint {
        message: err.to_string(),
        hint: hint.to_string(),
    })
}

/// What reading the log found.
#[derive(Debug, Default)]
pub struct LogRead {
    pub events: Vec<Event>,
    /// Things the reader passed over (an interrupted last line), said once on stderr.
    pub warnings: Vec<String>,
}

/// What [`Log::repair`] moved out of the log.
#[derive(Debug, Default)]
pub struct Repaired {
    /// The lines moved, with their old line numbers.
    pub moved: Vec<BadLine>,
    /// Where they went.
    pub quarantine: PathBuf,
}

/// The progress log of one home.
#[derive(Debug, Clone)]
pub struct Log {
    path: PathBuf,
    /// The date in the quarantine file's name; today's local date when not set.
    quarantine_date: Option<NaiveDate>,
}

/// How long a reader that sees an unfinished last line waits for a writer to finish it.
const READER_PATIENCE: Duration = Duration::from_millis(500);

impl Log {
    pub fn new(path: PathBuf) -> Log {
        Log {
            path,
            quarantine_date: None,
        }
    }

    /// Names quarantine files after `date` instead of the system date (for `PYMASTERY_NOW`).
    pub fn with_quarantine_date(mut self, date: NaiveDate) -> Log {
        self.quarantine_date = Some(date);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file that interrupted and damaged lines are moved to: `progress.quarantine-DATE.jsonl`
    /// beside the log, one per day, only ever appended to.
    pub fn quarantine_path(&self) -> PathBuf {
        let date = self
            .quarantine_date
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "progress".into());
        self.path.with_file_name(format!(
            "{stem}.quarantine-{}.jsonl",
            date.format("%Y-%m-%d")
        ))
    }

    /// Reads every event; a missing file is an empty log.
    ///
    /// Takes no lock, unless the file ends in an unfinished line: that may be a writer in the
    /// middle of its one `write`, so the reader then waits briefly for a shared lock and reads
    /// again, and only reports the line as interrupted if it is still there.
    pub fn read(&self) -> Result<LogRead, StoreError> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(LogRead::default()),
            Err(e) => return Err(self.io(e)),
        };
        let bytes = if has_unterminated_tail(&bytes) {
            self.reread_settled(bytes)
        } else {
            bytes
        };
        let (events, tail) = parse(&self.path, &bytes)?;
        let warnings = tail
            .map(|line| {
                format!(
                    "{}:{line}: skipped an interrupted write (an unfinished last line); it will be moved to {} on the next change",
                    self.path.display(),
                    self.quarantine_path().display()
                )
            })
            .into_iter()
            .collect();
        Ok(LogRead { events, warnings })
    }

    /// Reads a log that ended in an unfinished line again until that line settles.
    ///
    /// Under a shared lock the content is final. Without one (writers may hold the lock back to
    /// back for long), a file that keeps growing proves a live writer: its unfinished last line
    /// is an append in progress, left out without a warning. Only a tail that stays put for
    /// [`READER_PATIENCE`] is reported as an interrupted write.
    fn reread_settled(&self, first: Vec<u8>) -> Vec<u8> {
        let Ok(mut file) = File::open(&self.path) else {
            return first;
        };
        let deadline = Instant::now() + READER_PATIENCE;
        let mut bytes = first;
        let mut growing = false;
        loop {
            let locked = file.try_lock_shared().is_ok();
            let mut again = Vec::new();
            if file
                .seek(io::SeekFrom::Start(0))
                .and_then(|_| file.read_to_end(&mut again))
                .is_err()
            {
                return bytes;
            }
            growing |= again.len() != bytes.len();
            bytes = again;
            if locked || !has_unterminated_tail(&bytes) {
                return bytes;
            }
            if Instant::now() >= deadline {
                if growing {
                    let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
                    bytes.truncate(complete);
                }
                return bytes;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Under an exclusive lock: reads the log, asks `decide` what to append, appends it.
    ///
    /// Nothing is written when `decide` fails. Returns what `decide` returned.
    ///
    /// The format, and what this guarantees:
    /// - each event is one line of compact JSON ending in `\n` (see `docs/log-format.md`);
    /// - all lines `decide` returns are appended with a single `write` and then `sync_data`,
    ///   so they reach the disk together or, after a failure, not at all: a failed or short
    ///   write (full disk, file-size limit) is truncated back to the length the file had;
    /// - an unterminated last line left by an interrupted append is first moved to
    ///   [`Log::quarantine_path`] (appended and synced) and cut from the log;
    /// - a damaged line elsewhere stops the update before anything is written.
    pub fn update<T>(
        &self,
        decide: impl FnOnce(&[Event]) -> anyhow::Result<(Vec<Event>, T)>,
    ) -> anyhow::Result<T> {
        self.update_with_writer(decide, |file, bytes| file.write_all(bytes))
    }

    /// [`Log::update`] with the final append done by `write`, so that tests can make it fail
    /// half way the way a full disk does.
    pub(crate) fn update_with_writer<T>(
        &self,
        decide: impl FnOnce(&[Event]) -> anyhow::Result<(Vec<Event>, T)>,
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> anyhow::Result<T> {
        let (mut file, created) = self.open_locked().map_err(user_error)?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)
            .map_err(|e| user_error(self.io(e)))?;
        let (events, tail) = parse(&self.path, &bytes).map_err(user_error)?;
        let (new_events, value) = decide(&events)?;
        if new_events.is_empty() {
            return Ok(value);
        }
        let mut lines = Vec::new();
        for event in &new_events {
            serde_json::to_writer(&mut lines, event)?;
            lines.push(b'\n');
        }
        let complete = complete_len(&bytes);
        if complete < bytes.len() {
            // Kept in quarantine unless it is only blanks; the new lines must start a line.
            let fragment = &bytes[complete..];
            let kept = if tail.is_some() {
                self.quarantine(&[fragment])
            } else {
                Ok(())
            };
            kept.and_then(|()| file.set_len(complete as u64))
                .and_then(|()| file.sync_data())
                .map_err(|e| {
                    user_error(StoreError::Io {
                        path: self.quarantine_path(),
                        source: io::Error::new(
                            e.kind(),
                            format!(
                                "cannot move the interrupted last line of {} here: {e}; nothing was recorded",
                                self.path.display()
                            ),
                        ),
                    })
                })?;
        }
        let before = file.metadata().map_err(|e| user_error(self.io(e)))?.len();
        if let Err(e) = write(&mut file, &lines).and_then(|()| file.sync_data()) {
            let undone = file.set_len(before).and_then(|()| file.sync_data());
            let message = match undone {
                Ok(()) => {
                    format!("cannot append: {e}; nothing was recorded and the log is unchanged")
                }
                Err(e2) => format!(
                    "cannot append: {e}; cutting the partial write back failed too ({e2}), so the log may end in an unfinished line"
                ),
            };
            return Err(user_error(StoreError::Io {
                path: self.path.clone(),
                source: io::Error::new(e.kind(), message),
            }));
        }
        if created {
            // The new file's name must survive a crash too.
            crate::home::sync_parent_dir(&self.path);
        }
        Ok(value)
    }

    /// Opens (creating, mode 0600, in a 0700 directory) and exclusively locks the log.
    ///
    /// After `doctor --repair` renames a new file over the log, a writer that was waiting on
    /// the old file would append to a file nobody reads; so once locked, it checks that the
    /// file is still the one at the path, and opens again if not. Returns whether the file was
    /// created.
    fn open_locked(&self) -> Result<(File, bool), StoreError> {
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::home::create_private_dir(parent).map_err(|e| StoreError::Io {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
        loop {
            let created = !self.path.exists();
            let file = private_file_options()
                .read(true)
                .append(true)
                .create(true)
                .open(&self.path)
                .map_err(|e| self.io(e))?;
            file.lock().map_err(|e| self.io(e))?;
            if same_file(&file, &self.path) {
                return Ok((file, created));
            }
        }
    }

    /// Appends `lines` (each followed by a newline) to the quarantine file and syncs it.
    fn quarantine(&self, lines: &[&[u8]]) -> io::Result<()> {
        let path = self.quarantine_path();
        let created = !path.exists();
        let mut file = private_file_options()
            .append(true)
            .create(true)
            .open(&path)?;
        let mut bytes = Vec::new();
        for line in lines {
            bytes.extend_from_slice(line);
            bytes.push(b'\n');
        }
        file.write_all(&bytes)?;
        file.sync_data()?;
        if created {
            crate::home::sync_parent_dir(&path);
        }
        Ok(())
    }

    /// Scans the log without failing on bad lines (for `doctor`); `None` when there is no log.
    pub fn scan(&self) -> Result<Option<Scan>, StoreError> {
        match fs::read(&self.path) {
            Ok(bytes) => Ok(Some(scan(&bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.io(e)),
        }
    }

    /// Moves every damaged line (and an unfinished last line) to the quarantine file and
    /// replaces the log with the rest, under the exclusive lock. Never deletes anything: the
    /// lines are synced to the quarantine file before the log is replaced, and the log is
    /// replaced by renaming a complete, synced copy over it. Lines from a newer pymastery are
    /// kept. Does nothing (and creates nothing) when there is no log.
    pub fn repair(&self) -> Result<Repaired, StoreError> {
        let quarantine = self.quarantine_path();
        if !self.path.exists() {
            return Ok(Repaired {
                moved: Vec::new(),
                quarantine,
            });
        }
        let (mut file, _) = self.open_locked()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| self.io(e))?;
        let scan = scan(&bytes);
        let moved: Vec<BadLine> = scan
            .bad
            .into_iter()
            .filter(|b| !matches!(b.problem, Problem::Newer(_)))
            .collect();
        if moved.is_empty() {
            return Ok(Repaired { moved, quarantine });
        }
        let fragments: Vec<&[u8]> = moved.iter().map(|b| &bytes[b.start..b.end]).collect();
        self.quarantine(&fragments).map_err(|e| StoreError::Io {
            path: quarantine.clone(),
            source: e,
        })?;
        let mut kept = Vec::with_capacity(bytes.len());
        let mut skip = moved.iter().peekable();
        for (start, end) in line_ranges(&bytes) {
            if skip.peek().is_some_and(|b| b.start == start) {
                skip.next();
                continue;
            }
            kept.extend_from_slice(&bytes[start..end]);
            kept.push(b'\n');
        }
        self.replace(&kept)?;
        drop(file);
        Ok(Repaired { moved, quarantine })
    }

    /// Atomically replaces the log with `bytes`: a 0600 temporary file in the same directory,
    /// synced, renamed over the log, and the directory synced.
    fn replace(&self, bytes: &[u8]) -> Result<(), StoreError> {
        crate::home::replace_file(&self.path, bytes).map_err(|e| self.io(e))
    }

    fn io(&self, source: io::Error) -> StoreError {
        StoreError::Io {
            path: self.path.clone(),
            source,
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}
