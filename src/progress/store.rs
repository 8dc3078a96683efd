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
use serde::Deserialize;

use super::event::{Event, SCHEMA_VERSION};
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

/// Why a line of the log is not an event, as [`scan`] reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// A complete line that is not a valid event (or not UTF-8).
    Unparseable,
    /// A valid-looking line from a newer pymastery: kept, never quarantined.
    Newer(u32),
    /// The unterminated last line of an interrupted append.
    Unterminated,
}

/// One line of the log that is not an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based line number.
    pub line: usize,
    /// Byte range of the line in the file, without its newline.
    pub start: usize,
    pub end: usize,
    pub problem: Problem,
    /// The line itself (invalid UTF-8 replaced), to show the user.
    pub text: String,
    /// What the parser said.
    pub reason: String,
}

/// Every line of a log, sorted into events and problems; built by [`scan`].
#[derive(Debug, Default)]
pub struct Scan {
    /// The events with their 1-based line numbers.
    pub events: Vec<(usize, Event)>,
    /// Lines that are not events, in file order (the unterminated tail, if any, last).
    pub bad: Vec<BadLine>,
    /// Length of the file up to and including its last newline.
    pub complete_len: usize,
}

impl Scan {
    /// The unterminated last line, if the last append was interrupted.
    pub fn tail(&self) -> Option<&BadLine> {
        self.bad
            .last()
            .filter(|b| b.problem == Problem::Unterminated)
    }
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
            create_private_dir(parent).map_err(|e| StoreError::Io {
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

/// Parses a whole log: the events, and the line number of an unfinished last line, if any.
fn parse(path: &Path, bytes: &[u8]) -> Result<(Vec<Event>, Option<usize>), StoreError> {
    let mut events = Vec::with_capacity(bytes.len() / 160);
    let mut tail = None;
    let complete = complete_len(bytes);
    for (n, (start, end)) in line_ranges(bytes).enumerate() {
        let line = n + 1;
        if start >= complete {
            // Blanks after the last newline are no more an event than a blank line is.
            tail = has_unterminated_tail(bytes).then_some(line);
            break;
        }
        match parse_line(&bytes[start..end]) {
            Ok(Some(event)) => events.push(event),
            Ok(None) => {}
            Err((Problem::Newer(version), _)) => {
                return Err(StoreError::Newer {
                    path: path.to_path_buf(),
                    line,
                    version,
                });
            }
            Err((_, reason)) => {
                return Err(StoreError::Corrupt {
                    path: path.to_path_buf(),
                    line,
                    reason,
                });
            }
        }
    }
    Ok((events, tail))
}

/// Sorts every line of a log into events and bad lines, without stopping at the first.
pub fn scan(bytes: &[u8]) -> Scan {
    let complete = complete_len(bytes);
    let mut scan = Scan {
        complete_len: complete,
        ..Scan::default()
    };
    for (n, (start, end)) in line_ranges(bytes).enumerate() {
        let line = n + 1;
        if start >= complete {
            if !has_unterminated_tail(bytes) {
                break;
            }
            scan.bad.push(BadLine {
                line,
                start,
                end,
                problem: Problem::Unterminated,
                text: String::from_utf8_lossy(&bytes[start..end]).into_owned(),
                reason: "an unfinished last line (an interrupted write)".into(),
            });
            break;
        }
        match parse_line(&bytes[start..end]) {
            Ok(Some(event)) => scan.events.push((line, event)),
            Ok(None) => {}
            Err((problem, reason)) => scan.bad.push(BadLine {
                line,
                start,
                end,
                problem,
                text: String::from_utf8_lossy(&bytes[start..end]).into_owned(),
                reason,
            }),
        }
    }
    scan
}

/// One line: `Ok(None)` when blank, the event, or why it is not one.
fn parse_line(raw: &[u8]) -> Result<Option<Event>, (Problem, String)> {
    let text = std::str::from_utf8(raw)
        .map_err(|e| (Problem::Unparseable, format!("not UTF-8 text ({e})")))?;
    if text.trim().is_empty() {
        return Ok(None);
    }
    /// Just the version, to tell a newer format from damage.
    #[derive(Deserialize)]
    struct Version {
        v: u32,
    }
    match serde_json::from_str::<Event>(text) {
        Ok(event) if event.v > SCHEMA_VERSION => Err((Problem::Newer(event.v), String::new())),
        Ok(event) => Ok(Some(event)),
        Err(e) => match serde_json::from_str::<Version>(text) {
            Ok(Version { v }) if v > SCHEMA_VERSION => Err((Problem::Newer(v), String::new())),
            _ => Err((Problem::Unparseable, e.to_string())),
        },
    }
}

/// The `(start, end)` byte range of every line, without newlines; the last range is the
/// unterminated tail when the file does not end in a newline.
fn line_ranges(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i);
        let range = (start, end);
        start = end + 1;
        Some(range)
    })
}

