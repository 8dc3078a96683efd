//! The progress store of a home: one append-only log file per machine in `log/`, read together
//! in one causal order.
//!
//! - Each machine appends only to its own file, `log/<device>.jsonl` (see
//!   [`crate::progress::device`]), under an exclusive lock on that file alone; so two machines
//!   never write the same file, and a folder-sync tool or git never sees a conflict in one.
//! - Readers read every `*.jsonl` directly in `log/` (and a `progress.jsonl` from before the
//!   folder, where it is, until a write moves it): see [`Store::read`].
//! - [`order`] puts the events of all files in one order that every machine agrees on: version 1
//!   lines first, in file order, then by Lamport clock, device and id; an id counts once.
//!
//! [`file`](mod@file) holds what protects one file (locking, one write per change, cut-back, quarantine).

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub(crate) use super::folded::Need;
use super::folded::{Folded, reads::Read};
use super::state::Progress;
use crate::event::{Event, SCHEMA_VERSION};
use checkpoint::{Checkpoint, Key, Mark};
pub use file::LogFile;
#[cfg(test)]
pub(crate) use lines::scan;
pub(crate) use lines::{Problem, Scan, parse_line};

pub(crate) mod checkpoint;
pub(crate) mod file;
mod lines;
pub(crate) mod segments;
#[cfg(test)]
mod tests;

