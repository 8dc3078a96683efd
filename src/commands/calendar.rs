//! `calendar`: an iCalendar document of the practice days ahead, for a phone's calendar to
//! remind the user with no background process.
//!
//! The days are decided by [`crate::decide::calendar`]; this module checks the options, loads
//! the plans and writes the document.

use std::io::Write;

use chrono::{NaiveTime, Utc};

use super::Context;
use crate::calendar::document;
use crate::cli::CalendarArgs;
use crate::clock::parse_time_of_day;
use crate::decide::calendar::{self as decide, Ahead};
use crate::error::bad_input;

/// The most days ahead the feed covers.
const MAX_DAYS: u32 = 366;
/// The longest session an event may last, in minutes.
const MAX_MINUTES: u32 = 24 * 60;

pub(super) fn run(ctx: &Context, args: &CalendarArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let at = checked(ctx, args)?;
    let progress = ctx.progress()?;
    let plans = match &ctx.plan_flag {
        Some(id) => vec![ctx.catalog.load(id)?],
        // A plan of the log that is gone has no days ahead.
        None => (progress.plans.keys())
            .filter_map(|id| ctx.catalog.load(id).ok())
            .collect(),
    };
    let off = ctx.days_off(&progress);
    let ahead = Ahead {
        today: ctx.clock.today(),
        days: args.days,
        off: &off,
    };
    let days = decide::practice_days(&plans, &progress, ctx.plan_flag.is_some(), &ahead);
    let stamp = ctx.clock.now().with_timezone(&Utc);
    out.write_all(document(&days, at, args.minutes, stamp).as_bytes())?;
    Ok(())
}

/// The session's time of day, once the options are known to be in range.
fn checked(ctx: &Context, args: &CalendarArgs) -> anyhow::Result<NaiveTime> {
    if ctx.json {
        // Silently printing iCalendar to a script that asked for JSON would be read as broken.
        return Err(bad_input(
            "calendar prints an iCalendar document, not JSON; leave out --json",
        ));
    }
    if args.days == 0 || args.days > MAX_DAYS {
        return Err(bad_input(format!(
            "--days {} is out of range (1 to {MAX_DAYS})",
            args.days
        )));
    }
    if args.minutes == 0 || args.minutes > MAX_MINUTES {
        return Err(bad_input(format!(
            "--minutes {} is out of range (1 to {MAX_MINUTES})",
            args.minutes
        )));
    }
    parse_time_of_day(&args.at).ok_or_else(|| {
        bad_input(format!(
            "--at '{}' is not a time of day; write it as HH:MM",
            args.at
        ))
    })
}
