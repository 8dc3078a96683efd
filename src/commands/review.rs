//! `review`: the past days due for spaced review, and recording how a review went.
//!
//! Which days are listed, and what a rating records, is decided by [`crate::decide::review`];
//! this module loads the grades, records and renders.

use std::io::Write;

use chrono::NaiveDate;
use serde_json::json;

use super::{Context, pass_of, record_with};
use crate::cli::ReviewArgs;
use crate::curriculum::Day;
use crate::curriculum::keys::resolve_day;
use crate::decide::review::{self as decide, DueList, Graded, Rate};
use crate::error::bad_input;
use crate::progress::{EventKind, Folded, Progress, reads};
use crate::render::text::{day_name, one_line, plain_inline, plural};
use crate::render::write_json;
use crate::review::DayReview;
use crate::schedule;

pub(super) fn run(ctx: &Context, args: &ReviewArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    match (&args.day, args.rate) {
        (None, None) => list(ctx, out),
        (Some(day), Some(rating)) => rate(ctx, day, rating, out),
        (Some(day), None) => Err(bad_input(format!(
            "say how the review of {day} went with --rate again, hard, good or easy (or 1-4)"
        ))),
        (None, Some(_)) => Err(bad_input(
            "--rate needs the day reviewed: `pymastery review DAY --rate R` (`pymastery review` lists the days due)",
        )),
    }
}

fn list(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let progress = ctx.progress_with_grades()?;
    let today = ctx.clock.today();
    let due = decide::due(progress.grades(), ctx.plan_flag.as_deref(), today);
    let list = DueList {
        counts: ctx.due_today(&progress, due.len())?,
        due,
    };
    if ctx.json {
        return write_json(out, &list_json(&list, today));
    }
    if list.due.is_empty() {
        return nothing_due(progress.reviews.outlook().next_due(), out);
    }
    if list.counts.due_today == 0 {
        writeln!(
            out,
            "No reviews due today: you reached today's cap of {}; {} in the backlog (`pymastery config set review_cap N`).",
            ctx.config.review_cap, list.counts.backlog
        )?;
        return Ok(());
    }
    due_today(ctx, &progress, &list, out)
}

/// `review --json`: every day due, those beyond today's cap marked as the backlog.
fn list_json(list: &DueList, today: NaiveDate) -> serde_json::Value {
    let value = list.due.iter().enumerate().map(|(i, r)| {
        json!({
            "backlog": list.in_backlog(i),
            "plan": r.plan,
            "day": r.day,
            "title": r.title,
            "due": r.due,
            "last_rating": r.last_rating,
            "rated": r.rated,
            "overdue_days": r.overdue_days(today),
        })
    });
    serde_json::Value::Array(value.collect())
}

/// No day due: when the next comes up, or how days come up at all.
fn nothing_due(next: Option<NaiveDate>, out: &mut dyn Write) -> anyhow::Result<()> {
    match next {
        Some(next) => writeln!(
            out,
            "No reviews due today and none in the backlog; the next comes up on {next}."
        )?,
        None => writeln!(
            out,
            "Nothing to review yet: days come up for review once they are done (`pymastery done --rate again|hard|good|easy`)."
        )?,
    }
    Ok(())
}

/// Today's days, each described, then how many wait in the backlog.
fn due_today(
    ctx: &Context,
    progress: &Progress,
    list: &DueList,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let heading = format!(
        "{} due today, most overdue first",
        plural(list.counts.due_today as i64, "review")
    );
    writeln!(out, "{}", ctx.paint().bold(&heading))?;
    for r in list.today() {
        writeln!(out)?;
        write!(out, "{}", describe(ctx, progress, r))?;
    }
    if list.counts.backlog > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "{} more in the backlog: at most {} a day (`pymastery config set review_cap N`).",
            list.counts.backlog, ctx.config.review_cap
        )?;
    }
    Ok(())
}

/// One day due: what it was, how it went, what to ask oneself, what one wrote.
fn describe(ctx: &Context, progress: &Progress, r: &DayReview) -> String {
    let paint = ctx.paint();
    let mut text = format!(
        "{} {}  {}\n",
        paint.cyan(&r.plan),
        paint.cyan(&r.day),
        paint.bold(&one_line(&plain_inline(&r.title)))
    );
    let overdue = match r.overdue_days(ctx.clock.today()) {
        0 => "due today".to_string(),
        n => format!("{} overdue", plural(n, "day")),
    };
    // An unrated done counts as `good` for the schedule, but nobody said so.
    let last = if r.rated {
        format!("last rated {} on {}", r.last_rating.name(), r.last_review)
    } else {
        format!("done on {}, not rated yet", r.last_review)
    };
    text.push_str(&format!("  {last} · {overdue}\n"));
    if let Ok(plan) = ctx.catalog.load(&r.plan)
        && let Some(day) = plan.day(&r.day)
    {
        text.push_str(&prompts_text(day));
    }
    let state = progress.plan(&r.plan).and_then(|p| p.day(&r.day));
    for (date, note) in state.map(|s| &s.notes).into_iter().flatten() {
        text.push_str(&format!("  Your reflection ({date}): {}\n", one_line(note)));
    }
    text.push_str(&format!(
        "  {}\n",
        paint.dim(&format!(
            "then: `pymastery review {} -p {} --rate again|hard|good|easy`",
            r.day, r.plan
        ))
    ));
    text
}

/// `  Read:` and the day's questions, a line each; nothing for a day that listed nothing.
fn prompts_text(day: &Day) -> String {
    let (heading, items) = decide::prompts(day);
    if items.is_empty() {
        return String::new();
    }
    let mut block = format!("  {heading}:\n");
    for item in items {
        block.push_str(&format!("    - {}\n", one_line(&plain_inline(&item.text))));
    }
    block
}

/// Records how the review of day `text` went, unless it was rated so today already.
fn rate(
    ctx: &Context,
    text: &str,
    rating: crate::event::Rating,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let today = ctx.clock.today();
    let Some(message) = record_with(ctx, out, |progress: &Folded<reads::Graded>| {
        let here = schedule::here(&plan, progress.plan(&plan.id), today);
        let day = resolve_day(&plan, text, here)?;
        let grades = progress.grades();
        if let Rate::AlreadyRated { due } = decide::rate(grades, &plan.id, &day.key, rating, today)?
        {
            let said = format!(
                "{} {} was already rated {} today; nothing recorded. Next review on {due}.",
                plan.id,
                day.key,
                rating.name(),
            );
            return Ok((vec![], said));
        }
        let kind = EventKind::Review {
            day: day.key.as_str().into(),
            title: day.title.as_str().into(),
            rating,
        };
        let event = ctx.event(&plan.id, pass_of(progress, &plan.id), today, kind);
        let next = match decide::after(grades, &event) {
            Graded::Next(next) => next,
            Graded::ReplayNeeded => {
                let mut events = ctx.progress_all()?.into_events();
                events.push(event.clone());
                decide::next_of(&crate::review::Grades::of(&events), &event)
            }
        };
        let said = reviewed(&plan.id, &day_name(&day.key, &day.title), rating, next);
        Ok((vec![event], said))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)
}

/// `Reviewed interview d3 Decorators: hard. Next review on 2026-11-09 (in 4 days).`
fn reviewed(
    plan: &str,
    day: &str,
    rating: crate::event::Rating,
    next: Option<DayReview>,
) -> String {
    let mut message = format!("Reviewed {plan} {day}: {}.", rating.name());
    if let Some(next) = next {
        message.push_str(&format!(
            " Next review on {} (in {}).",
            next.due,
            plural(i64::from(next.interval_days), "day")
        ));
    }
    message
}
