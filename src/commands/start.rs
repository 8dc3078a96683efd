//! `start`: makes a plan current and starts it, mid-plan with `--at`, anew with `--fresh`.

use std::io::Write;

use super::{Context, record};
use crate::cli::StartArgs;
use crate::clock;
use crate::curriculum::Curriculum;
use crate::curriculum::keys::{Here, resolve_day};
use crate::decide::start::{self as decide, How, StartOutcome, StartRequest, Started};
use crate::error::bad_input;
use crate::render::text::{day_name, one_line};

pub(super) fn run(ctx: &Context, args: &StartArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let plan = ctx.catalog.load(&args.plan)?;
    if !plan.is_trackable() {
        return Err(bad_input(format!("{} has no days to track", plan.id)));
    }
    let today = ctx.clock.today();
    let request = StartRequest {
        date: (args.date.as_deref())
            .map(|text| clock::parse_past_date(text, "--date", today))
            .transpose()?
            .unwrap_or(today),
        date_given: args.date.is_some(),
        at: (args.at.as_deref())
            .map(|text| resolve_day(&plan, text, Here::default()).map(|d| (d, text.to_string())))
            .transpose()?,
        fresh: args.fresh,
    };
    let Some(message) = record(ctx, out, |progress| {
        let is_current = ctx.current_plan(progress).as_deref() == Some(plan.id.as_str());
        Ok(
            match decide::decide(&plan, progress, is_current, &request)? {
                StartOutcome::AlreadyCurrent { started } => (vec![], already(&plan, started)),
                StartOutcome::Starts(started) => {
                    let message = message(&plan, &started);
                    let r = started.record;
                    (vec![ctx.event(&plan.id, r.pass, r.date, r.kind)], message)
                }
            },
        )
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)
}

/// What `start` says of the current plan started again without `--fresh`.
fn already(plan: &Curriculum, started: chrono::NaiveDate) -> String {
    format!(
        "{} is already the current plan (started {started}); `pymastery start {} --fresh` begins a new pass.",
        plan.id, plan.id
    )
}

/// What `start` says of a start recorded: how it began, since when, and the day it is at.
fn message(plan: &Curriculum, started: &Started) -> String {
    let pass = started.record.pass;
    let (verb, when) = match started.how {
        How::First => ("Started".to_string(), started.record.date.to_string()),
        How::NewPass => (
            format!("Began pass {pass} of"),
            started.record.date.to_string(),
        ),
        // Switching back to a plan under way is no new start: say since when it runs.
        How::Switch { since } => (
            "Switched to".to_string(),
            format!("under way since {since}"),
        ),
    };
    let mut message = format!("{verb} {}: {} ({when}).", plan.id, one_line(&plan.title));
    if let Some(day) = started.day {
        message.push_str(&format!(
            "\nToday: {}. Run `pymastery today` to see it.",
            day_name(&day.key, &day.title)
        ));
    }
    message
}
