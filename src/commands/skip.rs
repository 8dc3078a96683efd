//! `skip`: passes over a day the user already masters.

use std::io::Write;

use super::{Context, record};
use crate::cli::SkipArgs;
use crate::curriculum::Day;
use crate::decide::skip::{self as decide, SkipOutcome, SkipRequest};
use crate::render::text::day_name;

pub(super) fn run(ctx: &Context, args: &SkipArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let request = SkipRequest::new(args.day.clone(), args.reason.as_deref())?;
    if let Some(reason) = &request.reason {
        super::reflection::within_limit(reason, "the --reason")?;
    }
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let Some(message) = record(ctx, out, |progress| {
        Ok(
            match decide::decide(&plan, progress, &request, ctx.clock.today())? {
                SkipOutcome::AlreadySkipped { day, on } => {
                    (vec![], format!("{} was already skipped on {on}.", day.key))
                }
                SkipOutcome::Skips { day, record, next } => {
                    let prefix = super::plan_prefix(ctx, progress, &plan.id);
                    let event = ctx.event(&plan.id, record.pass, record.date, record.kind);
                    (vec![event], skipped(&prefix, day, next))
                }
            },
        )
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)
}

/// What `skip` says of a day skipped: its name, and the day that comes next.
fn skipped(prefix: &str, day: &Day, next: Option<&Day>) -> String {
    let mut message = format!("Skipped {prefix}{}.", day_name(&day.key, &day.title));
    if let Some(next) = next {
        message.push_str(&format!(" Next: {}", day_name(&next.key, &next.title)));
    }
    message
}
