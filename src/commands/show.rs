//! `show`: a day, a week, a section or a plan's outline, without changing anything.

use std::collections::BTreeSet;
use std::io::Write;

use serde_json::{Value, json};

use super::Context;
use crate::cli::ShowArgs;
use crate::curriculum::keys::{resolve_day, resolve_section};
use crate::curriculum::{Curriculum, Day, PhaseKind, Section};
use crate::error::bad_input;
use crate::progress::{PlanProgress, Progress};
use crate::render::day::{day_body, day_heading, day_json, items_json, items_text};
use crate::render::text::{Paint, one_line, plain_inline, title_beyond_key};
use crate::render::write_json;
use crate::schedule::{self, Position};

pub(super) fn run(ctx: &Context, args: &ShowArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let progress = ctx.progress()?;
    let mut words: Vec<&str> = args.what.iter().map(|w| w.trim()).collect();
    // `show 'week 3'`, quoted as one word, is `show week 3`.
    if let [one] = words.as_slice() {
        let parts: Vec<&str> = one.split_whitespace().collect();
        if let [kind, _] = parts.as_slice()
            && is_phase_word(kind)
        {
            words = parts;
        }
    }
    match words.as_slice() {
        [] => outline(ctx, &ctx.plan(&progress)?, &progress, out),
        [kind, number] if is_phase_word(kind) => {
            let plan = ctx.plan(&progress)?;
            phase(ctx, &plan, progress.plan(&plan.id), kind, number, out)
        }
        [what] => {
            let plan = ctx.plan(&progress)?;
            let plan_progress = progress.plan(&plan.id);
            match resolve_day(
                &plan,
                what,
                schedule::here(&plan, plan_progress, ctx.clock.today()),
            ) {
                Ok(day) => show_day(ctx, &plan, day, plan_progress, out),
                Err(err) => {
                    if ctx.plan_flag.is_none() && ctx.catalog.contains(what) {
                        return outline(ctx, &ctx.catalog.load(what)?, &progress, out);
                    }
                    match resolve_section(&plan, what) {
                        Some(section) => show_section(ctx, section, plan_progress, out),
                        None if what.chars().any(|c| c.is_ascii_digit()) => Err(err),
                        // A word with no number could have been meant as a plan or a section.
                        None => Err(bad_input(format!(
                            "{err:#}; nor is it a section of {} or a plan (`pymastery plans` lists them)",
                            plan.id
                        ))),
                    }
                }
            }
        }
        _ => Err(bad_input(format!(
            "cannot show '{}': name a day (`w3.d2`, `#5`, `next`), `week N`, a section or a plan",
            args.what.join(" ")
        ))),
    }
}

fn is_phase_word(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "week" | "cycle" | "w")
}

fn show_day(
    ctx: &Context,
    plan: &Curriculum,
    day: &Day,
    progress: Option<&PlanProgress>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let state = progress.and_then(|p| p.day(&day.key));
    if ctx.json {
        // The day's fields at the top, and again under `day` as `today --json` has them.
        let day_value = day_json(day, state);
        let mut value = day_value.clone();
        value["day"] = day_value;
        value["plan"] = json!({ "id": plan.id, "title": plan.title });
        value["position"] = json!(Position::of(plan, day));
        return write_json(out, &value);
    }
    let paint = ctx.paint();
    writeln!(
        out,
        "{}",
        paint.dim(&format!(
            "{} · {}",
            one_line(&plan.title),
            Position::of(plan, day).describe()
        ))
    )?;
    writeln!(out, "{}", day_heading(day, state, paint))?;
    let body = day_body(day, state, paint);
    if !body.is_empty() {
        writeln!(out)?;
        write!(out, "{body}")?;
    }
    Ok(())
}

fn show_section(
    ctx: &Context,
    section: &Section,
    progress: Option<&PlanProgress>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let checked = progress
        .and_then(|p| p.day(&section.key))
        .map_or_else(BTreeSet::new, |s| s.checked_in(&section.items));
    let checked = &checked;
    if ctx.json {
        return write_json(out, &json!({ "section": section_json(section, checked) }));
    }
    let paint = ctx.paint();
    writeln!(
        out,
        "{}  {}",
        paint.cyan(&section.key),
        paint.bold(&one_line(&plain_inline(&section.title)))
    )?;
    for text in &section.text {
        writeln!(out, "{}", one_line(&plain_inline(text)))?;
    }
    if section.checkable {
        write!(out, "{}", items_text(&section.items, checked, paint))?;
    } else {
        for item in &section.items {
            writeln!(out, "  - {}", one_line(&plain_inline(&item.text)))?;
        }
    }
    Ok(())
}

