//! `plans`: every plan, built-in and the user's, with progress, which is current and which
//! follow a git repository; `plans update` fetches those again.
//!
//! The rows are decided by [`crate::decide::plans`]; this module reads the plans and renders
//! the rows as a table or JSON.

mod update;

use std::io::Write;

use serde_json::json;

use super::Context;
use crate::cli::{PlansAction, PlansArgs};
use crate::curriculum::catalog::{Entry, Source, load_entry};
use crate::decide::plans::{self as decide, Listed, PlanRow};
use crate::render::text::one_line;
use crate::render::width::{Column, Table};
use crate::render::write_json;
use crate::upstream::Upstream;

pub(super) fn run(ctx: &Context, args: &PlansArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some(PlansAction::Update { id }) = &args.action {
        return update::run(ctx, id.as_deref(), out);
    }
    let progress = ctx.progress()?;
    let listed = ctx
        .catalog
        .entries()
        .iter()
        .map(|entry| Listed {
            entry,
            plan: load_entry(entry),
            upstream: upstream(ctx, entry),
        })
        .collect();
    let rows = decide::rows(listed, &progress, &ctx.plan_id(&progress));
    if ctx.json {
        return write_json(out, &json!(rows));
    }
    write!(out, "{}", table(&rows).render(ctx.width))?;
    if !ctx.quiet {
        legend(ctx, &rows, out)?;
    }
    Ok(())
}

/// The repository an imported plan follows; a damaged record of it reads as none.
fn upstream(ctx: &Context, entry: &Entry) -> Option<Upstream> {
    match entry.source {
        Source::User(_) => Upstream::load(&ctx.home.plans_dir(), &entry.id).unwrap_or(None),
        Source::Builtin => None,
    }
}

/// The plans' table: `*` on the current one, `git` for one that follows a repository.
fn table(rows: &[PlanRow]) -> Table {
    let mut table = Table::new(vec![
        Column::new("", 9),
        Column::new("id", 9),
        Column::new("title", 7).shrink(12),
        Column::new("days", 3).right(),
        Column::new("source", 1).shrink(10),
        Column::new("progress", 5),
    ]);
    for row in rows {
        let progress = match row.progress() {
            Some(c) => format!("{}/{} ({}%)", c.days_done, c.days_total, c.percent()),
            None => "-".to_string(),
        };
        let source = if row.upstream.is_some() {
            "git".to_string()
        } else {
            row.source.clone()
        };
        let current = if row.current { "*" } else { "" };
        table.row(vec![
            current.to_string(),
            row.id.clone(),
            one_line(&row.title),
            row.days.to_string(),
            source,
            progress,
        ]);
    }
    table
}

/// What the marks mean and what to do next.
fn legend(ctx: &Context, rows: &[PlanRow], out: &mut dyn Write) -> anyhow::Result<()> {
    let paint = ctx.paint();
    writeln!(out, "{}", paint.dim("* current plan · `pymastery start PLAN` to switch · `pymastery show PLAN` for an outline"))?;
    if rows.iter().any(|row| row.upstream.is_some()) {
        writeln!(
            out,
            "{}",
            paint.dim("git: follows a repository · `pymastery plans update` fetches it again")
        )?;
    }
    Ok(())
}
