//! `log`: the practice log in date order, as text, Markdown, JSON or CSV.
//!
//! Which entries it lists is decided by [`crate::decide::log`]; this module reads the log and
//! renders them.

use std::io::Write;

use super::Context;
use crate::cli::{LogArgs, LogFormat};
use crate::clock::parse_date;
use crate::decide::entry::Entry;
use crate::decide::log::{self as decide, LogFilter};
use crate::error::bad_input;
use crate::render::text::{excerpt, one_line, title_beyond_key};
use crate::render::width::wrap_hanging;
use crate::render::write_json;

pub(super) fn run(ctx: &Context, args: &LogArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let date = |text: &Option<String>, flag| {
        let today = ctx.clock.today();
        text.as_deref()
            .map(|d| parse_date(d, flag, today))
            .transpose()
    };
    let format = if ctx.json {
        LogFormat::Json
    } else {
        args.format
    };
    let filter = LogFilter {
        since: date(&args.since, "--since")?,
        until: date(&args.until, "--until")?,
        plan: ctx.plan_flag.as_deref(),
        grep: args.grep.as_deref(),
        diary: format == LogFormat::Md,
    };
    filter.check()?;
    if let Some(plan) = filter.plan
        && !ctx.catalog.contains(plan)
    {
        return Err(bad_input(format!(
            "no plan '{plan}'; the plans are {}",
            ctx.catalog.ids().join(", ")
        )));
    }
    let entries = decide::entries(ctx.progress_all()?.into_events(), &filter);
    match format {
        LogFormat::Json => write_json(out, &serde_json::to_value(&entries)?),
        LogFormat::Csv => csv(&entries, out),
        LogFormat::Md => markdown(&entries, out),
        LogFormat::Text => text(ctx, &entries, filter.narrows(), out),
    }
}

fn text(
    ctx: &Context,
    entries: &[Entry],
    filtered: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if entries.is_empty() {
        if !ctx.quiet {
            if filtered {
                writeln!(
                    out,
                    "No entry matches; `pymastery log` without --since, --until, --plan or --grep lists every one."
                )?;
            } else {
                writeln!(
                    out,
                    "Nothing logged yet. After a session: `pymastery done --note`."
                )?;
            }
        }
        return Ok(());
    }
    let paint = ctx.paint();
    for e in entries {
        let event = if e.amend { "added" } else { e.event };
        let mut line = format!(
            "{}  {:<7} {} {}",
            e.date,
            event,
            paint.dim(&e.plan),
            paint.cyan(&e.day)
        );
        // A title that only repeats the key (a plan whose headings are dates) is not said twice.
        if let Some(title) = title_beyond_key(&e.day, &e.title) {
            line.push_str(&format!(" {title}"));
        }
        if !e.items.is_empty() {
            line.push_str(&format!(" [{}]", items_text(&e.items)));
        }
        if let Some(m) = e.minutes {
            line.push_str(&format!(" ({m} min)"));
        }
        if let Some(note) = &e.note {
            line.push_str(&format!(" — {}", excerpt(note, 70)));
        }
        // Continuation lines sit under the plan, after the date and the event.
        writeln!(out, "{}", wrap_hanging(&line, ctx.width, 20))?;
    }
    Ok(())
}

/// `item 2`, `items 2, 5`.
fn items_text(items: &[usize]) -> String {
    let noun = if items.len() == 1 { "item" } else { "items" };
    format!("{noun} {}", join(items))
}

fn join(items: &[usize]) -> String {
    items
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A PRACTICE_LOG.md-style document: per date, plan, day, title, ticked items, minutes, reflection.
fn markdown(entries: &[Entry], out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "# Practice Log")?;
    let mut last_date = None;
    for e in entries {
        if last_date != Some(e.date) {
            writeln!(out, "\n## {}\n", e.date)?;
            last_date = Some(e.date);
        }
        writeln!(out, "{}", markdown_line(e))?;
        if matches!(e.event, "pause" | "resume" | "review") {
            continue;
        }
        if let Some(note) = &e.note {
            for text in crate::render::text::sanitize(note).lines() {
                writeln!(out, "  > {text}")?;
            }
        }
    }
    Ok(())
}

/// `- **Done** plan `d1`: Title (items 1, 2) (30 min)`: an entry's line in the diary.
fn markdown_line(e: &Entry) -> String {
    let what = match e.event {
        "pause" => return format!("- **Paused** {}", one_line(&e.title)),
        "resume" => return "- **Resumed**".to_string(),
        "review" => {
            let rating = e.note.as_deref().unwrap_or_default();
            return format!(
                "- **Reviewed** {} `{}`: {} (rated {rating})",
                e.plan,
                e.day,
                one_line(&e.title)
            );
        }
        "done" if e.amend => "Added to",
        "done" => "Done",
        "skip" => "Skipped",
        "note" => "Note",
        "check" => "Ticked",
        "uncheck" => "Unticked",
        other => other,
    };
    let mut line = format!(
        "- **{what}** {} `{}`: {}",
        e.plan,
        e.day,
        one_line(&e.title)
    );
    if !e.items.is_empty() {
        line.push_str(&format!(" ({})", items_text(&e.items)));
    }
    if let Some(m) = e.minutes {
        line.push_str(&format!(" ({m} min)"));
    }
    line
}

fn csv(entries: &[Entry], out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "date,plan,day,title,event,note,minutes,items")?;
    for e in entries {
        let fields = [
            e.date.to_string(),
            e.plan.clone(),
            e.day.clone(),
            e.title.clone(),
            e.event.to_string(),
            e.note.clone().unwrap_or_default(),
            e.minutes.map(|m| m.to_string()).unwrap_or_default(),
            // Space-separated, so the column stays one field without quotes.
            e.items
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" "),
        ];
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        writeln!(out, "{}", row.join(","))?;
    }
    Ok(())
}

/// Quotes a CSV field when needed (RFC 4180), and defuses spreadsheet formulas.
fn csv_field(field: &str) -> String {
    let field = crate::render::text::sanitize(field);
    let field = if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field
    };
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}
