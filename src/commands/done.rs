//! `done`: marks a day done, with an optional reflection and time spent.

use std::io::Write;

use super::{Context, record, reflection};
use crate::cli::DoneArgs;
use crate::clock;
use crate::decide::done::{self as decide, After, DoneOutcome, DoneRequest};
use crate::render::text::{day_name, describe_streak};

pub(super) fn run(ctx: &Context, args: &DoneArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    let today = ctx.clock.today();
    let mut request = DoneRequest {
        day: args.day.clone(),
        note: None,
        minutes: args.minutes,
        rating: args.rate,
        date: (args.date.as_deref())
            .map(|text| clock::parse_past_date(text, "--date", today))
            .transpose()?,
        amend: args.amend,
        plan_named: ctx.plan_flag.is_some(),
        rest_days: crate::config::weekdays(ctx.config.rest_days),
    };
    request.check(args.note.is_some())?;
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let preview = decide::day_to_mark(&plan, before.plan(&plan.id), &request, today)?;
    // Refused before the editor opens, so that nobody writes a note for nothing; a note given
    // as an argument is checked first, as it costs nothing to.
    if let Some(Some(text)) = &args.note {
        reflection::require_text(text)?;
    }
    decide::refuse_second_done(&plan, before.plan(&plan.id), &request, today)?;
    request.note = reflection::read_note(ctx, args.note.as_ref(), &plan, preview)?;

    let Some((outcome, message)) = record(ctx, out, |progress| {
        let outcome = decide::decide(&plan, progress, &request, today)?;
        let prefix = super::plan_prefix(ctx, progress, &plan.id);
        let current = outcome.starts_plan.then(|| ctx.current_plan(progress));
        let message = message(&plan.id, &prefix, &outcome, &request, current.flatten());
        let events = (outcome.record.iter())
            .map(|r| ctx.event(&plan.id, r.pass, r.date, r.kind.clone()))
            .collect();
        Ok((events, (outcome, message)))
    })?
    else {
        return Ok(());
    };
    super::say(ctx, out, &message)?;
    if let Some(after) = &outcome.after
        && !ctx.quiet
    {
        write_after(out, &plan.id, after)?;
    }
    Ok(())
}

/// What `done` says of the day: done, already done, and whether that started the plan.
fn message(
    plan: &str,
    prefix: &str,
    outcome: &DoneOutcome,
    request: &DoneRequest,
    current: Option<String>,
) -> String {
    let name = format!("{prefix}{}", day_name(&outcome.day.key, &outcome.day.title));
    let (Some(record), already) = (&outcome.record, outcome.already) else {
        let done_on = outcome.already.unwrap_or_default();
        return format!("{name} was already done on {done_on}; nothing to add.");
    };
    let mut extras = Vec::new();
    if request.note.is_some() {
        extras.push("with a note".to_string());
    }
    if let Some(m) = request.minutes {
        extras.push(format!("{m} min"));
    }
    if let Some(r) = request.rating {
        extras.push(format!("rated {}", r.name()));
    }
    let extras = if extras.is_empty() {
        String::new()
    } else {
        format!(" ({})", extras.join(", "))
    };
    let mut message = match already {
        Some(done_on) => {
            format!("{name} was already done on {done_on}; added{extras}. It still counts once.")
        }
        None => format!("✓ Done: {name}{extras}"),
    };
    // A plan never started is started by its first session: say so.
    if outcome.starts_plan {
        message.push_str(&format!("\nThat started {plan}, from {}.", record.date));
        if let Some(current) = current.filter(|c| c != plan) {
            message.push_str(&format!(
                " The current plan is still {current}; `pymastery start {plan}` switches to it."
            ));
        }
    }
    message
}

/// The streaks and the next day, under a day newly done.
fn write_after(out: &mut dyn Write, plan: &str, after: &After) -> anyhow::Result<()> {
    writeln!(
        out,
        "{}",
        describe_streak(after.streaks.current, after.streaks.longest)
    )?;
    match after.next {
        Some(day) => writeln!(
            out,
            "Next: {} (`pymastery show next` to read it ahead)",
            day_name(&day.key, &day.title)
        )?,
        None => writeln!(
            out,
            "That was the last day of {plan}. `pymastery today` shows what comes next."
        )?,
    }
    Ok(())
}
