//! `done`: which day a request marks, what event that records, and what follows it.

use super::Record;
use chrono::{NaiveDate, Weekday};

use crate::curriculum::keys::resolve_day;
use crate::curriculum::{Curriculum, Day};
use crate::error::bad_input;
use crate::event::Rating;
use crate::progress::{EventKind, PlanProgress, Progress};
use crate::render::text::day_name;
use crate::rest::DaysOff;
use crate::schedule::{self, Streaks};

/// What the user asked `done` for, with its input already parsed.
#[derive(Debug, Clone, Default)]
pub(crate) struct DoneRequest {
    /// The day named (a key, `#N`, `today`, `next`); `None` for the current day.
    pub day: Option<String>,
    pub note: Option<String>,
    pub minutes: Option<u32>,
    pub rating: Option<Rating>,
    /// `--date`, when given: a backfilled session.
    pub date: Option<NaiveDate>,
    /// Adds to the day done last instead of marking another.
    pub amend: bool,
    /// Whether the plan was named with `--plan`, so that advice repeats it.
    pub plan_named: bool,
    /// The configured weekly rest days, which streaks skip.
    pub rest_days: Vec<Weekday>,
}

impl DoneRequest {
    /// Refuses what no log could make sense of: `--amend` with nothing to add. Asked before
    /// the note is read, so `note_asked` says whether `--note` was given at all.
    pub(crate) fn check(&self, note_asked: bool) -> anyhow::Result<()> {
        if self.amend && !note_asked && self.minutes.is_none() {
            return Err(bad_input(
                "--amend adds a note or minutes to the day done last: give --note or --minutes",
            ));
        }
        Ok(())
    }

    /// The date practised: `--date`, else today.
    fn practised(&self, today: NaiveDate) -> NaiveDate {
        self.date.unwrap_or(today)
    }
}

/// What `done` decided: the day, the event to record (if any) and what to say after it.
#[derive(Debug)]
pub(crate) struct DoneOutcome<'p> {
    pub day: &'p Day,
    /// The event to record, or `None` when the day was already done and nothing is added.
    pub record: Option<Record>,
    /// When the day was already done: the date it was done on.
    pub already: Option<NaiveDate>,
    /// Whether this session starts a plan never started.
    pub starts_plan: bool,
    /// The streaks and the next day, for a day newly marked (not for an amendment).
    pub after: Option<After<'p>>,
}

/// What follows a day newly done.
#[derive(Debug, PartialEq)]
pub(crate) struct After<'p> {
    pub streaks: Streaks,
    /// The next day to do; `None` when that was the last.
    pub next: Option<&'p Day>,
}

/// Decides what `done` records for `request` against `progress` (as read under the lock).
pub(crate) fn decide<'p>(
    plan: &'p Curriculum,
    progress: &Progress,
    request: &DoneRequest,
    today: NaiveDate,
) -> anyhow::Result<DoneOutcome<'p>> {
    let plan_progress = progress.plan(&plan.id);
    let practised = request.practised(today);
    // A backfilled date before the start is a typo (of the year, mostly). Without --date,
    // the practice date is the clock's, which another machine's time zone may put first.
    if let Some(started) = plan_progress.map(|p| p.started)
        && request.date.is_some()
        && practised < started
    {
        return Err(bad_input(format!(
            "--date {practised} is before {} was started ({started})",
            plan.id
        )));
    }
    let amended = if request.amend {
        Some(last_done(plan, plan_progress).ok_or_else(|| {
            bad_input(format!(
                "nothing to amend: no day of {} is done yet; `pymastery done` marks one",
                plan.id
            ))
        })?)
    } else {
        None
    };
    refuse_second_done(plan, plan_progress, request, today)?;
    let day = match (&request.day, amended) {
        (_, Some((day, _))) => day,
        (Some(text), None) => resolve_day(plan, text, schedule::here(plan, plan_progress, today))?,
        (None, None) => schedule::current_day(plan, plan_progress).ok_or_else(|| {
            bad_input(format!(
                "{} is finished: every day is done or skipped; begin a new pass with `pymastery start {} --fresh`",
                plan.id, plan.id
            ))
        })?,
    };
    let already = plan_progress
        .and_then(|p| p.day(&day.key))
        .and_then(|s| s.done);
    let starts_plan = plan_progress.is_none();
    if already.is_some()
        && request.note.is_none()
        && request.minutes.is_none()
        && request.rating.is_none()
    {
        let (record, after) = (None, None);
        return Ok(DoneOutcome {
            day,
            record,
            already,
            starts_plan,
            after,
        });
    }
    // An amendment counts for the date the day was done on, so streaks stay as they were.
    let date = amended.map_or(practised, |(_, done_on)| done_on);
    let record = Some(Record {
        pass: plan_progress.map_or(1, |p| p.pass),
        date,
        kind: EventKind::Done {
            day: day.key.as_str().into(),
            title: day.title.as_str().into(),
            note: request.note.clone(),
            minutes: request.minutes,
            rating: request.rating,
        },
    });
    // The plan does not move on an amendment: nothing follows but the amendment itself.
    let after = amended.is_none().then(|| {
        // What follows, from the state the event is appended to: no second read of the log.
        let mut dates = progress.practice_dates().clone();
        dates.insert(date);
        let off = DaysOff::new(request.rest_days.clone(), &progress.pause_events, today);
        After {
            streaks: schedule::streaks(&dates, today, &off),
            next: next_after(plan, plan_progress, day),
        }
    });
    Ok(DoneOutcome {
        day,
        record,
        already,
        starts_plan,
        after,
    })
}