/// Length up to and including the last newline.
fn complete_len(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// True when the file ends in an unfinished line that is not just blanks.
fn has_unterminated_tail(bytes: &[u8]) -> bool {
    bytes[complete_len(bytes)..]
        .iter()
        .any(|b| !b.is_ascii_whitespace())
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

#[cfg(unix)]
fn create_private_dir(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
}

#[cfg(not(unix))]
fn create_private_dir(path: &Path) -> io::Result<()> {
    fs::create_dir_all(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::event::{EventKind, new_event_id};

    fn event(day: &str) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: new_event_id(),
            at: chrono::DateTime::parse_from_rfc3339("2026-11-01T09:00:00+01:00").unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
            plan: "interview".into(),
            pass: 1,
            kind: EventKind::Done {
                day: day.into(),
                title: format!("Title of {day}"),
                note: None,
                minutes: Some(30),
            },
        }
    }

    fn line(day: &str) -> String {
        serde_json::to_string(&event(day)).unwrap() + "\n"
    }

    fn setup() -> (tempfile::TempDir, Log) {
        let dir = tempfile::tempdir().unwrap();
        let log = Log::new(dir.path().join("home/progress.jsonl"))
            .with_quarantine_date(NaiveDate::from_ymd_opt(2026, 11, 8).unwrap());
        (dir, log)
    }

    fn append(log: &Log, events: Vec<Event>) {
        log.update(|_| Ok((events, ()))).unwrap();
    }

    fn write_raw(log: &Log, text: &str) {
        fs::create_dir_all(log.path().parent().unwrap()).unwrap();
        fs::write(log.path(), text).unwrap();
    }

    #[test]
    fn missing_file_is_empty_and_not_created_by_reading() {
        let (_dir, log) = setup();
        let read = log.read().unwrap();
        assert!(read.events.is_empty() && read.warnings.is_empty());
        assert!(!log.path().exists());
    }

    #[test]
    fn roundtrip_in_order_with_private_modes() {
        let (_dir, log) = setup();
        let first = vec![event("d1"), event("d2")];
        append(&log, first.clone());
        let third = event("d3");
        let seen = log
            .update(|events| Ok((vec![third.clone()], events.len())))
            .unwrap();
        assert_eq!(seen, 2);
        let read = log.read().unwrap();
        assert_eq!(read.events, [first, vec![third]].concat());
        assert!(read.warnings.is_empty());
        let text = fs::read_to_string(log.path()).unwrap();
        assert_eq!(text.lines().count(), 3);
        assert!(text.ends_with('\n'));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode(log.path()), 0o600);
            assert_eq!(mode(log.path().parent().unwrap()), 0o700);
        }
    }

    #[test]
    fn blank_lines_are_ignored() {
        let (_dir, log) = setup();
        write_raw(&log, &format!("\n{}  \n\r\n{}\n", line("d1"), line("d2")));
        let read = log.read().unwrap();
        assert_eq!(read.events.len(), 2);
        assert!(read.warnings.is_empty());
    }

    #[test]
    fn unterminated_tail_is_skipped_then_quarantined_on_the_next_update() {
        let (_dir, log) = setup();
        let fragment = r#"{"v":1,"id":"x","at":"2026-11"#;
        write_raw(&log, &format!("{}{}{fragment}", line("d1"), line("d2")));
        let read = log.read().unwrap();
        assert_eq!(read.events.len(), 2);
        assert_eq!(read.warnings.len(), 1);
        let warning = &read.warnings[0];
        assert!(warning.contains("progress.jsonl:3:"), "{warning}");
        assert!(warning.contains("interrupted write"), "{warning}");
        assert!(
            warning.contains("progress.quarantine-2026-11-08.jsonl"),
            "{warning}"
        );

        let third = event("d3");
        append(&log, vec![third.clone()]);
        let quarantined = fs::read_to_string(log.quarantine_path()).unwrap();
        assert_eq!(quarantined, format!("{fragment}\n"));
        let text = fs::read_to_string(log.path()).unwrap();
        assert!(!text.contains(fragment));
        assert!(text.ends_with(&(serde_json::to_string(&third).unwrap() + "\n")));
        let read = log.read().unwrap();
        assert_eq!(read.events.len(), 3);
        assert_eq!(read.events[2], third);
        assert!(read.warnings.is_empty());
    }

    #[test]
    fn corrupt_middle_line_is_an_error_and_update_writes_nothing() {
        let (_dir, log) = setup();
        let original = format!("{}\n{{not json\n{}", line("d1"), line("d2"));
        write_raw(&log, &original);
        match log.read() {
            Err(StoreError::Corrupt { line, path, .. }) => {
                assert_eq!(line, 3);
                assert_eq!(path, log.path());
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
        let mut called = false;
        let err = log
            .update(|_| {
                called = true;
                Ok((vec![event("d3")], ()))
            })
            .unwrap_err();
        assert!(!called);
        assert!(format!("{err}").contains("progress.jsonl:3"), "{err}");
        assert!(crate::error::hint(&err).unwrap().contains("doctor"));
        assert_eq!(fs::read_to_string(log.path()).unwrap(), original);
    }

    #[test]
    fn terminated_bad_last_line_is_corrupt_not_interrupted() {
        let (_dir, log) = setup();
        write_raw(&log, &format!("{}{{\"v\":1,\"id\n", line("d1")));
        assert!(matches!(
            log.read(),
            Err(StoreError::Corrupt { line: 2, .. })
        ));
    }

    #[test]
    fn decide_error_leaves_the_file_byte_identical() {
        let (_dir, log) = setup();
        let original = format!("{}{}{{\"partial", line("d1"), line("d2"));
        write_raw(&log, &original);
        let err = log
            .update(|_| -> anyhow::Result<(Vec<Event>, ())> { anyhow::bail!("no such day") })
            .unwrap_err();
        assert_eq!(err.to_string(), "no such day");
        assert_eq!(fs::read_to_string(log.path()).unwrap(), original);
        assert!(!log.quarantine_path().exists());
    }

    #[test]
    fn a_write_failing_half_way_is_truncated_back() {
        let (_dir, log) = setup();
        append(&log, vec![event("d1"), event("d2")]);
        let original = fs::read(log.path()).unwrap();
        let err = log
            .update_with_writer(
                |_| Ok((vec![event("d3"), event("d4")], ())),
                |file, bytes| {
                    file.write_all(&bytes[..bytes.len() / 2])?;
                    Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
                },
            )
            .unwrap_err();
        let message = format!("{err}");
        assert!(message.contains("progress.jsonl"), "{message}");
        assert!(message.contains("disk full"), "{message}");
        assert_eq!(fs::read(log.path()).unwrap(), original);
        assert_eq!(log.read().unwrap().events.len(), 2);
        // And the log still takes appends afterwards.
        append(&log, vec![event("d3")]);
        assert_eq!(log.read().unwrap().events.len(), 3);
    }

    #[test]
    fn newer_schema_version_is_refused() {
        let (_dir, log) = setup();
        let mut newer = serde_json::to_value(event("d2")).unwrap();
        newer["v"] = (SCHEMA_VERSION + 1).into();
        newer["type"] = "teleport".into();
        write_raw(&log, &format!("{}{newer}\n", line("d1")));
        let err = log.read().unwrap_err();
        assert!(matches!(err, StoreError::Newer { line: 2, .. }), "{err:?}");
        assert!(err.to_string().contains("newer pymastery"), "{err}");
        let original = fs::read(log.path()).unwrap();
        assert!(log.update(|_| Ok((vec![event("d3")], ()))).is_err());
        assert_eq!(fs::read(log.path()).unwrap(), original);
    }

    #[test]
    fn repair_quarantines_bad_lines_and_keeps_the_rest_in_order() {
        let (_dir, log) = setup();
        let (l1, l3) = (line("d1"), line("d3"));
        write_raw(&log, &format!("{l1}garbage \u{1b}[31m\n{l3}{{\"tail"));
        let repaired = log.repair().unwrap();
        let lines: Vec<usize> = repaired.moved.iter().map(|b| b.line).collect();
        assert_eq!(lines, [2, 4]);
        assert_eq!(
            fs::read_to_string(&repaired.quarantine).unwrap(),
            "garbage \u{1b}[31m\n{\"tail\n"
        );
        assert_eq!(fs::read_to_string(log.path()).unwrap(), format!("{l1}{l3}"));
        assert!(log.read().unwrap().warnings.is_empty());
        // Nothing left to move: a second repair changes nothing.
        assert!(log.repair().unwrap().moved.is_empty());
    }

    #[test]
    fn a_writer_waiting_while_the_log_is_replaced_appends_to_the_new_file() {
        let (_dir, log) = setup();
        append(&log, vec![event("d1")]);
        // Hold the lock as a repair does, start a writer, replace the file, let go.
        let holder = File::open(log.path()).unwrap();
        holder.lock().unwrap();
        let writer = {
            let log = log.clone();
            std::thread::spawn(move || append(&log, vec![event("d2")]))
        };
        std::thread::sleep(Duration::from_millis(200));
        log.replace(line("d0").as_bytes()).unwrap();
        drop(holder);
        writer.join().unwrap();
        let days: Vec<String> = log
            .read()
            .unwrap()
            .events
            .iter()
            .filter_map(|e| e.kind.day().map(str::to_string))
            .collect();
        assert_eq!(days, ["d0", "d2"]);
    }

    #[test]
    fn a_reader_does_not_report_a_line_a_writer_is_still_cutting_back() {
        let (_dir, log) = setup();
        append(&log, vec![event("d1")]);
        let length = fs::metadata(log.path()).unwrap().len();
        // A writer under the lock whose write came back short: the half line is there...
        let mut writer = private_file_options()
            .append(true)
            .open(log.path())
            .unwrap();
        writer.lock().unwrap();
        writer.write_all(b"{\"v\":1,\"id").unwrap();
        let reader = {
            let log = log.clone();
            std::thread::spawn(move || log.read())
        };
        std::thread::sleep(Duration::from_millis(100));
        // ...until it cuts it back and lets go.
        writer.set_len(length).unwrap();
        drop(writer);
        let read = reader.join().unwrap().unwrap();
        assert!(read.warnings.is_empty(), "{:?}", read.warnings);
        assert_eq!(read.events.len(), 1);
    }

    #[test]
    fn blanks_after_the_last_newline_are_not_an_interrupted_write() {
        let (_dir, log) = setup();
        write_raw(&log, &format!("{}  ", line("d1")));
        let read = log.read().unwrap();
        assert!(read.warnings.is_empty());
        assert!(log.scan().unwrap().unwrap().bad.is_empty());
        append(&log, vec![event("d2")]);
        let text = fs::read_to_string(log.path()).unwrap();
        assert!(text.lines().all(|l| l.starts_with('{')), "{text:?}");
        assert!(!log.quarantine_path().exists());
        assert_eq!(log.read().unwrap().events.len(), 2);
    }

    #[test]
    fn event_ids_differ() {
        let ids: std::collections::HashSet<String> = (0..10_000).map(|_| new_event_id()).collect();
        assert_eq!(ids.len(), 10_000);
    }
}