/// The folder of log files inside the home: one `<device>.jsonl` per machine.
pub(crate) const LOG_DIR: &str = "log";
/// The log of pymastery 0.1 (log format v1), in the home itself; taken over by the first write.
pub(crate) const LEGACY_LOG_FILE: &str = "progress.jsonl";
/// What the first write leaves at [`LEGACY_LOG_FILE`] once it moved the lines into `log/`: one
/// line that an older pymastery refuses ("written by a newer pymastery ... upgrade") rather than
/// reading an empty log, and that this one ignores.
pub(crate) const MOVED_MARKER: &str = concat!(
    r#"{"v":2,"type":"moved","to":"log/","#,
    r#""note":"the progress log moved to log/, one file per machine, for a newer pymastery; upgrade pymastery to read it"}"#,
    "\n"
);

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
    /// The log is a FIFO, a device, a directory or a dangling link: never opened.
    #[error("{path} is a {what}, not a regular file, so pymastery will not read or write it")]
    NotRegular { path: PathBuf, what: &'static str },
    /// Reading or writing the file failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A store error as the user sees it: what and where, and how to recover.
pub(crate) fn user_error(err: StoreError) -> anyhow::Error {
    let hint = match &err {
        StoreError::Corrupt { .. } => {
            "run `pymastery doctor` to see what is damaged, and `pymastery doctor --repair` to move bad lines to a quarantine file"
        }
        StoreError::Newer { .. } => "upgrade pymastery to read this log; nothing was changed",
        StoreError::NotRegular { .. } => {
            "move it away and put the log file (or a link to a regular file) in its place; nothing was changed"
        }
        StoreError::Io { .. } => {
            "check that the home is writable and the disk has room; what was recorded before is unchanged"
        }
    };
    anyhow::Error::new(
        crate::error::CommandError::failure(err.to_string()).hinted(hint.to_string()),
    )
}

/// What reading the log found.
#[derive(Debug, Default)]
pub struct LogRead {
    pub events: Vec<Event>,
    /// Things the reader passed over (an interrupted last line), said once on stderr.
    pub warnings: Vec<String>,
}

/// The progress logs of one home.
#[derive(Debug, Clone)]
pub(crate) struct Store {
    home: PathBuf,
    /// The date in quarantine file names; today's local date when not set.
    quarantine_date: Option<NaiveDate>,
}

impl Store {
    pub(crate) fn new(home: &Path) -> Store {
        Store {
            home: home.to_path_buf(),
            quarantine_date: None,
        }
    }

    /// Names quarantine files after `date` instead of the system date (for `PYMASTERY_NOW`).
    pub(crate) fn with_quarantine_date(mut self, date: NaiveDate) -> Store {
        self.quarantine_date = Some(date);
        self
    }

    pub(crate) fn home(&self) -> &Path {
        &self.home
    }

    /// `log/`: one file per machine.
    pub(crate) fn log_dir(&self) -> PathBuf {
        self.home.join(LOG_DIR)
    }

    /// The log of an older pymastery, `progress.jsonl` in the home.
    pub(crate) fn legacy_file(&self) -> LogFile {
        self.log_file(self.home.join(LEGACY_LOG_FILE))
    }

    /// The log file of the device `device`.
    pub(crate) fn device_file(&self, device: &str) -> LogFile {
        self.log_file(self.log_dir().join(format!("{device}.jsonl")))
    }

    fn log_file(&self, path: PathBuf) -> LogFile {
        let file = LogFile::new(path)
            .with_quarantine_dir(self.home.join(crate::fs::layout::QUARANTINE_DIR));
        match self.quarantine_date {
            Some(date) => file.with_quarantine_date(date),
            None => file,
        }
    }

    /// This machine's device id, made the first time (see [`crate::progress::device`]), with
    /// the warning to say when it replaced a damaged one.
    pub(crate) fn device(&self) -> Result<super::device::Device, StoreError> {
        let local = self.home.join(crate::fs::layout::LOCAL_DIR);
        super::device::device_id(&self.home, &local).map_err(|source| StoreError::Io {
            path: local,
            source,
        })
    }

    /// The files in `log/`, by name: every `*.jsonl` directly in it (not hidden, so never a
    /// temporary file; not the layout marker), and the sealed segments in each device's folder
    /// (see [`segments`]). Empty when there is no `log/`.
    pub(crate) fn log_files(&self) -> Result<Vec<LogFile>, StoreError> {
        let layout = self.log_layout()?;
        let mut files = layout.top;
        for (_, dir) in &layout.dirs {
            let sealed = segments::sealed_in(dir).map_err(|source| StoreError::Io {
                path: dir.clone(),
                source,
            })?;
            files.extend(sealed.into_iter().map(|(_, path)| self.log_file(path)));
        }
        files.sort_by(|a, b| a.path().cmp(b.path()));
        Ok(files)
    }

    /// What `log/` holds, without listing the sealed segments: its files, and the folders of
    /// sealed segments by device.
    fn log_layout(&self) -> Result<Layout, StoreError> {
        let dir = self.log_dir();
        let mut layout = Layout::default();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(layout),
            Err(source) => return Err(StoreError::Io { path: dir, source }),
        };
        let mut names = Vec::new();
        for entry in entries.flatten() {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            if name.starts_with('.') || name == segments::LAYOUT_MARKER {
                continue;
            }
            if name.ends_with(".jsonl") {
                names.push(name);
            } else if entry.file_type().is_ok_and(|t| t.is_dir())
                && segments::device_of(&format!("{name}.jsonl")).is_some()
            {
                layout.dirs.push((name, entry.path()));
            }
        }
        names.sort();
        layout.dirs.sort();
        layout.top = names
            .into_iter()
            .map(|name| self.log_file(dir.join(name)))
            .collect();
        Ok(layout)
    }

    /// `progress.jsonl` while it still holds the log of an older pymastery.
    fn legacy_if_pending(&self) -> Result<Option<LogFile>, StoreError> {
        let legacy = self.legacy_file();
        let pending = legacy.check_regular()?
            && !legacy
                .read_bytes()?
                .is_some_and(|bytes| is_moved_marker(&bytes));
        Ok(pending.then_some(legacy))
    }

    /// Every file that holds events, in reading order: `progress.jsonl` while it still holds
    /// the log of an older pymastery, then the files in `log/` by name.
    pub(crate) fn files(&self) -> Result<Vec<LogFile>, StoreError> {
        let mut files: Vec<LogFile> = self.legacy_if_pending()?.into_iter().collect();
        files.extend(self.log_files()?);
        Ok(files)
    }

    /// Every file with its events in file order, duplicates and all: what sync counts.
    pub(crate) fn read_files(&self) -> Result<Vec<(LogFile, LogRead)>, StoreError> {
        self.files()?
            .into_iter()
            .map(|file| {
                let read = read_file(&file)?;
                Ok((file, read))
            })
            .collect()
    }

    /// Every event of every file, in causal [`order`], each id once.
    pub(crate) fn read(&self) -> Result<LogRead, StoreError> {
        let mut warnings = Vec::new();
        let mut events = Vec::new();
        for (_, read) in self.read_files()? {
            warnings.extend(read.warnings);
            events.push(read.events);
        }
        Ok(LogRead {
            events: order(events),
            warnings,
        })
    }

    /// `cache/`, where the checkpoint is kept.
    pub(crate) fn cache_dir(&self) -> PathBuf {
        self.home.join(crate::fs::layout::CACHE_DIR)
    }

    /// The name of a log file in a checkpoint: its path relative to the home.
    fn mark_name(&self, file: &LogFile) -> String {
        file.path()
            .strip_prefix(&self.home)
            .unwrap_or(file.path())
            .to_string_lossy()
            .into_owned()
    }

    /// The folded progress of every log file, as much of it as `need` asks for: from the
    /// checkpoint extended by what was appended since when it is valid, else by reading every
    /// file (see [`checkpoint`]).
    pub(crate) fn load(&self, need: Need) -> Result<Loaded, StoreError> {
        self.load_for(need, false)
    }

    /// [`Store::load`]; `for_update` keeps the checkpoint even when it is unchanged, to extend it.
    fn load_for(&self, need: Need, for_update: bool) -> Result<Loaded, StoreError> {
        let mut layout = self.log_layout()?;
        if let Some(legacy) = self.legacy_if_pending()? {
            layout.top.insert(0, legacy);
        }
        if need != Need::All
            && let Some(loaded) = self.load_checkpointed(&layout, need, for_update)
        {
            return Ok(loaded);
        }
        self.load_full(&layout)
    }

    /// A device's folder of sealed segments as a checkpoint keeps it, and the segments in it.
    /// The folder's time is taken before it is listed, so a segment sealed meanwhile changes
    /// it again and is never missed.
    fn sealed_folder(
        &self,
        device: &str,
        dir: &Path,
    ) -> Result<(checkpoint::Sealed, Vec<(u32, PathBuf)>), StoreError> {
        let io = |source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        };
        let modified = modified_time(dir).map_err(io)?;
        let list = segments::sealed_in(dir).map_err(io)?;
        let sealed = checkpoint::Sealed {
            device: device.to_string(),
            highest: list.last().map_or(0, |(n, _)| *n),
            count: u32::try_from(list.len()).unwrap_or(u32::MAX),
            modified,
        };
        Ok((sealed, list))
    }

    /// Reads and folds every file, and makes a new checkpoint of it.
    fn load_full(&self, layout: &Layout) -> Result<Loaded, StoreError> {
        let mut files = layout.top.clone();
        let mut folders = Vec::new();
        for (device, dir) in &layout.dirs {
            let (sealed, list) = self.sealed_folder(device, dir)?;
            folders.push(sealed);
            files.extend(list.into_iter().map(|(_, path)| self.log_file(path)));
        }
        let top = layout.top.len();
        let mut warnings = Vec::new();
        let mut marks = Vec::new();
        // One vector for every file, so that a long log is not held twice while they are put
        // together.
        let mut all: Vec<Event> = Vec::new();
        for (n, file) in files.iter().enumerate() {
            let before = all.len();
            if file.check_regular()?
                && let Some(len) = parse_in_blocks(file, &mut all)
            {
                if n >= top {
                    continue; // a sealed segment: its folder is kept, not a mark
                }
                match checkpoint::mark_of_file(self.mark_name(file), file.path(), len) {
                    Ok(mark) => {
                        marks.push(mark);
                        continue;
                    }
                    Err(_) => all.truncate(before),
                }
            }
            let bytes = file.read_bytes()?.unwrap_or_default();
            if is_moved_marker(&bytes) {
                continue;
            }
            let (mut events, tail) = lines::parse(file.path(), &bytes)?;
            warnings.extend(tail.map(|line| file.tail_warning(line)));
            // Up to the last line read: a complete event without its newline counts, an
            // interrupted line (or blanks) does not.
            let len = if tail.is_none() && lines::has_unterminated_tail(&bytes) {
                bytes.len()
            } else {
                lines::complete_len(&bytes)
            };
            if n < top {
                marks.push(checkpoint::mark_of_bytes(
                    self.mark_name(file),
                    &bytes,
                    len as u64,
                ));
            }
            if all.is_empty() {
                all = events;
            } else {
                all.append(&mut events);
            }
        }
        let last = all
            .iter()
            .filter(|e| e.clock > 0)
            .max_by(|a, b| causal_cmp(a, 0, b, 0))
            .map(Key::of);
        let max_clock = all.iter().map(|e| e.clock).max().unwrap_or(0);
        let progress = Progress::from_events(order(vec![all]));
        let checkpoint = Checkpoint::new(&progress, marks, last, max_clock).map(|mut c| {
            c.sealed = folders;
            c
        });
        Ok(Loaded {
            progress,
            warnings,
            checkpoint,
            changed: true,
        })
    }

    /// The checkpoint extended by what was appended since, when it is valid.
    fn load_checkpointed(&self, layout: &Layout, need: Need, for_update: bool) -> Option<Loaded> {
        let mut base = Checkpoint::load(&self.cache_dir())?;
        let (folders, new_segments) = self.sealed_since(layout, &base)?;
        let new_segments = self.follow_sealed(new_segments, &mut base.marks);
        let (marks, appended) = self.appended_since(layout, new_segments, &base.marks)?;
        let changed = marks != base.marks || folders != base.sealed;
        base.sealed = folders;
        let added = order(appended);
        if !checkpoint::extends(base.last.as_ref(), &added) {
            return None;
        }
        self.extend_checkpoint(base, need, for_update || changed, changed, marks, added)
    }

    /// Each machine's folder of sealed segments as it is now, and the segments sealed since
    /// the checkpoint: a folder whose time has not changed holds what was folded; in one that
    /// changed, segments numbered past those folded are new. `None` when a segment or folder
    /// folded before is gone.
    fn sealed_since(
        &self,
        layout: &Layout,
        base: &Checkpoint,
    ) -> Option<(Vec<checkpoint::Sealed>, Vec<LogFile>)> {
        let mut folders = Vec::new();
        let mut new_segments = Vec::new();
        for (device, dir) in &layout.dirs {
            let known = base.sealed.iter().find(|s| &s.device == device);
            let modified = modified_time(dir).ok()?;
            if let Some(known) = known.filter(|k| k.modified == modified) {
                folders.push(known.clone());
                continue;
            }
            let (now, list) = self.sealed_folder(device, dir).ok()?;
            let (highest, count) = known.map_or((0, 0), |k| (k.highest, k.count));
            if list.iter().filter(|(n, _)| *n <= highest).count() != count as usize {
                return None;
            }
            new_segments.extend(
                list.into_iter()
                    .filter(|(n, _)| *n > highest)
                    .map(|(_, path)| self.log_file(path)),
            );
            folders.push(now);
        }
        if base
            .sealed
            .iter()
            .any(|s| !layout.dirs.iter().any(|(d, _)| *d == s.device))
        {
            return None;
        }
        Some((folders, new_segments))
    }

    /// The marks of the active files and the events appended to them (and held by the new
    /// segments) since the checkpoint's `marks`; `None` when a file was removed or rewritten
    /// before its mark, or ends in a line still being written.
    fn appended_since(
        &self,
        layout: &Layout,
        new_segments: Vec<LogFile>,
        base_marks: &[checkpoint::Mark],
    ) -> Option<(Vec<checkpoint::Mark>, Vec<Vec<Event>>)> {
        let files: Vec<(&LogFile, bool)> = layout
            .top
            .iter()
            .map(|f| (f, false))
            .chain(new_segments.iter().map(|f| (f, true)))
            .collect();
        let names: Vec<String> = files.iter().map(|(f, _)| self.mark_name(f)).collect();
        if base_marks.iter().any(|m| !names.contains(&m.name)) {
            return None; // a file was removed (or replaced by the moved marker)
        }
        let mut marks = Vec::new();
        let mut appended = Vec::new();
        for ((file, sealed), name) in files.into_iter().zip(names) {
            let (mark, suffix) = match base_marks.iter().find(|m| m.name == name) {
                Some(mark) => {
                    let (before, suffix) = checkpoint::suffix_if_unchanged(file.path(), mark)?;
                    (checkpoint::mark_grown(mark, &before, &suffix), suffix)
                }
                None => {
                    let bytes = file.read_bytes().ok()??;
                    if is_moved_marker(&bytes) {
                        continue;
                    }
                    let len = bytes.len() as u64;
                    (checkpoint::mark_of_bytes(name, &bytes, len), bytes)
                }
            };
            if lines::has_unterminated_tail(&suffix) {
                return None; // read in full, to wait for a writer or warn with line numbers
            }
            if !suffix.is_empty() {
                appended.push(lines::parse(file.path(), &suffix).ok()?.0);
            }
            if !sealed {
                marks.push(mark);
            }
        }
        Some((marks, appended))
    }

    /// The progress of the checkpoint `base` with the events `added` since; with the
    /// checkpoint to save when it `keeps` (a write, or a log that changed).
    fn extend_checkpoint(
        &self,
        base: Checkpoint,
        need: Need,
        keeps: bool,
        changed: bool,
        marks: Vec<checkpoint::Mark>,
        added: Vec<Event>,
    ) -> Option<Loaded> {
        // The recent window and the grades are read only by what shows them or keeps the
        // checkpoint.
        let base = if need == Need::Recent || keeps {
            base.with_window(&self.cache_dir())?
        } else {
            base
        };
        let base = if need == Need::Grades || keeps {
            base.with_grades(&self.cache_dir())?
        } else {
            base
        };
        let loaded = |progress, checkpoint, changed| Loaded {
            progress,
            warnings: Vec::new(),
            checkpoint,
            changed,
        };
        if !keeps {
            // A reader: nothing to extend or keep, so the checkpoint is taken, not copied.
            return Some(loaded(
                base.into_progress(need == Need::Recent),
                None,
                false,
            ));
        }
        let mut progress = base.progress(need == Need::Recent);
        if !changed {
            return Some(loaded(progress, Some(base), false));
        }
        let last = added.last().map(Key::of).or(base.last.clone());
        let max_clock = added.iter().map(|e| e.clock).fold(base.max_clock, u64::max);
        progress.extend(added.clone());
        // None too when a grade came dated before one folded: every grade is replayed again.
        let checkpoint = base.extended(&progress, &added, marks, last, max_clock)?;
        Some(loaded(progress, Some(checkpoint), true))
    }

    /// Seals this machine's active file when it has reached the segment size and ends in a
    /// complete line (see [`segments`]); call under its lock. Returns the sealed segment's
    /// number.
    fn seal_if_full(&self, own: &LogFile, device: &str) -> anyhow::Result<Option<u32>> {
        let path = own.path();
        let Ok(meta) = fs::metadata(path) else {
            return Ok(None);
        };
        if meta.len() < segments::segment_bytes() || !ends_in_newline(path) {
            return Ok(None);
        }
        let number = segments::seal(&self.log_dir(), device, path).map_err(|source| {
            user_error(StoreError::Io {
                path: path.to_path_buf(),
                source,
            })
        })?;
        Ok(Some(number))
    }

    /// Of the sealed segments the checkpoint has not folded, those that hold exactly what an
    /// active file held when the checkpoint was made (its machine sealed it, here or before a
    /// sync brought it) are folded already: that file's mark is dropped (the active file now
    /// counts as new) and they are not read. Returns the others, to be read.
    fn follow_sealed(&self, new_segments: Vec<LogFile>, marks: &mut Vec<Mark>) -> Vec<LogFile> {
        let mut unread = Vec::new();
        for file in new_segments {
            let name = self.mark_name(&file);
            let content = fs::metadata(file.path())
                .and_then(|m| checkpoint::mark_of_file(name, file.path(), m.len()));
            let folded = content.ok().and_then(|sealed| {
                marks.iter().position(|m| {
                    m.len == sealed.len && m.head == sealed.head && m.tail == sealed.tail
                })
            });
            match folded {
                Some(index) => {
                    marks.remove(index);
                }
                None => unread.push(file),
            }
        }
        unread
    }

    /// Under an exclusive lock on the file of `device` (this machine's, from [`Store::device`]):
    /// loads the progress (as [`Store::load`] with `need`), asks `decide` what to append, stamps
    /// it (schema version, Lamport clock, device) and appends it to that file. See
    /// [`LogFile::update`] for what one append guarantees. Returns what `decide` returned, the
    /// events appended, and the checkpoint to save once the command is done (outside the lock),
    /// if it can be had.
    ///
    /// The first write on a home from an older pymastery first takes over `progress.jsonl`
    /// (see [`Store::migrate`]).
    pub(crate) fn update<R: Read, T>(
        &self,
        device: &str,
        decide: impl FnOnce(&Folded<R>) -> anyhow::Result<(Vec<Event>, T)>,
    ) -> anyhow::Result<Updated<T>> {
        self.update_with_writer(device, decide, |file, bytes| file.write_all(bytes))
    }

    /// [`Store::update`] with the final append done by `write` (for tests of failing writes).
    pub(crate) fn update_with_writer<R: Read, T>(
        &self,
        device: &str,
        decide: impl FnOnce(&Folded<R>) -> anyhow::Result<(Vec<Event>, T)>,
        write: impl FnOnce(&mut fs::File, &[u8]) -> io::Result<()>,
    ) -> anyhow::Result<Updated<T>> {
        self.migrate(device)?;
        let own = self.device_file(device);
        let mut locked = own.lock().map_err(user_error)?;
        let Loaded {
            progress,
            checkpoint: base,
            ..
        } = self.load_for(R::NEED, true).map_err(user_error)?;
        // Always there when loading for an update.
        let base = base.ok_or_else(|| anyhow::anyhow!("the folded log could not be kept"))?;
        let folded = Folded::<R>::new(progress)?;
        let (mut events, value) = decide(&folded)?;
        let mut progress = folded.into_progress();
        stamp(&mut events, base.max_clock, device);
        let mut base = base;
        if !events.is_empty()
            && let Some(number) = self.seal_if_full(&own, device)?
        {
            // The active file's content is folded in the sealed segment now; the next is new.
            let active = self.mark_name(&own);
            base.marks.retain(|m| m.name != active);
            match modified_time(&self.log_dir().join(device)) {
                Ok(modified) => base.note_sealed(device, number, modified),
                // Unknown: the next command lists the folder.
                Err(_) => base.sealed.retain(|s| s.device != device),
            }
            drop(locked);
            locked = own.lock().map_err(user_error)?;
        }
        locked.append_events(&events, write)?;
        // The checkpoint extended by what was just appended, its mark of this file read under
        // the lock; an undo cannot extend one (the next read folds in full).
        let name = self.mark_name(&own);
        let checkpoint = if events.is_empty() {
            None
        } else if checkpoint::extends(base.last.as_ref(), &events) {
            fs::metadata(own.path())
                .and_then(|m| checkpoint::mark_of_file(name.clone(), own.path(), m.len()))
                .ok()
                .and_then(|mark| {
                    let mut marks: Vec<Mark> = base
                        .marks
                        .iter()
                        .filter(|m| m.name != name)
                        .cloned()
                        .collect();
                    marks.push(mark);
                    marks.sort_by(|a, b| order_of_names(&a.name, &b.name));
                    let last = events.last().map(Key::of);
                    let max_clock = events
                        .iter()
                        .map(|e| e.clock)
                        .fold(base.max_clock, u64::max);
                    progress.extend(events.clone());
                    base.extended(&progress, &events, marks, last, max_clock)
                })
        } else {
            None
        };
        drop(locked);
        Ok(Updated {
            value,
            events,
            checkpoint,
        })
    }

    /// Takes over `progress.jsonl` from an older pymastery: appends its lines (as they are,
    /// those whose id this machine's file does not have yet) to this machine's file, then
    /// replaces it with [`MOVED_MARKER`].
    ///
    /// Safe to interrupt anywhere and to run twice at once: both files are locked (the old one
    /// as an older pymastery locks it, so neither writes meanwhile); the lines are synced in
    /// the new file before the marker is renamed over the old one, so a kill before the rename
    /// only leaves each line in both files, which counts once (by id) and is not copied again
    /// by the next attempt. A damaged line stops it (as it stops any write), and an interrupted
    /// last line goes to quarantine.
    pub(crate) fn migrate(&self, device: &str) -> anyhow::Result<()> {
        let legacy = self.legacy_file();
        let pending = legacy
            .read_bytes()
            .map_err(user_error)?
            .is_some_and(|bytes| !is_moved_marker(&bytes));
        if !pending {
            return Ok(());
        }
        let mut old = legacy.lock().map_err(user_error)?;
        let old_bytes = old.read_all().map_err(user_error)?;
        if is_moved_marker(&old_bytes) {
            return Ok(()); // another process finished it while this one waited
        }
        let (events, tail) = lines::parse(legacy.path(), &old_bytes).map_err(user_error)?;
        let own = self.device_file(device);
        let mut mine = own.lock().map_err(user_error)?;
        let own_bytes = mine.read_all().map_err(user_error)?;
        let (present, _) = lines::parse(own.path(), &own_bytes).map_err(user_error)?;
        let present: HashSet<&str> = present.iter().map(|e| e.id.as_str()).collect();
        let missing: HashSet<&str> = events
            .iter()
            .map(|e| e.id.as_str())
            .filter(|id| !present.contains(id))
            .collect();
        let mut copied = Vec::new();
        for (start, end) in lines::line_ranges(&old_bytes) {
            let raw = &old_bytes[start..end];
            if let Ok(Some(event)) = lines::parse_line(raw)
                && missing.contains(event.id.as_str())
            {
                copied.extend_from_slice(raw);
                copied.push(b'\n');
            }
        }
        if let Some(line) = tail {
            let fragment = lines::line_ranges(&old_bytes)
                .nth(line - 1)
                .map_or(&[][..], |(start, end)| &old_bytes[start..end]);
            legacy
                .quarantine(&[fragment])
                .map_err(|e| user_error(legacy.io(e)))?;
        }
        if !copied.is_empty() {
            mine.append_lines(copied, |file, bytes| file.write_all(bytes))?;
        }
        legacy
            .replace(MOVED_MARKER.as_bytes())
            .map_err(user_error)?;
        drop(mine);
        drop(old);
        Ok(())
    }
}

