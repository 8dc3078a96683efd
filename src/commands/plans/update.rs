//! `plans update [ID]`: fetches the plans imported with `import --git` again and re-imports
//! them the way `import --force` does, so that progress follows each day and item.
//!
//! A plan whose upstream cannot be fetched (gone, unreachable, the file removed or turned into
//! a link) is left exactly as it was; the command then fails (exit 1) with one sentence per
//! plan, after updating the others.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

use crate::commands::Context;
use crate::commands::install::put;
use crate::curriculum::catalog::MAX_PLAN_BYTES;
use crate::curriculum::catalog::Source;
use crate::error::bad_input;
use crate::render::text::one_line;
use crate::upstream::Upstream;
use crate::upstream::short_commit;

pub(super) fn run(ctx: &Context, only: Option<&str>, out: &mut dyn Write) -> anyhow::Result<()> {
    let plans_dir = ctx.home.plans_dir();
    let mut targets = Vec::new();
    for entry in ctx.catalog.entries() {
        if only.is_some_and(|id| !entry.id.eq_ignore_ascii_case(id)) {
            continue;
        }
        if let Source::User(_) = entry.source
            && let Some(upstream) = Upstream::load(&plans_dir, &entry.id)?
        {
            targets.push((entry.id.clone(), upstream));
        }
    }
    if let Some(id) = only
        && targets.is_empty()
    {
        return Err(if ctx.catalog.contains(id) {
            bad_input(format!(
                "plan '{id}' was not imported from a git repository, so there is nothing to update it from; `pymastery import --git URL --path FILE --id {id} --force` makes it follow one"
            ))
        } else {
            bad_input(format!(
                "no plan '{id}'; the plans are {}",
                ctx.catalog.ids().join(", ")
            ))
        });
    }
    if targets.is_empty() {
        if ctx.json {
            return crate::render::write_json(out, &json!([]));
        }
        crate::commands::say(
            ctx,
            out,
            "No plan follows a git repository; `pymastery import --git URL --path FILE` imports one that does.",
        )?;
        return Ok(());
    }
    let mut reports = Vec::new();
    let mut failures = Vec::new();
    for (id, upstream) in targets {
        match update_one(ctx, &id, &upstream) {
            Ok(report) => reports.push(report),
            Err(e) => failures.push(format!("'{id}' was left as it was: {e:#}")),
        }
    }
    if ctx.json {
        let value: Vec<Value> = reports.iter().map(|r| r.json.clone()).collect();
        crate::render::write_json(out, &json!(value))?;
    } else if !ctx.quiet {
        for report in &reports {
            for (i, line) in report.lines.iter().enumerate() {
                let indent = if i == 0 { "" } else { "  " };
                writeln!(out, "{indent}{}", one_line(line))?;
            }
        }
    }
    match failures.len() {
        0 => Ok(()),
        1 => anyhow::bail!("{}", failures[0]),
        n => anyhow::bail!("{n} plans could not be updated: {}", failures.join("; ")),
    }
}

struct Report {
    lines: Vec<String>,
    json: Value,
}

fn update_one(ctx: &Context, id: &str, upstream: &Upstream) -> anyhow::Result<Report> {
    let fetched = upstream.fetch(MAX_PLAN_BYTES)?;
    let current = std::fs::read(ctx.home.plans_dir().join(format!("{id}.md"))).ok();
    let newer = Upstream {
        commit: fetched.commit.clone(),
        ..upstream.clone()
    };
    let commit = short_commit(&fetched.commit).to_string();
    if current.as_deref() == Some(fetched.bytes.as_slice()) {
        if newer != *upstream {
            let _lock = ctx.home.lock("curricula")?;
            newer.save(&ctx.home.plans_dir(), id)?;
        }
        return Ok(Report {
            lines: vec![format!(
                "'{id}' is up to date with {} (commit {commit}): nothing new.",
                upstream.describe()
            )],
            json: json!({"id": id, "updated": false, "commit": fetched.commit}),
        });
    }
    let (_, installed) = put(
        ctx,
        id,
        Path::new(&upstream.path),
        &fetched.bytes,
        true,
        Some(&newer),
        None,
    )?;
    let mut lines = vec![format!(
        "'{id}' updated to commit {commit} (from {}):",
        short_commit(&upstream.commit)
    )];
    let changes = installed.lines();
    if changes.is_empty() {
        lines.push("the text changed, but no day moved, was added, renamed or vanished, and no item was reworded".into());
    }
    lines.extend(changes);
    Ok(Report {
        lines,
        json: json!({
            "id": id,
            "updated": true,
            "commit": fetched.commit,
            "changes": installed.json(),
        }),
    })
}