fn phase(
    ctx: &Context,
    plan: &Curriculum,
    progress: Option<&PlanProgress>,
    kind: &str,
    number: &str,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let wanted_kind = if kind.eq_ignore_ascii_case("cycle") {
        PhaseKind::Cycle
    } else {
        PhaseKind::Week
    };
    let numbers: Vec<u32> = plan
        .phases
        .iter()
        .filter(|p| p.kind == wanted_kind)
        .filter_map(|p| p.number)
        .collect();
    let word = if wanted_kind == PhaseKind::Cycle {
        "cycle"
    } else {
        "week"
    };
    let available = match (numbers.iter().min(), numbers.iter().max()) {
        (Some(lo), Some(hi)) => format!("{word}s {lo}-{hi}"),
        _ => format!("no {word}s"),
    };
    let index = number
        .parse::<u32>()
        .ok()
        .and_then(|n| {
            plan.phases
                .iter()
                .position(|p| p.kind == wanted_kind && p.number == Some(n))
        })
        .ok_or_else(|| bad_input(format!("no {word} '{number}' in {} ({available})", plan.id)))?;
    let days: Vec<&Day> = plan
        .days
        .iter()
        .filter(|d| phase_indices(plan, d).contains(&index))
        .collect();
    if ctx.json {
        let list: Vec<Value> = days
            .iter()
            .map(|d| day_json(d, progress.and_then(|p| p.day(&d.key))))
            .collect();
        let phase = &plan.phases[index];
        return write_json(out, &json!({ "phase": phase, "days": list }));
    }
    let paint = ctx.paint();
    let phase = &plan.phases[index];
    writeln!(
        out,
        "{}",
        paint.bold(&one_line(&format!(
            "{}: {}",
            phase.label,
            plain_inline(&phase.title)
        )))
    )?;
    for day in days {
        let state = progress.and_then(|p| p.day(&day.key));
        writeln!(out)?;
        writeln!(out, "{}", day_heading(day, state, paint))?;
        write!(out, "{}", day_body(day, state, paint))?;
    }
    Ok(())
}

fn section_json(section: &Section, checked: &BTreeSet<usize>) -> Value {
    json!({
        "key": section.key,
        "title": section.title,
        "checkable": section.checkable,
        "text": section.text,
        "items": items_json(&section.items, checked),
    })
}

/// The plan's outline: title, meta, phases, days and plan-level sections.
fn outline(
    ctx: &Context,
    plan: &Curriculum,
    progress: &Progress,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let plan_progress = progress.plan(&plan.id);
    if ctx.json {
        let days: Vec<Value> = plan
            .days
            .iter()
            .map(|d| day_json(d, plan_progress.and_then(|p| p.day(&d.key))))
            .collect();
        let sections: Vec<Value> = plan
            .sections
            .iter()
            .map(|s| {
                let checked = plan_progress
                    .and_then(|p| p.day(&s.key))
                    .map_or_else(BTreeSet::new, |st| st.checked_in(&s.items));
                section_json(s, &checked)
            })
            .collect();
        let value = json!({
            "id": plan.id,
            "title": plan.title,
            "meta": plan.meta,
            "phases": plan.phases,
            "days": days,
            "sections": sections,
        });
        return write_json(out, &value);
    }
    let paint = ctx.paint();
    writeln!(out, "{}", paint.bold(&one_line(&plain_inline(&plan.title))))?;
    let mut summary = format!("{} · {}", plan.id, describe_length(plan));
    if plan.item_count() > 0 {
        summary.push_str(&format!(" · {} items", plan.item_count()));
    }
    writeln!(out, "{}", paint.dim(&summary))?;
    for meta in plan.meta.iter().filter(|m| !is_stale_meta(&m.label)) {
        writeln!(
            out,
            "{}: {}",
            paint.bold(&one_line(&meta.label)),
            one_line(&plain_inline(&meta.value))
        )?;
    }
    write_days(plan, plan_progress, paint, out)?;
    if !plan.sections.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.bold("Sections"))?;
        // Titles in one column, whatever the length of the keys.
        let key_width = plan
            .sections
            .iter()
            .map(|s| crate::render::width::display_width(&s.key))
            .max()
            .unwrap_or(0);
        for section in &plan.sections {
            let mut detail = match section.items.len() {
                0 => String::new(),
                n => format!(
                    " ({n} items{})",
                    if section.checkable { ", checkable" } else { "" }
                ),
            };
            if section.items.is_empty() && !section.text.is_empty() {
                detail = format!(
                    ": {}",
                    crate::render::text::excerpt(&plain_inline(&section.text.join(" ")), 60)
                );
            }
            let pad = key_width - crate::render::width::display_width(&section.key);
            writeln!(
                out,
                "  {}{}  {}{}",
                paint.cyan(&section.key),
                " ".repeat(pad),
                one_line(&plain_inline(&section.title)),
                paint.dim(&detail)
            )?;
        }
        writeln!(
            out,
            "{}",
            paint.dim("`pymastery show KEY` shows a day or a section")
        )?;
    }
    Ok(())
}

