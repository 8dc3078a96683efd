//! Committing what this machine recorded: the complete lines of the log files, and the
//! imported plans.

use std::fs;
use std::path::Path;

use super::git::Git;
use super::tally::{self, Events, Seen};
use super::{LOG_DIR, Options, PLANS_DIR, failed, is_synced_path, log_device};
use crate::progress::store::{Problem, parse_line};

/// Commits what this machine recorded since the last commit: the complete lines of every log
/// file, the imported plans, and sync's own files. Call with the own log locked.
pub(super) fn commit_new(
    git: &Git,
    options: &Options,
    owned: bool,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    stage_logs(git, options, notes)?;
    let marker = super::layout_marker();
    let mut paths = vec![".gitignore", ".gitattributes"];
    if options.home.join(&marker).is_file() {
        paths.push(&marker);
    }
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
            return Err(anyhow::Error::new(crate::error::CommandError::failure(format!(
                    "the home's git repository has changes staged that are not pymastery's ({}), so sync will not commit",
                    foreign.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
                )).hinted("commit or unstage them (`git restore --staged FILE` in the home), then run `pymastery sync` again")));
        }
    }
    let message = commit_message(git, &options.device)?;
    git.run(&["commit", "--quiet", "--no-verify", "-m", &message])
        .map_err(|e| failed("commit the new events", &e))?;
    Ok(())
}

/// Stages the complete, valid lines of every log file that changed, as appends only.
///
/// Only files git sees as changed or new are read, and only their new lines are checked, so a
/// sync costs what was recorded since the last one. A line that does not parse as an event is
/// never staged (it stays in the file for `doctor --repair`, and is said); nor is an unfinished
/// last line (an append in flight, or one a crash cut). A log file is only ever appended to, so
/// a file that no longer starts with what was committed is not staged as it is: one that is a
/// cut-short copy of the committed file (git killed while writing it) is written back from the
/// commit; another machine's file changed in some other way is left out, with a note. This
/// machine's own file is its own to change (`doctor --repair`).
pub(super) fn stage_logs(
    git: &Git,
    options: &Options,
    notes: &mut Vec<String>,
) -> anyhow::Result<()> {
    // Refreshed stat data, so that only files whose content changed are listed.
    let _ = git.run(&["update-index", "-q", "--refresh"]);
    let list = |args: &[&str]| -> Vec<String> {
        git.run_quiet(args)
            .unwrap_or_default()
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut changed = list(&["diff", "--name-only", "-z", "HEAD", "--", LOG_DIR]);
    // New files, ignored ones too: a repository of the user's own may ignore `*.jsonl`.
    changed.extend(list(&["ls-files", "-z", "--others", "--", LOG_DIR]));
    changed.sort();
    changed.dedup();
    for rel in changed {
        if log_device(&rel).is_none() {
            continue;
        }
        let path = options.home.join(&rel);
        // A log may be a link to a file kept elsewhere: its content travels, not the link.
        let Ok(meta) = fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let bytes =
            fs::read(&path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
        let complete = &bytes[..bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)];
        let committed = git
            .output(&["cat-file", "blob", &format!("HEAD:{rel}")], None)
            .map(|o| o.stdout)
            .ok();
        let mut new_from = 0;
        if let Some(committed) = &committed {
            if complete.starts_with(committed) {
                new_from = committed.len();
            } else if committed.starts_with(&bytes)
                && (path != options.own_log || !bytes.is_empty())
            {
                // (This machine's file is empty, not cut, between sealing and its next line.)
                git.run(&["checkout", "HEAD", "--", &rel])
                    .map_err(|e| failed("write back a log file cut short", &e))?;
                notes.push(format!(
                    "{rel} was cut short (an interrupted sync, or a copy made while it was written); wrote it back from the last commit"
                ));
                continue;
            } else if path != options.own_log {
                notes.push(format!(
                    "{rel}, another machine's log, was changed here other than by adding lines; sync leaves that change out"
                ));
                continue;
            }
        }
        let (valid, damaged) = valid_lines(complete, new_from);
        for line in damaged {
            notes.push(format!(
                "line {line} of {rel} is not an event, so sync does not send it; `pymastery doctor --repair` moves it to quarantine/"
            ));
        }
        if committed.as_deref() == Some(valid.as_slice()) {
            continue;
        }
        let blob = git
            .hash_blob(&valid)
            .map_err(|e| failed("stage a log file", &e))?;
        git.run(&[
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("100644,{blob},{rel}"),
        ])
        .map_err(|e| failed("stage a log file", &e))?;
    }
    Ok(())
}

/// The lines of `complete` (whole lines) that may travel: all before `from` (committed
/// already), and after it each line that parses as an event (or as one of a newer pymastery);
/// with the 1-based numbers of the lines left out.
fn valid_lines(complete: &[u8], from: usize) -> (Vec<u8>, Vec<usize>) {
    let mut valid = complete[..from].to_vec();
    let mut damaged = Vec::new();
    let line_base = complete[..from].iter().filter(|&&b| b == b'\n').count();
    for (n, line) in complete[from..]
        .split_inclusive(|&b| b == b'\n')
        .enumerate()
    {
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        match parse_line(text) {
            Ok(_) | Err((Problem::Newer(_), _)) => valid.extend_from_slice(line),
            Err(_) => damaged.push(line_base + n + 1),
        }
    }
    (valid, damaged)
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
    tally::settle(&mut added);
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