/// The order of files in a checkpoint: as [`Store::files`] lists them, `progress.jsonl` first.
/// What `log/` holds, as [`Store::load`] reads it.
#[derive(Debug, Default)]
struct Layout {
    /// The files read and checked one by one: `progress.jsonl` while pending, and the files
    /// directly in `log/`.
    top: Vec<LogFile>,
    /// The folders of sealed segments, by device.
    dirs: Vec<(String, PathBuf)>,
}

/// A folder's modification time, as a checkpoint keeps it.
fn modified_time(path: &Path) -> io::Result<(i64, u32)> {
    let modified = fs::metadata(path)?.modified()?;
    Ok(match modified.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            after.subsec_nanos(),
        ),
        Err(before) => (
            -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
            before.duration().subsec_nanos(),
        ),
    })
}

/// Whether the file's last byte is a newline (an interrupted append is never sealed).
fn ends_in_newline(path: &Path) -> bool {
    use std::io::{Read as _, Seek as _, SeekFrom};
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    let mut last = [0u8; 1];
    file.seek(SeekFrom::End(-1)).is_ok() && file.read_exact(&mut last).is_ok() && last[0] == b'\n'
}

fn order_of_names(a: &str, b: &str) -> std::cmp::Ordering {
    let legacy = |n: &str| n != LEGACY_LOG_FILE;
    (legacy(a), a).cmp(&(legacy(b), b))
}

