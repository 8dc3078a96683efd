//! The home as a git repository: made the first time, its ignore and attribute lines kept,
//! and what a killed sync left behind cleared.

use std::fs;
use std::path::{Path, PathBuf};

use super::git::Git;
use super::{BRANCH, GITATTRIBUTES, GITIGNORE, OWNED_KEY, failed};

/// Makes the home a repository if it is not one, and writes the lines of `.gitignore` and
/// `.gitattributes` that are missing. Returns whether pymastery made the repository (a
/// repository of the user's own is used as it is, and only pymastery's files are committed).
pub(super) fn prepare_repository(git: &Git, notes: &mut Vec<String>) -> anyhow::Result<bool> {
    let home = git.dir();
    // Says "this sync is making the repository" until it is marked as pymastery's, so that a
    // sync killed in between is not taken for a repository of the user's own.
    let making = home.join(super::LOCAL_DIR).join("sync-init");
    if !git.is_repository() {
        fs::write(&making, "")
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", making.display()))?;
        git.run(&["init", "-q"])
            .map_err(|e| failed("make the home a git repository", &e))?;
        git.run(&["symbolic-ref", "HEAD", &format!("refs/heads/{BRANCH}")])
            .map_err(|e| failed("name the home repository's branch", &e))?;
    }
    if making.exists() {
        git.set_local_config(OWNED_KEY, "true")
            .map_err(|e| failed("configure the home repository", &e))?;
        let _ = fs::remove_file(&making);
    }
    let owned = git.local_config(OWNED_KEY).is_some();
    if !owned && git.local_config("pymastery.adopted").is_none() {
        notes.push(format!(
            "{} is already a git repository of your own: sync commits only log/ and curricula/ (and its lines in .gitignore and .gitattributes) there, and leaves your other files alone",
            home.display()
        ));
        let _ = git.set_local_config("pymastery.adopted", "true");
    }
    ensure_lines(
        &home.join(".gitignore"),
        &GITIGNORE,
        "# pymastery sync: what stays on this machine",
    )?;
    ensure_lines(
        &home.join(".gitattributes"),
        &GITATTRIBUTES,
        "# pymastery sync: log files merge by keeping both sides' lines",
    )?;
    Ok(owned)
}

/// Appends the `lines` a file lacks (with `heading` before them), keeping what it has.
pub(super) fn ensure_lines(path: &Path, lines: &[&str], heading: &str) -> anyhow::Result<()> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(anyhow::anyhow!("cannot read {}: {e}", path.display())),
    };
    let have: Vec<&str> = text.lines().map(str::trim).collect();
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| !have.contains(l))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut new = text.clone();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    if !have.contains(&heading) {
        new.push_str(heading);
        new.push('\n');
    }
    for line in missing {
        new.push_str(line);
        new.push('\n');
    }
    crate::fs::write_atomically(path, new.as_bytes())
}

/// Clears what a killed sync left: git's lock files in a repository pymastery made (no other
/// sync runs now, since this one holds the sync lock), and a merge left in progress.
pub(super) fn recover(git: &Git, owned: bool, notes: &mut Vec<String>) -> anyhow::Result<()> {
    let Some(git_dir) = git.git_dir() else {
        return Ok(());
    };
    if owned {
        let mut stale = Vec::new();
        for name in [
            "index.lock",
            "HEAD.lock",
            "ORIG_HEAD.lock",
            "config.lock",
            "packed-refs.lock",
        ] {
            let path = git_dir.join(name);
            if path.exists() {
                stale.push(path);
            }
        }
        collect_locks(&git_dir.join("refs"), &mut stale);
        for path in stale {
            if !super::git::settled(&path) && fs::remove_file(&path).is_ok() {
                notes.push(format!(
                    "removed {}, left by a sync that was interrupted",
                    path.display()
                ));
            }
        }
    }
    // Temporary files of a replacement the killed sync did not finish: the files they were to
    // replace are intact.
    let home = git.dir();
    let mut dirs = vec![home.join(super::LOG_DIR), home.join(super::PLANS_DIR)];
    if let Ok(entries) = fs::read_dir(home.join(super::LOG_DIR)) {
        dirs.extend(entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()));
    }
    for temp in dirs.iter().flat_map(|dir| crate::fs::stale_temp_files(dir)) {
        let _ = fs::remove_file(temp);
    }
    if git_dir.join("MERGE_HEAD").exists() {
        // Stat data may be stale (modes tightened, a file rewritten in the same second), and
        // `merge --abort` takes a stale entry for a local change it must not lose.
        let _ = git.run(&["update-index", "-q", "--refresh"]);
        // Both refuse while a file the merge wrote differs from what git recorded (a stale
        // stat entry under load, a plan edited since): then forget the merge and reset only
        // the index. The files stay as they are; what the merge brought is committed as this
        // machine's, and the merge that follows finds it already there.
        git.run(&["merge", "--abort"])
            .or_else(|_| git.run(&["reset", "--merge"]))
            .or_else(|_| {
                git.run(&["merge", "--quit"])?;
                git.run(&["reset", "-q"])
            })
            .map_err(|e| failed("undo the merge an interrupted sync left", &e))?;
        notes.push("undid the merge an interrupted sync left; this sync merges again".into());
    }
    Ok(())
}

fn collect_locks(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_locks(&path, into);
        } else if path.extension().is_some_and(|e| e == "lock") {
            into.push(path);
        }
    }
}

/// Files git writes get the user's umask (often 0644); notes are private, so the folders and
/// files sync carries are kept at 0700 and 0600 as every other write in the home (`doctor`
/// checks), and so is `.git` of a repository pymastery made.
pub(super) fn make_private(home: &Path, owned: bool) {
    let mut dirs = vec![home.join(super::LOG_DIR), home.join(super::PLANS_DIR)];
    if owned {
        dirs.push(home.join(".git"));
    }
    for dir in &dirs {
        set_mode(dir, 0o700);
    }
    for dir in &dirs[..2] {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                set_mode(&entry.path(), 0o600);
            }
        }
    }
}

/// Sets `path`'s mode if it is looser; best effort (doctor reports what stays loose).
#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = fs::symlink_metadata(path)
        && !meta.file_type().is_symlink()
        && meta.permissions().mode() & 0o077 != 0
    {
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode));
    }
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) {}
