//! `start`: which pass a start begins, at which day, or why it records nothing.

use chrono::NaiveDate;

use super::Record;
use crate::curriculum::{Curriculum, Day};
use crate::error::bad_input;
use crate::progress::{EventKind, Progress};
use crate::schedule;

/// What the user asked `start` for, with its input already parsed.
#[derive(Debug, Clone)]
pub(crate) struct StartRequest<'p> {
    /// `--at`: the day to begin at, with the text that named it (which a refusal repeats).
    pub at: Option<(&'p Day, String)>,
    /// Begins a new pass of a plan already started.
    pub fresh: bool,
    /// The date the start counts for: `--date`, else today.
    pub date: NaiveDate,
    /// Whether `--date` was given: only a date typed is refused for preceding the pass.
    pub date_given: bool,
}

/// What `start` decided.
#[derive(Debug)]
pub(crate) enum StartOutcome<'p> {
    /// The plan is already the current one and nothing new was asked: nothing to record.
    AlreadyCurrent { started: NaiveDate },
    /// A start to record.
    Starts(Started<'p>),
}

/// A start to record, and what to say of it.
#[derive(Debug)]
pub(crate) struct Started<'p> {
    pub record: Record,
    pub how: How,
    /// The day the plan is at once the start is recorded, if any is left.
    pub day: Option<&'p Day>,
}

/// How a start relates to the plan's earlier progress.
#[derive(Debug, PartialEq)]
pub(crate) enum How {
    /// The plan's first start.
    First,
    /// Back to a plan started before, which keeps its pass: under way since `since`.
    Switch { since: NaiveDate },
    /// A new pass of a plan started before.
    NewPass,
}

/// Decides what starting `plan` records, given the progress read under the lock and whether
/// `plan` is this machine's current plan.
pub(crate) fn decide<'p>(
    plan: &'p Curriculum,
    progress: &Progress,
    is_current: bool,
    request: &StartRequest<'p>,
) -> anyhow::Result<StartOutcome<'p>> {
    let existing = progress.plan(&plan.id);
    let at = request.at.as_ref().map(|(day, _)| *day);
    let fresh = request.fresh;
    if let Some((_, text)) = &request.at
        && !fresh
        && existing.is_some_and(|p| !p.days.is_empty())
    {
        return Err(bad_input(format!(
            "{} is already under way; to begin again at {text}, add --fresh (the current pass stays in the history)",
            plan.id
        )));
    }
    if let Some(p) = existing
        && !fresh
        && is_current
        && at.is_none()
    {
        return Ok(StartOutcome::AlreadyCurrent { started: p.started });
    }
    let date = request.date;
    // Only an explicit --date: the clock's date in another time zone may precede the start.
    if let Some(p) = existing.filter(|p| fresh && request.date_given && date < p.started) {
        return Err(bad_input(format!(
            "--date {date} is before pass {} of {} began ({}); a new pass begins on or after it",
            p.pass, plan.id, p.started
        )));
    }
    let (pass, how) = match existing {
        Some(p) if fresh => (p.pass.saturating_add(1), How::NewPass),
        Some(p) => (p.pass, How::Switch { since: p.started }),
        None => (1, How::First),
    };
    // The day the plan is at once the event is in: a new pass begins at `--at` or day 1.
    let day = match existing {
        Some(p) if !fresh && at.is_none() => schedule::current_day(plan, Some(p)),
        _ => at.or(plan.days.first()),
    };
    let kind = EventKind::Start {
        at_day: at.map(|d| d.key.clone()),
        fresh: fresh && existing.is_some(),
        knew: progress.starts_seen(),
    };
    let record = Record { pass, date, kind };
    Ok(StartOutcome::Starts(Started { record, how, day }))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::fixtures::{done, nov, three_days};

    fn request(fresh: bool, date: NaiveDate) -> StartRequest<'static> {
        StartRequest {
            at: None,
            fresh,
            date,
            date_given: false,
        }
    }

    fn started<'p>(outcome: StartOutcome<'p>) -> Started<'p> {
        match outcome {
            StartOutcome::Starts(started) => started,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_first_start_begins_pass_one_at_day_one() {
        let plan = three_days();
        let outcome = decide(&plan, &Progress::default(), false, &request(false, nov(4)));
        let started = started(outcome.unwrap());
        assert_eq!(started.how, How::First);
        assert_eq!((started.record.pass, started.record.date), (1, nov(4)));
        assert_eq!(started.day.unwrap().key, "d1");
    }

    #[test]
    fn starting_the_current_plan_again_records_nothing() {
        let plan = three_days();
        let progress = done(&[("d1", 2)]);
        let outcome = decide(&plan, &progress, true, &request(false, nov(4))).unwrap();
        assert!(matches!(
            outcome,
            StartOutcome::AlreadyCurrent { started } if started == nov(1)
        ));
    }

    #[test]
    fn switching_back_keeps_the_pass_and_the_day_reached() {
        let plan = three_days();
        let progress = done(&[("d1", 2)]);
        let started = started(decide(&plan, &progress, false, &request(false, nov(4))).unwrap());
        assert_eq!(started.how, How::Switch { since: nov(1) });
        assert_eq!(started.record.pass, 1);
        assert_eq!(started.day.unwrap().key, "d2");
        let EventKind::Start { fresh, .. } = started.record.kind else {
            panic!("a start records a start");
        };
        assert!(!fresh);
    }

    #[test]
    fn fresh_begins_the_next_pass_at_day_one_or_at() {
        let plan = three_days();
        let progress = done(&[("d1", 2), ("d2", 3)]);
        let again = started(decide(&plan, &progress, true, &request(true, nov(4))).unwrap());
        assert_eq!((again.how, again.record.pass), (How::NewPass, 2));
        assert_eq!(again.day.unwrap().key, "d1");
        let at = StartRequest {
            at: Some((&plan.days[2], "d3".into())),
            ..request(true, nov(4))
        };
        let at = started(decide(&plan, &progress, true, &at).unwrap());
        assert_eq!(at.day.unwrap().key, "d3");
        let EventKind::Start { at_day, fresh, .. } = at.record.kind else {
            panic!("a start records a start");
        };
        assert_eq!((at_day.as_deref(), fresh), (Some("d3"), true));
    }

    #[test]
    fn at_on_a_plan_under_way_needs_fresh() {
        let plan = three_days();
        let at = StartRequest {
            at: Some((&plan.days[2], "#3".into())),
            ..request(false, nov(4))
        };
        let err = decide(&plan, &done(&[("d1", 2)]), true, &at).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p is already under way; to begin again at #3, add --fresh (the current pass stays in the history)"
        );
        assert_eq!(crate::error::exit_code(&err), 2);
        // A plan started but with no day done yet is not under way: `--at` moves it.
        let moved = started(decide(&plan, &done(&[]), true, &at).unwrap());
        assert_eq!(moved.day.unwrap().key, "d3");
    }

    #[test]
    fn a_new_pass_dated_before_the_last_began_is_refused() {
        let plan = three_days();
        let progress = done(&[("d1", 2)]);
        let early = StartRequest {
            date_given: true,
            ..request(true, nov(1).pred_opt().unwrap())
        };
        let err = decide(&plan, &progress, true, &early).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--date 2026-10-31 is before pass 1 of p began (2026-11-01); a new pass begins on or after it"
        );
        // The clock's own date is trusted: another time zone may put it first.
        let clock = request(true, nov(1).pred_opt().unwrap());
        assert!(decide(&plan, &progress, true, &clock).is_ok());
    }
}
