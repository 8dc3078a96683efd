//! Plans that follow a git repository: where one came from, and its text fetched again.
//!
//! A plan imported with `import --git URL --path FILE` keeps a record beside it in `curricula/`
//! (`ID.upstream.json`: the URL, the path, the ref asked for and the commit the text came from),
//! so that the record travels with the plan when the home is synced, and `plans update` knows
//! where to look.
//!
//! What a repository holds is input like any other. Git runs with no hooks and no fsmonitor,
//! only over the file, git, ssh and https transports (or a local path), never asks for a
//! password on a terminal, and fetches into a temporary bare repository that is removed
//! afterwards: nothing of the remote tree is checked out, and only the one blob at the path is
//! read, with the plan size limit, after checking that it is a regular file (not a link, a
//! submodule or a folder).

use std::path::{Component, Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::bad_input;
use crate::sync::git::{Git, check_transport};

/// Where a plan came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Upstream {
    /// As the user gave it; a local path made absolute.
    pub url: String,
    /// The file's path inside the repository.
    pub path: String,
    /// The branch, tag or commit asked for; `None` follows the remote's default branch.
    #[serde(rename = "ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The commit the plan's text came from last.
    pub commit: String,
}

/// A plan's text as the upstream has it now.
#[derive(Debug)]
pub(crate) struct Fetched {
    pub bytes: Vec<u8>,
    pub commit: String,
}

impl Upstream {
    fn file(plans_dir: &Path, id: &str) -> PathBuf {
        plans_dir.join(format!("{id}.upstream.json"))
    }

    /// The record of plan `id`, if it has one; a damaged one is an error naming the file.
    pub(crate) fn load(plans_dir: &Path, id: &str) -> anyhow::Result<Option<Upstream>> {
        let path = Upstream::file(plans_dir, id);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => anyhow::bail!("cannot read {}: {e}", path.display()),
        };
        serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| anyhow::anyhow!("{} is damaged: {e}", path.display()))
    }

    /// Keeps the record beside plan `id`.
    pub(crate) fn save(&self, plans_dir: &Path, id: &str) -> anyhow::Result<()> {
        let mut body = serde_json::to_vec_pretty(self)?;
        body.push(b'\n');
        crate::fs::write_atomically(&Upstream::file(plans_dir, id), &body)
    }

    /// Removes the record of plan `id` (a plan imported from a file follows nothing).
    pub(crate) fn forget(plans_dir: &Path, id: &str) -> anyhow::Result<()> {
        let path = Upstream::file(plans_dir, id);
        match std::fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => anyhow::bail!("cannot remove {}: {e}", path.display()),
        }
    }

    /// A record for `url`, `path` and `reference` as the user typed them, checked: bad input
    /// when the URL's transport is not allowed, the path leaves the repository, or the ref
    /// could be read as an option.
    pub(crate) fn new(url: &str, path: &str, reference: Option<&str>) -> anyhow::Result<Upstream> {
        Ok(Upstream {
            url: check_url(url)?,
            path: check_path(path)?,
            reference: reference.map(check_ref).transpose()?,
            commit: String::new(),
        })
    }

    /// For messages: `PATH in URL`, and `(REF)` when one was asked for.
    pub(crate) fn describe(&self) -> String {
        match &self.reference {
            Some(r) => format!("{} in {} ({r})", self.path, self.url),
            None => format!("{} in {}", self.path, self.url),
        }
    }

    /// Fetches the file's text as the upstream has it now, with at most `max` bytes. Every
    /// failure is one sentence (unreachable, no such ref, no such file, not a regular file,
    /// too large).
    pub(crate) fn fetch(&self, max: u64) -> anyhow::Result<Fetched> {
        let scratch = tempfile::Builder::new()
            .prefix("pymastery-upstream-")
            .tempdir()
            .map_err(|e| anyhow::anyhow!("cannot make a temporary folder to fetch into: {e}"))?;
        // Run as sync runs git (see `crate::sync::git`), never prompting for a password.
        let repo = &Git::new(scratch.path(), false)?.with_identity();
        git(repo, &["init", "--bare", "--quiet", "."])?;
        let wanted = self.reference.as_deref().unwrap_or("HEAD");
        git(
            repo,
            &[
                "fetch",
                "--quiet",
                "--no-tags",
                "--no-recurse-submodules",
                "--depth=1",
                "--",
                &self.url,
                wanted,
            ],
        )
        .map_err(|e| anyhow::anyhow!("cannot fetch {} from {}: {e}", wanted, self.url))?;
        let commit = text(&git(
            repo,
            &["rev-parse", "--verify", "FETCH_HEAD^{commit}"],
        )?)
        .trim()
        .to_string();
        let listing = git(
            repo,
            &[
                "--literal-pathspecs",
                "ls-tree",
                "-z",
                &commit,
                "--",
                &self.path,
            ],
        )?;
        let entry = listing
            .split(|&b| b == 0)
            .find(|e| !e.is_empty())
            .map(text)
            .ok_or_else(|| anyhow::anyhow!("{} has no file {} at {wanted}", self.url, self.path))?;
        // `<mode> <type> <object>\t<path>`
        let (meta, _) = entry.split_once('\t').unwrap_or((&entry, ""));
        let fields: Vec<&str> = meta.split(' ').collect();
        let [mode, kind, object] = fields.as_slice() else {
            anyhow::bail!("git listed {} in a form it does not use", self.path);
        };
        match (*mode, *kind) {
            ("100644" | "100755", "blob") => {}
            ("120000", _) => anyhow::bail!(
                "{} in {} is a symbolic link; only a regular file is read",
                self.path,
                self.url
            ),
            ("160000", _) => anyhow::bail!(
                "{} in {} is a submodule; only a regular file is read",
                self.path,
                self.url
            ),
            (_, "tree") => {
                anyhow::bail!("{} in {} is a folder, not a plan file", self.path, self.url)
            }
            _ => anyhow::bail!("{} in {} is not a regular file", self.path, self.url),
        }
        let size: u64 = text(&git(repo, &["cat-file", "-s", object])?)
            .trim()
            .parse()
            .unwrap_or(u64::MAX);
        if size > max {
            anyhow::bail!(
                "{} in {} is {} MiB; a plan file may be at most {} MiB",
                self.path,
                self.url,
                size / (1024 * 1024),
                max / (1024 * 1024)
            );
        }
        let bytes = repo
            .blob_limited(object, max)
            .map_err(|e| anyhow::anyhow!("cannot read the plan from git: {e}"))?
            .ok_or_else(|| anyhow::anyhow!("the plan is larger than {} MiB", max >> 20))?;
        Ok(Fetched { bytes, commit })
    }
}

