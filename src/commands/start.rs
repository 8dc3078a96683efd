//! `start`: makes a plan current and starts it, mid-plan with `--at`, anew with `--fresh`.

use std::io::Write;

use super::{Context, record};
use crate::cli::StartArgs;
use crate::clock;
use crate::curriculum::keys::resolve_day;
use crate::error::bad_input;
use crate::progress::EventKind;
use crate::render::text::{day_name, one_line};
use crate::schedule;

pub(super) fn run(ctx: &Context, args: &StartArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let plan = ctx.catalog.load(&args.plan)?;
    if !plan.is_trackable() {
        return Err(bad_input(format!("{} has no days to track", plan.id)));
    }
    let date = match &args.date {
        Some(text) => clock::parse_past_date(text, "--date", ctx.clock.today())?,
        None => ctx.clock.today(),
    };
    let at = match &args.at {
        Some(text) => Some(resolve_day(
            &plan,
            text,
            crate::curriculum::keys::Here::default(),
        )?),
        None => None,
    };
    let Some(message) = record(ctx, out, |progress| {
        let existing = progress.plan(&plan.id);
        let under_way = existing.is_some_and(|p| !p.days.is_empty());
        let is_current = ctx.current_plan(progress).as_deref() == Some(plan.id.as_str());
        if !args.fresh && under_way && at.is_some() {
            return Err(bad_input(format!(
                "{} is already under way; to begin again at {}, add --fresh (the current pass stays in the history)",
                plan.id,
                args.at.as_deref().unwrap_or_default()
            )));
        }
        if !args.fresh && existing.is_some() && is_current && at.is_none() {
            let started = existing.map(|p| p.started).unwrap_or(date);
            return Ok((
                vec![],
                format!(
                    "{} is already the current plan (started {started}); `pymastery start {} --fresh` begins a new pass.",
                    plan.id, plan.id
                ),
            ));
        }
        // Only an explicit --date: the clock's date in another time zone may precede the start.
        if let Some(p) = existing.filter(|p| args.fresh && args.date.is_some() && date < p.started)
        {
            return Err(bad_input(format!(
                "--date {date} is before pass {} of {} began ({}); a new pass begins on or after it",
                p.pass, plan.id, p.started
            )));
        }
        let pass = match existing {
            Some(p) if args.fresh => p.pass.saturating_add(1),
            Some(p) => p.pass,
            None => 1,
        };
        let kind = EventKind::Start {
            at_day: at.map(|d| d.key.clone()),
            fresh: args.fresh && existing.is_some(),
            knew: progress.starts_seen(),
        };
        let event = ctx.event(&plan.id, pass, date, kind);
        let verb = match existing {
            Some(_) if args.fresh => format!("Began pass {pass} of"),
            Some(_) => "Switched to".to_string(),
            None => "Started".to_string(),
        };
        // The day the plan is at once the event is in: a new pass begins at `--at` or day 1.
        let today = match existing {
            Some(p) if !args.fresh && at.is_none() => schedule::current_day(&plan, Some(p)),
            _ => at.or(plan.days.first()),
        };
        // Switching back to a plan under way is no new start: say since when it runs.
        let when = match existing {
            Some(p) if !args.fresh => format!("under way since {}", p.started),
            _ => date.to_string(),
        };
        let mut message = format!("{verb} {}: {} ({when}).", plan.id, one_line(&plan.title));
        if let Some(day) = today {
            message.push_str(&format!(
                "\nToday: {}. Run `pymastery today` to see it.",
                day_name(&day.key, &day.title)
            ));
        }
        Ok((vec![event], message))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)?;
    Ok(())
}
