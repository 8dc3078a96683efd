//! The checkpoint: the folded state up to known offsets of each log file, in `cache/`, so that a
//! command costs the same on day 1 and day 36,500.
//!
//! Derived, never synced, safe to delete. It is used only when everything it was made from is
//! still there, unchanged, and it is extended by the events appended since:
//!
//! - made by this very build (the executable's size and modification time), in this format;
//! - every log file it read still exists, is at least as long as it was, and still has the same
//!   first and last [`WINDOW`] bytes before the offset it read up to (see `docs/log-format.md` for
//!   why a window rather than all the bytes);
//! - every event appended since sorts after everything it folded (a version 2 event with a
//!   higher `(clock, dev, id)`), and none is an undo.
//!
//! Anything else (a file shrank, changed, vanished; an event from another machine that sorts
//! before the checkpoint; a line that does not parse) means a full fold, and a new checkpoint.
//! It is written after the command's work, outside the log's lock, atomically (a temporary file
//! renamed over it), and failing to write it is never an error. It holds no note text beyond the
//! recent window that `status` shows.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::event::{Event, EventKind};
use crate::progress::practice::PracticeDays;
use crate::progress::state::{PlanProgress, Progress};
use crate::review::{Grades, Outlook, Reviews};

/// The checkpoint's file inside `cache/`.
pub(crate) const FILE: &str = "checkpoint.bin";
/// The file of its recent window inside `cache/`, read only by the commands that show recent
/// events (`status`) or extend the checkpoint, so that `today` reads only what it shows.
pub(crate) const RECENT_FILE: &str = "recent.bin";
/// The file of every grade of spaced review inside `cache/`, read only by `review` and by what
/// extends the checkpoint: `today` and `status` read the outlook kept in the checkpoint itself.
pub(crate) const GRADES_FILE: &str = "grades.bin";
/// Bumped when the layout below changes.
const FORMAT: u32 = 12;
/// Bytes hashed at the start of each file and before the offset read up to.
pub(crate) const WINDOW: u64 = 4096;
/// Days of events in effect kept (with their notes) for `status`: its recent days, its
/// reflections and its heat map (12 weeks by default).
pub(crate) const RECENT_DAYS: i64 = 120;

/// What the checkpoint knows of one log file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Mark {
    /// The path relative to the home (`log/x.jsonl`, `progress.jsonl`).
    pub name: String,
    /// The offset folded up to: the end of the last complete line read.
    pub len: u64,
    /// Hash of the first [`WINDOW`] bytes (fewer when shorter).
    pub head: u64,
    /// Hash of the [`WINDOW`] bytes before `len`.
    pub tail: u64,
}

/// The sealed segments of one machine that a checkpoint folded, known without opening them:
/// segments never change, and a new one (sealed here, or brought by sync) changes the folder's
/// modification time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Sealed {
    pub device: String,
    /// The highest segment number folded.
    pub highest: u32,
    /// How many segments were folded (all numbered up to `highest`, unless some were missing).
    pub count: u32,
    /// The folder's modification time when it was listed (seconds and nanoseconds since 1970).
    pub modified: (i64, u32),
}

/// The order key of the last event folded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Key {
    pub clock: u64,
    pub dev: String,
    pub id: String,
}

impl Key {
    pub(crate) fn of(event: &Event) -> Key {
        Key {
            clock: event.clock,
            dev: event.dev.to_string(),
            id: event.id.clone(),
        }
    }

    /// Whether `event` sorts after this key (a version 1 event never does).
    pub(crate) fn is_before(&self, event: &Event) -> bool {
        event.clock > 0
            && (self.clock, self.dev.as_str(), self.id.as_str())
                < (event.clock, event.dev.as_str(), event.id.as_str())
    }
}

