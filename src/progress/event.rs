//! One line of the progress log.
//!
//! ```json
//! {"v":1,"id":"19a4f0c2d1e-3f2a-0001","at":"2026-11-01T09:00:00+01:00","date":"2026-11-01",
//!  "plan":"interview","pass":1,"type":"done","day":"d1","title":"Python Basics & Philosophy",
//!  "note":"mutable defaults bite","minutes":30}
//! ```
//!
//! Fields are only ever added, never renamed; a line with a newer `v` is refused with a message
//! rather than misread. `docs/log-format.md` documents every field for users.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// The schema version this build writes and the newest it reads.
pub const SCHEMA_VERSION: u32 = 1;

/// A recorded change: who did what to which day of which plan, and when.
///
/// Read through [`RawEvent`]: a flat record decodes several times faster than serde's
/// buffering of a flattened, tagged enum, and every command reads the whole log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawEvent")]
pub struct Event {
    /// Schema version of this line.
    pub v: u32,
    /// Unique id, so that undo can name it and two copies of a log can be merged.
    pub id: String,
    /// When it was recorded, with the UTC offset of the moment.
    pub at: DateTime<FixedOffset>,
    /// The local practice date it counts for (after the day boundary, or `--date`).
    pub date: NaiveDate,
    /// The plan id.
    pub plan: String,
    /// Which pass over the plan (1 for the first, +1 for each `start --fresh`).
    pub pass: u32,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What the event records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The plan was started (or made current again); `at_day` begins mid-plan.
    Start {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_day: Option<String>,
        #[serde(default, skip_serializing_if = "is_false")]
        fresh: bool,
    },
    /// A day was finished.
    Done {
        day: String,
        title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<u32>,
    },
    /// Items of a day (or of a checkable section) were ticked.
    Check {
        day: String,
        title: String,
        items: Vec<usize>,
    },
    /// Items were unticked.
    Uncheck {
        day: String,
        title: String,
        items: Vec<usize>,
    },
    /// A reflection on a day without finishing it.
    Note {
        day: String,
        title: String,
        text: String,
    },
    /// A day passed over: the plan moves on, but it does not count as done.
    Skip {
        day: String,
        title: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Takes back the event with id `target`.
    Undo { target: String },
}

/// Every field any event type has, as one flat record; unknown fields are ignored, so a log
/// from a build that added fields still reads.
#[derive(Deserialize)]
struct RawEvent {
    v: u32,
    id: String,
    at: DateTime<FixedOffset>,
    date: NaiveDate,
    plan: String,
    pass: u32,
    #[serde(rename = "type")]
    kind: String,
    day: Option<String>,
    title: Option<String>,
    note: Option<String>,
    minutes: Option<u32>,
    items: Option<Vec<usize>>,
    text: Option<String>,
    reason: Option<String>,
    target: Option<String>,
    at_day: Option<String>,
    fresh: Option<bool>,
}

impl TryFrom<RawEvent> for Event {
    type Error = String;

    fn try_from(raw: RawEvent) -> Result<Event, String> {
        if !crate::clock::in_range(raw.date) {
            let years = crate::clock::YEARS;
            return Err(format!(
                "the date {} is outside the years {} to {}",
                raw.date,
                years.start(),
                years.end()
            ));
        }
        let kind_name = raw.kind.as_str();
        let missing = |field: &str| format!("a '{kind_name}' event needs the field `{field}`");
        let day = || raw.day.clone().ok_or_else(|| missing("day"));
        let title = || raw.title.clone().ok_or_else(|| missing("title"));
        let kind = match kind_name {
            "start" => EventKind::Start {
                at_day: raw.at_day,
                fresh: raw.fresh.unwrap_or(false),
            },
            "done" => EventKind::Done {
                day: day()?,
                title: title()?,
                note: raw.note,
                minutes: raw.minutes,
            },
            "check" => EventKind::Check {
                day: day()?,
                title: title()?,
                items: raw.items.ok_or_else(|| missing("items"))?,
            },
            "uncheck" => EventKind::Uncheck {
                day: day()?,
                title: title()?,
                items: raw.items.ok_or_else(|| missing("items"))?,
            },
            "note" => EventKind::Note {
                day: day()?,
                title: title()?,
                text: raw.text.ok_or_else(|| missing("text"))?,
            },
            "skip" => EventKind::Skip {
                day: day()?,
                title: title()?,
                reason: raw.reason,
            },
            "undo" => EventKind::Undo {
                target: raw.target.ok_or_else(|| missing("target"))?,
            },
            other => return Err(format!("unknown event type '{other}'")),
        };
        Ok(Event {
            v: raw.v,
            id: raw.id,
            at: raw.at,
            date: raw.date,
            plan: raw.plan,
            pass: raw.pass,
            kind,
        })
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl EventKind {
    /// The event's type name as stored in the log.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Start { .. } => "start",
            EventKind::Done { .. } => "done",
            EventKind::Check { .. } => "check",
            EventKind::Uncheck { .. } => "uncheck",
            EventKind::Note { .. } => "note",
            EventKind::Skip { .. } => "skip",
            EventKind::Undo { .. } => "undo",
        }
    }

    /// The day key the event concerns, if any.
    pub fn day(&self) -> Option<&str> {
        match self {
            EventKind::Done { day, .. }
            | EventKind::Check { day, .. }
            | EventKind::Uncheck { day, .. }
            | EventKind::Note { day, .. }
            | EventKind::Skip { day, .. } => Some(day),
            EventKind::Start { .. } | EventKind::Undo { .. } => None,
        }
    }
}

impl Event {
    /// A one-line description for `undo` and `log`: `done d3 (Functions, Args & Closures)`.
    pub fn describe(&self) -> String {
        match &self.kind {
            EventKind::Start { at_day, fresh } => {
                let mut s = format!("start {}", self.plan);
                if *fresh {
                    s.push_str(&format!(" (pass {})", self.pass));
                }
                if let Some(day) = at_day {
                    s.push_str(&format!(" at {day}"));
                }
                s
            }
            EventKind::Done { day, title, .. } => format!("done {day} ({title})"),
            EventKind::Check { day, items, .. } => format!("check {day}: {}", join(items)),
            EventKind::Uncheck { day, items, .. } => format!("uncheck {day}: {}", join(items)),
            EventKind::Note { day, .. } => format!("note on {day}"),
            EventKind::Skip { day, title, .. } => format!("skip {day} ({title})"),
            EventKind::Undo { target } => format!("undo of {target}"),
        }
    }
}

fn join(items: &[usize]) -> String {
    items
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A new event id, unique across processes and machines: `<time µs>-<pid>-<counter>-<random>`,
/// all hex. The time keeps ids roughly in order; pid and counter separate events made in the
/// same microsecond on one machine; the random part separates machines.
pub fn new_event_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};

    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let micros = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    let pid = std::process::id();
    // RandomState is seeded from the OS once per process (then varied per instance).
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(micros);
    hasher.write_u32(pid);
    hasher.write_u64(count);
    let random = hasher.finish() as u32;
    format!("{micros:x}-{pid:x}-{count:04x}-{random:08x}")
}
