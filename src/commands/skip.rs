//! `skip`: passes over a day the user already masters.

use std::io::Write;

use super::{Context, pass_of, record};
use crate::cli::SkipArgs;
use crate::curriculum::keys::resolve_day;
use crate::error::bad_input;
use crate::progress::EventKind;
use crate::render::text::day_name;
use crate::schedule;

pub(super) fn run(ctx: &Context, args: &SkipArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if args.reason.as_ref().is_some_and(|r| r.trim().is_empty()) {
        return Err(bad_input(
            "the --reason is empty, so nothing was recorded; leave --reason out to skip without one",
        ));
    }
    if let Some(reason) = &args.reason {
        super::reflection::within_limit(reason.trim(), "the --reason")?;
    }
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let Some(message) = record(ctx, out, |progress| {
        let plan_progress = progress.plan(&plan.id);
        let current = schedule::current_day(&plan, plan_progress);
        let day = match &args.day {
            Some(text) => resolve_day(
                &plan,
                text,
                schedule::here(&plan, plan_progress, ctx.clock.today()),
            )?,
            None => current.ok_or_else(|| {
                bad_input(format!(
                    "{} is finished: there is no day left to skip",
                    plan.id
                ))
            })?,
        };
        let state = plan_progress.and_then(|p| p.day(&day.key));
        if let Some(done) = state.and_then(|s| s.done) {
            return Err(bad_input(format!(
                "{} was done on {done}, so it cannot be skipped; `pymastery undo` takes back a done",
                day.key
            )));
        }
        if let Some(skipped) = state.and_then(|s| s.skipped) {
            return Ok((
                vec![],
                format!("{} was already skipped on {skipped}.", day.key),
            ));
        }
        let reason = args
            .reason
            .as_ref()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty());
        let event = ctx.event(
            &plan.id,
            pass_of(progress, &plan.id),
            ctx.clock.today(),
            EventKind::Skip {
                day: day.key.as_str().into(),
                title: day.title.as_str().into(),
                reason,
            },
        );
        let next = plan.days.iter().skip(day.ordinal).find(|d| {
            plan_progress
                .and_then(|p| p.day(&d.key))
                .is_none_or(|s| !s.is_finished())
        });
        let mut message = format!(
            "Skipped {}{}.",
            super::plan_prefix(ctx, progress, &plan.id),
            day_name(&day.key, &day.title)
        );
        if let Some(next) = next {
            message.push_str(&format!(" Next: {}", day_name(&next.key, &next.title)));
        }
        Ok((vec![event], message))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)?;
    Ok(())
}
