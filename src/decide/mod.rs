//! What a command does, decided without a home: pure functions from the plan, the progress
//! and the request to what to record and what to say. Commands resolve their arguments, call
//! a decision, record its events and render its outcome; the decisions are tested alone.

pub(crate) mod calendar;
pub(crate) mod check;
pub(crate) mod doctor;
pub(crate) mod done;
pub(crate) mod entry;
pub(crate) mod log;
pub(crate) mod pause;
pub(crate) mod plans;
pub(crate) mod review;
pub(crate) mod skip;
pub(crate) mod start;
pub(crate) mod status;
pub(crate) mod today;

use chrono::NaiveDate;

use crate::progress::EventKind;

/// An event a decision records, without the plan, id and time the command gives it.
#[derive(Debug, PartialEq)]
pub(crate) struct Record {
    /// The pass of the plan it belongs to.
    pub pass: u32,
    /// The date it counts for.
    pub date: NaiveDate,
    pub kind: EventKind,
}

/// A plan and progress to decide on, for the decisions' tests.
#[cfg(test)]
mod fixtures {
    #![allow(clippy::unwrap_used)]
    use chrono::NaiveDate;

    use crate::curriculum::Curriculum;
    use crate::progress::{DayState, PlanProgress, Progress};

    pub(super) fn nov(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    /// Plan `p`: three days, one item each.
    pub(super) fn three_days() -> Curriculum {
        let mut text = String::from("# Three days\n\n");
        for n in 1..=3 {
            text.push_str(&format!("## Day {n}: Topic {n}\n- read about {n}\n\n"));
        }
        crate::curriculum::parse::parse("p", &text)
    }

    /// Progress on plan `p`, started on the 1st, with each `(day, date)` done.
    pub(super) fn done(days: &[(&str, u32)]) -> Progress {
        let mut plan = PlanProgress {
            id: "p".into(),
            pass: 1,
            started: nov(1),
            start_at: None,
            days: Default::default(),
            last_active: nov(1),
        };
        for (key, d) in days {
            let state = DayState {
                done: Some(nov(*d)),
                ..Default::default()
            };
            plan.days.insert(key.to_string(), state);
        }
        let mut progress = Progress::default();
        progress.current_plan = Some("p".into());
        progress.plans = [("p".to_string(), plan)].into();
        progress.practice = days.iter().map(|(_, d)| nov(*d)).collect();
        progress
    }

    /// `progress` with `day` of plan `p` skipped on November `d`.
    pub(super) fn skipped(mut progress: Progress, day: &str, d: u32) -> Progress {
        let plan = progress.plans.get_mut("p").unwrap();
        plan.days.entry(day.to_string()).or_default().skipped = Some(nov(d));
        progress
    }

    /// An event of plan `p`, pass 1, recorded at 09:00 on November `d`.
    pub(super) fn event(
        n: usize,
        d: u32,
        kind: crate::progress::EventKind,
    ) -> crate::progress::Event {
        crate::progress::Event {
            v: crate::progress::SCHEMA_VERSION,
            id: format!("e{n}"),
            at: chrono::DateTime::parse_from_rfc3339(&format!("{}T09:00:00Z", nov(d))).unwrap(),
            date: nov(d),
            plan: "p".into(),
            pass: 1,
            clock: n as u64,
            dev: Default::default(),
            kind,
        }
    }

    /// A `done` of `day` with an optional note and minutes.
    pub(super) fn done_event(
        n: usize,
        d: u32,
        day: &str,
        note: Option<&str>,
        minutes: Option<u32>,
    ) -> crate::progress::Event {
        event(
            n,
            d,
            crate::progress::EventKind::Done {
                day: day.into(),
                title: format!("Topic {}", &day[1..]).into(),
                note: note.map(str::to_string),
                minutes,
                rating: None,
            },
        )
    }
}
