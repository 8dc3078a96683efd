//! The copies folder-sync tools leave beside a log file they could not merge: Syncthing's
//! `*.sync-conflict-*`, Dropbox's `* (… conflicted copy …)*`, and `*.orig` (merge tools).
//!
//! `doctor` reports them; `doctor --repair` appends the events of a copy that no log file has
//! (by id) to this machine's log, unchanged, so each keeps its clock and device and the order
//! stays the one every machine agrees on; then it moves the copy into `quarantine/`, never
//! deleting it.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// A copy a folder-sync tool made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Copy {
    pub path: PathBuf,
}

/// Whether a file name is one of the copies folder-sync tools leave beside a file they could not
/// merge.
pub(crate) fn is_conflict_copy(name: &str) -> bool {
    name.contains(".sync-conflict-") || name.contains("conflicted copy") || name.ends_with(".orig")
}

/// The copies beside the log files: in `log/`, and beside the `progress.jsonl` of older
/// versions in the home itself. Sorted by path.
pub(crate) fn find(home: &Path) -> Vec<Copy> {
    let mut copies = Vec::new();
    let places = [
        (home.join(super::LOG_DIR), None),
        (home.to_path_buf(), Some("progress")),
    ];
    for (dir, prefix) in places {
        for entry in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let beside_a_log = prefix.is_none_or(|p| name.starts_with(p));
            if beside_a_log
                && is_conflict_copy(&name)
                && entry.file_type().is_ok_and(|t| t.is_file())
            {
                copies.push(Copy { path: entry.path() });
            }
        }
    }
    copies.sort_by(|a, b| a.path.cmp(&b.path));
    copies
}

#[derive(Deserialize)]
struct Id {
    id: String,
}

/// The event id of a log line, if it is an event.
pub(crate) fn line_id(line: &[u8]) -> Option<String> {
    serde_json::from_slice::<Id>(line).ok().map(|e| e.id)
}

/// The complete lines of `bytes` that are events whose id is not in `known`, each once, in
/// file order, with their newline. Lines that are not events stay in the copy.
pub(crate) fn missing_lines(bytes: &[u8], known: &HashSet<String>) -> Vec<u8> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for line in bytes.split(|&b| b == b'\n') {
        let Some(id) = line_id(line) else {
            continue;
        };
        if !known.contains(&id) && seen.insert(id) {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
    }
    out
}

/// Moves a copy into `quarantine/` (never replacing a file there); returns where it went.
pub(crate) fn set_aside(home: &Path, copy: &Copy) -> std::io::Result<PathBuf> {
    let dir = home.join(super::QUARANTINE_DIR);
    crate::fs::create_private_dir(&dir)?;
    let name = copy
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "copy".into());
    let mut target = dir.join(&name);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = dir.join(format!("{name}.{n}"));
    }
    fs::rename(&copy.path, &target)?;
    crate::fs::sync_parent_dir(&target);
    crate::fs::sync_parent_dir(&copy.path);
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_copies_of_syncthing_dropbox_and_merge_tools() {
        for name in [
            "laptop.sync-conflict-20261101-101010-ABCDEFG.jsonl",
            "progress (Ada's conflicted copy 2026-11-01).jsonl",
            "laptop.jsonl.orig",
        ] {
            assert!(is_conflict_copy(name), "{name}");
        }
        for name in ["laptop.jsonl", "sync-notes.jsonl", "original.jsonl"] {
            assert!(!is_conflict_copy(name), "{name}");
        }
    }

    #[test]
    fn takes_each_missing_event_once_and_leaves_what_is_not_an_event() {
        let known: HashSet<String> = ["a".to_string()].into();
        let copy = b"{\"id\":\"a\"}\n{\"id\":\"b\",\"x\":1}\ngarbage\n{\"id\":\"b\",\"x\":1}\n{\"id\":\"c\"}\n{\"id\":\"d";
        assert_eq!(
            missing_lines(copy, &known),
            b"{\"id\":\"b\",\"x\":1}\n{\"id\":\"c\"}\n".to_vec()
        );
    }
}
