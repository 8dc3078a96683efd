//! `doctor --repair`: moves damaged lines to `quarantine/`, tightens modes, removes stale
//! temporary files and merges folder-sync copies; nothing is deleted that holds anything.

use std::fs;
use std::path::PathBuf;

use super::{files, logs, sync};
use crate::commands::Context;
use crate::decide::doctor::{Finding, Kind};
use crate::progress::store::user_error;

/// Repairs what `findings` say can be repaired, and says what it did, one line an action.
pub(super) fn run(ctx: &Context, findings: &[Finding]) -> anyhow::Result<Vec<String>> {
    ctx.home.check_owner()?;
    let mut repaired = quarantine_bad_lines(ctx)?;
    for finding in findings.iter().filter(|f| f.kind == Kind::Permissions) {
        let path = PathBuf::from(&finding.file);
        let mode = if path.is_dir() { 0o700 } else { 0o600 };
        files::set_mode(&path, mode)?;
        repaired.push(format!("set the mode of {} to {mode:04o}", path.display()));
    }
    for finding in findings.iter().filter(|f| f.kind == Kind::StaleTemp) {
        let path = PathBuf::from(&finding.file);
        fs::remove_file(&path)
            .map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", path.display()))?;
        repaired.push(format!("removed {}", path.display()));
    }
    // After the modes, so that a copy goes to quarantine/ private.
    repaired.extend(sync::merge_copies(ctx)?);
    Ok(repaired)
}

/// Moves the damaged lines of this machine's log files to a dated file in `quarantine/`.
fn quarantine_bad_lines(ctx: &Context) -> anyhow::Result<Vec<String>> {
    let others = logs::other_machines(ctx);
    let mut repaired = Vec::new();
    for log in ctx.store().files().map_err(user_error)? {
        if others.iter().any(|p| p == log.path()) {
            // Its machine repairs it; a line rewritten here would never match there.
            continue;
        }
        let moved = log.repair().map_err(user_error)?;
        for bad in &moved.moved {
            repaired.push(format!(
                "moved {}:{} to {}",
                log.path().display(),
                bad.line,
                moved.quarantine.display()
            ));
        }
    }
    Ok(repaired)
}