/// What [`Store::load`] found.
pub(crate) struct Loaded {
    pub progress: Progress,
    /// Things the reader passed over (an interrupted last line), said once on stderr.
    pub warnings: Vec<String>,
    /// The checkpoint of this state (`None` for a reader whose checkpoint was unchanged).
    pub checkpoint: Option<Checkpoint>,
    /// Whether it differs from the one on disk (and is worth saving).
    pub changed: bool,
}

/// What [`Store::update`] did.
pub(crate) struct Updated<T> {
    /// What `decide` returned.
    pub value: T,
    /// The events appended, as stamped.
    pub events: Vec<Event>,
    /// The checkpoint of the state after them, to save when the command is done.
    pub checkpoint: Option<Checkpoint>,
}

/// Reads one file of the store; a `progress.jsonl` that is the moved marker holds nothing.
fn read_file(file: &LogFile) -> Result<LogRead, StoreError> {
    match file.read_bytes()? {
        Some(bytes) if is_moved_marker(&bytes) => Ok(LogRead::default()),
        Some(bytes) => {
            let (events, tail) = lines::parse(file.path(), &bytes)?;
            Ok(LogRead {
                events,
                warnings: tail
                    .map(|line| file.tail_warning(line))
                    .into_iter()
                    .collect(),
            })
        }
        None => Ok(LogRead::default()),
    }
}

