//! One log file: append-only JSON Lines, one event per line.
//!
//! The file is the only record of what the user did, so every change to it is made so that a
//! crash, a kill, a full disk or two processes writing at once can never lose or garble a line
//! that was already there:
//!
//! - writers take an exclusive lock, append every new line with one `write`, `sync_data`, and on
//!   any failure truncate the file back to the length it had;
//! - an unterminated last line that does not parse can only be an interrupted append: readers
//!   skip it with a warning, and the next writer moves it to a dated quarantine file before
//!   appending (a last line that parses only lacks its newline, which the writer adds);
//! - readers take no lock unless they see such a line, so they never wait on a writer for long;
//! - anything that is not a regular file (a FIFO, a device, a directory) is refused before it is
//!   opened, so that nothing hangs on it or writes into it.
//!
//! Only `doctor --repair` ([`LogFile::repair`]) rewrites the file, and it quarantines what it
//! removes.

use std::fs::{self, File};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::lines::{self, BadLine, Problem, Scan, has_unterminated_tail, line_ranges};
use super::{LogRead, StoreError, user_error};
use crate::event::Event;
use crate::fs::private_file_options;

/// What [`LogFile::repair`] moved out of the log.
#[derive(Debug, Default)]
pub struct Repaired {
    /// The lines moved, with their old line numbers.
    pub moved: Vec<BadLine>,
    /// Where they went.
    pub quarantine: PathBuf,
}

/// One append-only log file.
#[derive(Debug, Clone)]
pub struct LogFile {
    path: PathBuf,
    /// Where quarantine files go; beside the log when not set.
    quarantine_dir: Option<PathBuf>,
    /// The date in the quarantine file's name; today's local date when not set.
    quarantine_date: Option<NaiveDate>,
}

/// A log file opened and exclusively locked for appending.
pub struct Locked {
    file: File,
    created: bool,
    log: LogFile,
}

/// How long a reader that sees an unfinished last line waits for a writer to finish it.
const READER_PATIENCE: Duration = Duration::from_millis(500);

impl LogFile {
    /// The log file at `path`, its quarantine files beside it and named after the system date.
    pub fn new(path: PathBuf) -> LogFile {
        LogFile {
            path,
            quarantine_dir: None,
            quarantine_date: None,
        }
    }

    /// Names quarantine files after `date` instead of the system date (for `PYMASTERY_NOW`).
    pub fn with_quarantine_date(mut self, date: NaiveDate) -> LogFile {
        self.quarantine_date = Some(date);
        self
    }

    /// Puts quarantine files in `dir` instead of beside the log.
    pub fn with_quarantine_dir(mut self, dir: PathBuf) -> LogFile {
        self.quarantine_dir = Some(dir);
        self
    }

