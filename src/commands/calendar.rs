//! `calendar`: an iCalendar document of the practice days ahead, for a phone's calendar to
//! remind the user with no background process.

use std::io::Write;

use chrono::{Duration, NaiveTime, Utc};

use super::Context;
use crate::calendar::{PlannedDay, document};
use crate::cli::CalendarArgs;
use crate::clock::parse_time_of_day;
use crate::error::bad_input;
use crate::render::text::plain_inline;
use crate::schedule;

/// The most days ahead the feed covers.
const MAX_DAYS: u32 = 366;
/// The longest session an event may last, in minutes.
const MAX_MINUTES: u32 = 24 * 60;

pub(super) fn run(ctx: &Context, args: &CalendarArgs, out: &mut dyn Write) -> anyhow::Result<()> {
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
    let at: NaiveTime = parse_time_of_day(&args.at).ok_or_else(|| {
        bad_input(format!(
            "--at '{}' is not a time of day; write it as HH:MM",
            args.at
        ))
    })?;
    let progress = ctx.progress()?;
    let today = ctx.clock.today();
    let end = today + Duration::days(i64::from(args.days));
    let off = ctx.days_off(&progress);
    let ids: Vec<String> = match &ctx.plan_flag {
        Some(id) => vec![ctx.catalog.load(id)?.id],
        None => progress.plans.keys().cloned().collect(),
    };
    let mut days = Vec::new();
    for id in ids {
        let Ok(plan) = ctx.catalog.load(&id) else {
            continue;
        };
        let plan_progress = progress.plan(&plan.id);
        if plan_progress.is_none() && ctx.plan_flag.is_none() {
            continue;
        }
        let pass = plan_progress.map_or(1, |p| p.pass);
        for (day, dates) in schedule::upcoming(&plan, plan_progress, today, &off) {
            let Some(&date) = dates.first() else { continue };
            if date >= end {
                break;
            }
            let mut description: Vec<String> = day
                .items
                .iter()
                .map(|item| format!("- {}", plain_inline(&item.text)))
                .collect();
            description.push(String::new());
            description.push(format!(
                "`pymastery today` shows it; `pymastery done` records it ({} {}).",
                plan.id, day.key
            ));
            days.push(PlannedDay {
                uid: format!("{}.{}.pass{pass}@pymastery", plan.id, day.key),
                date,
                summary: format!("{} {}: {}", plan.id, day.key, plain_inline(&day.title)),
                description: description.join("\n"),
            });
        }
    }
    days.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.uid.cmp(&b.uid)));
    let stamp = ctx.clock.now().with_timezone(&Utc);
    out.write_all(document(&days, at, args.minutes, stamp).as_bytes())?;
    Ok(())
}
