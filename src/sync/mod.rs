//! `pymastery sync`: carries the home's log files and imported plans between machines through a
//! git repository, with the user's own git.
//!
//! One sync: make the home a repository the first time (its `.gitignore` keeps per-machine and
//! derived files out), commit what this machine recorded, fetch, check what arrived
//! ([`arrival`]), merge it by pymastery's rules (`merge`), push; a push rejected because the
//! remote moved meanwhile is fetched, checked, merged and pushed once more. A remote given for
//! the first time is remembered only once it has been fetched from and passed the check.
//!
//! The log files are committed from their complete lines only, read under the log's lock, so a
//! commit never holds half a line, and only as appends, so a file git left cut short is written
//! back rather than sent; the merge runs under the same lock, so no append lands in a file while
//! git replaces it. Everything a killed sync leaves behind (git's lock files of this repository,
//! a merge in progress, a file half written) is cleared by the next one, which then completes.

use std::fs::File;
use std::path::{Path, PathBuf};

use crate::error::bad_input;
use crate::progress::store::segments;

pub(crate) mod arrival;
mod commit;
pub(crate) mod copies;
pub(crate) mod git;
mod merge;
mod remote;
mod repository;
pub(crate) mod tally;

use commit::commit_new;
use git::check_transport;
use git::{Git, GitFailure};
use merge::merge;
use remote::{Chosen, Rejected, choose_remote, fetch, push};
use repository::{make_private, prepare_repository, recover};
use tally::Seen;

/// The folder of log files in the home.
pub(crate) const LOG_DIR: &str = crate::home::LOG_DIR;
/// The folder of imported plans, which travel with the log.
const PLANS_DIR: &str = crate::home::PLANS_DIR;
/// Per-machine state, never synced: the sync lock lives here.
const LOCAL_DIR: &str = crate::home::LOCAL_DIR;
/// Where what a sync sets aside goes (a plan two machines changed differently).
const QUARANTINE_DIR: &str = crate::home::QUARANTINE_DIR;
/// The branch a new home repository commits to.
const BRANCH: &str = "main";
/// Key in the repository's own config naming the remote sync uses.
const REMOTE_KEY: &str = "pymastery.remote";
/// Key in the repository's own config saying pymastery made the repository.
const OWNED_KEY: &str = "pymastery.home";

/// What never travels: per-machine state, derived data, locks, temporary files, and the copies
/// folder-sync tools make (`doctor --repair` merges those into the log).
pub(crate) const GITIGNORE: [&str; 10] = [
    "/local/",
    "/cache/",
    "/quarantine/",
    "/config.toml",
    "*.lock",
    ".*.tmp*",
    "*.quarantine-*.jsonl",
    "*.sync-conflict-*",
    "*conflicted copy*",
    "*.orig",
];

/// Log files merge by keeping both sides' lines (events count once by id, so a line that comes
/// twice is harmless); `-text` keeps their bytes as written on every platform.
pub(crate) const GITATTRIBUTES: [&str; 3] = [
    "log/*.jsonl merge=union -text",
    ".gitignore merge=union",
    ".gitattributes merge=union",
];

/// What a sync needs to know.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The home, an absolute path.
    pub home: PathBuf,
    /// The remote given on the command line, if any.
    pub remote: Option<String>,
    /// This machine's log file, the only one it appends to.
    pub own_log: PathBuf,
    /// This machine's name, for commit messages.
    pub device: String,
    /// Whether git may ask the user for a password.
    pub interactive: bool,
}

/// What a sync did.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// The remote's name in the home's repository, and its URL or path.
    pub remote_name: String,
    pub remote_url: String,
    /// Events that came in from other machines.
    pub received: Vec<Seen>,
    /// Events the remote did not have before this sync.
    pub sent: Vec<Seen>,
    /// Things worth telling the user (a repository of their own, a plan set aside).
    pub notes: Vec<String>,
}

