//! A line of the practice log, as `log` lists it and `status` quotes it.

use chrono::NaiveDate;
use serde::Serialize;

use crate::progress::{Event, EventKind};

/// One line of the practice log.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Entry {
    pub date: NaiveDate,
    pub plan: String,
    pub day: String,
    pub title: String,
    pub event: &'static str,
    pub note: Option<String>,
    pub minutes: Option<u32>,
    /// Ticked item numbers, for check events.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<usize>,
    /// A `done` of a day already done in its pass: a note or minutes added, not a day more.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub amend: bool,
    /// The pass of the plan the entry belongs to.
    #[serde(skip)]
    pub pass: u32,
}

impl Entry {
    /// The log entry an event makes, if it is one the practice log shows.
    pub(crate) fn from_event(event: &Event) -> Option<Entry> {
        Entry::from_owned(event.clone())
    }

    /// [`Entry::from_event`] taking the event, so that a long log is not held twice.
    pub(crate) fn from_owned(event: Event) -> Option<Entry> {
        let Event {
            date,
            plan,
            pass,
            kind,
            ..
        } = event;
        let name = kind.name();
        let (day, title, note, minutes, items) = match kind {
            EventKind::Done {
                day,
                title,
                note,
                minutes,
                ..
            } => (day, title, note, minutes, Vec::new()),
            EventKind::Skip { day, title, reason } => (day, title, reason, None, Vec::new()),
            EventKind::Note { day, title, text } => (day, title, Some(text), None, Vec::new()),
            EventKind::Check {
                day, title, items, ..
            }
            | EventKind::Uncheck {
                day, title, items, ..
            } => (day, title, None, None, items),
            EventKind::Start { .. }
            | EventKind::Undo { .. }
            | EventKind::Review { .. }
            | EventKind::Pause { .. }
            | EventKind::Resume {}
            | EventKind::Rest { .. } => return None,
        };
        Some(Entry {
            date,
            plan: plan.into(),
            day: day.into(),
            title: title.into(),
            event: name,
            note,
            minutes,
            items,
            amend: false,
            pass,
        })
    }

    /// The entry a review, a pause or a resume makes in the Markdown document, which reads as a
    /// diary of everything practised (the other formats keep to the days' own events).
    pub(crate) fn from_diary_event(event: &Event) -> Option<Entry> {
        let (day, title, note): (&str, String, Option<String>) = match &event.kind {
            EventKind::Review { day, title, rating } => {
                (day, title.to_string(), Some(rating.name().to_string()))
            }
            EventKind::Pause { until, reason } => {
                let mut what = match until {
                    Some(until) => format!("until {until}"),
                    None => "until resumed".to_string(),
                };
                if let Some(reason) = reason {
                    what.push_str(&format!(" ({reason})"));
                }
                ("", what, None)
            }
            EventKind::Resume {} => ("", String::new(), None),
            _ => return None,
        };
        Some(Entry {
            date: event.date,
            plan: event.plan.to_string(),
            day: day.to_string(),
            title,
            event: event.kind.name(),
            note,
            minutes: None,
            items: Vec::new(),
            amend: false,
            pass: event.pass,
        })
    }
}
