//! Committing what this machine recorded: the complete lines of the log files, and the
//! imported plans.

use std::fs;
use std::path::Path;

use super::git::Git;
use super::tally::{self, Events, Seen};
use super::{LOG_DIR, Options, PLANS_DIR, failed, is_synced_path, log_device};
use crate::error::WithHint;

/// Commits what this machine recorded since the last commit: the complete lines of every log
/// file, the imported plans, and sync's own files. Call with the own log locked.
pub(super) fn commit_new(git: &Git, options: &Options, owned: bool) -> anyhow::Result<()> {
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

/// Stages the complete lines of every log file. A file that ends in a complete line is added as
/// it is; one that ends in an unfinished line (an append in flight elsewhere, or one a crash
/// cut) is staged without that line.
pub(super) fn stage_logs(git: &Git, options: &Options) -> anyhow::Result<()> {
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
pub(super) fn commit_message(git: &Git, device: &str) -> anyhow::Result<String> {
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
