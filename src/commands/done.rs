//! `done`: marks a day done, with an optional reflection and time spent.

use std::io::Write;

use super::{Context, pass_of, record, reflection};
use crate::cli::DoneArgs;
use crate::clock;
use crate::curriculum::keys::resolve_day;
use crate::error::bad_input;
use crate::progress::EventKind;
use crate::progress::event::Rating;
use crate::render::text::day_name;
use crate::schedule;

use crate::clock::MAX_MINUTES;

pub fn run(ctx: &Context, args: &DoneArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let minutes = args.minutes.as_deref().map(parse_minutes).transpose()?;
    let rating = args.rate.as_deref().map(parse_rating).transpose()?;
    let date = match &args.date {
        Some(text) => clock::parse_past_date(text, "--date", ctx.clock.today())?,
        None => ctx.clock.today(),
    };
    if args.amend && args.note.is_none() && minutes.is_none() {
        return Err(bad_input(
            "--amend adds a note or minutes to the day done last: give --note or --minutes",
        ));
    }
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let here = schedule::here(&plan, before.plan(&plan.id), ctx.clock.today());
    let preview = match &args.day {
        Some(text) => Some(resolve_day(&plan, text, here)?),
        None if args.amend => last_done(&plan, before.plan(&plan.id)).map(|(d, _)| d),
        None => schedule::current_day(&plan, before.plan(&plan.id)),
    };
    // Refused before the editor opens, so that nobody writes a note for nothing; a note given
    // as an argument is checked first, as it costs nothing to.
    if let Some(Some(text)) = &args.note {
        reflection::require_text(text)?;
    }
    refuse_second_done(ctx, args, &plan, before.plan(&plan.id), date)?;
    let note = reflection::read_note(ctx, args.note.as_ref(), &plan, preview)?;

    let Some((message, after)) = record(ctx, out, |progress| {
        let plan_progress = progress.plan(&plan.id);
        // A backfilled date before the start is a typo (of the year, mostly). Without --date,
        // the practice date is the clock's, which another machine's time zone may put first.
        if let Some(started) = plan_progress.map(|p| p.started)
            && args.date.is_some()
            && date < started
        {
            return Err(bad_input(format!(
                "--date {date} is before {} was started ({started})",
                plan.id
            )));
        }
        let current = schedule::current_day(&plan, plan_progress);
        let here = schedule::here(&plan, plan_progress, ctx.clock.today());
        let amended = if args.amend {
            Some(last_done(&plan, plan_progress).ok_or_else(|| {
                bad_input(format!(
                    "nothing to amend: no day of {} is done yet; `pymastery done` marks one",
                    plan.id
                ))
            })?)
        } else {
            None
        };
        refuse_second_done(ctx, args, &plan, plan_progress, date)?;
        let day = match (&args.day, amended) {
            (_, Some((day, _))) => day,
            (Some(text), None) => resolve_day(&plan, text, here)?,
            (None, None) => current.ok_or_else(|| {
                bad_input(format!(
                    "{} is finished: every day is done or skipped; begin a new pass with `pymastery start {} --fresh`",
                    plan.id, plan.id
                ))
            })?,
        };
        let already = plan_progress
            .and_then(|p| p.day(&day.key))
            .and_then(|s| s.done);
        let name = format!(
            "{}{}",
            super::plan_prefix(ctx, progress, &plan.id),
            day_name(&day.key, &day.title)
        );
        if let Some(done_on) = already
            && note.is_none()
            && minutes.is_none()
            && rating.is_none()
        {
            return Ok((
                vec![],
                (
                    format!("{name} was already done on {done_on}; nothing to add."),
                    None,
                ),
            ));
        }
        // An amendment counts for the date the day was done on, so streaks stay as they were.
        let date = amended.map_or(date, |(_, done_on)| done_on);
        let event = ctx.event(
            &plan.id,
            pass_of(progress, &plan.id),
            date,
            EventKind::Done {
                day: day.key.as_str().into(),
                title: day.title.as_str().into(),
                note: note.clone(),
                minutes,
                rating,
            },
        );
        let mut extras = Vec::new();
        if note.is_some() {
            extras.push("with a note".to_string());
        }
        if let Some(m) = minutes {
            extras.push(format!("{m} min"));
        }
        if let Some(r) = rating {
            extras.push(format!("rated {}", r.name()));
        }
        let extras = if extras.is_empty() {
            String::new()
        } else {
            format!(" ({})", extras.join(", "))
        };
        let message = match already {
            Some(done_on) => format!(
                "{name} was already done on {done_on}; added{extras}. It still counts once."
            ),
            None => format!("✓ Done: {name}{extras}"),
        };
        // A plan never started is started by its first session: say so.
        let message = if plan_progress.is_none() {
            let current = ctx.current_plan(progress);
            let current = current.as_deref();
            let mut note = format!("{message}\nThat started {}, from {date}.", plan.id);
            if current.is_some_and(|c| c != plan.id) {
                note.push_str(&format!(
                    " The current plan is still {}; `pymastery start {}` switches to it.",
                    current.unwrap_or_default(),
                    plan.id
                ));
            }
            note
        } else {
            message
        };
        if amended.is_some() {
            // The plan does not move: nothing follows but the amendment itself.
            return Ok((vec![event], (message, None)));
        }
        // What follows, from the state the event is appended to: no second read of the log.
        let mut dates = progress.practice_dates().clone();
        dates.insert(date);
        let off = ctx.days_off(progress);
        let streaks = schedule::streaks(&dates, ctx.clock.today(), &off);
        let next = schedule::current_day(&plan, plan_progress)
            .filter(|d| d.key != day.key)
            .or_else(|| {
                plan.days.iter().skip(day.ordinal).find(|d| {
                    plan_progress
                        .and_then(|p| p.day(&d.key))
                        .is_none_or(|s| !s.is_finished())
                })
            });
        Ok((vec![event], (message, Some((streaks, next)))))
    })?
    else {
        return Ok(());
    };

    super::say(ctx, out, &message)?;
    if let Some((streaks, next)) = after
        && !ctx.quiet
    {
        writeln!(out, "{}", super::today::streak_text(streaks))?;
        match next {
            Some(day) => writeln!(
                out,
                "Next: {} (`pymastery show next` to read it ahead)",
                day_name(&day.key, &day.title)
            )?,
            None => writeln!(
                out,
                "That was the last day of {}. `pymastery today` shows what comes next.",
                plan.id
            )?,
        }
    }
    Ok(())
}