/// Appends to `events` those of a long log file of complete lines, read a block at a time so
/// that its bytes are never all held at once, and returns the length read. `None` (and
/// `events` as it was) for anything else (a short file, a line that does not parse, a file that
/// does not end in a newline), which is read whole, as [`read_file`] reads it, to wait for a
/// writer or report what is wrong.
fn parse_in_blocks(file: &LogFile, events: &mut Vec<Event>) -> Option<u64> {
    const BLOCK: usize = 1 << 18;
    let before = events.len();
    let read = parse_blocks(file, events, BLOCK);
    if read.is_none() {
        events.truncate(before);
    }
    read
}

fn parse_blocks(file: &LogFile, events: &mut Vec<Event>, block: usize) -> Option<u64> {
    use std::io::Read;
    let mut handle = fs::File::open(file.path()).ok()?;
    let size = handle.metadata().ok()?.len();
    if size <= block as u64 {
        return None;
    }
    let mut buf: Vec<u8> = Vec::with_capacity(2 * block);
    let mut read = 0u64;
    let mut estimated = false;
    loop {
        let start = buf.len();
        buf.resize(start + block, 0);
        let n = handle.read(&mut buf[start..]).ok()?;
        buf.truncate(start + n);
        if n == 0 {
            break;
        }
        let Some(cut) = buf.iter().rposition(|&b| b == b'\n') else {
            continue;
        };
        let complete = &buf[..=cut];
        if !estimated {
            // Room for as many as the first block's lines foretell, so that the vector does
            // not grow to twice its size.
            let lines = complete.iter().filter(|&&b| b == b'\n').count() as u64;
            let per_line = (cut as u64 + 1) / lines.max(1);
            events.reserve_exact((size / per_line.max(1)) as usize / 20 * 21 + 16);
            estimated = true;
        }
        for (from, to) in lines::line_ranges(complete) {
            if let Some(event) = lines::parse_line(&complete[from..to]).ok()? {
                events.push(event);
            }
        }
        read += cut as u64 + 1;
        buf.drain(..=cut);
    }
    // Not empty: an unfinished last line, or blanks after the last newline.
    buf.is_empty().then_some(read)
}

