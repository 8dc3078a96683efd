//! `pymastery sync`: carries the home's log files and imported plans between machines through a
//! git repository, with the user's own git.
//!
//! One sync: make the home a repository the first time (its `.gitignore` keeps per-machine and
//! derived files out; its `.gitattributes` merges log files by union, a second safety net behind
//! per-machine files), commit what this machine recorded, fetch, merge, push; a push rejected
//! because the remote moved meanwhile is fetched, merged and pushed once more.
//!
//! The log files are committed from their complete lines only, read under the log's lock, so a
//! commit never holds half a line, and the merge runs under the same lock, so no append lands in
//! a file while git replaces it. Everything a killed sync leaves behind (git's lock files of this
//! repository, a merge in progress) is cleared by the next one, which then completes.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use crate::error::{WithHint, bad_input};

pub mod copies;
pub mod git;
pub mod tally;

use git::{Git, GitFailure};
use tally::{Events, Seen};

/// The folder of log files in the home.
pub const LOG_DIR: &str = "log";
/// The folder of imported plans, which travel with the log.
const PLANS_DIR: &str = crate::home::PLANS_DIR;
/// Where what a sync sets aside goes (a plan two machines changed differently).
const QUARANTINE_DIR: &str = "quarantine";
/// The branch a new home repository commits to.
const BRANCH: &str = "main";
/// Key in the repository's own config naming the remote sync uses.
const REMOTE_KEY: &str = "pymastery.remote";
/// Key in the repository's own config saying pymastery made the repository.
const OWNED_KEY: &str = "pymastery.home";

