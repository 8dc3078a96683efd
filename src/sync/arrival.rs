//! What a remote brings, checked before any of it lands in the home.
//!
//! The fetched tree is listed (never checked out) and every entry that differs from the home's
//! own commit must be one of pymastery's: a log file, a plan in `curricula/`, or sync's own
//! `.gitignore` and `.gitattributes` holding only the lines sync writes. A symlink, a
//! submodule, an executable, any other path, a foreign attribute (which could filter or
//! re-encode the log) or a plan over the size limit refuses the whole sync with one sentence
//! naming the path; nothing of the remote reaches the working tree.

use super::git::{Git, GitFailure};
use super::{GITATTRIBUTES, GITIGNORE, PLANS_DIR, log_device};
use crate::progress::store::segments;

/// The largest plan that may arrive, as for `import`.
pub(crate) use crate::curriculum::catalog::MAX_PLAN_BYTES;

/// Lines earlier versions of sync wrote in `.gitignore`.
const OLD_GITIGNORE: [&str; 1] = ["*(conflicted copy*"];

/// One entry of a commit's tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Git's mode: `100644` a file, `100755` an executable, `120000` a symlink, `160000` a
    /// submodule.
    pub mode: String,
    pub oid: String,
}

/// A path whose entry differs between two commits: this home's (`ours`) and another
/// (`theirs`); `None` where that commit has no such path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Change {
    pub path: String,
    pub ours: Option<Entry>,
    pub theirs: Option<Entry>,
}

/// What kind of path a path of the home's repository is to sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Log,
    /// `log/segments.jsonl`, which tells an older pymastery the log has sealed segments.
    Layout,
    Plan,
    Ignore,
    Attributes,
    Foreign,
}

/// What kind of path `path` is.
pub(crate) fn kind(path: &str) -> Kind {
    if log_device(path).is_some() {
        return Kind::Log;
    }
    if path == super::layout_marker() {
        return Kind::Layout;
    }
    match path {
        ".gitignore" => return Kind::Ignore,
        ".gitattributes" => return Kind::Attributes,
        _ => {}
    }
    match path
        .strip_prefix(PLANS_DIR)
        .and_then(|p| p.strip_prefix('/'))
    {
        Some(name) if !name.is_empty() && !name.contains('/') && !name.starts_with('.') => {
            Kind::Plan
        }
        _ => Kind::Foreign,
    }
}

/// The entries `git ls-tree -z` lists when run with `args`, by path.
pub(crate) fn entries(git: &Git, args: &[&str]) -> Result<Vec<(String, Entry)>, GitFailure> {
    let listing = git.output(args, None)?;
    Ok(listing
        .stdout
        .split(|&b| b == 0)
        .filter_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            // `<mode> <type> <oid>\t<path>`
            let (meta, path) = entry.split_once('\t')?;
            let mut parts = meta.split(' ');
            let (mode, _, oid) = (parts.next()?, parts.next()?, parts.next()?);
            Some((
                path.to_string(),
                Entry {
                    mode: mode.to_string(),
                    oid: oid.to_string(),
                },
            ))
        })
        .collect())
}

/// The paths whose entries differ between commits `ours` and `theirs` (with no `ours`, every
/// entry of `theirs`): what git compares tree by tree, so a sync reads what changed, not the
/// whole history's listing.
pub(crate) fn changes(
    git: &Git,
    ours: Option<&str>,
    theirs: &str,
) -> Result<Vec<Change>, GitFailure> {
    let Some(ours) = ours else {
        return Ok(
            entries(git, &["ls-tree", "-r", "-z", "--full-tree", theirs])?
                .into_iter()
                .map(|(path, entry)| Change {
                    path,
                    ours: None,
                    theirs: Some(entry),
                })
                .collect(),
        );
    };
    let diff = git.output(
        &[
            "diff-tree",
            "-r",
            "-z",
            "--no-renames",
            "--full-index",
            ours,
            theirs,
        ],
        None,
    )?;
    // `:<mode> <mode> <oid> <oid> <status>\0<path>\0`, repeated.
    let mut fields = diff.stdout.split(|&b| b == 0).filter(|f| !f.is_empty());
    let mut changes = Vec::new();
    while let (Some(meta), Some(path)) = (fields.next(), fields.next()) {
        let meta = String::from_utf8_lossy(meta);
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let [old_mode, new_mode, old_oid, new_oid, ..] = parts.as_slice() else {
            continue;
        };
        let entry = |mode: &str, oid: &str| {
            (mode != "000000").then(|| Entry {
                mode: mode.to_string(),
                oid: oid.to_string(),
            })
        };
        changes.push(Change {
            path: String::from_utf8_lossy(path).into_owned(),
            ours: entry(old_mode, old_oid),
            theirs: entry(new_mode, new_oid),
        });
    }
    Ok(changes)
}

