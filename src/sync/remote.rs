//! The remote: which one, fetching from it, pushing to it.

use std::path::Path;

use super::git::{Git, GitFailure};
use super::{REMOTE_KEY, failed, no_remote};
use crate::error::{WithHint, bad_input};

/// The remote to sync with: the one given (a remote's name, a URL or a path), remembered for
/// the next time, else the remembered one. Returns its name and URL.
pub(super) fn resolve_remote(
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

/// Fetches the remote's branches; returns the one to merge, if the remote has any: the branch
/// of the same name, else the remote's only branch.
pub(super) fn fetch(
    git: &Git,
    name: &str,
    url: &str,
    branch: &str,
) -> anyhow::Result<Option<Upstream>> {
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

pub(super) fn unreachable(name: &str, url: &str, failure: &GitFailure) -> anyhow::Error {
    anyhow::Error::new(WithHint {
        message: format!("cannot reach the remote {name} ({url}): {}", failure.reason()),
        hint: "check the address, the network and your access to it, then run `pymastery sync` again; what you recorded is kept in the home and goes out with the next sync".into(),
    })
}

/// A push the remote refused (it moved on since the fetch, or a hook declined), and why.
#[derive(Debug)]
pub struct Rejected(pub String);

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
    match git.run(&["push", "--porcelain", "--quiet", name, &refspec]) {
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
