//! The file system, the way every part of pymastery writes to it: private folders and files,
//! atomic replacement, and derived data checked by a hash. A leaf: it uses nothing of the
//! crate, so the home, the store, the plan cache and sync can all use it.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

/// The names of the folders and files in a home, for every module that finds its own way
/// there (the store, sync, doctor) without going through `home`.
pub(crate) mod layout {
    /// Per-machine state that is never synced (the device id): `local/`.
    pub(crate) const LOCAL_DIR: &str = "local";
    /// Derived data (the checkpoint, parsed plans), safe to delete at any time: `cache/`.
    pub(crate) const CACHE_DIR: &str = "cache";
    /// Lines taken out of a log (damaged, interrupted), per machine: `quarantine/`.
    pub(crate) const QUARANTINE_DIR: &str = "quarantine";
    /// File name of the settings inside the home.
    pub(crate) const CONFIG_FILE: &str = "config.toml";
    /// Folder of imported plans inside the home.
    pub(crate) const PLANS_DIR: &str = "curricula";
}

/// Creates `path` and its missing parents with mode 0700.
#[cfg(unix)]
pub(crate) fn create_private_dir(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(path)
}

/// Creates `path` and its missing parents.
#[cfg(not(unix))]
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    fs::create_dir_all(path)
}

/// Opens a file for writing with mode 0600 (on Unix), creating it if needed.
pub(crate) fn private_file_options() -> fs::OpenOptions {
    #[allow(unused_mut)]
    let mut options = fs::OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

/// Replaces `target` with `bytes` through a synced temporary file and a rename, so that a reader
/// or a crash never sees it half written. The file gets mode 0600.
pub(crate) fn write_atomically(target: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    replace_file(target, bytes).with_context(|| format!("cannot write {}", target.display()))
}

/// [`write_atomically`] for callers with their own error type: a 0600 temporary file in the
/// same directory, synced, renamed over `target`, and the directory synced.
pub(crate) fn replace_file(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = target.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut file = private_file_options()
            .write(true)
            .create(true)
            .truncate(true)
            .open(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temp, target)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result?;
    sync_parent_dir(target);
    Ok(())
}

/// The identity of the running executable (its size and modification time), once per process:
/// derived data made by another build (a checkpoint, a parsed plan) may not match this one.
pub(crate) fn executable_id() -> (u64, u64) {
    static ID: std::sync::OnceLock<(u64, u64)> = std::sync::OnceLock::new();
    *ID.get_or_init(|| {
        let meta = std::env::current_exe().and_then(fs::metadata);
        meta.map_or((0, 0), |m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64);
            (m.len(), modified)
        })
    })
}

/// A stable 64-bit hash of `bytes` (SipHash with fixed keys), for checking derived data.
pub(crate) fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher as _;
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Writes derived data (`cache/`): `bytes` and their [`content_hash`], through a temporary
/// file renamed over `target`, without syncing (a file lost in a crash is made again). Creates
/// the directory, but never the home.
pub(crate) fn write_cache_file(target: &Path, mut bytes: Vec<u8>) -> std::io::Result<()> {
    let sum = content_hash(&bytes);
    bytes.extend_from_slice(&sum.to_le_bytes());
    let dir = target.parent().unwrap_or(Path::new("."));
    create_private_dir(dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = private_file_options()
        .write(true)
        .create(true)
        .truncate(true)
        .open(&temp)
        .and_then(|mut f| std::io::Write::write_all(&mut f, &bytes))
        .and_then(|()| fs::rename(&temp, target));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

/// Reads what [`write_cache_file`] wrote, if it is there and its hash matches.
pub(crate) fn read_cache_file(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = fs::read(path).ok()?;
    let body_len = bytes.len().checked_sub(8)?;
    let sum = u64::from_le_bytes(bytes[body_len..].try_into().ok()?);
    bytes.truncate(body_len);
    (content_hash(&bytes) == sum).then_some(bytes)
}

/// Makes a rename or a new file in `path`'s directory durable; best effort.
pub(crate) fn sync_parent_dir(path: &Path) {
    #[cfg(unix)]
    if let Some(dir) = path.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(dir) = fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The process id in the name of a temporary file [`write_atomically`] makes, `.NAME.tmp-PID`.
pub(crate) fn temp_file_pid(name: &str) -> Option<u32> {
    let (_, pid) = name.strip_prefix('.')?.rsplit_once(".tmp-")?;
    pid.parse().ok()
}

/// Whether process `pid`, which wrote the temporary file at `path`, is gone: asked of `/proc`
/// where there is one, else guessed from an hour without a change to the file.
pub(crate) fn writer_gone(pid: u32, path: &Path) -> bool {
    if pid == std::process::id() {
        return false;
    }
    if Path::new("/proc/self").exists() {
        return !Path::new("/proc").join(pid.to_string()).exists();
    }
    fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 3600)
}

/// The temporary files in `dir` that a process killed in the middle of a replacement left:
/// only those whose process is gone, so that a write in progress is never touched.
pub(crate) fn stale_temp_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|path| fs::symlink_metadata(path).is_ok_and(|m| m.is_file()))
        .filter(|path| {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            name.and_then(|n| temp_file_pid(&n))
                .is_some_and(|pid| writer_gone(pid, path))
        })
        .collect();
    paths.sort();
    paths
}
