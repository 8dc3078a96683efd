//! `log`: the practice log in date order, as text, Markdown, JSON or CSV.

use std::hash::{Hash, Hasher};
use std::io::Write;

use super::Context;
use crate::cli::{LogArgs, LogFormat};
use crate::clock::parse_date;
use crate::decide::entry::Entry;
use crate::error::bad_input;
use crate::render::text::{excerpt, one_line, title_beyond_key};
use crate::render::width::wrap_hanging;
use crate::render::write_json;

pub(super) fn run(ctx: &Context, args: &LogArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let since = args
        .since
        .as_deref()
        .map(|d| parse_date(d, "--since", ctx.clock.today()))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|d| parse_date(d, "--until", ctx.clock.today()))
        .transpose()?;
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        return Err(bad_input(format!(
            "--since {since} is after --until {until}"
        )));
    }
    if let Some(plan) = &ctx.plan_flag
        && !ctx.catalog.contains(plan)
    {
        return Err(bad_input(format!(
            "no plan '{plan}'; the plans are {}",
            ctx.catalog.ids().join(", ")
        )));
    }
    let progress = ctx.progress_all()?;
    let grep = args.grep.as_ref().map(|g| g.to_lowercase());
    let diary = !ctx.json && args.format == LogFormat::Md;
    // A second `done` of a day in its pass adds to it (`done --amend`, `done DAY`).
    let mut done = std::collections::HashSet::new();
    let mut entries: Vec<Entry> = progress
        .into_events()
        .into_iter()
        .filter_map(|event| {
            let diary_entry = diary.then(|| Entry::from_diary_event(&event)).flatten();
            let mut entry = diary_entry.or_else(|| Entry::from_owned(event))?;
            if entry.event == "done" {
                // A hash, not the strings: a century of sessions is held once, not twice.
                let mut key = std::hash::DefaultHasher::new();
                (&entry.plan, entry.pass, entry.day.to_lowercase()).hash(&mut key);
                entry.amend = !done.insert(key.finish());
            }
            Some(entry)
        })
        .filter(|e| since.is_none_or(|s| e.date >= s) && until.is_none_or(|u| e.date <= u))
        .filter(|e| {
            // A pause is no plan's: it shows whatever plan is asked for.
            matches!(e.event, "pause" | "resume")
                || ctx
                    .plan_flag
                    .as_ref()
                    .is_none_or(|p| e.plan.eq_ignore_ascii_case(p))
        })
        .filter(|e| {
            grep.as_ref().is_none_or(|g| {
                e.title.to_lowercase().contains(g)
                    || e.day.to_lowercase().contains(g)
                    || e.note
                        .as_ref()
                        .is_some_and(|n| n.to_lowercase().contains(g))
            })
        })
        .collect();
    // Stable, and sorted through (date, position) pairs rather than a scratch copy of the
    // entries: a long history is not held one and a half times.
    entries.sort_by_cached_key(|e| e.date);
    let format = if ctx.json {
        LogFormat::Json
    } else {
        args.format
    };
    match format {
        LogFormat::Json => write_json(out, &serde_json::to_value(&entries)?),
        LogFormat::Csv => csv(&entries, out),
        LogFormat::Md => markdown(&entries, out),
        LogFormat::Text => {
            let filtered = since.is_some()
                || until.is_some()
                || ctx.plan_flag.is_some()
                || args.grep.is_some();
            text(ctx, &entries, filtered, out)
        }
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
        match e.event {
            "pause" => {
                writeln!(out, "- **Paused** {}", one_line(&e.title))?;
                continue;
            }
            "resume" => {
                writeln!(out, "- **Resumed**")?;
                continue;
            }
            "review" => {
                let rating = e.note.as_deref().unwrap_or_default();
                writeln!(
                    out,
                    "- **Reviewed** {} `{}`: {} (rated {rating})",
                    e.plan,
                    e.day,
                    one_line(&e.title)
                )?;
                continue;
            }
            _ => {}
        }
        let what = match e.event {
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
        writeln!(out, "{line}")?;
        if let Some(note) = &e.note {
            for text in crate::render::text::sanitize(note).lines() {
                writeln!(out, "  > {text}")?;
            }
        }
    }
    Ok(())
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