    /// Where the file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file that interrupted and damaged lines are moved to: `NAME.quarantine-DATE.jsonl`
    /// in the quarantine folder (or beside the log), one per log and day, only ever appended to.
    pub fn quarantine_path(&self) -> PathBuf {
        let date = self
            .quarantine_date
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "progress".into());
        let name = format!("{stem}.quarantine-{}.jsonl", date.format("%Y-%m-%d"));
        match &self.quarantine_dir {
            Some(dir) => dir.join(name),
            None => self.path.with_file_name(name),
        }
    }

    /// Reads every event; a missing file is an empty log.
    ///
    /// Takes no lock, unless the file ends in an unfinished line: that may be a writer in the
    /// middle of its one `write`, so the reader then waits briefly for a shared lock and reads
    /// again, and only reports the line as interrupted if it is still there.
    pub fn read(&self) -> Result<LogRead, StoreError> {
        let Some(bytes) = self.read_bytes()? else {
            return Ok(LogRead::default());
        };
        let (events, tail) = lines::parse(&self.path, &bytes)?;
        Ok(LogRead {
            events,
            warnings: tail
                .map(|line| self.tail_warning(line))
                .into_iter()
                .collect(),
        })
    }

    /// The warning for an interrupted last line at `line`.
    pub(super) fn tail_warning(&self, line: usize) -> String {
        format!(
            "{}:{line}: skipped an interrupted write (an unfinished last line); it will be moved to {} on the next change",
            self.path.display(),
            self.quarantine_path().display()
        )
    }

    /// The file's bytes, settled (see [`LogFile::read`]); `None` when there is no file.
    pub fn read_bytes(&self) -> Result<Option<Vec<u8>>, StoreError> {
        if !self.check_regular()? {
            return Ok(None);
        }
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(self.io(e)),
        };
        Ok(Some(if has_unterminated_tail(&bytes) {
            self.reread_settled(bytes)
        } else {
            bytes
        }))
    }

    /// Whether the log exists; an error when it is something other than a regular file (or a
    /// link to one), which must never be opened: a FIFO would hang the reader, `/dev/null`
    /// would swallow every write.
    pub fn check_regular(&self) -> Result<bool, StoreError> {
        match fs::metadata(&self.path) {
            Ok(meta) if meta.is_file() => Ok(true),
            Ok(meta) => Err(StoreError::NotRegular {
                path: self.path.clone(),
                what: file_kind(&meta),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                // A dangling link is not a missing log: writing would create its target.
                // (A file made since the first look is no link: look again.)
                match fs::symlink_metadata(&self.path) {
                    Ok(meta) if meta.file_type().is_symlink() => Err(StoreError::NotRegular {
                        path: self.path.clone(),
                        what: "link to nothing",
                    }),
                    Ok(_) => self.check_regular(),
                    Err(_) => Ok(false),
                }
            }
            Err(e) => Err(self.io(e)),
        }
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
    ///   [`LogFile::quarantine_path`] (appended and synced) and cut from the log;
    /// - a damaged line elsewhere stops the update before anything is written.
    pub fn update<T>(
        &self,
        decide: impl FnOnce(&[Event]) -> anyhow::Result<(Vec<Event>, T)>,
    ) -> anyhow::Result<T> {
        self.update_with_writer(decide, |file, bytes| file.write_all(bytes))
    }

    /// [`LogFile::update`] with the final append done by `write`, so that tests can make it
    /// fail half way the way a full disk does.
    pub(crate) fn update_with_writer<T>(
        &self,
        decide: impl FnOnce(&[Event]) -> anyhow::Result<(Vec<Event>, T)>,
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> anyhow::Result<T> {
        let mut locked = self.lock().map_err(user_error)?;
        let bytes = locked.read_all().map_err(user_error)?;
        let (events, _) = lines::parse(&self.path, &bytes).map_err(user_error)?;
        let (new_events, value) = decide(&events)?;
        locked.append_events(&new_events, write)?;
        Ok(value)
    }

    /// Opens (creating it if needed) and exclusively locks the log.
    pub fn lock(&self) -> Result<Locked, StoreError> {
        let (file, created) = self.open_locked()?;
        Ok(Locked {
            file,
            created,
            log: self.clone(),
        })
    }

    /// Opens (creating, mode 0600, in a 0700 directory) and exclusively locks the log.
    ///
    /// After `doctor --repair` renames a new file over the log, a writer that was waiting on
    /// the old file would append to a file nobody reads; so once locked, it checks that the
    /// file is still the one at the path, and opens again if not. Returns whether the file was
    /// created.
    fn open_locked(&self) -> Result<(File, bool), StoreError> {
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::fs::create_private_dir(parent).map_err(|e| StoreError::Io {
                path: parent.to_path_buf(),
                source: e,
            })?;
        }
        loop {
            let created = !self.check_regular()?;
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
    pub(super) fn quarantine(&self, lines: &[&[u8]]) -> io::Result<()> {
        let path = self.quarantine_path();
        if let Some(dir) = &self.quarantine_dir {
            crate::fs::create_private_dir(dir)?;
        }
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
            crate::fs::sync_parent_dir(&path);
        }
        Ok(())
    }

    /// Scans the log without failing on bad lines (for `doctor`); `None` when there is no log.
    pub fn scan(&self) -> Result<Option<Scan>, StoreError> {
        Ok(self.read_bytes()?.map(|bytes| lines::scan(&bytes)))
    }

    /// Moves every damaged line (and an unfinished last line) to the quarantine file and
    /// replaces the log with the rest, under the exclusive lock. Never deletes anything: the
    /// lines are synced to the quarantine file before the log is replaced, and the log is
    /// replaced by renaming a complete, synced copy over it. Lines from a newer pymastery are
    /// kept. Does nothing (and creates nothing) when there is no log.
    pub fn repair(&self) -> Result<Repaired, StoreError> {
        let quarantine = self.quarantine_path();
        if !self.check_regular()? {
            return Ok(Repaired {
                moved: Vec::new(),
                quarantine,
            });
        }
        let (mut file, _) = self.open_locked()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).map_err(|e| self.io(e))?;
        let scan = lines::scan(&bytes);
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
    ///
    /// A log that is a symbolic link (to a file a sync tool keeps elsewhere, say) is replaced
    /// where the link points, and the link stays, so that later writes still reach that file.
    pub(super) fn replace(&self, bytes: &[u8]) -> Result<(), StoreError> {
        let target = fs::canonicalize(&self.path).unwrap_or_else(|_| self.path.clone());
        crate::fs::replace_file(&target, bytes).map_err(|e| self.io(e))
    }

    pub(super) fn io(&self, source: io::Error) -> StoreError {
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

impl Locked {
    /// The whole file, read under the lock.
    pub fn read_all(&mut self) -> Result<Vec<u8>, StoreError> {
        let mut bytes = Vec::new();
        self.file
            .seek(io::SeekFrom::Start(0))
            .and_then(|_| self.file.read_to_end(&mut bytes))
            .map_err(|e| self.log.io(e))?;
        Ok(bytes)
    }

    /// The length of the file up to and including its last newline, and what follows it (read
    /// backwards from the end, so a long log is not read whole).
    fn end(&mut self) -> io::Result<(u64, Vec<u8>)> {
        const CHUNK: u64 = 8192;
        let len = self.file.metadata()?.len();
        let mut fragment: Vec<u8> = Vec::new();
        let mut pos = len;
        while pos > 0 {
            let start = pos.saturating_sub(CHUNK);
            let mut chunk = vec![0; (pos - start) as usize];
            self.file.seek(io::SeekFrom::Start(start))?;
            self.file.read_exact(&mut chunk)?;
            if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
                chunk.drain(..=i);
                chunk.extend_from_slice(&fragment);
                return Ok((start + i as u64 + 1, chunk));
            }
            chunk.extend_from_slice(&fragment);
            fragment = chunk;
            pos = start;
        }
        Ok((0, fragment))
    }

    /// Appends `events`, one line each, with one write (see [`LogFile::update`]).
    pub fn append_events(
        &mut self,
        events: &[Event],
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let mut lines = Vec::new();
        for event in events {
            serde_json::to_writer(&mut lines, event)?;
            lines.push(b'\n');
        }
        self.append_lines(lines, write)
    }

    /// Appends raw `lines` (each ending in a newline) with one write, then syncs.
    ///
    /// What ends the file first: an unfinished last line that does not parse (an interrupted
    /// write) is moved to quarantine and cut; blanks are cut; a complete event without its
    /// newline (a hand edit) gets the newline before the new lines.
    pub fn append_lines(
        &mut self,
        mut lines: Vec<u8>,
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> anyhow::Result<()> {
        let (complete, fragment) = self.end().map_err(|e| user_error(self.log.io(e)))?;
        let log = &self.log;
        let file = &mut self.file;
        let blank = fragment.iter().all(u8::is_ascii_whitespace);
        let interrupted = !blank && !matches!(lines::parse_line(&fragment), Ok(Some(_)));
        if !fragment.is_empty() && (blank || interrupted) {
            // An interrupted line is kept in quarantine, blanks are dropped; the new lines must
            // start a line.
            let kept = if interrupted {
                log.quarantine(&[&fragment])
            } else {
                Ok(())
            };
            kept.and_then(|()| file.set_len(complete))
                .and_then(|()| file.sync_data())
                .map_err(|e| {
                    user_error(StoreError::Io {
                        path: log.quarantine_path(),
                        source: io::Error::new(
                            e.kind(),
                            format!(
                                "cannot move the interrupted last line of {} here: {e}; nothing was recorded",
                                log.path.display()
                            ),
                        ),
                    })
                })?;
        } else if !fragment.is_empty() {
            // A complete event whose newline a hand edit left out: the newline goes first.
            lines.insert(0, b'\n');
        }
        let before = file.metadata().map_err(|e| user_error(log.io(e)))?.len();
        file.seek(io::SeekFrom::End(0))
            .map_err(|e| user_error(log.io(e)))?;
        if let Err(e) = write(file, &lines).and_then(|()| file.sync_data()) {
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
                path: log.path.clone(),
                source: io::Error::new(e.kind(), message),
            }));
        }
        if self.created {
            // The new file's name must survive a crash too.
            crate::fs::sync_parent_dir(&log.path);
            self.created = false;
        }
        Ok(())
    }
}

/// What kind of file `meta` describes, for a sentence.
fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_fifo() {
            return "FIFO (named pipe)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "device";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    if meta.is_dir() {
        "directory"
    } else {
        "special file"
    }
}
