//! The checks of the home's files, which read the file system: modes, temporary files left
//! by interrupted replacements, note drafts, and `config.toml`.

use std::fs;
use std::path::{Path, PathBuf};

use crate::commands::Context;
use crate::config::Config;
use crate::decide::doctor::{self as decide, Finding, Kind};

/// The home, its files, and the imported plans must be private: notes are personal.
pub(super) fn permissions(home: &Path) -> Vec<Finding> {
    let mut paths = vec![home.to_path_buf()];
    let dirs = [
        crate::home::PLANS_DIR,
        crate::home::LOG_DIR,
        crate::home::LOCAL_DIR,
        crate::home::QUARANTINE_DIR,
    ];
    for dir in std::iter::once(home.to_path_buf()).chain(dirs.map(|d| home.join(d))) {
        paths.extend(sorted_entries(&dir));
    }
    paths
        .iter()
        .filter_map(|path| {
            let meta = fs::symlink_metadata(path).ok()?;
            if !meta.is_dir() && !meta.is_file() {
                return None;
            }
            decide::loose_mode(path, mode_of(&meta)?, meta.is_dir())
        })
        .collect()
}

/// Temporary files (`.NAME.tmp-PID`) that a process killed in the middle of a replacement left
/// behind: only those whose process is gone (or, where there is no `/proc` to ask, that are an
/// hour old), so that a write in progress is never touched.
pub(super) fn stale_temporary_files(home: &Path) -> Vec<Finding> {
    let dirs = [
        "",
        crate::home::LOG_DIR,
        crate::home::LOCAL_DIR,
        crate::home::CACHE_DIR,
        "cache/plans",
        crate::home::QUARANTINE_DIR,
        crate::home::PLANS_DIR,
    ];
    let files = dirs.iter().flat_map(|dir| sorted_entries(&home.join(dir)));
    files
        .filter(|path| fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            let pid = decide::temp_file_pid(&name)?;
            let size = fs::metadata(&path).map_or(0, |m| m.len());
            crate::fs::writer_gone(pid, &path).then(|| decide::stale_temp(&path, size, pid))
        })
        .collect()
}

/// The paths in `dir`, sorted; none when it cannot be read.
fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    paths
}

/// Notes written in the editor that were never recorded.
pub(super) fn note_drafts(home: &Path) -> Vec<Finding> {
    let drafts = home.join(crate::commands::reflection::DRAFTS_DIR);
    crate::commands::reflection::drafts(&drafts)
        .into_iter()
        .map(|(path, _)| {
            Finding::notice(
                Kind::NoteDraft,
                &path,
                None,
                "a note written in the editor that was never recorded; the next `pymastery done --note` opens it again".to_string(),
            )
        })
        .collect()
}

/// `config.toml`, when it is there and cannot be read: named by line, as the commands name it.
pub(super) fn config(ctx: &Context) -> Option<Finding> {
    let path = ctx.home.config_path();
    let problem = |line, message| Some(Finding::problem(Kind::Config, &path, line, message));
    match crate::config::read_text(&path) {
        Ok(Some(text)) => {
            let damaged = Config::parse(&path, &text).err()?;
            problem(damaged.at.map(|(line, _)| line), damaged.problem)
        }
        Ok(None) => None,
        Err(e) => problem(None, format!("{e:#}")),
    }
}

#[cfg(unix)]
fn mode_of(meta: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode_of(_meta: &fs::Metadata) -> Option<u32> {
    None
}

#[cfg(unix)]
pub(super) fn set_mode(path: &Path, mode: u32) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .map_err(|e| anyhow::anyhow!("cannot change the mode of {}: {e}", path.display()))
}

#[cfg(not(unix))]
pub fn set_mode(_path: &Path, _mode: u32) -> anyhow::Result<()> {
    Ok(())
}
