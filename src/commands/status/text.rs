//! The review as a terminal screen, fitted to its width.

use std::io::Write;

use super::Context;
use super::lines::{
    days_off_lines, earlier_pass_text, heatmap, status_word, streak_text, tally_text,
};
use crate::decide::status::{PlanReview, Recent, StatusReport};
use crate::render::text::{
    Paint, day_name, describe_pace, excerpt, one_line, plural, progress_bar, title_beyond_key,
};
use crate::render::width::{Column, Table, wrap_hanging};

/// Writes the screen: the plans, the summary lines, the last days, the reflections and the
/// practice calendar.
pub(super) fn write(
    ctx: &Context,
    review: &StatusReport,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    writeln!(
        out,
        "{}",
        paint.bold(&format!("Review for the week to {}", review.today))
    )?;
    if review.plans.is_empty() {
        writeln!(
            out,
            "\nNo plan under way. `pymastery plans` lists them; `pymastery start PLAN` begins one."
        )?;
    }
    // The bar gives way first on a narrow terminal.
    let bar = ctx.width.map_or(30, |w| if w < 70 { 16 } else { 30 });
    for plan in &review.plans {
        plan_block(plan, bar, paint, out)?;
    }
    other_plans(ctx, review, paint, out)?;
    summary(review, out)?;
    last_days(ctx, review, paint, out)?;
    calendar(ctx, review, paint, out)
}

/// A plan's four lines: the bar, where it stands, its start and pace, its tally.
fn plan_block(
    plan: &PlanReview,
    bar: usize,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "{}  {}",
        paint.cyan(&plan.id),
        paint.bold(&one_line(&plan.title))
    )?;
    let skipped = if plan.days_skipped > 0 {
        format!(", {} skipped", plan.days_skipped)
    } else {
        String::new()
    };
    writeln!(
        out,
        "  {} {}/{} days ({}%){skipped}",
        progress_bar(plan.days_done, plan.days_total, bar),
        plan.days_done,
        plan.days_total,
        plan.percent,
    )?;
    match (&plan.current_day, &plan.position) {
        (Some(key), Some(position)) => writeln!(
            out,
            "  now at {} · {}",
            day_name(key, plan.current_title.as_deref().unwrap_or_default()),
            one_line(position)
        )?,
        _ => writeln!(out, "  {}", paint.green("finished"))?,
    }
    let pass = if plan.pass > 1 {
        format!(" (pass {})", plan.pass)
    } else {
        String::new()
    };
    let mut line = format!(
        "  started {}{pass} · {}",
        plan.started,
        describe_pace(plan.pace_days)
    );
    if let Some(finish) = plan.forecast_finish {
        let word = if plan.finished {
            "finished"
        } else {
            "forecast finish"
        };
        line.push_str(&format!(" · {word} {finish}"));
    }
    writeln!(out, "{line}")?;
    writeln!(out, "  {}", tally_text(plan, ""))?;
    Ok(())
}

/// With `--all`: the earlier passes and the plans never started.
fn other_plans(
    ctx: &Context,
    review: &StatusReport,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if !review.earlier_passes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.bold("Earlier passes"))?;
        for pass in &review.earlier_passes {
            writeln!(out, "  {}", earlier_pass_text(pass))?;
        }
    }
    if !review.not_started.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.bold("Not started"))?;
        let mut table = Table::new(vec![
            Column::new("id", 9),
            Column::new("title", 5).shrink(12),
            Column::new("days", 3).right(),
        ]);
        table.header = false;
        table.indent = 2;
        for plan in &review.not_started {
            table.row(vec![
                plan.id.clone(),
                one_line(&plan.title),
                plural(u32::try_from(plan.days).unwrap_or(u32::MAX), "day"),
            ]);
        }
        write!(out, "{}", table.render(ctx.width))?;
    }
    Ok(())
}

/// The streak, the days off and spaced review, a line each.
fn summary(review: &StatusReport, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out)?;
    writeln!(out, "Streak: {}", streak_text(review))?;
    for line in days_off_lines(review) {
        writeln!(out, "{line}")?;
    }
    if let Some(line) = review.reviews.line() {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The table of the last 7 days and the recent reflections.
fn last_days(
    ctx: &Context,
    review: &StatusReport,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", paint.bold("Last 7 days"))?;
    if review.recent.is_empty() {
        writeln!(out, "  nothing done or skipped")?;
    } else {
        write!(out, "{}", recent_table(&review.recent).render(ctx.width))?;
    }
    if !review.reflections.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.bold("Recent reflections"))?;
        for e in &review.reflections {
            let line = format!(
                "  {} {} {}: {}",
                paint.dim(&e.date.to_string()),
                e.plan,
                e.day,
                excerpt(e.note.as_deref().unwrap_or_default(), 300)
            );
            writeln!(out, "{}", wrap_hanging(&line, ctx.width, 4))?;
        }
    }
    Ok(())
}

/// The last days as a terminal table: titles and notes cut first, then the least useful
/// columns dropped, so that rows never wrap.
fn recent_table(recent: &[Recent]) -> Table {
    let mut table = Table::new(vec![
        Column::new("date", 9),
        Column::new("plan", 4).shrink(8),
        Column::new("day", 8),
        Column::new("title", 7).shrink(12),
        Column::new("status", 6),
        Column::new("items", 3).right(),
        Column::new("note", 2).shrink(12),
    ]);
    table.indent = 2;
    for Recent {
        entry: e,
        items_ticked,
    } in recent
    {
        table.row(vec![
            e.date.to_string(),
            e.plan.clone(),
            e.day.clone(),
            title_beyond_key(&e.day, &e.title).unwrap_or_default(),
            status_word(e.event).to_string(),
            items_ticked.to_string(),
            e.note.as_deref().map(one_line).unwrap_or_default(),
        ]);
    }
    table
}

/// The practice calendar, as many weeks as the terminal fits, and its legend.
fn calendar(
    ctx: &Context,
    review: &StatusReport,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    writeln!(out)?;
    // A week takes two columns after the five of `  Mon`: show the weeks that fit.
    let weeks = ctx.width.map_or(review.weeks, |w| {
        review.weeks.min(
            u32::try_from(w.saturating_sub(5) / 2)
                .unwrap_or(u32::MAX)
                .max(1),
        )
    });
    writeln!(
        out,
        "{}",
        paint.bold(&format!("Practice, last {}", plural(weeks, "week")))
    )?;
    if weeks < review.weeks && !ctx.quiet {
        writeln!(
            out,
            "{}",
            paint.dim(&format!("(a wider terminal shows all {})", review.weeks))
        )?;
    }
    write!(out, "{}", heatmap(review, weeks, paint))?;
    if !ctx.quiet {
        let paused = if review.pauses.is_empty() {
            ""
        } else {
            "  - paused"
        };
        writeln!(
            out,
            "{}",
            paint.dim(&format!(
                "■ practised  · none{paused}   `pymastery log` lists every session"
            ))
        )?;
    }
    Ok(())
}
