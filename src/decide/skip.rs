//! `skip`: which day a request passes over, and what follows it, or why it cannot.

use chrono::NaiveDate;

use super::Record;
use crate::curriculum::keys::resolve_day;
use crate::curriculum::{Curriculum, Day};
use crate::error::bad_input;
use crate::progress::{EventKind, Progress};
use crate::schedule;

/// What the user asked `skip` for.
#[derive(Debug, Clone, Default)]
pub(crate) struct SkipRequest {
    /// The day named (a key, `#N`, `today`, `next`); `None` for the current day.
    pub day: Option<String>,
    /// Why, trimmed; never empty.
    pub reason: Option<String>,
}

impl SkipRequest {
    /// Takes `--reason` trimmed, refusing one that is blank (as an empty note is refused)
    /// rather than recording a skip without the reason the user meant to give.
    pub(crate) fn new(day: Option<String>, reason: Option<&str>) -> anyhow::Result<SkipRequest> {
        let reason = reason.map(str::trim);
        if reason.is_some_and(str::is_empty) {
            return Err(bad_input(
                "the --reason is empty, so nothing was recorded; leave --reason out to skip without one",
            ));
        }
        let reason = reason.map(str::to_string);
        Ok(SkipRequest { day, reason })
    }
}

/// What `skip` decided.
#[derive(Debug)]
pub(crate) enum SkipOutcome<'p> {
    /// The day was skipped already, on `on`: nothing to record.
    AlreadySkipped { day: &'p Day, on: NaiveDate },
    /// A skip to record, and the first day after it not yet finished.
    Skips {
        day: &'p Day,
        record: Record,
        next: Option<&'p Day>,
    },
}

/// Decides what skipping records for `request` against `progress` (as read under the lock).
pub(crate) fn decide<'p>(
    plan: &'p Curriculum,
    progress: &Progress,
    request: &SkipRequest,
    today: NaiveDate,
) -> anyhow::Result<SkipOutcome<'p>> {
    let plan_progress = progress.plan(&plan.id);
    let day = match &request.day {
        Some(text) => resolve_day(plan, text, schedule::here(plan, plan_progress, today))?,
        None => schedule::current_day(plan, plan_progress).ok_or_else(|| {
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
    if let Some(on) = state.and_then(|s| s.skipped) {
        return Ok(SkipOutcome::AlreadySkipped { day, on });
    }
    let next = plan.days.iter().skip(day.ordinal).find(|d| {
        plan_progress
            .and_then(|p| p.day(&d.key))
            .is_none_or(|s| !s.is_finished())
    });
    let record = Record {
        pass: plan_progress.map_or(1, |p| p.pass),
        date: today,
        kind: EventKind::Skip {
            day: day.key.as_str().into(),
            title: day.title.as_str().into(),
            reason: request.reason.clone(),
        },
    };
    Ok(SkipOutcome::Skips { day, record, next })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::fixtures::{done, nov, skipped, three_days};

    fn skips(outcome: SkipOutcome) -> (String, Option<String>, Record) {
        match outcome {
            SkipOutcome::Skips { day, record, next } => {
                (day.key.clone(), next.map(|d| d.key.clone()), record)
            }
            other => panic!("{other:?}"),
        }
    }

    fn day(text: &str) -> SkipRequest {
        SkipRequest::new(Some(text.into()), None).unwrap()
    }

    #[test]
    fn a_plain_skip_passes_over_the_current_day_and_names_the_next() {
        let plan = three_days();
        let progress = done(&[("d1", 1)]);
        let (key, next, record) =
            skips(decide(&plan, &progress, &SkipRequest::default(), nov(4)).unwrap());
        assert_eq!((key.as_str(), next.as_deref()), ("d2", Some("d3")));
        assert_eq!((record.pass, record.date), (1, nov(4)));
    }

    #[test]
    fn skipping_a_later_day_names_the_next_day_not_yet_finished() {
        let plan = three_days();
        let (key, next, _) = skips(decide(&plan, &done(&[]), &day("d2"), nov(4)).unwrap());
        assert_eq!((key.as_str(), next.as_deref()), ("d2", Some("d3")));
        let (key, next, _) = skips(decide(&plan, &done(&[]), &day("d3"), nov(4)).unwrap());
        assert_eq!((key.as_str(), next), ("d3", None));
    }

    #[test]
    fn a_day_done_cannot_be_skipped() {
        let plan = three_days();
        let err = decide(&plan, &done(&[("d1", 1)]), &day("d1"), nov(4)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "d1 was done on 2026-11-01, so it cannot be skipped; `pymastery undo` takes back a done"
        );
        assert_eq!(crate::error::exit_code(&err), 2);
    }

    #[test]
    fn a_day_skipped_already_records_nothing() {
        let plan = three_days();
        let progress = skipped(done(&[]), "d1", 2);
        let outcome = decide(&plan, &progress, &day("d1"), nov(4)).unwrap();
        assert!(matches!(
            outcome,
            SkipOutcome::AlreadySkipped { day, on } if day.key == "d1" && on == nov(2)
        ));
    }

    #[test]
    fn a_finished_plan_has_no_day_left_to_skip() {
        let plan = three_days();
        let progress = skipped(done(&[("d1", 1), ("d2", 2)]), "d3", 3);
        let err = decide(&plan, &progress, &SkipRequest::default(), nov(4)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p is finished: there is no day left to skip"
        );
    }

    #[test]
    fn a_reason_is_kept_trimmed_and_a_blank_one_is_refused() {
        let request = SkipRequest::new(None, Some("  know it  ")).unwrap();
        assert_eq!(request.reason.as_deref(), Some("know it"));
        let err = SkipRequest::new(None, Some(" \n")).unwrap_err();
        assert!(
            err.to_string().starts_with("the --reason is empty"),
            "{err}"
        );
        assert_eq!(crate::error::exit_code(&err), 2);
    }
}