/// The checkpoint as stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Checkpoint {
    format: u32,
    build: (u64, u64),
    pub marks: Vec<Mark>,
    /// Per machine, its sealed segments folded (their events are in `marks`' place).
    pub sealed: Vec<Sealed>,
    /// The greatest key folded; `None` when only version 1 events (or none) were.
    pub last: Option<Key>,
    pub max_clock: u64,
    current_plan: Option<String>,
    starts: BTreeMap<String, crate::progress::state::StartMark>,
    plans: BTreeMap<String, PlanProgress>,
    practice: PracticeDays,
    minutes: crate::progress::state::DailyMinutes,
    /// `live` is complete from this day (days from the common era).
    window_from: i32,
    /// The events in effect dated `window_from` or later, one line each (`DAY JSON`), decoded
    /// only by the commands that show them (one string, so that reading it costs one copy).
    /// Kept in [`RECENT_FILE`], not in the checkpoint's own file; `None` until read from it.
    #[serde(skip)]
    window: Option<String>,
    /// The hash of the window, to tell the window file written with this checkpoint from any
    /// other (a stale or damaged one, or one of a later checkpoint).
    window_hash: u64,
    /// The pause and resume events in effect, as their JSON lines.
    pauses: Vec<String>,
    /// What `today` and `status` show of spaced review.
    outlook: Outlook,
    /// Every grade, kept in [`GRADES_FILE`]; `None` until read from it.
    #[serde(skip)]
    grades: Option<Grades>,
    /// The hash of the grades file written with this checkpoint.
    grades_hash: u64,
    /// The grades as written to their file, when this checkpoint was just made.
    #[serde(skip)]
    grades_bytes: Option<Vec<u8>>,
}

fn build_id() -> (u64, u64) {
    crate::fs::executable_id()
}

fn hash(bytes: &[u8]) -> u64 {
    crate::fs::content_hash(bytes)
}

/// Reads `bytes[start..end]` of a file.
fn read_range(file: &mut File, start: u64, end: u64) -> io::Result<Vec<u8>> {
    let mut buf = vec![0; end.saturating_sub(start) as usize];
    file.seek(SeekFrom::Start(start))?;
    file.read_exact(&mut buf)?;
    Ok(buf)
}

/// The mark of a file of `len` bytes whose first and last window bytes are given.
pub(crate) fn mark_of_bytes(name: String, bytes: &[u8], len: u64) -> Mark {
    let len_usize = len as usize;
    let head_end = len_usize.min(WINDOW as usize);
    let tail_start = len_usize.saturating_sub(WINDOW as usize);
    Mark {
        name,
        len,
        head: hash(&bytes[..head_end]),
        tail: hash(&bytes[tail_start..len_usize]),
    }
}

/// The mark of `path` up to `len`, read from the file.
pub(crate) fn mark_of_file(name: String, path: &Path, len: u64) -> io::Result<Mark> {
    let mut file = File::open(path)?;
    let head = read_range(&mut file, 0, len.min(WINDOW))?;
    let tail = read_range(&mut file, len.saturating_sub(WINDOW), len)?;
    Ok(Mark {
        name,
        len,
        head: hash(&head),
        tail: hash(&tail),
    })
}

/// Whether `path` still holds what `mark` saw; then the [`WINDOW`] bytes before `mark.len` and
/// the bytes from `mark.len` to the end.
pub(crate) fn suffix_if_unchanged(path: &Path, mark: &Mark) -> Option<(Vec<u8>, Vec<u8>)> {
    // Opening a FIFO or a device would wait or never end: only a regular file is read here
    // (anything else means a full read, which says what is wrong).
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut file = File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len < mark.len {
        return None;
    }
    let head = read_range(&mut file, 0, mark.len.min(WINDOW)).ok()?;
    let tail = read_range(&mut file, mark.len.saturating_sub(WINDOW), mark.len).ok()?;
    if hash(&head) != mark.head || hash(&tail) != mark.tail {
        return None;
    }
    let suffix = read_range(&mut file, mark.len, len).ok()?;
    Some((tail, suffix))
}

/// The mark of a file that was `mark` and grew by `suffix`, whose [`WINDOW`] bytes before
/// `mark.len` were `before`.
pub(crate) fn mark_grown(mark: &Mark, before: &[u8], suffix: &[u8]) -> Mark {
    let len = mark.len + suffix.len() as u64;
    let mut joined = before.to_vec();
    joined.extend_from_slice(suffix);
    let tail_start = joined.len().saturating_sub(WINDOW as usize);
    let head = if mark.len >= WINDOW {
        mark.head
    } else {
        let mut start = before.to_vec();
        start.extend_from_slice(suffix);
        hash(&start[..(len.min(WINDOW)) as usize])
    };
    Mark {
        name: mark.name.clone(),
        len,
        head,
        tail: hash(&joined[tail_start..]),
    }
}