/// Refuses what a remote brings that is not pymastery's: `changes` from this home's commit to
/// the remote's. Entries the home's commit holds unchanged pass unseen (a repository of the
/// user's own keeps its files). `related` says whether the two histories share a commit.
pub(crate) fn check(
    git: &Git,
    remote: &str,
    changes: &[Change],
    related: bool,
) -> anyhow::Result<()> {
    let arriving: Vec<(&String, &Entry)> = changes
        .iter()
        .filter_map(|c| c.theirs.as_ref().map(|entry| (&c.path, entry)))
        .collect();
    if !related {
        let foreign: Vec<&str> = arriving
            .iter()
            .filter(|(path, _)| kind(path) == Kind::Foreign)
            .map(|(path, _)| path.as_str())
            .collect();
        if !foreign.is_empty() {
            let shown: Vec<&str> = foreign.iter().copied().take(3).collect();
            let more = if foreign.len() > 3 { ", …" } else { "" };
            return Err(refused(format!(
                "the remote {remote} holds a project that is not a pymastery home ({}{more}) and shares no history with this home, so sync merged nothing",
                shown.join(", ")
            )));
        }
    }
    for (path, entry) in arriving {
        if let Some(why) = refusal(git, path, entry)? {
            return Err(refused(format!(
                "the remote {remote} brings {path}, {why}; sync takes only log files, plans and its own .gitignore and .gitattributes, so it merged nothing"
            )));
        }
    }
    Ok(())
}

/// Why an arriving entry is refused, if it is.
fn refusal(git: &Git, path: &str, entry: &Entry) -> anyhow::Result<Option<String>> {
    let why = match entry.mode.as_str() {
        "100644" => None,
        "120000" => Some("a symbolic link".to_string()),
        "160000" => Some("a submodule".to_string()),
        "100755" => Some("an executable file".to_string()),
        other => Some(format!("an entry of mode {other}")),
    };
    if why.is_some() {
        return Ok(why);
    }
    Ok(match kind(path) {
        Kind::Log => None,
        Kind::Layout => {
            let bytes = git
                .output(&["cat-file", "blob", &entry.oid], None)
                .map_err(|e| super::failed("read what the remote brings", &e))?
                .stdout;
            (bytes != segments::LAYOUT_LINE.as_bytes())
                .then(|| "which is not the layout marker sync writes".to_string())
        }
        Kind::Foreign => Some("which is not pymastery's".to_string()),
        Kind::Plan => {
            let size: u64 = git
                .run(&["cat-file", "-s", &entry.oid])
                .map_err(|e| super::failed("read what the remote brings", &e))?
                .parse()
                .unwrap_or(u64::MAX);
            (size > MAX_PLAN_BYTES)
                .then(|| format!("a plan over the {} MiB a plan may be", MAX_PLAN_BYTES >> 20))
        }
        Kind::Ignore | Kind::Attributes => {
            let bytes = git
                .output(&["cat-file", "blob", &entry.oid], None)
                .map_err(|e| super::failed("read what the remote brings", &e))?
                .stdout;
            let known: Vec<&str> = if kind(path) == Kind::Ignore {
                GITIGNORE.iter().chain(&OLD_GITIGNORE).copied().collect()
            } else {
                GITATTRIBUTES.to_vec()
            };
            foreign_line(&bytes, &known)
                .map(|line| format!("with a line that is not sync's ('{line}')"))
        }
    })
}

/// The first line of a dot file that sync did not write, if any: comments and blank lines are
/// harmless, anything else must be one of `known`.
pub(crate) fn foreign_line(bytes: &[u8], known: &[&str]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with('#') && !known.contains(line))
        .map(|line| crate::render::text::excerpt(line, 80))
}

fn refused(message: String) -> anyhow::Error {
    anyhow::Error::new(crate::error::CommandError::failure(message).hinted("nothing of the remote reached the home; remove that from the remote's repository, or sync with another remote"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_logs_plans_and_the_dot_files_are_pymasterys() {
        assert_eq!(kind("log/laptop.jsonl"), Kind::Log);
        assert_eq!(kind("log/laptop/000001.jsonl"), Kind::Log);
        assert_eq!(kind("log/segments.jsonl"), Kind::Layout);
        assert_eq!(kind("curricula/sql.md"), Kind::Plan);
        assert_eq!(kind(".gitignore"), Kind::Ignore);
        assert_eq!(kind(".gitattributes"), Kind::Attributes);
        for foreign in [
            "config.toml",
            "cache/checkpoint.bin",
            "local/device.json",
            "quarantine/x",
            "README.md",
            "curricula/sub/x.md",
            "curricula/.hidden",
            "log/.x.jsonl",
            "log/a/b.txt",
            "log/a/1.jsonl",
        ] {
            assert_eq!(kind(foreign), Kind::Foreign, "{foreign}");
        }
    }

    #[test]
    fn a_dot_file_with_a_line_sync_did_not_write_is_foreign() {
        let ours = GITATTRIBUTES.join("\n");
        assert_eq!(foreign_line(ours.as_bytes(), &GITATTRIBUTES), None);
        let hostile = format!("# pymastery\n{ours}\nlog/*.jsonl working-tree-encoding=UTF-16\n");
        assert_eq!(
            foreign_line(hostile.as_bytes(), &GITATTRIBUTES).as_deref(),
            Some("log/*.jsonl working-tree-encoding=UTF-16")
        );
    }
}