/// What never travels: per-machine state, derived data, locks, temporary files, and the copies
/// folder-sync tools make (`doctor --repair` merges those into the log).
pub const GITIGNORE: [&str; 10] = [
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
pub const GITATTRIBUTES: [&str; 3] = [
    "log/*.jsonl merge=union -text",
    ".gitignore merge=union",
    ".gitattributes merge=union",
];

/// What a sync needs to know.
#[derive(Debug, Clone)]
pub struct Options {
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
pub struct Outcome {
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
pub fn sync(options: &Options) -> anyhow::Result<Outcome> {
    let home = &options.home;
    let repository_exists = home.join(".git").exists();
    if options.remote.is_none() && !repository_exists {
        return Err(no_remote());
    }
    let git = Git::new(home, options.interactive)?;
    crate::home::create_private_dir(home)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", home.display()))?;
    let git = git.with_identity();
    if options.remote.is_none() && git.local_config(REMOTE_KEY).is_none() {
        return Err(no_remote());
    }
    let _sync_lock = lock_sync(home)?;
    let mut outcome = Outcome::default();
    let owned = prepare_repository(&git, &mut outcome.notes)?;
    recover(&git, owned, &mut outcome.notes)?;
    let (name, url) = resolve_remote(&git, options.remote.as_deref(), &mut outcome.notes)?;
    outcome.remote_name.clone_from(&name);
    outcome.remote_url.clone_from(&url);
    let branch = git
        .run(&["symbolic-ref", "--short", "HEAD"])
        .map_err(|e| failed("find the home repository's branch", &e))?;

    with_log_locked(&options.own_log, || commit_new(&git, options, owned))?;
    let upstream = fetch(&git, &name, &url, &branch)?;
    let base = with_log_locked(&options.own_log, || {
        commit_new(&git, options, owned)?;
        let base = tally::events_at(&git, git.rev("HEAD").as_deref())
            .map_err(|e| failed("read the home's commits", &e))?;
        merge(&git, &name, upstream.as_ref(), &mut outcome.notes)?;
        Ok(base)
    })?;
    let mut remote_rev = upstream.as_ref().and_then(|u| git.rev(&u.tracking));
    let mut target = upstream
        .as_ref()
        .map_or(branch.clone(), |u| u.branch.clone());
    if !push(&git, &name, &url, &target, remote_rev.as_deref())? {
        let upstream = fetch(&git, &name, &url, &branch)?;
        with_log_locked(&options.own_log, || {
            commit_new(&git, options, owned)?;
            merge(&git, &name, upstream.as_ref(), &mut outcome.notes)
        })?;
        remote_rev = upstream.as_ref().and_then(|u| git.rev(&u.tracking));
        target = upstream.as_ref().map_or(branch, |u| u.branch.clone());
        if !push(&git, &name, &url, &target, remote_rev.as_deref())? {
            return Err(anyhow::Error::new(WithHint {
                message: format!(
                    "the remote {name} ({url}) refused the push twice: it changed again while this sync merged"
                ),
                hint: "run `pymastery sync` again; everything is committed in the home, nothing was lost".into(),
            }));
        }
    }

    let now = tally::events_at(&git, git.rev("HEAD").as_deref())
        .map_err(|e| failed("read the home's commits", &e))?;
    let remote = tally::events_at(&git, remote_rev.as_deref())
        .map_err(|e| failed("read the remote's commits", &e))?;
    outcome.received = owned_copies(tally::new_in(&now, &base));
    outcome.sent = owned_copies(tally::new_in(&now, &remote));
    Ok(outcome)
}

fn owned_copies(seen: Vec<&Seen>) -> Vec<Seen> {
    seen.into_iter().cloned().collect()
}

fn no_remote() -> anyhow::Error {
    bad_input(
        "no remote to sync with: give one the first time, a URL (`pymastery sync git@host:you/progress.git`) or the path of a bare repository (`git init --bare`)",
    )
}

/// A git step that failed for a reason other than the network.
fn failed(what: &str, failure: &GitFailure) -> anyhow::Error {
    anyhow::Error::new(WithHint {
        message: format!("cannot {what}: {failure}"),
        hint: "run `pymastery sync` again; if it fails the same way, look at the home with `git status`".into(),
    })
}

/// The device name of a path `log/<device>.jsonl` (relative to the home), unless it is a copy a
/// folder-sync tool made.
pub fn log_device(path: &str) -> Option<String> {
    let name = path.strip_prefix(LOG_DIR)?.strip_prefix('/')?;
    let stem = name.strip_suffix(".jsonl")?;
    if stem.is_empty()
        || stem.contains('/')
        || stem.starts_with('.')
        || copies::is_conflict_copy(name)
    {
        return None;
    }
    Some(stem.to_string())
}

/// One sync at a time per home: an exclusive lock on `local/sync.lock`.
fn lock_sync(home: &Path) -> anyhow::Result<File> {
    let dir = home.join("local");
    crate::home::create_private_dir(&dir)
        .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join("sync.lock");
    let file = crate::home::private_file_options()
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

/// Makes the home a repository if it is not one, and writes the lines of `.gitignore` and
/// `.gitattributes` that are missing. Returns whether pymastery made the repository (a
/// repository of the user's own is used as it is, and only pymastery's files are committed).
fn prepare_repository(git: &Git, notes: &mut Vec<String>) -> anyhow::Result<bool> {
    let home = git.dir();
    if !git.is_repository() {
        git.run(&["init", "-q"])
            .map_err(|e| failed("make the home a git repository", &e))?;
        git.run(&["symbolic-ref", "HEAD", &format!("refs/heads/{BRANCH}")])
            .map_err(|e| failed("name the home repository's branch", &e))?;
        git.set_local_config(OWNED_KEY, "true")
            .map_err(|e| failed("configure the home repository", &e))?;
    }
    let mut owned = git.local_config(OWNED_KEY).is_some();
    if !owned
        && git.rev("HEAD").is_none()
        && git.run_quiet(&["remote"]).is_some_and(|r| r.is_empty())
    {
        // An empty repository with no remote: ours, made by a sync killed before it marked it.
        git.set_local_config(OWNED_KEY, "true")
            .map_err(|e| failed("configure the home repository", &e))?;
        owned = true;
    }
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
fn ensure_lines(path: &Path, lines: &[&str], heading: &str) -> anyhow::Result<()> {
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
    crate::home::write_atomically(path, new.as_bytes())
}

/// Clears what a killed sync left: git's lock files in a repository pymastery made (no other
/// sync runs now, since this one holds the sync lock), and a merge left in progress.
fn recover(git: &Git, owned: bool, notes: &mut Vec<String>) -> anyhow::Result<()> {
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
            if fs::remove_file(&path).is_ok() {
                notes.push(format!(
                    "removed {}, left by a sync that was interrupted",
                    path.display()
                ));
            }
        }
    }
    if git_dir.join("MERGE_HEAD").exists() {
        git.run(&["merge", "--abort"])
            .or_else(|_| git.run(&["reset", "--merge"]))
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

/// The remote to sync with: the one given (a remote's name, a URL or a path), remembered for
/// the next time, else the remembered one. Returns its name and URL.
fn resolve_remote(
    git: &Git,
    given: Option<&str>,
    notes: &mut Vec<String>,
) -> anyhow::Result<(String, String)> {
    let remembered = git.local_config(REMOTE_KEY);
    let url_of = |name: &str| git.run_quiet(&["remote", "get-url", name]);
    let name = match given {
        None => {
            let name = remembered.ok_or_else(no_remote)?;
            if url_of(&name).is_none() {
                return Err(bad_input(format!(
                    "the remote '{name}' that sync remembered is gone from the home's repository; give one: `pymastery sync REMOTE`"
                )));
            }
            name
        }
        Some(given) if url_of(given).is_some() => given.to_string(),
        Some(given) => {
            let url = remote_url(given);
            let remotes = git.run_quiet(&["remote"]).unwrap_or_default();
            let same = remotes
                .lines()
                .find(|name| url_of(name).is_some_and(|u| u == url));
            match (same, remembered) {
                (Some(name), _) => name.to_string(),
                (None, Some(name)) if url_of(&name).is_some() => {
                    git.run(&["remote", "set-url", &name, &url])
                        .map_err(|e| failed("change the remote", &e))?;
                    notes.push(format!("the remote {name} now points at {url}"));
                    name
                }
                (None, _) => {
                    let taken: Vec<&str> = remotes.lines().collect();
                    let name = ["origin", "pymastery"]
                        .into_iter()
                        .find(|n| !taken.contains(n))
                        .unwrap_or("pymastery-sync");
                    git.run(&["remote", "add", name, &url])
                        .map_err(|e| failed("add the remote", &e))?;
                    name.to_string()
                }
            }
        }
    };
    git.set_local_config(REMOTE_KEY, &name)
        .map_err(|e| failed("remember the remote", &e))?;
    let url = url_of(&name).unwrap_or_default();
    Ok((name, url))
}

/// A remote as git should store it: URLs (`https://...`, `git@host:path`) as given, a path made
/// absolute so that it means the same from any directory.
fn remote_url(given: &str) -> String {
    let scp_like = given
        .split_once(':')
        .is_some_and(|(host, _)| !host.contains('/') && host.len() > 1);
    if given.contains("://") || scp_like {
        return given.to_string();
    }
    let path = Path::new(given);
    let absolute = path
        .canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf());
    absolute.display().to_string()
}

/// The remote branch sync merges and pushes to.
#[derive(Debug, Clone)]
struct Upstream {
    /// Its name on the remote.
    branch: String,
    /// The remote-tracking ref holding what was fetched.
    tracking: String,
}

/// Fetches the remote's branches; returns the one to merge, if the remote has any: the branch
/// of the same name, else the remote's only branch.
fn fetch(git: &Git, name: &str, url: &str, branch: &str) -> anyhow::Result<Option<Upstream>> {
    let refspec = format!("+refs/heads/*:refs/remotes/{name}/*");
    git.run(&["fetch", "--quiet", "--no-tags", "--prune", name, &refspec])
        .map_err(|e| unreachable(name, url, &e))?;
    let prefix = format!("refs/remotes/{name}/");
    let branches: Vec<String> = git
        .run(&["for-each-ref", "--format=%(refname)", &prefix])
        .unwrap_or_default()
        .lines()
        .filter_map(|r| r.strip_prefix(&prefix))
        .filter(|b| *b != "HEAD")
        .map(str::to_string)
        .collect();
    let chosen = if branches.iter().any(|b| b == branch) {
        Some(branch.to_string())
    } else if branches.len() == 1 {
        branches.into_iter().next()
    } else {
        None
    };
    Ok(chosen.map(|branch| Upstream {
        tracking: format!("{prefix}{branch}"),
        branch,
    }))
}

fn unreachable(name: &str, url: &str, failure: &GitFailure) -> anyhow::Error {
    anyhow::Error::new(WithHint {
        message: format!("cannot reach the remote {name} ({url}): {}", failure.reason()),
        hint: "check the address, the network and your access to it, then run `pymastery sync` again; what you recorded is kept in the home and goes out with the next sync".into(),
    })
}

/// Pushes HEAD to `branch` unless the remote already has it. `Ok(false)` when the remote
/// rejected it because it moved on since the fetch.
fn push(
    git: &Git,
    name: &str,
    url: &str,
    branch: &str,
    remote_rev: Option<&str>,
) -> anyhow::Result<bool> {
    let head = git.rev("HEAD");
    if head.is_none() || head.as_deref() == remote_rev {
        return Ok(true);
    }
    let refspec = format!("HEAD:refs/heads/{branch}");
    match git.run(&["push", "--porcelain", "--quiet", name, &refspec]) {
        Ok(_) => Ok(true),
        Err(failure) => {
            let rejected = failure
                .stdout
                .lines()
                .any(|l| l.starts_with('!') && l.contains("rejected"));
            if rejected {
                Ok(false)
            } else {
                Err(unreachable(name, url, &failure))
            }
        }
    }
}

/// Merges what was fetched into HEAD. Log files cannot conflict (one writer each, and union
/// merges). A plan that both machines changed keeps this machine's version; the other one is
/// saved in `quarantine/`. Any other conflict (in a repository of the user's own) undoes the
/// merge and says which files.
fn merge(
    git: &Git,
    name: &str,
    upstream: Option<&Upstream>,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let Some(upstream) = upstream else {
        return Ok(());
    };
    if git
        .run(&["merge-base", "--is-ancestor", &upstream.tracking, "HEAD"])
        .is_ok()
    {
        return Ok(());
    }
    let message = format!("Merge progress from {name}");
    let merged = git.run(&[
        "merge",
        "--quiet",
        "--no-edit",
        "--no-verify",
        "--allow-unrelated-histories",
        "-m",
        &message,
        &upstream.tracking,
    ]);
    let Err(failure) = merged else {
        return Ok(());
    };
    let conflicted: Vec<String> = git
        .run_quiet(&["diff", "--name-only", "--diff-filter=U"])
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect();
    let plans_only = !conflicted.is_empty()
        && conflicted
            .iter()
            .all(|p| p.starts_with(&format!("{PLANS_DIR}/")));
    if !plans_only {
        if git.git_dir().is_some_and(|d| d.join("MERGE_HEAD").exists()) {
            let _ = git.run(&["merge", "--abort"]);
        }
        let what = if conflicted.is_empty() {
            failure.reason()
        } else {
            format!(
                "these files changed on both sides: {}",
                conflicted.join(", ")
            )
        };
        return Err(anyhow::Error::new(WithHint {
            message: format!("cannot merge what came from {name}: {what}"),
            hint: "nothing was lost and the home is as before the merge; settle these files with git in the home, then run `pymastery sync` again".into(),
        }));
    }
    for path in &conflicted {
        keep_our_plan(git, path, name, notes)?;
    }
    git.run(&["commit", "--quiet", "--no-edit", "--no-verify"])
        .map_err(|e| failed("finish the merge", &e))?;
    Ok(())
}

/// Settles a plan both sides changed: ours stays, theirs goes to `quarantine/`.
fn keep_our_plan(
    git: &Git,
    path: &str,
    remote: &str,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    let home = git.dir();
    if let Ok(theirs) = git.output(&["show", &format!(":3:{path}")], None) {
        let dir = home.join(QUARANTINE_DIR);
        crate::home::create_private_dir(&dir)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", dir.display()))?;
        let file = Path::new(path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "plan.md".into());
        let saved = dir.join(format!("{file}.from-{remote}"));
        crate::home::write_atomically(&saved, &theirs.stdout)?;
        notes.push(format!(
            "the plan {path} was changed on both machines: kept this machine's version, saved the other as {}",
            saved.display()
        ));
    }
    let ours_exists = git.run(&["cat-file", "-e", &format!(":2:{path}")]).is_ok();
    let settled = if ours_exists {
        git.run(&["checkout", "--ours", "--", path])
            .and_then(|_| git.run(&["add", "--", path]))
    } else {
        git.run(&["rm", "--quiet", "--", path])
    };
    settled.map_err(|e| failed("settle a plan changed on both machines", &e))?;
    Ok(())
}

/// Commits what this machine recorded since the last commit: the complete lines of every log
/// file, the imported plans, and sync's own files. Call with the own log locked.
fn commit_new(git: &Git, options: &Options, owned: bool) -> anyhow::Result<()> {
    stage_logs(git, options)?;
    let mut paths = vec![".gitignore", ".gitattributes"];
    let plans_tracked = git
        .run_quiet(&["ls-files", "--", PLANS_DIR])
        .is_some_and(|l| !l.is_empty());
    if options.home.join(PLANS_DIR).is_dir() || plans_tracked {
        paths.push(PLANS_DIR);
    }
    let mut args = vec!["add", "-A", "--"];
    args.extend(&paths);
    git.run(&args)
        .map_err(|e| failed("stage the imported plans", &e))?;

    let staged: Vec<String> = git
        .run(&["diff", "--cached", "--name-only", "-z"])
        .map_err(|e| failed("list what to commit", &e))?
        .split('\0')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    if staged.is_empty() {
        return Ok(());
    }
    if !owned {
        let foreign: Vec<&String> = staged.iter().filter(|p| !is_synced_path(p)).collect();
        if !foreign.is_empty() {
            return Err(anyhow::Error::new(WithHint {
                message: format!(
                    "the home's git repository has changes staged that are not pymastery's ({}), so sync will not commit",
                    foreign.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
                ),
                hint: "commit or unstage them (`git restore --staged FILE` in the home), then run `pymastery sync` again".into(),
            }));
        }
    }
    let message = commit_message(git, &options.device)?;
    git.run(&["commit", "--quiet", "--no-verify", "-m", &message])
        .map_err(|e| failed("commit the new events", &e))?;
    Ok(())
}

/// Whether sync commits this path of the home.
fn is_synced_path(path: &str) -> bool {
    log_device(path).is_some()
        || path.starts_with(&format!("{PLANS_DIR}/"))
        || path == ".gitignore"
        || path == ".gitattributes"
}

/// Stages the complete lines of every log file. A file that ends in a complete line is added as
/// it is; one that ends in an unfinished line (an append in flight elsewhere, or one a crash
/// cut) is staged without that line.
fn stage_logs(git: &Git, options: &Options) -> anyhow::Result<()> {
    let dir = options.home.join(LOG_DIR);
    let mut whole = Vec::new();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let rel = format!("{LOG_DIR}/{name}");
        if log_device(&rel).is_none() {
            continue;
        }
        let path = dir.join(&name);
        let bytes =
            fs::read(&path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let complete = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        if complete == bytes.len() {
            whole.push(rel);
            continue;
        }
        let blob = git
            .hash_blob(&bytes[..complete])
            .map_err(|e| failed("stage a log file", &e))?;
        git.run(&[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("100644,{blob},{rel}"),
        ])
        .map_err(|e| failed("stage a log file", &e))?;
    }
    if !whole.is_empty() {
        let mut args = vec!["add", "--"];
        args.extend(whole.iter().map(String::as_str));
        git.run(&args)
            .map_err(|e| failed("stage the log files", &e))?;
    }
    Ok(())
}

/// `3 sessions, 2 ticks from laptop`, and the plans that changed.
fn commit_message(git: &Git, device: &str) -> anyhow::Result<String> {
    let diff = git
        .output(
            &[
                "diff",
                "--cached",
                "--no-color",
                "--no-ext-diff",
                "-U0",
                "--",
                &format!("{LOG_DIR}/"),
            ],
            None,
        )
        .map_err(|e| failed("read what is new", &e))?;
    let mut added = Events::new();
    for line in diff.stdout.split(|&b| b == b'\n') {
        if let Some(rest) = line.strip_prefix(b"+")
            && !line.starts_with(b"+++")
        {
            tally::events_of(rest, device, &mut added);
        }
    }
    let events: Vec<&Seen> = added.values().collect();
    let plans = git
        .run(&["diff", "--cached", "--name-status", "--", PLANS_DIR])
        .unwrap_or_default();
    let mut parts = Vec::new();
    if !events.is_empty() {
        parts.push(tally::describe(&events));
    }
    for line in plans.lines() {
        let (Some((status, _)), Some(path)) = (line.split_once('\t'), line.rsplit('\t').next())
        else {
            continue;
        };
        let plan = Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let verb = match status.chars().next() {
            Some('A') => "imported",
            Some('D') => "removed",
            _ => "updated",
        };
        parts.push(format!("plan {plan} {verb}"));
    }
    Ok(if parts.is_empty() {
        format!("Sync set up on {device}")
    } else {
        format!("{} from {device}", parts.join(", "))
    })
}