/// Whether a `progress.jsonl` is the marker left after it was moved into `log/`.
pub(crate) fn is_moved_marker(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next();
    lines.next().is_none()
        && first.is_some_and(|line| {
            serde_json::from_str::<serde_json::Value>(line)
                .is_ok_and(|v| v.get("type").and_then(|t| t.as_str()) == Some("moved"))
        })
}

/// Gives new events the schema version of their kind, this device, and clocks above `seen`, the
/// highest clock in any file, in the order they were decided.
pub(crate) fn stamp(events: &mut [Event], seen: u64, device: &str) {
    for (n, event) in events.iter_mut().enumerate() {
        event.v = event.kind.version();
        event.clock = seen + 1 + n as u64;
        event.dev = device.into();
    }
}

/// Compares two events in causal order; `a_pos` and `b_pos` are their positions in the files
/// read one after another, which order version 1 events (clock 0) among themselves.
pub(crate) fn causal_cmp(a: &Event, a_pos: usize, b: &Event, b_pos: usize) -> std::cmp::Ordering {
    a.clock.cmp(&b.clock).then_with(|| {
        if a.clock == 0 {
            a_pos.cmp(&b_pos)
        } else {
            a.dev.cmp(&b.dev).then_with(|| a.id.cmp(&b.id))
        }
    })
}

