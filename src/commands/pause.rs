//! `pause` and `resume`: a holiday or an illness, recorded as events so that undo and sync
//! work as for everything else.

use std::io::Write;

use chrono::Duration;

use super::{Context, pass_of, record};
use crate::cli::PauseArgs;
use crate::clock::parse_date;
use crate::error::bad_input;
use crate::progress::EventKind;
use crate::render::text::one_line;
use crate::rest::DaysOff;

/// The longest pause `--until` may set ahead, in days.
const MAX_PAUSE_DAYS: i64 = 366;

pub(super) fn pause(ctx: &Context, args: &PauseArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let today = ctx.clock.today();
    let until = args
        .until
        .as_deref()
        .map(|text| parse_date(text, "--until", today))
        .transpose()?;
    if let Some(until) = until {
        if until < today {
            return Err(bad_input(format!(
                "--until {until} is in the past (today is {today}); a pause begins today"
            )));
        }
        if until > today + Duration::days(MAX_PAUSE_DAYS) {
            return Err(bad_input(format!(
                "--until {until} is more than {MAX_PAUSE_DAYS} days ahead; pause without --until and `pymastery resume` when you are back"
            )));
        }
    }
    let reason = args
        .reason
        .as_ref()
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if let Some(reason) = &reason {
        super::reflection::within_limit(reason, "the --reason")?;
    }
    let Some(message) = record(ctx, out, |progress| {
        let plan = ctx.plan_id(progress);
        let replaced = DaysOff::new(vec![], &progress.pause_events, today)
            .current_pause()
            .map(|p| p.from);
        let event = ctx.event(
            &plan,
            pass_of(progress, &plan),
            today,
            EventKind::Pause {
                until,
                reason: reason.clone(),
            },
        );
        let mut message = match until {
            Some(until) => format!("Paused from {today} to {until}"),
            None => format!("Paused from {today}"),
        };
        if let Some(reason) = &reason {
            message.push_str(&format!(" ({})", one_line(reason)));
        }
        message.push_str(
            ": these days count neither against your streak nor your pace, and the forecast moves with them.",
        );
        if let Some(from) = replaced {
            message.push_str(&format!(" It replaces the pause begun on {from}."));
        }
        if until.is_none() {
            message.push_str(" `pymastery resume` when you are back.");
        }
        Ok((vec![event], message))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)
}

pub(super) fn resume(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let today = ctx.clock.today();
    let Some(message) = record(ctx, out, |progress| {
        let off = DaysOff::new(vec![], &progress.pause_events, today);
        let Some(pause) = off.current_pause() else {
            return Err(bad_input(
                "there is no pause to end; `pymastery pause` begins one",
            ));
        };
        let plan = ctx.plan_id(progress);
        let event = ctx.event(&plan, pass_of(progress, &plan), today, EventKind::Resume {});
        let days = (today - pause.from).num_days();
        let message = if days == 0 {
            "Resumed: the pause begun today is called off. `pymastery today` shows what comes next."
                .to_string()
        } else {
            format!(
                "Resumed after {} off (from {}). `pymastery today` shows what comes next.",
                crate::render::text::plural(u32::try_from(days).unwrap_or(0), "day"),
                pause.from
            )
        };
        Ok((vec![event], message))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)
}
