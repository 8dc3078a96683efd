//! `pause` and `resume`: how long a pause may run, which pause it replaces, and which a resume
//! ends.

use chrono::{Duration, NaiveDate};

use crate::error::bad_input;
use crate::progress::{EventKind, Progress};
use crate::rest::DaysOff;

/// The longest pause `--until` may set ahead, in days.
const MAX_PAUSE_DAYS: i64 = 366;

/// What the user asked `pause` for, checked against today.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PauseRequest {
    /// The last day of the pause, today or later; `None` until `resume`.
    pub until: Option<NaiveDate>,
    /// Why, trimmed; `None` when not given or blank.
    pub reason: Option<String>,
}

impl PauseRequest {
    /// Refuses an `--until` in the past (a pause begins today) or more than a year ahead (a
    /// typo of the year, mostly); a blank reason is no reason.
    pub(crate) fn new(
        until: Option<NaiveDate>,
        reason: Option<&str>,
        today: NaiveDate,
    ) -> anyhow::Result<PauseRequest> {
        if let Some(until) = until {
            if until < today {
                return Err(bad_input(format!(
                    "--until {until} is in the past (today is {today}); a pause begins today"
                )));
            }
            if until > today + Duration::days(MAX_PAUSE_DAYS) {
                return Err(bad_input(format!(
                    "--until {until} is more than {MAX_PAUSE_DAYS} days ahead; pause without --until and `pymastery resume` when you are back"
                )));
            }
        }
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        let reason = reason.map(str::to_string);
        Ok(PauseRequest { until, reason })
    }
}

/// A pause to record from today.
#[derive(Debug, PartialEq)]
pub(crate) struct Paused {
    pub until: Option<NaiveDate>,
    pub reason: Option<String>,
    /// The start of the pause under way that this one replaces, if any.
    pub replaces: Option<NaiveDate>,
}

impl Paused {
    /// The event recording the pause.
    pub(crate) fn kind(&self) -> EventKind {
        EventKind::Pause {
            until: self.until,
            reason: self.reason.clone(),
        }
    }
}

/// Decides the pause `request` records on `today`: a pause under way is replaced by it.
pub(crate) fn pause(progress: &Progress, request: PauseRequest, today: NaiveDate) -> Paused {
    let replaces = current_pause_from(progress, today);
    let PauseRequest { until, reason } = request;
    Paused {
        until,
        reason,
        replaces,
    }
}

/// A resume to record: it ends the pause begun on `from`, `days` days ago (0 when that was
/// today, which calls the pause off).
#[derive(Debug, PartialEq)]
pub(crate) struct Resumed {
    pub from: NaiveDate,
    pub days: i64,
}

impl Resumed {
    /// The event recording the resume.
    pub(crate) fn kind(&self) -> EventKind {
        EventKind::Resume {}
    }
}

/// Decides the resume recorded on `today`; with no pause under way there is nothing to end.
pub(crate) fn resume(progress: &Progress, today: NaiveDate) -> anyhow::Result<Resumed> {
    let Some(from) = current_pause_from(progress, today) else {
        return Err(bad_input(
            "there is no pause to end; `pymastery pause` begins one",
        ));
    };
    let days = (today - from).num_days();
    Ok(Resumed { from, days })
}

/// The first day of the pause under way on `today`, if any.
fn current_pause_from(progress: &Progress, today: NaiveDate) -> Option<NaiveDate> {
    let off = DaysOff::new(vec![], &progress.pause_events, today);
    off.current_pause().map(|p| p.from)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::fixtures::{event, nov};

    /// Progress with a pause begun on November `d`, until `until` if given.
    fn paused_on(d: u32, until: Option<NaiveDate>) -> Progress {
        let mut progress = Progress::default();
        let reason = None;
        progress.pause_events = vec![event(1, d, EventKind::Pause { until, reason })];
        progress
    }

    #[test]
    fn until_must_be_today_or_later_and_at_most_a_year_ahead() {
        let today = nov(10);
        let err = PauseRequest::new(Some(nov(9)), None, today).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--until 2026-11-09 is in the past (today is 2026-11-10); a pause begins today"
        );
        assert_eq!(crate::error::exit_code(&err), 2);
        assert!(PauseRequest::new(Some(today), None, today).is_ok());
        let year = today + Duration::days(366);
        assert!(PauseRequest::new(Some(year), None, today).is_ok());
        let err = PauseRequest::new(Some(year + Duration::days(1)), None, today).unwrap_err();
        assert!(
            err.to_string().contains("more than 366 days ahead"),
            "{err}"
        );
    }

    #[test]
    fn a_blank_reason_is_no_reason() {
        let blank = PauseRequest::new(None, Some("  "), nov(10)).unwrap();
        assert_eq!(blank.reason, None);
        let ill = PauseRequest::new(None, Some(" flu\n"), nov(10)).unwrap();
        assert_eq!(ill.reason.as_deref(), Some("flu"));
    }

    #[test]
    fn a_pause_under_way_is_replaced_and_one_ended_is_not() {
        let request = PauseRequest::new(None, None, nov(10)).unwrap();
        let open = pause(&paused_on(3, None), request.clone(), nov(10));
        assert_eq!(open.replaces, Some(nov(3)));
        let ended = pause(&paused_on(3, Some(nov(5))), request.clone(), nov(10));
        assert_eq!(ended.replaces, None);
        let first = pause(&Progress::default(), request, nov(10));
        assert_eq!(first.replaces, None);
    }

    #[test]
    fn resume_ends_the_pause_under_way_and_counts_its_days() {
        assert_eq!(
            resume(&paused_on(3, None), nov(10)).unwrap(),
            Resumed {
                from: nov(3),
                days: 7
            }
        );
        assert_eq!(resume(&paused_on(10, None), nov(10)).unwrap().days, 0);
        let err = resume(&Progress::default(), nov(10)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "there is no pause to end; `pymastery pause` begins one"
        );
        assert!(resume(&paused_on(3, Some(nov(5))), nov(10)).is_err());
    }
}