/// The day `done` will mark, asked before the lock so that the editor can name it; `None` when
/// there is none yet (an amendment with no day done, a finished plan), which [`decide`] refuses.
pub(crate) fn day_to_mark<'p>(
    plan: &'p Curriculum,
    progress: Option<&PlanProgress>,
    request: &DoneRequest,
    today: NaiveDate,
) -> anyhow::Result<Option<&'p Day>> {
    Ok(match &request.day {
        Some(text) => Some(resolve_day(
            plan,
            text,
            schedule::here(plan, progress, today),
        )?),
        None if request.amend => last_done(plan, progress).map(|(d, _)| d),
        None => schedule::current_day(plan, progress),
    })
}

/// Refuses a plain `done` (no DAY, no `--amend`) on a date where the plan already has a day
/// done: a second session in one sitting is more often a note forgotten than a day more, and
/// seven `done`s in a row would finish a plan in a morning. `done next` and `done DAY` still
/// mark another day.
pub(crate) fn refuse_second_done(
    plan: &Curriculum,
    progress: Option<&PlanProgress>,
    request: &DoneRequest,
    today: NaiveDate,
) -> anyhow::Result<()> {
    if request.day.is_some() || request.amend {
        return Ok(());
    }
    let date = request.practised(today);
    let Some(earlier) = schedule::done_on(plan, progress, date).pop() else {
        return Ok(());
    };
    let when = if date == today {
        "today".to_string()
    } else {
        format!("on {date}")
    };
    let flag = if request.plan_named {
        format!(" -p {}", plan.id)
    } else {
        String::new()
    };
    Err(bad_input(format!(
        "a day of {} is already done {when} ({}), so nothing was recorded: \
         `pymastery done next{flag}` marks the next day too, \
         `pymastery done --amend --note TEXT{flag}` adds to {}",
        plan.id,
        day_name(&earlier.key, &earlier.title),
        earlier.key
    )))
}

/// The day to do after `day` is marked: the current day if it is another, else the first day
/// after `day` not yet finished.
fn next_after<'p>(
    plan: &'p Curriculum,
    progress: Option<&PlanProgress>,
    day: &Day,
) -> Option<&'p Day> {
    schedule::current_day(plan, progress)
        .filter(|d| d.key != day.key)
        .or_else(|| {
            plan.days.iter().skip(day.ordinal).find(|d| {
                progress
                    .and_then(|p| p.day(&d.key))
                    .is_none_or(|s| !s.is_finished())
            })
        })
}