use crate::day_number::{day_number, from_day_number};

impl Checkpoint {
    /// A checkpoint of `progress`, folded in full (its `live` complete and its grades read),
    /// over the files `marks`.
    pub(crate) fn new(
        progress: &Progress,
        marks: Vec<Mark>,
        last: Option<Key>,
        max_clock: u64,
    ) -> Option<Self> {
        // Only the window is kept: the rest is never turned into text.
        let newest = progress.live.iter().map(|e| day_number(e.date)).max();
        let from = newest.map_or(i32::MIN, |n| n - RECENT_DAYS as i32);
        let mut window = String::new();
        push_window(&mut window, progress.live.iter(), from);
        Checkpoint::build(progress, window, i32::MIN, marks, last, max_clock)
    }

    /// This checkpoint extended: `progress` is its state with `added` (the events in effect
    /// appended since) applied. `None` when its window or its grades were not read, or when a
    /// grade came dated before one already folded (the grades are then incomplete).
    pub(crate) fn extended(
        &self,
        progress: &Progress,
        added: &[Event],
        marks: Vec<Mark>,
        last: Option<Key>,
        max_clock: u64,
    ) -> Option<Self> {
        let mut window = self.window.clone()?;
        push_window(&mut window, added.iter(), self.window_from);
        let mut extended =
            Checkpoint::build(progress, window, self.window_from, marks, last, max_clock)?;
        extended.sealed.clone_from(&self.sealed);
        Some(extended)
    }

    /// Notes that `device` sealed segment `number`, leaving its folder at `modified`.
    pub(crate) fn note_sealed(&mut self, device: &str, number: u32, modified: (i64, u32)) {
        match self.sealed.iter_mut().find(|s| s.device == device) {
            Some(folder) => {
                folder.highest = number;
                folder.count += 1;
                folder.modified = modified;
            }
            None => {
                self.sealed.push(Sealed {
                    device: device.to_string(),
                    highest: number,
                    count: 1,
                    modified,
                });
                self.sealed.sort_by(|a, b| a.device.cmp(&b.device));
            }
        }
    }

    fn build(
        progress: &Progress,
        window: String,
        window_from: i32,
        marks: Vec<Mark>,
        last: Option<Key>,
        max_clock: u64,
    ) -> Option<Self> {
        // Grades folded out of date order are not kept: the next command folds the log again.
        let mut grades = progress
            .reviews
            .grades()
            .filter(|g| g.is_complete())?
            .clone();
        grades.forget_old_review_counts();
        let grades_bytes = postcard::to_stdvec(&grades).ok()?;
        let newest = window_lines(&window).map(|(day, _)| day).max();
        let from = newest.map_or(window_from, |n| window_from.max(n - RECENT_DAYS as i32));
        let window = if window_lines(&window).any(|(day, _)| day < from) {
            window_lines(&window)
                .filter(|(day, _)| *day >= from)
                .map(|(day, json)| format!("{day} {json}\n"))
                .collect()
        } else {
            window
        };
        Some(Checkpoint {
            format: FORMAT,
            build: build_id(),
            marks,
            sealed: Vec::new(),
            last,
            max_clock,
            current_plan: progress.current_plan.clone(),
            starts: progress.starts.clone(),
            plans: progress.plans.clone(),
            practice: progress.practice.clone(),
            minutes: progress.minutes.clone(),
            window_from: from,
            window_hash: hash(window.as_bytes()),
            window: Some(window),
            pauses: progress
                .pause_events
                .iter()
                .filter_map(|e| serde_json::to_string(e).ok())
                .collect(),
            outlook: Outlook::of(&grades),
            grades: Some(grades),
            grades_hash: hash(&grades_bytes),
            grades_bytes: Some(grades_bytes),
        })
    }

    /// Reads the checkpoint in `cache`, if it is there, whole, and made by this build; without
    /// its window (see [`Checkpoint::with_window`]).
    pub(crate) fn load(cache: &Path) -> Option<Checkpoint> {
        let body = crate::fs::read_cache_file(&cache.join(FILE))?;
        let checkpoint: Checkpoint = postcard::from_bytes(&body).ok()?;
        (checkpoint.format == FORMAT && checkpoint.build == build_id()).then_some(checkpoint)
    }

