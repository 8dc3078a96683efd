//! Merging what came from the remote.

use std::path::Path;

use super::git::Git;
use super::remote::Upstream;
use super::{PLANS_DIR, QUARANTINE_DIR, failed};
use crate::error::WithHint;

/// Merges what was fetched into HEAD. Log files cannot conflict (one writer each, and union
/// merges). A plan that both machines changed keeps this machine's version; the other one is
/// saved in `quarantine/`. Any other conflict (in a repository of the user's own) undoes the
/// merge and says which files.
pub(super) fn merge(
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
pub(super) fn keep_our_plan(
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