/// Runs one sync of the home.
pub(crate) fn sync(options: &Options) -> anyhow::Result<Outcome> {
    let home = &options.home;
    if let Some(remote) = &options.remote
        && (remote.trim().is_empty() || remote.starts_with('-'))
    {
        // git would read `-...` as an option of its own.
        return Err(bad_input(format!(
            "'{remote}' is not a remote: give a git URL or the path of a repository (write a path that starts with '-' as ./-...)"
        )));
    }
    if let Some(remote) = &options.remote {
        check_transport(remote)?;
    }
    let dot_git = home.join(".git");
    if std::fs::symlink_metadata(&dot_git).is_ok_and(|m| !m.is_dir()) {
        return Err(anyhow::Error::new(crate::error::CommandError::failure(format!(
                "{} is not a repository of its own (its .git is a file or a link that points elsewhere), and sync does not follow it",
                dot_git.display()
            )).hinted("move that .git away (the home's files stay), then run `pymastery sync REMOTE` to make the home a repository of its own")));
    }
    let repository_exists = dot_git.exists();
    if options.remote.is_none() && !repository_exists {
        return Err(no_remote());
    }
    let git = Git::new(home, options.interactive)?;
    crate::fs::create_private_dir(home)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", home.display()))?;
    let git = git.with_identity();
    if options.remote.is_none() && git.local_config(REMOTE_KEY).is_none() {
        let remotes = git.run_quiet(&["remote"]).unwrap_or_default();
        if let Some(first) = remotes.lines().next() {
            // A repository of the user's own, with remotes sync was never told to use.
            return Err(bad_input(format!(
                "no remote to sync with yet: name one the first time; this repository has {} (`pymastery sync {first}`)",
                remotes.lines().collect::<Vec<_>>().join(", ")
            )));
        }
        return Err(no_remote());
    }
    let _sync_lock = lock_sync(home)?;
    let mut outcome = Outcome::default();
    let owned = prepare_repository(&git, &mut outcome.notes)?;
    recover(&git, owned, &mut outcome.notes)?;
    make_private(home, owned);
    let remote = choose_remote(&git, options.remote.as_deref())?;
    let (name, url) = (remote.name.clone(), remote.url.clone());
    outcome.remote_name.clone_from(&name);
    outcome.remote_url.clone_from(&url);
    let branch = git
        .run(&["symbolic-ref", "--short", "HEAD"])
        .map_err(|e| failed("find the home repository's branch", &e))?;

    with_log_locked(&options.own_log, || {
        commit_new(&git, options, owned, &mut outcome.notes)
    })?;
    let upstream = fetch_checked(&git, &remote, &branch)?;
    remote.remember(&git, &mut outcome.notes)?;
    // Under the log's lock: what this machine recorded is committed, then what came merged.
    let commit_and_merge = |upstream: Option<&remote::Upstream>, notes: &mut Vec<String>| {
        with_log_locked(&options.own_log, || {
            let mut attempts = 0;
            loop {
                commit_new(&git, options, owned, notes)?;
                let before = git.rev("HEAD");
                match merge(&git, &name, upstream, &options.own_log, notes) {
                    Err(e) if e.is::<merge::HeadMoved>() && attempts < 3 => {
                        attempts += 1;
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    Err(e) => return Err(e),
                    Ok(()) => {
                        make_private(home, owned);
                        return Ok(before);
                    }
                }
            }
        })
    };
    let base_rev = commit_and_merge(upstream.as_ref(), &mut outcome.notes)?;
    let mut remote_rev = upstream.as_ref().and_then(|u| git.rev(&u.tracking));
    let mut target = upstream
        .as_ref()
        .map_or(branch.clone(), |u| u.branch.clone());
    if let Err(Rejected(_)) = push(&git, &name, &url, &target, remote_rev.as_deref())? {
        // The remote moved on since the fetch: fetch, merge and push once more.
        let upstream = fetch_checked(&git, &remote, &branch)?;
        commit_and_merge(upstream.as_ref(), &mut outcome.notes)?;
        remote_rev = upstream.as_ref().and_then(|u| git.rev(&u.tracking));
        target = upstream.as_ref().map_or(branch, |u| u.branch.clone());
        if let Err(Rejected(reason)) = push(&git, &name, &url, &target, remote_rev.as_deref())? {
            return Err(anyhow::Error::new(crate::error::CommandError::failure(format!(
                    "the remote {name} ({url}) refused the push, also after fetching and merging once more: {reason}"
                )).hinted("run `pymastery sync` again later (the remote may be busy, or it may refuse pushes to this branch); everything is committed in the home, nothing was lost")));
        }
    }

    // As git's own porcelain does after it writes objects: packs them once there are many.
    let _ = git.run(&["gc", "--auto", "--quiet"]);

    // Counted from the log files that changed, not the whole history.
    let now_rev = git.rev("HEAD");
    let count = |from: Option<&str>| {
        tally::new_between(&git, from, now_rev.as_deref())
            .map_err(|e| failed("read the home's commits", &e))
    };
    outcome.received = count(base_rev.as_deref())?;
    outcome.sent = count(remote_rev.as_deref())?;
    Ok(outcome)
}

/// Fetches the remote and checks what it brings before anything of it is merged.
fn fetch_checked(
    git: &Git,
    remote: &Chosen,
    branch: &str,
) -> anyhow::Result<Option<remote::Upstream>> {
    let upstream = fetch(git, remote, branch)?;
    if let Some(upstream) = &upstream {
        let head = git.rev("HEAD");
        let changes = arrival::changes(git, head.as_deref(), &upstream.tracking)
            .map_err(|e| failed("read what the remote brings", &e))?;
        let related = match &head {
            None => true,
            Some(head) => git
                .run_quiet(&["merge-base", head, &upstream.tracking])
                .is_some(),
        };
        arrival::check(git, &remote.name, &changes, related)?;
    }
    Ok(upstream)
}

fn no_remote() -> anyhow::Error {
    bad_input(
        "no remote to sync with: give one the first time, a URL (`pymastery sync git@host:you/progress.git`) or the path of a bare repository (`git init --bare`)",
    )
}

/// A git step that failed for a reason other than the network.
fn failed(what: &str, failure: &GitFailure) -> anyhow::Error {
    anyhow::Error::new(crate::error::CommandError::failure(format!("cannot {what}: {failure}")).hinted("run `pymastery sync` again; if it fails the same way, look at the home with `git status`"))
}

/// The device whose log a path (relative to the home) is: its active file
/// `log/<device>.jsonl` or a sealed segment `log/<device>/<NNNNNN>.jsonl`; `None` for anything
/// else, a copy a folder-sync tool made included.
pub(crate) fn log_device(path: &str) -> Option<String> {
    let name = path.strip_prefix(LOG_DIR)?.strip_prefix('/')?;
    if copies::is_conflict_copy(name) {
        return None;
    }
    segments::device_of(name).map(|(device, _)| device.to_string())
}

/// Whether a path (relative to the home) is a sealed segment of a machine's log.
pub(crate) fn is_sealed_segment(path: &str) -> bool {
    path.strip_prefix(LOG_DIR)
        .and_then(|p| p.strip_prefix('/'))
        .and_then(segments::device_of)
        .is_some_and(|(_, number)| number.is_some())
}

/// The layout marker's path relative to the home (see [`segments::LAYOUT_MARKER`]).
pub(crate) fn layout_marker() -> String {
    format!("{LOG_DIR}/{}", segments::LAYOUT_MARKER)
}

/// One sync at a time per home: an exclusive lock on `local/sync.lock`.
fn lock_sync(home: &Path) -> anyhow::Result<File> {
    let dir = home.join(LOCAL_DIR);
    crate::fs::create_private_dir(&dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("sync.lock");
    let file = crate::fs::private_file_options()
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
    file.lock()
        .map_err(|e| anyhow::anyhow!("cannot lock {}: {e}", path.display()))?;
    Ok(file)
}

/// Runs `f` holding the exclusive lock of this machine's log, so that no command appends to it
/// while sync reads it for a commit or git replaces it in a merge. A log not yet written needs no
/// lock.
fn with_log_locked<T>(log: &Path, f: impl FnOnce() -> anyhow::Result<T>) -> anyhow::Result<T> {
    let file = match File::open(log) {
        Ok(file) => Some(file),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(anyhow::anyhow!("cannot open {}: {e}", log.display())),
    };
    if let Some(file) = &file {
        file.lock()
            .map_err(|e| anyhow::anyhow!("cannot lock {}: {e}", log.display()))?;
    }
    let result = f();
    drop(file);
    result
}

/// Whether sync commits this path of the home.
fn is_synced_path(path: &str) -> bool {
    log_device(path).is_some()
        || path == layout_marker()
        || path.starts_with(&format!("{PLANS_DIR}/"))
        || path == ".gitignore"
        || path == ".gitattributes"
}