    /// This checkpoint with its window read from `cache`, if the window file there is whole and
    /// the one written with it.
    pub(crate) fn with_window(mut self, cache: &Path) -> Option<Checkpoint> {
        if self.window.is_none() {
            let body = crate::fs::read_cache_file(&cache.join(RECENT_FILE))?;
            if hash(&body) != self.window_hash {
                return None;
            }
            self.window = Some(String::from_utf8(body).ok()?);
        }
        Some(self)
    }

    /// This checkpoint with its grades read from `cache`, if the grades file there is whole and
    /// the one written with it.
    pub(crate) fn with_grades(mut self, cache: &Path) -> Option<Checkpoint> {
        if self.grades.is_none() {
            let body = crate::fs::read_cache_file(&cache.join(GRADES_FILE))?;
            if hash(&body) != self.grades_hash {
                return None;
            }
            self.grades = Some(postcard::from_bytes(&body).ok()?);
        }
        Some(self)
    }

    /// Writes it to `cache` atomically, the window and the grades first, then the checkpoint;
    /// failure is only reported to the caller, who ignores it. A window or grades file left
    /// without its checkpoint by a failure in between does not match the checkpoint there, so
    /// it is never used with it.
    pub(crate) fn save(&self, cache: &Path) -> io::Result<()> {
        let window = self
            .window
            .as_ref()
            .ok_or_else(|| io::Error::other("the recent window was not read"))?;
        let grades = match (&self.grades_bytes, &self.grades) {
            (Some(bytes), _) => bytes.clone(),
            (None, Some(grades)) => postcard::to_stdvec(grades).map_err(io::Error::other)?,
            (None, None) => return Err(io::Error::other("the grades were not read")),
        };
        crate::fs::write_cache_file(&cache.join(RECENT_FILE), window.as_bytes().to_vec())?;
        crate::fs::write_cache_file(&cache.join(GRADES_FILE), grades)?;
        let bytes = postcard::to_stdvec(self).map_err(io::Error::other)?;
        crate::fs::write_cache_file(&cache.join(FILE), bytes)
    }

    /// The folded state; with `recent`, the window of events in effect too (else none).
    pub(crate) fn progress(&self, recent: bool) -> Progress {
        self.clone().into_progress(recent)
    }

    /// [`Checkpoint::progress`], taking the checkpoint (nothing is copied).
    pub(crate) fn into_progress(self, recent: bool) -> Progress {
        let (live, live_from) = if recent && let Some(window) = &self.window {
            let live = window_lines(window)
                .filter_map(|(_, line)| serde_json::from_str::<Event>(line).ok())
                .collect();
            (live, from_day_number(self.window_from))
        } else {
            (Vec::new(), NaiveDate::MAX)
        };
        Progress {
            current_plan: self.current_plan,
            starts: self.starts,
            plans: self.plans,
            live,
            live_from: Some(live_from),
            practice: self.practice,
            minutes: self.minutes,
            pause_events: self
                .pauses
                .iter()
                .filter_map(|line| serde_json::from_str::<Event>(line).ok())
                .collect(),
            reviews: Reviews::from_outlook(self.outlook, self.grades),
        }
    }
}

/// Appends the events dated `from` or later to a window, one `DAY JSON` line each.
fn push_window<'a>(window: &mut String, events: impl Iterator<Item = &'a Event>, from: i32) {
    for event in events {
        let day = day_number(event.date);
        if day >= from
            && let Ok(json) = serde_json::to_string(event)
        {
            window.push_str(&format!("{day} {json}\n"));
        }
    }
}

/// The lines of a window: (day, JSON).
fn window_lines(window: &str) -> impl Iterator<Item = (i32, &str)> {
    window.lines().filter_map(|line| {
        let (day, json) = line.split_once(' ')?;
        Some((day.parse().ok()?, json))
    })
}

/// Whether events appended since a checkpoint whose last key is `last` can extend it: each
/// sorts after it and none is an undo.
pub(crate) fn extends(last: Option<&Key>, events: &[Event]) -> bool {
    events.iter().all(|e| {
        !matches!(e.kind, EventKind::Undo { .. })
            && e.clock > 0
            && last.is_none_or(|key| key.is_before(e))
    })
}
