//! `today`: what to practise now.

use std::io::Write;

use serde_json::json;

use super::Context;
use crate::cli::TodayArgs;
use crate::curriculum::{Curriculum, Day, Section, SectionRole};
use crate::decide::today::TodayView;
use crate::progress::Progress;
use crate::render::day::{day_body, day_heading, day_json};
use crate::render::text::{
    Paint, day_name, describe_pace, describe_streak, one_line, plain_inline,
};
use crate::render::write_json;
use crate::rest::Pause;
use crate::schedule::{self, Counts, Position};

pub(super) fn run(ctx: &Context, args: &TodayArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let progress = ctx.progress()?;
    let plan = ctx.plan(&progress)?;
    let today = ctx.clock.today();
    let off = ctx.days_off(&progress);
    let view = TodayView::build(&plan, &progress, &off, today);
    let due = progress.reviews.outlook().due_by(today);
    let reviews = ctx.due_today(&progress, due)?;
    let paint = ctx.paint();

    if ctx.json {
        let elsewhere = current_elsewhere(ctx, &progress, &plan.id);
        return write_json(out, &view_json(&plan, &view, &reviews, &elsewhere));
    }
    if args.short {
        // One line for a prompt: cut, never wrapped.
        let line = short_line(&plan, &view);
        let line = ctx
            .width
            .map_or(line.clone(), |w| crate::render::width::cut(&line, w));
        writeln!(out, "{line}")?;
        return Ok(());
    }
    let Some(day) = view.current else {
        done_today_lines(&view.done_today, paint, out)?;
        finished(ctx, &plan, &view.counts, &progress, out)?;
        return review_line(reviews, out);
    };
    done_today_lines(&view.done_today, paint, out)?;
    if let Some(pause) = &view.pause {
        writeln!(out, "{}", paint.yellow(&pause_line(pause)))?;
        writeln!(out)?;
    }
    writeln!(out, "{}", paint.bold(&one_line(&plan.title)))?;
    day_screen(&plan, day, &view, paint, out)?;
    writeln!(out, "{}", paint.dim(&footer(ctx, &plan, &view)))?;
    review_line(reviews, out)?;
    others_under_way(ctx, &plan.id, &progress, out)
}

/// `today --json`.
fn view_json(
    plan: &Curriculum,
    view: &TodayView,
    reviews: &crate::review::DueToday,
    elsewhere: &[String],
) -> serde_json::Value {
    let state = |d: &Day| view.progress.and_then(|p| p.day(&d.key));
    json!({
        "plan": { "id": plan.id, "title": plan.title },
        "started": view.progress.is_some(),
        "finished": view.current.is_none(),
        "day": view.current.map(|d| day_json(d, state(d))),
        "position": view.current.map(|d| Position::of(plan, d)),
        "progress": {
            "days_done": view.counts.days_done,
            "days_skipped": view.counts.days_skipped,
            "days_total": view.counts.days_total,
        },
        "pace_days": view.pace,
        "streak": view.streaks,
        "paused": view.pause,
        "reviews_due_today": reviews.due_today,
        "reviews_backlog": reviews.backlog,
        "done_today": view
            .done_today
            .iter()
            .map(|d| json!({ "key": d.key, "title": d.title }))
            .collect::<Vec<_>>(),
        "current_elsewhere": elsewhere,
    })
}

/// `today --short`: one line for a shell prompt, a finished plan included.
fn short_line(plan: &Curriculum, view: &TodayView) -> String {
    let mut line = match view.current {
        Some(day) => format!("{} {}", plan.id, day_name(&day.key, &day.title)),
        None => format!(
            "{} finished · {}/{} days",
            plan.id, view.counts.days_done, view.counts.days_total
        ),
    };
    if view.streaks.current > 0 {
        line.push_str(&format!(" · streak {}", view.streaks.current));
    }
    if view.pause.is_some() {
        line.push_str(" · paused");
    }
    line
}

/// Where the day stands in the plan, the day with its items, and how a session goes.
fn day_screen(
    plan: &Curriculum,
    day: &Day,
    view: &TodayView,
    paint: Paint,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let state = view.progress.and_then(|p| p.day(&day.key));
    // After a session, the day shown is what comes next, not more of today's.
    let position = one_line(&Position::of(plan, day).describe());
    let position = if view.done_today.is_empty() {
        position
    } else {
        format!("Next: {position}")
    };
    writeln!(out, "{}", paint.dim(&position))?;
    writeln!(out)?;
    writeln!(out, "{}", day_heading(day, state, paint))?;
    let body = day_body(day, state, paint);
    if !body.is_empty() {
        writeln!(out)?;
        write!(out, "{body}")?;
    }
    if let Some(session) = session_structure(plan) {
        writeln!(out)?;
        write!(out, "{}", session_text(session, paint))?;
    }
    writeln!(out)?;
    Ok(())
}

/// `streak 3 days · on track · 4/16 days · next: …`, or how to start.
fn footer(ctx: &Context, plan: &Curriculum, view: &TodayView) -> String {
    let Some(pace) = view.pace else {
        return if ctx.quiet {
            "Not started: this is a preview of day 1.".to_string()
        } else {
            format!(
                "Not started: this is a preview of day 1. Start with `pymastery start {}`.",
                plan.id
            )
        };
    };
    let mut footer = format!(
        "{} · {} · {}/{} days",
        describe_streak(view.streaks.current, view.streaks.longest),
        describe_pace(pace),
        view.counts.days_done,
        view.counts.days_total
    );
    // Once a day is done today, a plain `done` is refused: offer the way to do more.
    if !ctx.quiet {
        footer.push_str(if view.done_today.is_empty() {
            " · next: `pymastery done --note`"
        } else {
            " · more today: `pymastery done next`"
        });
    }
    footer
}

