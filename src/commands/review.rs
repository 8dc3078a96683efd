//! `review`: the past days due for spaced review, and recording how a review went.

use std::io::Write;

use serde_json::json;

use super::{Context, pass_of, record_with};
use crate::cli::ReviewArgs;
use crate::curriculum::ItemKind;
use crate::curriculum::keys::resolve_day;
use crate::decide::review::{self as decide, Graded, Rate};
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
    let mut due = progress.grades().due(today);
    if let Some(plan) = &ctx.plan_flag {
        due.retain(|r| r.plan.eq_ignore_ascii_case(plan));
    }
    let counts = ctx.due_today(&progress, due.len())?;
    if ctx.json {
        let value: Vec<_> = due
            .iter()
            .enumerate()
            .map(|(i, r)| {
                json!({
                    "backlog": i >= counts.due_today,
                    "plan": r.plan,
                    "day": r.day,
                    "title": r.title,
                    "due": r.due,
                    "last_rating": r.last_rating,
                    "rated": r.rated,
                    "overdue_days": r.overdue_days(today),
                })
            })
            .collect();
        return write_json(out, &serde_json::Value::Array(value));
    }
    let paint = ctx.paint();
    if due.is_empty() {
        let next = progress.reviews.outlook().next_due();
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
        return Ok(());
    }
    if counts.due_today == 0 {
        writeln!(
            out,
            "No reviews due today: you reached today's cap of {}; {} in the backlog (`pymastery config set review_cap N`).",
            ctx.config.review_cap, counts.backlog
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        paint.bold(&format!(
            "{} due today, most overdue first",
            plural(counts.due_today as i64, "review")
        ))
    )?;
    for r in due.iter().take(counts.due_today) {
        writeln!(out)?;
        write!(out, "{}", describe(ctx, &progress, r))?;
    }
    if counts.backlog > 0 {
        writeln!(out)?;
        writeln!(
            out,
            "{} more in the backlog: at most {} a day (`pymastery config set review_cap N`).",
            counts.backlog, ctx.config.review_cap
        )?;
    }
    Ok(())
}

/// One day due: what it was, how it went, what to ask oneself, what one wrote.
fn describe(ctx: &Context, progress: &Progress, r: &DayReview) -> String {
    let paint = ctx.paint();
    let today = ctx.clock.today();
    let mut text = format!(
        "{} {}  {}\n",
        paint.cyan(&r.plan),
        paint.cyan(&r.day),
        paint.bold(&one_line(&plain_inline(&r.title)))
    );
    let overdue = match r.overdue_days(today) {
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
    if let Some(day) = ctx.catalog.load(&r.plan).ok().as_ref().and_then(|p| {
        p.day(&r.day).map(|d| {
            let questions: Vec<_> = d
                .items
                .iter()
                .filter(|i| i.kind == ItemKind::Question)
                .collect();
            // The questions under the heading `today` gives them, so that one list has one name.
            let (heading, items) = if questions.is_empty() {
                ("What the day asked", d.items.iter().collect())
            } else {
                (ItemKind::Question.heading(), questions)
            };
            let mut block = String::new();
            if !items.is_empty() {
                block.push_str(&format!("  {heading}:\n"));
                for item in items {
                    block.push_str(&format!("    - {}\n", one_line(&plain_inline(&item.text))));
                }
            }
            block
        })
    }) {
        text.push_str(&day);
    }
    let notes = progress
        .plan(&r.plan)
        .and_then(|p| p.day(&r.day))
        .map(|s| s.notes.clone())
        .unwrap_or_default();
    for (date, note) in notes {
        text.push_str(&format!(
            "  Your reflection ({date}): {}\n",
            one_line(&note)
        ));
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
