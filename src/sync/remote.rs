//! The remote: which one, fetching from it, pushing to it.

use std::path::Path;

use super::git::check_transport;
use super::git::{Git, GitFailure};
use super::{REMOTE_KEY, failed, no_remote};
use crate::error::bad_input;

/// The remote a sync uses, and what remembering it takes once it has been fetched from.
#[derive(Debug, Clone)]
pub(super) struct Chosen {
    /// Its name in the home's repository.
    pub name: String,
    /// Its URL or path.
    pub url: String,
    remember: Remember,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Remember {
    /// The remote is the one sync already uses.
    Nothing,
    /// A remote of the repository sync was not using yet.
    Key,
    /// The remote sync uses, pointed at a new URL.
    SetUrl,
    /// A new remote.
    Add,
}

impl Chosen {
    /// What git fetches from: the remote's name once it is remembered, else its URL, so that
    /// a remote that cannot be fetched from is never remembered.
    pub(super) fn fetch_source(&self) -> &str {
        if self.remember == Remember::Nothing || self.remember == Remember::Key {
            &self.name
        } else {
            &self.url
        }
    }

    /// Remembers the remote in the home's repository, after a fetch from it succeeded.
    pub(super) fn remember(&self, git: &Git, notes: &mut Vec<String>) -> anyhow::Result<()> {
        match self.remember {
            Remember::Nothing => return Ok(()),
            Remember::Key => {}
            Remember::SetUrl => {
                git.run(&["remote", "set-url", &self.name, &self.url])
                    .map_err(|e| failed("change the remote", &e))?;
                notes.push(format!(
                    "the remote {} now points at {}",
                    self.name, self.url
                ));
            }
            Remember::Add => {
                git.run(&["remote", "add", &self.name, &self.url])
                    .map_err(|e| failed("add the remote", &e))?;
            }
        }
        git.set_local_config(REMOTE_KEY, &self.name)
            .map_err(|e| failed("remember the remote", &e))
    }
}

/// The remote to sync with: the one given (a remote's name, a URL or a path), else the
/// remembered one. Nothing is remembered here: see [`Chosen::remember`].
pub(super) fn choose_remote(git: &Git, given: Option<&str>) -> anyhow::Result<Chosen> {
    let remembered = git.local_config(REMOTE_KEY);
    let url_of = |name: &str| git.run_quiet(&["remote", "get-url", name]);
    let chosen = |name: &str, url: String, remember| Chosen {
        name: name.to_string(),
        url,
        remember,
    };
    let Some(given) = given else {
        let name = remembered.ok_or_else(no_remote)?;
        let Some(url) = url_of(&name) else {
            return Err(bad_input(format!(
                "the remote '{name}' that sync remembered is gone from the home's repository; give one: `pymastery sync REMOTE`"
            )));
        };
        return Ok(chosen(&name, url, Remember::Nothing));
    };
    if let Some(url) = url_of(given) {
        check_transport(&url)?;
        let remember = if remembered.as_deref() == Some(given) {
            Remember::Nothing
        } else {
            Remember::Key
        };
        return Ok(chosen(given, url, remember));
    }
    check_transport(given)?;
    let url = remote_url(given);
    let remotes = git.run_quiet(&["remote"]).unwrap_or_default();
    if let Some(same) = remotes
        .lines()
        .find(|name| url_of(name).is_some_and(|u| u == url))
    {
        let remember = if remembered.as_deref() == Some(same) {
            Remember::Nothing
        } else {
            Remember::Key
        };
        return Ok(chosen(same, url, remember));
    }
    if let Some(name) = remembered.filter(|name| url_of(name).is_some()) {
        return Ok(chosen(&name, url, Remember::SetUrl));
    }
    let taken: Vec<&str> = remotes.lines().collect();
    let name = ["origin", "pymastery"]
        .into_iter()
        .find(|n| !taken.contains(n))
        .unwrap_or("pymastery-sync");
    Ok(chosen(name, url, Remember::Add))
}

/// A remote as git should store it: URLs (`https://...`, `git@host:path`) as given, a path made
/// absolute so that it means the same from any directory.
pub(super) fn remote_url(given: &str) -> String {
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
pub(super) struct Upstream {
    /// Its name on the remote.
    pub branch: String,
    /// The remote-tracking ref holding what was fetched.
    pub tracking: String,
}

/// Where fetched branches are kept until they are checked and merged: refs of sync's own, so
/// that a fetch from a remote not yet remembered leaves the remote-tracking refs alone.
const INCOMING: &str = "refs/pymastery/incoming/";

/// Fetches the remote's branches; returns the one to merge, if the remote has any: the branch
/// of the same name, else the remote's only branch.
pub(super) fn fetch(git: &Git, remote: &Chosen, branch: &str) -> anyhow::Result<Option<Upstream>> {
    let (name, url) = (remote.name.as_str(), remote.url.as_str());
    let refspec = format!("+refs/heads/*:{INCOMING}*");
    git.run(&[
        "fetch",
        "--quiet",
        "--no-tags",
        "--no-recurse-submodules",
        "--no-write-fetch-head",
        "--prune",
        remote.fetch_source(),
        &refspec,
    ])
    .map_err(|e| unreachable(name, url, &e))?;
    let prefix = INCOMING;
    let branches: Vec<String> = git
        .run(&["for-each-ref", "--format=%(refname)", prefix])
        .unwrap_or_default()
        .lines()
        .filter_map(|r| r.strip_prefix(prefix))
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

pub(super) fn unreachable(name: &str, url: &str, failure: &GitFailure) -> anyhow::Error {
    anyhow::Error::new(crate::error::CommandError::failure(format!("cannot reach the remote {name} ({url}): {}", failure.reason())).hinted("check the address, the network and your access to it, then run `pymastery sync` again; what you recorded is kept in the home and goes out with the next sync"))
}

/// A push the remote refused (it moved on since the fetch, or a hook declined), and why.
#[derive(Debug)]
pub(super) struct Rejected(pub String);

/// Pushes HEAD to `branch` unless the remote already has it. `Ok(Err(Rejected))` when the remote
/// refused it; `Err` when it could not be reached.
pub(super) fn push(
    git: &Git,
    name: &str,
    url: &str,
    branch: &str,
    remote_rev: Option<&str>,
) -> anyhow::Result<Result<(), Rejected>> {
    let head = git.rev("HEAD");
    if head.is_none() || head.as_deref() == remote_rev {
        return Ok(Ok(()));
    }
    let refspec = format!("HEAD:refs/heads/{branch}");
    match git.run(&[
        "push",
        "--porcelain",
        "--quiet",
        "--no-verify",
        name,
        &refspec,
    ]) {
        Ok(_) => Ok(Ok(())),
        Err(failure) => {
            // `!<tab>HEAD:refs/heads/main<tab>[rejected] (fetch first)`
            let rejected = failure
                .stdout
                .lines()
                .find(|l| l.starts_with('!') && l.contains("rejected"));
            match rejected {
                Some(line) => {
                    let reason = line.rsplit('\t').next().unwrap_or(line).trim();
                    Ok(Err(Rejected(reason.to_string())))
                }
                None => Err(unreachable(name, url, &failure)),
            }
        }
    }
}