/// Refuses a plain `done` (no DAY, no `--amend`) on a date where the plan already has a day
/// done: a second session in one sitting is more often a note forgotten than a day more, and
/// seven `done`s in a row would finish a plan in a morning. `done next` and `done DAY` still
/// mark another day.
fn refuse_second_done(
    ctx: &Context,
    args: &DoneArgs,
    plan: &crate::curriculum::Curriculum,
    progress: Option<&crate::progress::PlanProgress>,
    date: chrono::NaiveDate,
) -> anyhow::Result<()> {
    if args.day.is_some() || args.amend {
        return Ok(());
    }
    let Some(earlier) = schedule::done_on(plan, progress, date).pop() else {
        return Ok(());
    };
    let when = if date == ctx.clock.today() {
        "today".to_string()
    } else {
        format!("on {date}")
    };
    let flag = match &ctx.plan_flag {
        Some(_) => format!(" -p {}", plan.id),
        None => String::new(),
    };
    Err(bad_input(format!(
        "a day of {} is already done {when} ({}), so nothing was recorded: \
         `pymastery done next{flag}` marks the next day too, \
         `pymastery done --amend --note TEXT{flag}` adds to {}",
        plan.id,
        day_name(&earlier.key, &earlier.title),
        earlier.key
    )))
}

/// The day of this pass done last (the latest done date; the later day on a tie), with the
/// date it was done.
fn last_done<'a>(
    plan: &'a crate::curriculum::Curriculum,
    progress: Option<&crate::progress::PlanProgress>,
) -> Option<(&'a crate::curriculum::Day, chrono::NaiveDate)> {
    let progress = progress?;
    plan.days
        .iter()
        .filter_map(|d| Some((d, progress.day(&d.key)?.done?)))
        .max_by_key(|(d, done_on)| (*done_on, d.ordinal))
}

/// Parses `--minutes`: a whole number from 1 to a day's worth (no session is longer).
pub fn parse_minutes(text: &str) -> anyhow::Result<u32> {
    text.trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=MAX_MINUTES).contains(m))
        .ok_or_else(|| {
            bad_input(format!(
                "--minutes '{}' is not a number of minutes from 1 to {MAX_MINUTES} (no session is longer than a day)",
                crate::render::text::one_line(text)
            ))
        })
}

/// Parses `--rate`: again, hard, good, easy, or 1 to 4.
pub fn parse_rating(text: &str) -> anyhow::Result<Rating> {
    Rating::parse(text).ok_or_else(|| {
        bad_input(format!(
            "--rate '{text}' is not a rating; use again, hard, good or easy (or 1-4)"
        ))
    })
}
