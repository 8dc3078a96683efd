//! `pause` and `resume`: a holiday or an illness, recorded as events so that undo and sync
//! work as for everything else.

use std::io::Write;

use super::{Context, pass_of, record};
use crate::cli::PauseArgs;
use crate::clock::parse_date;
use crate::decide::pause::{self as decide, PauseRequest, Paused, Resumed};
use crate::progress::{EventKind, Progress};
use crate::render::text::{one_line, plural};

pub(super) fn pause(ctx: &Context, args: &PauseArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let today = ctx.clock.today();
    let until = (args.until.as_deref())
        .map(|text| parse_date(text, "--until", today))
        .transpose()?;
    let request = PauseRequest::new(until, args.reason.as_deref(), today)?;
    if let Some(reason) = &request.reason {
        super::reflection::within_limit(reason, "the --reason")?;
    }
    let Some(message) = record(ctx, out, |progress| {
        let paused = decide::pause(progress, request, today);
        Ok((
            vec![event(ctx, progress, paused.kind())],
            paused_message(&paused, today),
        ))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)
}

pub(super) fn resume(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let today = ctx.clock.today();
    let Some(message) = record(ctx, out, |progress| {
        let resumed = decide::resume(progress, today)?;
        Ok((
            vec![event(ctx, progress, resumed.kind())],
            resumed_message(&resumed),
        ))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)
}

/// A pause or a resume, recorded today against the plan the command acts on: days off count
/// for every plan, but an event belongs to one.
fn event(ctx: &Context, progress: &Progress, kind: EventKind) -> crate::progress::Event {
    let plan = ctx.plan_id(progress);
    ctx.event(&plan, pass_of(progress, &plan), ctx.clock.today(), kind)
}

/// What `pause` says: from when to when, why, what a pause does, and what it replaces.
fn paused_message(paused: &Paused, today: chrono::NaiveDate) -> String {
    let mut message = match paused.until {
        Some(until) => format!("Paused from {today} to {until}"),
        None => format!("Paused from {today}"),
    };
    if let Some(reason) = &paused.reason {
        message.push_str(&format!(" ({})", one_line(reason)));
    }
    message.push_str(
        ": these days count neither against your streak nor your pace, and the forecast moves with them.",
    );
    if let Some(from) = paused.replaces {
        message.push_str(&format!(" It replaces the pause begun on {from}."));
    }
    if paused.until.is_none() {
        message.push_str(" `pymastery resume` when you are back.");
    }
    message
}

/// What `resume` says: how long the pause lasted, or that it was called off the day it began.
fn resumed_message(resumed: &Resumed) -> String {
    if resumed.days == 0 {
        return "Resumed: the pause begun today is called off. `pymastery today` shows what comes next."
            .to_string();
    }
    format!(
        "Resumed after {} off (from {}). `pymastery today` shows what comes next.",
        plural(resumed.days.max(0), "day"),
        resumed.from
    )
}
