//! `undo`: takes back the most recent change made on this machine; repeated, it walks further
//! back.

use std::io::Write;

use super::{Context, record_with};
use crate::error::bad_input;
use crate::progress::EventKind;
use crate::progress::{Folded, reads};

pub(super) fn run(ctx: &Context, out: &mut dyn Write) -> anyhow::Result<()> {
    let device = super::device_id(&ctx.store())?;
    let Some(message) = record_with(ctx, out, |progress: &Folded<reads::All>| {
        let target = progress.last_undoable(&device).ok_or_else(|| {
            if progress.events().is_empty() {
                bad_input("nothing to undo: the progress log has no changes left to take back")
            } else {
                bad_input(
                    "nothing to undo on this machine: the changes left came from other machines by sync, and only the machine that recorded a change can undo it",
                )
            }
        })?;
        let event = ctx.event(
            &target.plan,
            target.pass,
            ctx.clock.today(),
            EventKind::Undo {
                target: target.id.clone(),
            },
        );
        // A day's event says its plan; a start names it already, and a pause is no plan's.
        let on_plan = match target.kind {
            EventKind::Start { .. }
            | EventKind::Pause { .. }
            | EventKind::Resume {}
            | EventKind::Rest { .. } => String::new(),
            _ => format!(" on {}", target.plan),
        };
        let message = format!(
            "Undid {}{on_plan} ({}, recorded {}).",
            crate::render::text::one_line(&target.describe()),
            target.date,
            target.at.format("%Y-%m-%d %H:%M")
        );
        Ok((vec![event], message))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)?;
    Ok(())
}