/// Only URLs of the allowed transports, scp-like `host:path` (ssh), or a local path (made
/// absolute, since git runs elsewhere).
fn check_url(url: &str) -> anyhow::Result<String> {
    let url = url.trim();
    if url.is_empty() || url.starts_with('-') || url.chars().any(char::is_control) {
        return Err(bad_input(format!(
            "'{url}' is not a repository URL or path"
        )));
    }
    check_transport(url)?;
    if url.contains("://") {
        return Ok(url.to_string());
    }
    let local = Path::new(url);
    if local.exists() {
        let absolute = std::path::absolute(local)
            .map_err(|e| bad_input(format!("cannot use the path '{url}': {e}")))?;
        return Ok(absolute.to_string_lossy().into_owned());
    }
    // `user@host:path` or `host:path`: git reads these as ssh; `::` is a remote helper.
    match url.split_once(':') {
        Some((host, path)) if !host.is_empty() && !host.contains('/') && !path.starts_with(':') => {
            Ok(url.to_string())
        }
        _ => Err(bad_input(format!(
            "no repository at '{url}': give a local path that exists, or a file, git, ssh or https URL"
        ))),
    }
}

/// A relative path inside the repository, without `..`.
fn check_path(path: &str) -> anyhow::Result<String> {
    let trimmed = path.trim().trim_start_matches("./");
    let plain = !trimmed.is_empty()
        && !trimmed.chars().any(char::is_control)
        && Path::new(trimmed)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
    if plain {
        Ok(trimmed.trim_end_matches('/').to_string())
    } else {
        Err(bad_input(format!(
            "'{path}' is not a file's path inside the repository (relative, without '..')"
        )))
    }
}

fn check_ref(reference: &str) -> anyhow::Result<String> {
    let r = reference.trim();
    if r.is_empty() || r.starts_with('-') || r.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(bad_input(format!(
            "'{reference}' is not a branch, tag or commit"
        )));
    }
    Ok(r.to_string())
}

/// Runs git in the scratch repository: what it printed, or git's reason as the error.
fn git(repo: &Git, args: &[&str]) -> anyhow::Result<Vec<u8>> {
    repo.output(args, None)
        .map(|o| o.stdout)
        .map_err(|e| anyhow::anyhow!("{}", e.reason()))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The first 12 hex digits of a commit, as git shows it short.
pub(crate) fn short_commit(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_transports_and_paths_inside_the_repository() {
        assert!(Upstream::new("https://example.org/p.git", "plan.md", None).is_ok());
        assert!(Upstream::new("git@example.org:me/p.git", "docs/plan.md", Some("v2")).is_ok());
        for url in [
            "http://example.org/p.git",
            "ext::sh -c evil",
            "-uhack",
            "fd::3",
        ] {
            assert!(Upstream::new(url, "plan.md", None).is_err(), "{url}");
        }
        for path in ["../plan.md", "/etc/passwd", "", "a/../../b"] {
            assert!(
                Upstream::new("https://example.org/p.git", path, None).is_err(),
                "{path}"
            );
        }
        assert!(
            Upstream::new("https://example.org/p.git", "p.md", Some("--upload-pack=x")).is_err()
        );
    }
}
