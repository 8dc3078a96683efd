//! What sync and folder-sync tools leave in a home: versions sync set aside in `quarantine/`,
//! and copies of log files (`progress (conflicted copy).jsonl`) whose events `--repair` adds
//! to this machine's log.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::commands::Context;
use crate::decide::doctor::{Finding, Kind};
use crate::progress::store::user_error;
use crate::render::text::plural;
use crate::sync::copies;

/// What sync set aside in `quarantine/`: a plan whose edit here did not merge with another
/// machine's, or a remote's version of a log that lacked events this home holds.
pub(super) fn set_aside(home: &Path) -> Vec<Finding> {
    let dir = home.join(crate::home::QUARANTINE_DIR);
    let mut found: Vec<PathBuf> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains(".sync-"))
        })
        .collect();
    found.sort();
    found
        .iter()
        .map(|path| {
            Finding::notice(
                Kind::SetAsideBySync,
                path,
                None,
                "set aside by sync: a version that did not merge with another machine's (nothing of it is lost; compare it with the plan or log of that name, and remove it when done)".to_string(),
            )
        })
        .collect()
}

/// The copies folder-sync tools left beside a log file, with how many events they alone hold.
pub(super) fn copies(ctx: &Context) -> Vec<Finding> {
    let found = copies::find(ctx.home.dir());
    if found.is_empty() {
        return Vec::new();
    }
    let known = known_ids(ctx).unwrap_or_default();
    found
        .iter()
        .map(|copy| {
            let missing = fs::read(&copy.path)
                .map(|bytes| copies::missing_lines(&bytes, &known))
                .unwrap_or_default();
            Finding::problem(
                Kind::SyncConflictCopy,
                &copy.path,
                None,
                format!(
                    "a copy a folder-sync tool left beside a log file, with {} that no log file has; `doctor --repair` adds them to this machine's log and moves the copy to quarantine/",
                    plural(lines_in(&missing), "event")
                ),
            )
        })
        .collect()
}

/// Appends the events of each folder-sync copy that no log file has to this machine's log, as
/// they are (each keeps its id, clock and device), then moves the copy to `quarantine/`; says
/// what it did.
pub(super) fn merge_copies(ctx: &Context) -> anyhow::Result<Vec<String>> {
    let found = copies::find(ctx.home.dir());
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let store = ctx.store();
    let device = crate::commands::device_id(&store)?;
    store.migrate(&device)?;
    let own = store.device_file(&device);
    let mut repaired = Vec::new();
    for copy in found {
        let bytes = fs::read(&copy.path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", copy.path.display()))?;
        let mut locked = own.lock().map_err(user_error)?;
        // Read under the lock, so that an event appended meanwhile is not added twice.
        let known = known_ids(ctx)?;
        let missing = copies::missing_lines(&bytes, &known);
        let events = lines_in(&missing);
        if events > 0 {
            locked.append_lines(missing, |file, lines| {
                std::io::Write::write_all(file, lines)
            })?;
        }
        drop(locked);
        let moved = copies::set_aside(ctx.home.dir(), &copy)
            .map_err(|e| anyhow::anyhow!("cannot move {} aside: {e}", copy.path.display()))?;
        repaired.push(format!(
            "added {} of {} to {}, and moved the copy to {}",
            plural(events, "event"),
            copy.path.display(),
            own.path().display(),
            moved.display()
        ));
    }
    Ok(repaired)
}

/// Event ids in the log files, leaving out the copies folder-sync tools made.
fn known_ids(ctx: &Context) -> anyhow::Result<HashSet<String>> {
    let mut known = HashSet::new();
    for log in ctx.store().files().map_err(user_error)? {
        let name = log
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if copies::is_conflict_copy(&name) {
            continue;
        }
        let bytes = log.read_bytes().map_err(user_error)?.unwrap_or_default();
        known.extend(bytes.split(|&b| b == b'\n').filter_map(copies::line_id));
    }
    Ok(known)
}

/// How many complete lines `bytes` holds.
fn lines_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}