/// The day of this pass done last (the latest done date; the later day on a tie), with the
/// date it was done.
fn last_done<'p>(
    plan: &'p Curriculum,
    progress: Option<&PlanProgress>,
) -> Option<(&'p Day, NaiveDate)> {
    let progress = progress?;
    plan.days
        .iter()
        .filter_map(|d| Some((d, progress.day(&d.key)?.done?)))
        .max_by_key(|(d, done_on)| (*done_on, d.ordinal))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::fixtures::{done, nov, three_days};

    fn keys(outcome: &DoneOutcome) -> (String, Option<String>) {
        let next = outcome.after.as_ref().and_then(|a| a.next);
        (outcome.day.key.clone(), next.map(|d| d.key.clone()))
    }

    #[test]
    fn the_first_done_starts_the_plan_and_names_the_next_day() {
        let plan = three_days();
        let outcome = decide(&plan, &Progress::default(), &DoneRequest::default(), nov(4));
        let outcome = outcome.unwrap();
        assert_eq!(keys(&outcome), ("d1".into(), Some("d2".into())));
        assert!(outcome.starts_plan);
        let record = outcome.record.unwrap();
        assert_eq!((record.pass, record.date), (1, nov(4)));
        assert_eq!(outcome.after.unwrap().streaks.current, 1);
    }

    #[test]
    fn a_second_plain_done_on_one_date_is_refused_but_done_next_marks_the_next_day() {
        let plan = three_days();
        let progress = done(&[("d1", 4)]);
        let err = decide(&plan, &progress, &DoneRequest::default(), nov(4)).unwrap_err();
        assert!(err.to_string().contains("already done today (d1"), "{err}");
        assert_eq!(crate::error::exit_code(&err), 2);
        let next = DoneRequest {
            day: Some("next".into()),
            ..Default::default()
        };
        let outcome = decide(&plan, &progress, &next, nov(4)).unwrap();
        assert_eq!(keys(&outcome), ("d2".into(), Some("d3".into())));
        assert!(!outcome.starts_plan);
    }

    #[test]
    fn the_last_day_done_has_no_next_day() {
        let plan = three_days();
        let progress = done(&[("d1", 1), ("d2", 2)]);
        let outcome = decide(&plan, &progress, &DoneRequest::default(), nov(3)).unwrap();
        assert_eq!(keys(&outcome), ("d3".into(), None));
        assert_eq!(outcome.after.unwrap().streaks.current, 3);
        let finished = done(&[("d1", 1), ("d2", 2), ("d3", 3)]);
        let err = decide(&plan, &finished, &DoneRequest::default(), nov(5)).unwrap_err();
        assert!(err.to_string().starts_with("p is finished"), "{err}");
    }

    #[test]
    fn an_amendment_counts_for_the_day_done_last_and_moves_nothing() {
        let plan = three_days();
        let progress = done(&[("d1", 1), ("d2", 2)]);
        let amend = DoneRequest {
            amend: true,
            minutes: Some(30),
            ..Default::default()
        };
        let outcome = decide(&plan, &progress, &amend, nov(4)).unwrap();
        assert_eq!(outcome.day.key, "d2");
        assert_eq!(outcome.already, Some(nov(2)));
        assert_eq!(outcome.record.unwrap().date, nov(2));
        assert!(outcome.after.is_none());
        let err = decide(&plan, &Progress::default(), &amend, nov(4)).unwrap_err();
        assert!(err.to_string().starts_with("nothing to amend"), "{err}");
    }

    #[test]
    fn a_day_already_done_with_nothing_to_add_records_nothing() {
        let plan = three_days();
        let progress = done(&[("d1", 1)]);
        let again = DoneRequest {
            day: Some("d1".into()),
            ..Default::default()
        };
        let outcome = decide(&plan, &progress, &again, nov(2)).unwrap();
        assert_eq!((outcome.record, outcome.already), (None, Some(nov(1))));
    }

    #[test]
    fn a_backfill_before_the_start_and_an_empty_amendment_are_refused() {
        let plan = three_days();
        let early = DoneRequest {
            date: Some(nov(1).pred_opt().unwrap()),
            ..Default::default()
        };
        let err = decide(&plan, &done(&[]), &early, nov(4)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--date 2026-10-31 is before p was started (2026-11-01)"
        );
        let empty = DoneRequest {
            amend: true,
            ..Default::default()
        };
        assert!(empty.check(false).is_err());
        assert!(empty.check(true).is_ok());
    }
}