/// `✓ Done today: d1 Python Basics`, a line a day, then a blank line; nothing when no day of
/// the plan was done today.
fn done_today_lines(days: &[&Day], paint: Paint, out: &mut dyn Write) -> anyhow::Result<()> {
    const LEAD: &str = "✓ Done today: ";
    for (i, day) in days.iter().enumerate() {
        let lead = if i == 0 {
            format!("{} {}", paint.green("✓"), &LEAD["✓ ".len()..])
        } else {
            " ".repeat(crate::render::width::display_width(LEAD))
        };
        writeln!(out, "{lead}{}", day_name(&day.key, &day.title))?;
    }
    if !days.is_empty() {
        writeln!(out)?;
    }
    Ok(())
}

/// The other plans under way, one line each: where they are and their pace.
fn others_under_way(
    ctx: &Context,
    shown: &str,
    progress: &Progress,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let today = ctx.clock.today();
    let elsewhere = current_elsewhere(ctx, progress, shown);
    let mut lines = Vec::new();
    for (id, plan_progress) in &progress.plans {
        if id == shown {
            continue;
        }
        let Ok(plan) = ctx.catalog.load(id) else {
            continue;
        };
        let Some(day) = schedule::current_day(&plan, Some(plan_progress)) else {
            continue;
        };
        let counts = Counts::of(&plan, Some(plan_progress));
        lines.push(format!(
            "  {} {} · {}/{} days · {}",
            id,
            day_name(&day.key, &day.title),
            counts.days_done,
            counts.days_total,
            describe_pace(schedule::pace_days(
                &plan,
                plan_progress,
                &counts,
                today,
                &ctx.days_off(progress)
            ))
        ));
        if elsewhere.contains(id)
            && let Some(line) = lines.last_mut()
        {
            line.push_str(" · current on another machine");
        }
    }
    if lines.is_empty() {
        return Ok(());
    }
    let paint = ctx.paint();
    writeln!(out)?;
    writeln!(out, "{}", paint.bold("Also under way"))?;
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The plans another machine chose last (by its latest `start`), other than `shown`: each
/// machine keeps its own choice, so `today` says what the others are on.
fn current_elsewhere(ctx: &Context, progress: &Progress, shown: &str) -> Vec<String> {
    if progress.starts.len() < 2 {
        return Vec::new();
    }
    progress.plans_started_elsewhere(ctx.device().as_deref(), shown)
}

/// `3 reviews due today · 12 in the backlog: `pymastery review``, when the daily cap still
/// asks for some.
fn review_line(reviews: crate::review::DueToday, out: &mut dyn Write) -> anyhow::Result<()> {
    if reviews.due_today > 0 {
        writeln!(out, "{}: `pymastery review`", reviews.describe())?;
    }
    Ok(())
}

/// `Paused since 2026-11-05 until 2026-11-12 (holiday): ...`, for `today` during a pause.
pub(super) fn pause_line(pause: &Pause) -> String {
    let mut line = format!("Paused since {}", pause.from);
    if let Some(until) = pause.until {
        line.push_str(&format!(" until {until}"));
    }
    if let Some(reason) = &pause.reason {
        line.push_str(&format!(" ({})", one_line(reason)));
    }
    line.push_str(
        ": these days count neither against your streak nor your pace. `pymastery resume` when you are back.",
    );
    line
}

/// The plan's daily session structure, where it gives one (read / code / reflect minutes).
pub(super) fn session_structure(plan: &Curriculum) -> Option<&Section> {
    plan.section_with(SectionRole::Session)
}

fn session_text(section: &Section, paint: Paint) -> String {
    let mut out = format!("{}\n", paint.bold(&one_line(&section.title)));
    for item in &section.items {
        out.push_str(&format!(
            "  {}. {}\n",
            item.n,
            one_line(&plain_inline(&item.text))
        ));
    }
    out
}

/// The end of a plan: say so, and offer what comes next.
fn finished(
    ctx: &Context,
    plan: &Curriculum,
    counts: &Counts,
    progress: &Progress,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let paint = ctx.paint();
    writeln!(out, "{}", paint.bold(&one_line(&plan.title)))?;
    writeln!(
        out,
        "{} You finished the plan: {} of {} days done, {} skipped.",
        paint.green("✓"),
        counts.days_done,
        counts.days_total,
        counts.days_skipped
    )?;
    if let Some(section) = what_comes_next(plan) {
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint.bold(&one_line(&plain_inline(&section.title)))
        )?;
        for text in &section.text {
            writeln!(out, "  {}", one_line(&plain_inline(text)))?;
        }
        for item in &section.items {
            writeln!(out, "  - {}", one_line(&plain_inline(&item.text)))?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Begin a new pass: `pymastery start {} --fresh`",
        plan.id
    )?;
    let others: Vec<&str> = ctx
        .catalog
        .ids()
        .into_iter()
        .filter(|id| *id != plan.id && progress.plan(id).is_none())
        .collect();
    if !others.is_empty() {
        writeln!(out, "Or start another plan: {}", others.join(", "))?;
    }
    others_under_way(ctx, &plan.id, progress, out)
}

/// A section that continues the plan beyond its days (`Cycle 5+`, `Next steps`, `Beyond`).
pub(super) fn what_comes_next(plan: &Curriculum) -> Option<&Section> {
    plan.section_with(SectionRole::Continuation)
}