/// Source lines that track progress by hand (`Current Day: 1 (In Progress)`, `Last Updated`):
/// the log knows better, so the outline leaves them out.
fn is_stale_meta(label: &str) -> bool {
    let label = label.trim().to_lowercase();
    label.starts_with("current ") || label.starts_with("last updated")
}

fn write_days(
    plan: &Curriculum,
    progress: Option<&PlanProgress>,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if plan.days.first().is_some_and(|d| d.phase.is_none()) {
        writeln!(out)?;
    }
    let mut printed = vec![false; plan.phases.len()];
    let key_width = plan
        .days
        .iter()
        .map(|d| d.key.chars().count())
        .max()
        .unwrap_or(0);
    for day in &plan.days {
        let path = phase_indices(plan, day);
        for (depth, &index) in path.iter().enumerate() {
            if !printed[index] {
                printed[index] = true;
                let phase = &plan.phases[index];
                let title = if phase.title.is_empty() {
                    phase.label.clone()
                } else {
                    format!("{}: {}", phase.label, plain_inline(&phase.title))
                };
                if depth == 0 {
                    writeln!(out)?;
                }
                writeln!(
                    out,
                    "{}{}",
                    "  ".repeat(depth),
                    paint.bold(&one_line(&title))
                )?;
            }
        }
        let state = progress.and_then(|p| p.day(&day.key));
        let mark = match state {
            Some(s) if s.done.is_some() => paint.green("✓"),
            Some(s) if s.skipped.is_some() => paint.yellow("-"),
            _ => " ".to_string(),
        };
        let indent = "  ".repeat(path.len());
        // A title that only repeats the key (a plan whose headings are dates) is not said twice.
        let name = match title_beyond_key(&day.key, &day.title) {
            Some(title) => format!(
                "{}  {title}",
                paint.cyan(&format!("{:<key_width$}", day.key))
            ),
            None => paint.cyan(&day.key),
        };
        let span = if day.span > 1 {
            paint.dim(&format!(" ({} days)", day.span))
        } else {
            String::new()
        };
        writeln!(out, "{indent}{mark} {name}{span}")?;
    }
    Ok(())
}

/// Indices of the phases enclosing a day, outermost first.
fn phase_indices(plan: &Curriculum, day: &Day) -> Vec<usize> {
    let mut path = Vec::new();
    let mut next = day.phase;
    while let Some(index) = next.filter(|i| *i < plan.phases.len() && !path.contains(i)) {
        path.push(index);
        next = plan.phases[index].parent;
    }
    path.reverse();
    path
}

/// `8 days over 8 calendar days`, or for a plan paced by its weekdays
/// `8 days on their weekdays over 2 weeks`.
fn describe_length(plan: &Curriculum) -> String {
    match crate::schedule::weekday_rhythm(plan) {
        Some(offsets) => {
            let weeks = offsets.last().map_or(0, |last| last / 7 + 1);
            format!(
                "{} days on their weekdays over {}",
                plan.days.len(),
                crate::render::text::plural(u32::try_from(weeks).unwrap_or(0), "week")
            )
        }
        None => format!(
            "{} days over {} calendar days",
            plan.days.len(),
            plan.total_span()
        ),
    }
}
