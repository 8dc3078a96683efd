//! `note`: a reflection on a day without finishing it.

use std::io::Write;

use super::{Context, pass_of, record, reflection};
use crate::cli::NoteArgs;
use crate::clock;
use crate::curriculum::keys::{Target, resolve_target};
use crate::error::bad_input;
use crate::progress::EventKind;
use crate::render::text::day_name;
use crate::schedule;

pub(super) fn run(ctx: &Context, args: &NoteArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let text = reflection::require_text(&args.text)?;
    let date = match &args.date {
        Some(text) => clock::parse_past_date(text, "--date", ctx.clock.today())?,
        None => ctx.clock.today(),
    };
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let Some(message) = record(ctx, out, |progress| {
        let plan_progress = progress.plan(&plan.id);
        let here = schedule::here(&plan, plan_progress, date);
        let target = match &args.day {
            Some(day) => resolve_target(&plan, day, here)?,
            None => Target::Day(here.today.ok_or_else(|| {
                bad_input(format!(
                    "{} is finished; name the day with `--day DAY`",
                    plan.id
                ))
            })?),
        };
        let event = ctx.event(
            &plan.id,
            pass_of(progress, &plan.id),
            date,
            EventKind::Note {
                day: target.key().into(),
                title: target.title().into(),
                text: text.clone(),
            },
        );
        let message = format!(
            "Noted on {}{} ({date}).",
            super::plan_prefix(ctx, progress, &plan.id),
            day_name(target.key(), target.title())
        );
        Ok((vec![event], message))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)?;
    Ok(())
}
