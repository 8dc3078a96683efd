//! Reading the log files for the checks: every file's lines, which files are other
//! machines', and which cannot be read.

use std::path::{Path, PathBuf};

use crate::commands::Context;
use crate::decide::doctor::{Finding, Kind};
use crate::progress::StoreError;
use crate::progress::store::{Scan, segments};

/// The log files of a home, read.
pub(super) struct Logs {
    /// Each readable log file with its lines sorted.
    pub scans: Vec<(PathBuf, Scan)>,
    /// The files (or the folder) that could not be read.
    pub unreadable: Vec<Finding>,
    /// The files that other machines write: see [`other_machines`].
    pub others: Vec<PathBuf>,
}

/// Reads every log file of the home; nothing here writes.
pub(super) fn read(ctx: &Context) -> Logs {
    let store = ctx.store();
    let mut unreadable = Vec::new();
    let files = match store.files() {
        Ok(files) => files,
        Err(e) => {
            unreadable.push(cannot_read(store.home(), &e));
            Vec::new()
        }
    };
    let mut scans = Vec::new();
    for log in files {
        match log.scan() {
            Ok(Some(scan)) => scans.push((log.path().to_path_buf(), scan)),
            Ok(None) => {}
            Err(e) => unreadable.push(cannot_read(log.path(), &e)),
        }
    }
    Logs {
        scans,
        unreadable,
        others: other_machines(ctx),
    }
}

/// The log files (active and sealed) of other machines in a home that knows its own device:
/// those sync brought.
/// Nothing here creates a device id (doctor only reads).
pub(super) fn other_machines(ctx: &Context) -> Vec<PathBuf> {
    let local = ctx.home.local_dir();
    if !local.join(crate::progress::device::DEVICE_FILE).is_file() {
        return Vec::new();
    }
    let store = ctx.store();
    let Ok(device) = store.device() else {
        return Vec::new();
    };
    let log_dir = store.log_dir();
    let device_of = |path: &Path| -> Option<String> {
        let rel = path.strip_prefix(&log_dir).ok()?.to_str()?;
        segments::device_of(rel).map(|(device, _)| device.to_string())
    };
    store
        .log_files()
        .map(|files| {
            files
                .into_iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| device_of(p).is_some_and(|d| d != device.id))
                .collect()
        })
        .unwrap_or_default()
}

/// A log file that cannot be read, or is not a regular file.
fn cannot_read(path: &Path, err: &StoreError) -> Finding {
    let path = match err {
        StoreError::NotRegular { path, .. } | StoreError::Io { path, .. } => path.as_path(),
        _ => path,
    };
    Finding::problem(
        Kind::Unreadable,
        path,
        None,
        format!("cannot read the progress log: {err}"),
    )
}
