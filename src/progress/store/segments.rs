//! The log of one machine as segments that stop changing.
//!
//! A machine appends to its active file, `log/<device>.jsonl`. Once that file holds
//! [`DEFAULT_SEGMENT_BYTES`] or more, the next write first moves it whole (one rename, under the
//! file's lock) to `log/<device>/<NNNNNN>.jsonl`, the next number in that folder, and begins a
//! new active file. A sealed segment is never appended to again, so:
//!
//! - a sync commits only the active files that grew, small blobs that git stores and sends
//!   cheaply, however long the history (the folder of sealed segments changes only when one is
//!   sealed);
//! - a command checks the active files against the checkpoint and takes sealed segments the
//!   checkpoint already folded as they are, by name.
//!
//! The first seal also writes [`LAYOUT_MARKER`], a log file holding one line of a newer log
//! format, so that an older pymastery (which reads only `log/*.jsonl`) refuses the home with
//! "upgrade pymastery" instead of missing the sealed events.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The size at which the active file is sealed before the next write: about four months of
/// daily use, small enough that a sync's new blob costs a few kilobytes.
pub(crate) const DEFAULT_SEGMENT_BYTES: u64 = 64 * 1024;

/// Overrides [`DEFAULT_SEGMENT_BYTES`] (tests seal after a few events).
pub(crate) const SEGMENT_BYTES_VARIABLE: &str = "PYMASTERY_SEGMENT_BYTES";

/// The file in `log/` that tells an older pymastery this home has sealed segments.
pub(crate) const LAYOUT_MARKER: &str = "segments.jsonl";

/// What [`LAYOUT_MARKER`] holds: an event of a log format no older pymastery reads.
pub(crate) const LAYOUT_LINE: &str = "{\"v\":3,\"id\":\"log-layout-segments\",\"type\":\"layout\",\"note\":\"each machine's log is split into segments in log/<device>/; this needs pymastery 0.2 or later\"}\n";

/// Digits of a sealed segment's number.
const DIGITS: usize = 6;

/// A size set in-process (by [`set_segment_bytes`]); 0 when none is.
static SEGMENT_BYTES_SET: AtomicU64 = AtomicU64::new(0);

/// Seals at `bytes` in this process, whatever the environment says (for tests that drive the
/// commands in-process).
pub fn set_segment_bytes(bytes: u64) {
    SEGMENT_BYTES_SET.store(bytes, Ordering::Relaxed);
}

/// The size the active file is sealed at.
pub(crate) fn segment_bytes() -> u64 {
    let set = SEGMENT_BYTES_SET.load(Ordering::Relaxed);
    if set > 0 {
        return set;
    }
    std::env::var(SEGMENT_BYTES_VARIABLE)
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(DEFAULT_SEGMENT_BYTES)
}

/// Where a path inside `log/` stands: the device whose log it is, and the number of the sealed
/// segment (`None` for the active file). `None` for anything else (the marker, hidden or
/// temporary files, copies folder-sync tools leave, deeper folders).
pub(crate) fn device_of(rel: &str) -> Option<(&str, Option<u32>)> {
    let (device, rest) = match rel.split_once('/') {
        Some((device, sealed)) => (device, Some(sealed)),
        None => (rel.strip_suffix(".jsonl")?, None),
    };
    if !valid_device(device) || rel == LAYOUT_MARKER {
        return None;
    }
    match rest {
        None => Some((device, None)),
        Some(sealed) => {
            let number = sealed.strip_suffix(".jsonl")?;
            if number.len() != DIGITS || !number.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            Some((device, Some(number.parse().ok()?)))
        }
    }
}

/// A device id as a file name: not empty, not hidden, no separators or spaces (a folder-sync
/// tool's conflict copy has them).
fn valid_device(device: &str) -> bool {
    !device.is_empty()
        && !device.starts_with('.')
        && device
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The name of sealed segment `number` of `device`, relative to `log/`.
pub(crate) fn sealed_name(device: &str, number: u32) -> String {
    format!("{device}/{number:0DIGITS$}.jsonl")
}

/// The sealed segments of the device whose folder is `dir`, by number (none when there is no
/// folder).
pub(crate) fn sealed_in(dir: &Path) -> io::Result<Vec<(u32, PathBuf)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut sealed: Vec<(u32, PathBuf)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let number = name
                .strip_suffix(".jsonl")
                .filter(|n| n.len() == DIGITS && n.bytes().all(|b| b.is_ascii_digit()))?
                .parse()
                .ok()?;
            Some((number, e.path()))
        })
        .collect();
    sealed.sort();
    Ok(sealed)
}

/// Seals the active file `active` of `device` in `log_dir`: renames it to the next sealed
/// segment and writes the layout marker if it is missing. The caller holds the file's lock
/// (a writer waiting on it opens the new active file: see `LogFile::lock`). Returns the sealed
/// segment's number.
pub(crate) fn seal(log_dir: &Path, device: &str, active: &Path) -> io::Result<u32> {
    let marker = log_dir.join(LAYOUT_MARKER);
    if !marker.exists() {
        crate::fs::replace_file(&marker, LAYOUT_LINE.as_bytes())?;
    }
    let dir = log_dir.join(device);
    crate::fs::create_private_dir(&dir)?;
    let number = sealed_in(&dir)?.last().map_or(1, |(n, _)| n + 1);
    let name = sealed_name(device, number);
    let target = log_dir.join(&name);
    if target.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is there already", target.display()),
        ));
    }
    fs::rename(active, &target)?;
    crate::fs::sync_parent_dir(&target);
    crate::fs::sync_parent_dir(active);
    Ok(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_files_and_sealed_segments_are_told_from_everything_else() {
        assert_eq!(device_of("laptop.jsonl"), Some(("laptop", None)));
        assert_eq!(device_of("laptop/000012.jsonl"), Some(("laptop", Some(12))));
        for other in [
            LAYOUT_MARKER,
            ".laptop.jsonl.tmp-1",
            "laptop.sync-conflict-20261102.jsonl",
            "laptop (conflicted copy).jsonl",
            "laptop/12.jsonl",
            "laptop/000012.jsonl.tmp",
            "laptop/a/000001.jsonl",
            "laptop.txt",
        ] {
            assert_eq!(device_of(other), None, "{other}");
        }
        assert_eq!(sealed_name("laptop", 3), "laptop/000003.jsonl");
    }
}
