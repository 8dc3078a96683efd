//! Running the user's own `git` on the home: their credentials, their SSH set-up, their config,
//! never changed outside the home's own repository.
//!
//! Every run is pinned to the home: the process runs in it, `GIT_CEILING_DIRECTORIES` stops git
//! from finding a repository in a folder above it, and `GIT_DIR`-style variables inherited from a
//! hook are removed. When standard input is not a terminal git must never wait for a password
//! (`GIT_TERMINAL_PROMPT=0`, and SSH in batch mode unless the user chose their own SSH command).
//!
//! Nothing in the repository runs: every git command gets `-c core.hooksPath=/dev/null`
//! (no hook of the home's `.git` or of a global `core.hooksPath`) and `-c core.fsmonitor=false`,
//! and only the file, ssh, git and https transports are allowed (`protocol.allow=never` with
//! those four let through), so a remote such as `ext::…` or `fd::…` never runs or waits.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, SystemTime};

use crate::error::bad_input;

/// Variables that would point git at another repository than the home's.
const REPOSITORY_VARIABLES: [&str; 6] = [
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_NAMESPACE",
];

/// Settings every git command of sync runs with, whatever the user's config says.
const SAFE_SETTINGS: [&str; 7] = [
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "protocol.allow=never",
    "protocol.file.allow=always",
    "protocol.ssh.allow=always",
    "protocol.git.allow=always",
    "protocol.https.allow=always",
];

/// The identity used for commits on a machine where git has none configured.
const FALLBACK_NAME: &str = "pymastery";
const FALLBACK_EMAIL: &str = "pymastery@localhost";

/// A failed git command: what was run, and the last thing git said.
#[derive(Debug)]
pub(crate) struct GitFailure {
    pub args: String,
    pub stdout: String,
    pub stderr: String,
}

impl GitFailure {
    /// Whether git refused to move a ref because another git moved it first.
    fn raced(&self) -> bool {
        self.stderr.contains("cannot lock ref") && self.stderr.contains("but expected")
    }

    /// The lock file git could not create because it exists (`Unable to create
    /// '….lock': File exists.`): held by another git, or left by one that is gone.
    fn held_lock(&self) -> Option<PathBuf> {
        let (_, rest) = self.stderr.split_once("Unable to create '")?;
        let (path, _) = rest.split_once("': File exists")?;
        Some(PathBuf::from(path))
    }

    /// What git said went wrong, whole: every `fatal:`/`error:` line and what follows it (file
    /// names included), without the prefixes and git's `hint:` lines; the last line when git
    /// said nothing of the kind.
    pub(crate) fn reason(&self) -> String {
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("hint:"))
            .collect();
        // SSH says why it could not connect before git says that it could not read.
        if let Some(ssh) = lines.iter().find(|l| l.starts_with("ssh:")) {
            return tidy(ssh.trim_start_matches("ssh:"));
        }
        let first = lines
            .iter()
            .position(|l| l.starts_with("fatal:") || l.starts_with("error:"));
        let chosen: Vec<String> = match first {
            Some(i) => lines[i..].iter().map(|l| tidy(l)).collect(),
            None => lines.last().map(|l| tidy(l)).into_iter().collect(),
        };
        let reason = chosen
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        if reason.is_empty() {
            return "git gave no reason".to_string();
        }
        crate::render::text::excerpt(&reason, 2000)
    }
}

/// A line of git's without its `fatal:`/`error:` prefix or final full stop.
fn tidy(line: &str) -> String {
    line.trim_start_matches("fatal:")
        .trim_start_matches("error:")
        .trim()
        .trim_end_matches('.')
        .to_string()
}

impl std::fmt::Display for GitFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`git {}` failed: {}", self.args, self.reason())
    }
}

impl std::error::Error for GitFailure {}

/// The home's repository, and how to run git on it.
#[derive(Debug, Clone)]
pub(crate) struct Git {
    dir: PathBuf,
    program: OsString,
    interactive: bool,
    /// `-c user.name=... -c user.email=...` when the user has no identity of their own.
    identity: Vec<String>,
    /// Whether SSH must run in batch mode (no terminal, and no SSH command of the user's).
    ssh_batch: bool,
}

impl Git {
    /// Git for the home at `dir` (an absolute path). Fails with one sentence when git is missing.
    /// Call [`Git::with_identity`] once the home exists.
    pub(crate) fn new(dir: &Path, interactive: bool) -> anyhow::Result<Git> {
        let git = Git {
            dir: dir.to_path_buf(),
            program: OsString::from("git"),
            interactive,
            identity: Vec::new(),
            ssh_batch: false,
        };
        let version = Command::new(&git.program)
            .arg("--version")
            .stdin(Stdio::null())
            .output();
        match version {
            Ok(output) if output.status.success() => Ok(git),
            Ok(_) | Err(_) => Err(anyhow::Error::new(crate::error::CommandError::failure("sync needs git, and git cannot be run here (it is not installed, or not on PATH)").hinted("install git (https://git-scm.com), then run `pymastery sync` again; nothing was changed"))),
        }
    }

