//! `plans`: every plan, built-in and the user's, with progress, which is current and which
//! follow a git repository; `plans update` fetches those again.

mod update;

use std::io::Write;

use serde_json::json;

use super::Context;
use crate::cli::{PlansAction, PlansArgs};
use crate::curriculum::catalog::{Source, load_entry};
use crate::render::text::one_line;
use crate::render::width::{Column, Table};
use crate::render::write_json;
use crate::schedule::Counts;
use crate::upstream::Upstream;

pub(super) fn run(ctx: &Context, args: &PlansArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some(PlansAction::Update { id }) = &args.action {
        return update::run(ctx, id.as_deref(), out);
    }
    let progress = ctx.progress()?;
    let current_id = ctx.plan_id(&progress);
    let mut rows = Vec::new();
    for entry in ctx.catalog.entries() {
        let (title, days, counts) = match load_entry(entry) {
            Ok(plan) => {
                let counts = Counts::of(&plan, progress.plan(&plan.id));
                (plan.title.clone(), plan.days.len(), Some(counts))
            }
            Err(err) => (format!("(cannot be read: {err})"), 0, None),
        };
        let started = progress.plan(&entry.id).is_some();
        let upstream = match entry.source {
            Source::User(_) => Upstream::load(&ctx.home.plans_dir(), &entry.id).unwrap_or(None),
            Source::Builtin => None,
        };
        rows.push((
            entry,
            title,
            days,
            counts,
            started,
            entry.id == current_id,
            upstream,
        ));
    }
    if ctx.json {
        let value: Vec<_> = rows
            .iter()
            .map(|(entry, title, days, counts, started, current, upstream)| {
                json!({
                    "id": entry.id,
                    "title": title,
                    "days": days,
                    "source": entry.source.describe(),
                    "started": started,
                    "days_done": counts.map(|c| c.days_done),
                    "current": current,
                    "upstream": upstream,
                })
            })
            .collect();
        return write_json(out, &json!(value));
    }
    let paint = ctx.paint();
    let mut table = Table::new(vec![
        Column::new("", 9),
        Column::new("id", 9),
        Column::new("title", 7).shrink(12),
        Column::new("days", 3).right(),
        Column::new("source", 1).shrink(10),
        Column::new("progress", 5),
    ]);
    for (entry, title, days, counts, started, current, upstream) in &rows {
        let progress = match counts {
            Some(c) if *started => format!("{}/{} ({}%)", c.days_done, c.days_total, c.percent()),
            _ => "-".to_string(),
        };
        table.row(vec![
            if *current {
                "*".to_string()
            } else {
                String::new()
            },
            entry.id.clone(),
            one_line(title),
            days.to_string(),
            if upstream.is_some() {
                "git".to_string()
            } else {
                entry.source.describe()
            },
            progress,
        ]);
    }
    let table = table.render(ctx.width);
    write!(out, "{table}")?;
    if !ctx.quiet {
        writeln!(out, "{}", paint.dim("* current plan · `pymastery start PLAN` to switch · `pymastery show PLAN` for an outline"))?;
        if rows.iter().any(|row| row.6.is_some()) {
            writeln!(
                out,
                "{}",
                paint.dim("git: follows a repository · `pymastery plans update` fetches it again")
            )?;
        }
    }
    Ok(())
}
