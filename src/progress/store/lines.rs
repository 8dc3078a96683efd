//! Reading the log's bytes: lines into events, and what is wrong with those that are not.

use std::path::Path;

use serde::Deserialize;

use super::StoreError;
use crate::event::{Event, SCHEMA_VERSION};

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

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

/// Parses a whole log: the events, and the line number of an unfinished last line, if any.
///
/// A last line without its newline that parses as an event (a hand edit; many editors add no
/// final newline) is an event like any other: writers add the newline under the lock. Only a
/// last line that does not parse is an interrupted write.
pub(super) fn parse(path: &Path, bytes: &[u8]) -> Result<(Vec<Event>, Option<usize>), StoreError> {
    // As many as there are lines: a long log is not held in a vector twice its size.
    let mut events = Vec::with_capacity(bytes.iter().filter(|&&b| b == b'\n').count() + 1);
    let mut tail = None;
    let complete = complete_len(bytes);
    for (n, (start, end)) in line_ranges(bytes).enumerate() {
        let line = n + 1;
        if start >= complete {
            // Blanks after the last newline are no more an event than a blank line is.
            if has_unterminated_tail(bytes) {
                match parse_line(&bytes[start..end]) {
                    Ok(Some(event)) => events.push(event),
                    _ => tail = Some(line),
                }
            }
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
pub(crate) fn scan(bytes: &[u8]) -> Scan {
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
            if let Ok(Some(event)) = parse_line(&bytes[start..end]) {
                scan.events.push((line, event));
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
///
/// A byte-order mark before the line (editors on Windows write one at the start of a file) is
/// not part of it.
pub(crate) fn parse_line(raw: &[u8]) -> Result<Option<Event>, (Problem, String)> {
    let raw = raw.strip_prefix(BOM).unwrap_or(raw);
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
pub(super) fn line_ranges(bytes: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
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
pub(super) fn complete_len(bytes: &[u8]) -> usize {
    bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

/// True when the file ends in an unfinished line that is not just blanks.
pub(super) fn has_unterminated_tail(bytes: &[u8]) -> bool {
    bytes[complete_len(bytes)..]
        .iter()
        .any(|b| !b.is_ascii_whitespace())
}