    /// Adds a fallback identity for commits when git has no name or email configured, so that
    /// sync works on a fresh machine without touching the user's global config; and, without a
    /// terminal, puts SSH in batch mode unless the user chose an SSH command of their own.
    pub(crate) fn with_identity(mut self) -> Git {
        self.ssh_batch = !self.interactive
            && std::env::var_os("GIT_SSH_COMMAND").is_none()
            && std::env::var_os("GIT_SSH").is_none()
            && self
                .run_quiet(&["config", "--get", "core.sshCommand"])
                .is_none_or(|v| v.is_empty());
        let configured = |key: &str| {
            self.run_quiet(&["config", "--get", key])
                .is_some_and(|v| !v.is_empty())
        };
        let name = configured("user.name");
        let email = configured("user.email");
        if !name {
            self.identity.push(format!("user.name={FALLBACK_NAME}"));
        }
        if !email {
            self.identity.push(format!("user.email={FALLBACK_EMAIL}"));
        }
        self
    }

    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// The git process for `args`, pinned to the home.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.program);
        for setting in SAFE_SETTINGS {
            command.arg("-c").arg(setting);
        }
        for pair in &self.identity {
            command.arg("-c").arg(pair);
        }
        command.args(args).current_dir(&self.dir);
        for name in REPOSITORY_VARIABLES {
            command.env_remove(name);
        }
        if let Some(parent) = self.dir.parent() {
            command.env("GIT_CEILING_DIRECTORIES", parent);
        }
        command
            .env("GIT_MERGE_AUTOEDIT", "no")
            .env("GIT_EDITOR", "true")
            .env("LC_ALL", "C");
        if !self.interactive {
            command.env("GIT_TERMINAL_PROMPT", "0");
            command.stdin(Stdio::null());
        }
        if self.ssh_batch {
            command.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        }
        command
    }

    /// Runs git and returns its output, or why it failed. A git that could not take a lock
    /// another git holds, or found a ref moved by another git (one a killed sync left running),
    /// changed nothing: it is run again, when that lock is let go or a moment later.
    pub(crate) fn output(&self, args: &[&str], stdin: Option<&[u8]>) -> Result<Output, GitFailure> {
        let mut tries: u64 = 0;
        loop {
            tries += 1;
            match self.output_once(args, stdin) {
                Err(failure)
                    if tries < 4 && failure.held_lock().is_some_and(|lock| settled(&lock)) => {}
                // A ref another git moved meanwhile (a fetch of a killed sync finishing): the
                // command changed nothing, and the next try sees where the ref is now.
                Err(failure) if tries < 4 && failure.raced() => {
                    std::thread::sleep(Duration::from_millis(100 * tries));
                }
                result => return result,
            }
        }
    }

    fn output_once(&self, args: &[&str], stdin: Option<&[u8]>) -> Result<Output, GitFailure> {
        let mut command = self.command(args);
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        if stdin.is_some() {
            command.stdin(Stdio::piped());
        }
        let failure = |stderr: String| GitFailure {
            args: args.join(" "),
            stdout: String::new(),
            stderr,
        };
        let mut child = command.spawn().map_err(|e| failure(e.to_string()))?;
        if let Some(bytes) = stdin
            && let Some(mut pipe) = child.stdin.take()
        {
            // A git that exits early closes the pipe; its exit status says why.
            let _ = pipe.write_all(bytes);
        }
        let output = child
            .wait_with_output()
            .map_err(|e| failure(e.to_string()))?;
        if output.status.success() {
            Ok(output)
        } else {
            Err(GitFailure {
                args: args.join(" "),
                stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            })
        }
    }

    /// Runs git and returns its standard output, trimmed.
    pub(crate) fn run(&self, args: &[&str]) -> Result<String, GitFailure> {
        self.output(args, None)
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    }

    /// Runs git for a yes-or-no question: its output on success, `None` on failure.
    pub(crate) fn run_quiet(&self, args: &[&str]) -> Option<String> {
        self.run(args).ok()
    }

    /// Whether the home is the top of a git repository (not merely inside one).
    pub(crate) fn is_repository(&self) -> bool {
        self.run_quiet(&["rev-parse", "--show-toplevel"])
            .is_some_and(|top| same_dir(Path::new(&top), &self.dir))
    }

    /// The object id `rev` names, if it names one.
    pub(crate) fn rev(&self, rev: &str) -> Option<String> {
        self.run_quiet(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
    }

    /// The repository's own directory (`.git`, or where a `.git` file points).
    pub(crate) fn git_dir(&self) -> Option<PathBuf> {
        let dir = self.run_quiet(&["rev-parse", "--absolute-git-dir"])?;
        Some(PathBuf::from(dir))
    }

    /// A key of the repository's own config (never the user's global one).
    pub(crate) fn local_config(&self, key: &str) -> Option<String> {
        self.run_quiet(&["config", "--local", "--get", key])
            .filter(|v| !v.is_empty())
    }

    pub(crate) fn set_local_config(&self, key: &str, value: &str) -> Result<(), GitFailure> {
        self.run(&["config", "--local", key, value]).map(drop)
    }

    /// The blob `object`, read with a limit: `None` when it holds more than `max` bytes (git
    /// is stopped there; the size git reports is not trusted).
    pub(crate) fn blob_limited(&self, object: &str, max: u64) -> std::io::Result<Option<Vec<u8>>> {
        use std::io::Read as _;
        let mut child = self
            .command(&["cat-file", "blob", object])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut bytes = Vec::new();
        if let Some(stdout) = child.stdout.take() {
            stdout.take(max + 1).read_to_end(&mut bytes)?;
        }
        let _ = child.kill();
        let status = child.wait()?;
        if bytes.len() as u64 > max {
            return Ok(None);
        }
        if !status.success() {
            return Err(std::io::Error::other(format!(
                "git could not read {object}"
            )));
        }
        Ok(Some(bytes))
    }

    /// Writes `bytes` as a blob and returns its id.
    pub(crate) fn hash_blob(&self, bytes: &[u8]) -> Result<String, GitFailure> {
        self.output(&["hash-object", "-w", "--stdin"], Some(bytes))
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    }
}

