//! `doctor --remap OLD NEW`: what was recorded on a day the plan no longer has, or under
//! another day's title, recorded again on a day it has. The log is only ever appended to.

use std::io::Write;

use crate::commands::Context;
use crate::render::text::{one_line, plural};

/// `doctor --remap OLD NEW`: copies the live events of a day the current plan no longer has
/// onto a day it has, as new events (the log is only ever appended to).
pub(super) fn run(ctx: &Context, old: &str, new: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let old_key = old.trim().to_lowercase();
    if let Some(day) = plan.day(&old_key) {
        return remap_other_titles(ctx, &plan, day, new, out);
    }
    record_remap(ctx, out, |progress| {
        let here = crate::schedule::here(&plan, progress.plan(&plan.id), ctx.clock.today());
        let target = crate::curriculum::keys::resolve_target(&plan, new, here)?;
        let events: Vec<crate::progress::Event> = progress
            .events()
            .iter()
            .filter(|e| {
                e.plan == plan.id
                    && e.kind
                        .day()
                        .is_some_and(|d| d.eq_ignore_ascii_case(&old_key))
            })
            .map(|e| {
                ctx.event(
                    &plan.id,
                    e.pass,
                    e.date,
                    e.kind.for_day(target.key(), target.title()),
                )
            })
            .collect();
        if events.is_empty() {
            return Err(crate::error::bad_input(format!(
                "no recorded events of plan '{}' name a day '{old}'",
                plan.id
            )));
        }
        let line = format!(
            "Copied {} of '{old_key}' onto {} ({}); the old lines stay in the log.",
            plural(events.len(), "event"),
            target.key(),
            target.title()
        );
        Ok((events, line))
    })
}

/// `doctor --remap OLD NEW` where OLD names a day still: the events on it recorded under
/// another title (what an earlier re-import left on a key that another day took) are taken
/// back and recorded again on NEW; what was recorded for the day there now stays.
fn remap_other_titles(
    ctx: &Context,
    plan: &crate::curriculum::Curriculum,
    day: &crate::curriculum::Day,
    new: &str,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    record_remap(ctx, out, |progress| {
        let here = crate::schedule::here(plan, progress.plan(&plan.id), ctx.clock.today());
        let target = crate::curriculum::keys::resolve_target(plan, new, here)?;
        if target.key().eq_ignore_ascii_case(&day.key) {
            return Err(crate::error::bad_input(format!(
                "'{new}' is the day '{}' itself; name the day its events belong to",
                day.key
            )));
        }
        let moved = crate::progress::moves::Move {
            from: day.key.clone(),
            to: target.key().to_string(),
            title: target.title().to_string(),
            unless_titled: Some(day.title.clone()),
        };
        let (events, counts) = crate::progress::moves::carry(
            progress.events(),
            &plan.id,
            &[moved],
            ctx.clock.now(),
            ctx.clock.today(),
        );
        let count = counts.first().copied().unwrap_or(0);
        if count == 0 {
            return Err(crate::error::bad_input(format!(
                "plan '{}' still has a day '{}' ({}), and everything recorded on it was recorded for that day; only the events of a day the plan no longer has, or recorded under another title, are remapped",
                plan.id, day.key, day.title
            )));
        }
        let line = format!(
            "Moved {} of '{}' recorded under another title than '{}' onto {} ({}); the old lines stay in the log, taken back.",
            plural(count, "event"),
            day.key,
            day.title,
            target.key(),
            target.title()
        );
        Ok((events, line))
    })
}

/// Records what a remap decides (with every event in effect at hand) and says what it did.
fn record_remap(
    ctx: &Context,
    out: &mut dyn Write,
    decide: impl FnOnce(
        &crate::progress::Folded<crate::progress::reads::All>,
    ) -> anyhow::Result<(Vec<crate::progress::Event>, String)>,
) -> anyhow::Result<()> {
    if let Some(line) = crate::commands::record_with(ctx, out, decide)?
        && !ctx.quiet
    {
        writeln!(out, "{}", one_line(&line))?;
    }
    Ok(())
}