/// The events of every file in the one order every machine agrees on: version 1 events (no
/// clock) first, in the order of their files and lines; then by `(clock, dev, id)`. An id that
/// occurs more than once (a merged or restored copy, a file synced twice) counts once, where it
/// sorts first.
pub(crate) fn order(files: Vec<Vec<Event>>) -> Vec<Event> {
    // The first file's vector grows to hold them all (a long log is not held twice).
    let rest: usize = files.iter().skip(1).map(Vec::len).sum();
    let mut files = files.into_iter();
    let mut all = files.next().unwrap_or_default();
    all.reserve_exact(rest);
    for file in files {
        all.extend(file);
    }
    // A stable sort: version 1 events compare equal among themselves, so keep their order.
    let by_clock = |a: &Event, b: &Event| {
        a.clock.cmp(&b.clock).then_with(|| {
            if a.clock == 0 {
                std::cmp::Ordering::Equal
            } else {
                a.dev.cmp(&b.dev).then_with(|| a.id.cmp(&b.id))
            }
        })
    };
    if !all.windows(2).all(|w| by_clock(&w[0], &w[1]).is_le()) {
        // Sorts positions, then moves the events into place by swaps, so that the sort needs
        // no buffer of events beside them.
        let mut to: Vec<u32> = (0..all.len() as u32).collect();
        to.sort_by(|&a, &b| by_clock(&all[a as usize], &all[b as usize]));
        apply_permutation(&mut all, &mut to);
    }
    // Each id where it sorts first: positions sorted by id (then position), so that copies
    // are neighbours; a vector of positions is far smaller than a set of every id.
    let mut by_id: Vec<u32> = (0..all.len() as u32).collect();
    by_id.sort_unstable_by(|&a, &b| all[a as usize].id.cmp(&all[b as usize].id).then(a.cmp(&b)));
    let mut keep = vec![true; all.len()];
    for pair in by_id.windows(2) {
        if all[pair[0] as usize].id == all[pair[1] as usize].id {
            keep[pair[1] as usize] = false;
        }
    }
    drop(by_id);
    if keep.iter().all(|k| *k) {
        return all;
    }
    let mut keep = keep.into_iter();
    all.retain(|_| keep.next().unwrap_or(true));
    all
}

/// Rearranges `items` so that position `i` holds what was at `from[i]`; `from` is a
/// permutation of the positions, left as the identity.
fn apply_permutation<T>(items: &mut [T], from: &mut [u32]) {
    for start in 0..items.len() {
        let mut here = start;
        loop {
            let next = from[here] as usize;
            from[here] = here as u32;
            if next == start || next == here {
                break;
            }
            items.swap(here, next);
            here = next;
        }
    }
}