/// The transports sync and plans' upstreams use: local paths, `file://`, `ssh://` (and `host:path`), `git://` and
/// `https://`. Anything else (`http://`, `ext::…`, `fd::…`) is refused before git sees it.
pub(crate) fn check_transport(given: &str) -> anyhow::Result<()> {
    const ALLOWED: [&str; 6] = ["file", "ssh", "git", "https", "git+ssh", "ssh+git"];
    let refuse = |scheme: &str| {
        Err(bad_input(format!(
            "'{given}' uses the {scheme} transport, which pymastery does not use with git: give a path, or a file://, ssh://, git:// or https:// URL (or host:path for ssh)"
        )))
    };
    if let Some((scheme, _)) = given.split_once("://") {
        if ALLOWED.contains(&scheme.to_ascii_lowercase().as_str()) {
            return Ok(());
        }
        return refuse(scheme);
    }
    if let Some((helper, _)) = given.split_once("::") {
        return refuse(helper);
    }
    Ok(())
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// How long a git lock file may be in use before it counts as left behind. A sync killed with
/// `kill -9` leaves its git child running to the end of its step; that git holds its lock for
/// well under this.
const LOCK_PATIENCE: Duration = Duration::from_secs(10);

/// Waits while a lock file is young, since a git still running may hold it: true once it is
/// gone, false when it is older than [`LOCK_PATIENCE`] or dated in the future (left by a git
/// that is gone).
pub(super) fn settled(path: &Path) -> bool {
    loop {
        let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified()) else {
            return true;
        };
        // A lock dated in the future (the clock was stepped back since) is no git's of now.
        let Ok(age) = SystemTime::now().duration_since(modified) else {
            return false;
        };
        if age >= LOCK_PATIENCE {
            return false;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A new repository holding one file to add, `a`.
    fn repository() -> (tempfile::TempDir, Git) {
        let home = tempfile::tempdir().unwrap();
        let git = Git::new(home.path(), false).unwrap();
        git.run(&["init", "-q"]).unwrap();
        std::fs::write(home.path().join("a"), "a").unwrap();
        (home, git)
    }

    #[test]
    fn a_lock_another_git_holds_is_waited_for_and_the_command_run_again() {
        let (home, git) = repository();
        // Another git holds the index, and lets it go a moment later.
        let lock = home.path().join(".git/index.lock");
        std::fs::write(&lock, "").unwrap();
        let held = lock.clone();
        let letting_go = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            std::fs::remove_file(held).unwrap();
        });
        git.run(&["add", "a"]).unwrap();
        letting_go.join().unwrap();
        assert_eq!(git.run(&["ls-files"]).unwrap(), "a");
    }

    #[test]
    fn a_lock_left_long_ago_is_not_waited_for() {
        let (home, git) = repository();
        let lock = home.path().join(".git/index.lock");
        let file = std::fs::File::create(&lock).unwrap();
        file.set_modified(SystemTime::now() - LOCK_PATIENCE * 2)
            .unwrap();
        let failure = git.run(&["add", "a"]).unwrap_err();
        assert_eq!(failure.held_lock(), Some(lock));
    }
}
