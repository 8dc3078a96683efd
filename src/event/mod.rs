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

pub(crate) mod label;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use label::Label;

/// The newest schema version this build reads; an event is written with the oldest version
/// that knows its kind ([`EventKind::version`]), so that an older build still reads every
/// line it can understand and names the one it cannot.
///
/// Version 2 added `clock` and `dev`: the causal order of events across machines. Version 1
/// lines have neither and keep the order of their file. Version 3 added `rest`.
pub const SCHEMA_VERSION: u32 = 3;

/// A recorded change: who did what to which day of which plan, and when.
///
/// Read through `RawEvent`: a flat record decodes several times faster than serde's
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
    pub plan: Label,
    /// Which pass over the plan (1 for the first, +1 for each `start --fresh`).
    pub pass: u32,
    /// Lamport clock: one above the highest clock the writing machine had seen in any log file,
    /// so that an event sorts after everything its writer knew of. 0 on version 1 lines, which
    /// have none and keep their file order. Set by the store when it appends.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub clock: u64,
    /// The device id of the machine that wrote it (the name of its log file); breaks ties of
    /// `clock`. Empty on version 1 lines. Set by the store when it appends.
    #[serde(default, skip_serializing_if = "Label::is_empty")]
    pub dev: Label,
    /// What happened (`type` in the line), with the fields of its type.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What the event records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The plan was started (or made current again); `at_day` begins mid-plan.
    Start {
        /// The day key the pass begins at, when not the first (`start --at`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at_day: Option<String>,
        /// A new pass that starts every day blank (`start --fresh`).
        #[serde(default, skip_serializing_if = "is_false")]
        fresh: bool,
        /// The clock of the latest start of each machine the recording machine had seen: a
        /// machine's own choice of plan gives way only to a start that had seen it.
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        knew: BTreeMap<String, u64>,
    },
    /// A day was finished.
    Done {
        /// The day key, such as `d3` or `w3.d2`.
        day: Label,
        /// The day's title when it was done, so that the log still reads well if the plan
        /// changes later.
        title: Label,
        /// The reflection (`--note`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// Time spent (`--minutes`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<u32>,
        /// How well the day's topic sat, for spaced review (none counts as `good`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rating: Option<Rating>,
    },
    /// Items of a day (or of a checkable section) were ticked.
    Check {
        /// The day key, or a checkable section's.
        day: Label,
        /// Its title when the items were ticked.
        title: Label,
        /// The 1-based numbers of the items ticked.
        items: Vec<usize>,
        /// Stable identity of each item, parallel to `items` (`curriculum::identity`); empty
        /// on events written before items had one.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        refs: Vec<String>,
        /// The text of each item, parallel to `items`, so that a tick whose item is gone from
        /// an edited plan can still be named; empty on events written before.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        texts: Vec<String>,
    },
    /// Items were unticked.
    Uncheck {
        /// The day key, or a checkable section's.
        day: Label,
        /// Its title when the items were unticked.
        title: Label,
        /// The 1-based numbers of the items unticked.
        items: Vec<usize>,
        /// Each item's identity, as for [`EventKind::Check`].
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        refs: Vec<String>,
    },
    /// A reflection on a day without finishing it.
    Note {
        /// The day key the reflection is about, or a section's.
        day: Label,
        /// Its title when the note was written.
        title: Label,
        /// The reflection.
        text: String,
    },
    /// A day passed over: the plan moves on, but it does not count as done.
    Skip {
        /// The day key.
        day: Label,
        /// Its title when it was skipped.
        title: Label,
        /// Why (`--reason`), for the record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Takes back the event with id `target`.
    Undo {
        /// The `id` of the event taken back.
        target: String,
    },
    /// A past day was reviewed, and how well it sat.
    Review {
        /// The key of the past day reviewed.
        day: Label,
        /// Its title when it was reviewed.
        title: Label,
        /// How well it sat (`--rate`).
        rating: Rating,
    },
    /// Practice paused from the event's date: a holiday or an illness. `until` is the last day
    /// of the pause; without it the pause lasts until `resume`. Pauses concern every plan.
    Pause {
        /// The last day of the pause; none lasts until a `resume` or the next `pause`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<NaiveDate>,
        /// Why (`--reason`), for the record.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Ends the pause in effect: the event's date is a practice day again.
    Resume {},
    /// The weekly rest days from the event's date on (`days`, as `sat,sun`; empty for none),
    /// and those in effect before it (`was`). In the log rather than only in `config.toml`, so
    /// that a change applies from the day it was made and every machine with the same log
    /// counts the same pace for every date. Rest days concern every plan.
    Rest {
        /// The weekly rest days from the event's date on, as `sat,sun`; empty for none.
        days: String,
        /// Those in effect before it, in the same form.
        #[serde(default)]
        was: String,
    },
}

/// How well a day's topic sat when it was done or reviewed (FSRS's four grades).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rating {
    /// `1`: it did not sit; the day comes back soon.
    Again,
    /// `2`: recalled, with effort.
    Hard,
    /// `3`: recalled; what a `done` without `--rate` counts as.
    Good,
    /// `4`: recalled without effort; the day comes back later.
    Easy,
}

impl Rating {
    /// The four grades, `1` to `4`.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The name stored in the log and typed by the user.
    pub fn name(self) -> &'static str {
        match self {
            Rating::Again => "again",
            Rating::Hard => "hard",
            Rating::Good => "good",
            Rating::Easy => "easy",
        }
    }

    /// Reads `again|hard|good|easy` or `1`-`4`, in any case.
    pub fn parse(text: &str) -> Option<Rating> {
        let text = text.trim().to_lowercase();
        Rating::ALL
            .into_iter()
            .zip(1..)
            .find(|(r, n)| r.name() == text || n.to_string() == text)
            .map(|(r, _)| r)
    }
}

/// Every field any event type has, as one flat record; unknown fields are ignored, so a log
/// from a build that added fields still reads.
#[derive(Deserialize)]
struct RawEvent {
    v: u32,
    id: String,
    at: DateTime<FixedOffset>,
    date: NaiveDate,
    plan: Label,
    pass: u32,
    #[serde(default)]
    clock: u64,
    #[serde(default)]
    dev: Label,
    #[serde(rename = "type")]
    kind: String,
    day: Option<Label>,
    title: Option<Label>,
    note: Option<String>,
    minutes: Option<u32>,
    items: Option<Vec<usize>>,
    refs: Option<Vec<String>>,
    texts: Option<Vec<String>>,
    text: Option<String>,
    reason: Option<String>,
    target: Option<String>,
    at_day: Option<String>,
    fresh: Option<bool>,
    knew: Option<BTreeMap<String, u64>>,
    rating: Option<String>,
    until: Option<NaiveDate>,
    days: Option<String>,
    was: Option<String>,
}

/// The largest clock a line may carry: far above any count of events, low enough that adding
/// to it never overflows (and that JSON readers keep it exact).
pub const MAX_CLOCK: u64 = (1 << 53) - 1;

/// The largest pass a line may carry: far above any number of fresh starts.
pub const MAX_PASS: u32 = 1_000_000;

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
        if raw.clock > MAX_CLOCK {
            return Err(format!(
                "the clock {} is beyond any count of events (at most {MAX_CLOCK})",
                raw.clock
            ));
        }
        if raw.pass > MAX_PASS {
            return Err(format!(
                "pass {} is beyond any number of passes (at most {MAX_PASS})",
                raw.pass
            ));
        }
        let kind_name = raw.kind.as_str();
        let missing = |field: &str| format!("a '{kind_name}' event needs the field `{field}`");
        // Moved, not copied: a long log is parsed with no second allocation per field.
        let (day_field, title_field) = (raw.day, raw.title);
        let day = || day_field.ok_or_else(|| missing("day"));
        let title = || title_field.ok_or_else(|| missing("title"));
        let rating = raw
            .rating
            .as_deref()
            .map(|r| Rating::parse(r).ok_or_else(|| format!("unknown rating '{r}'")))
            .transpose()?;
        let kind = match kind_name {
            "start" => EventKind::Start {
                at_day: raw.at_day,
                fresh: raw.fresh.unwrap_or(false),
                knew: raw.knew.unwrap_or_default(),
            },
            "done" => EventKind::Done {
                day: day()?,
                title: title()?,
                note: raw.note,
                minutes: raw.minutes,
                rating,
            },
            "check" => EventKind::Check {
                day: day()?,
                title: title()?,
                items: raw.items.ok_or_else(|| missing("items"))?,
                refs: raw.refs.unwrap_or_default(),
                texts: raw.texts.unwrap_or_default(),
            },
            "uncheck" => EventKind::Uncheck {
                day: day()?,
                title: title()?,
                items: raw.items.ok_or_else(|| missing("items"))?,
                refs: raw.refs.unwrap_or_default(),
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
            "review" => EventKind::Review {
                day: day()?,
                title: title()?,
                rating: rating.ok_or_else(|| missing("rating"))?,
            },
            "pause" => EventKind::Pause {
                until: raw.until,
                reason: raw.reason,
            },
            "resume" => EventKind::Resume {},
            "rest" => EventKind::Rest {
                days: raw.days.ok_or_else(|| missing("days"))?,
                was: raw.was.unwrap_or_default(),
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
            clock: raw.clock,
            dev: raw.dev,
            kind,
        })
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u64) -> bool {
    *n == 0
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
            EventKind::Review { .. } => "review",
            EventKind::Pause { .. } => "pause",
            EventKind::Resume {} => "resume",
            EventKind::Rest { .. } => "rest",
        }
    }

    /// The schema version a line of this kind is written with: the first that knew it.
    pub fn version(&self) -> u32 {
        match self {
            EventKind::Rest { .. } => 3,
            _ => 2,
        }
    }

    /// The day key the event concerns, if any.
    pub fn day(&self) -> Option<&str> {
        self.day_and_title().map(|(day, _)| day)
    }

    /// The day title recorded with the event, if any.
    pub fn title(&self) -> Option<&str> {
        self.day_and_title().map(|(_, title)| title)
    }

    fn day_and_title(&self) -> Option<(&str, &str)> {
        match self {
            EventKind::Done { day, title, .. }
            | EventKind::Check { day, title, .. }
            | EventKind::Uncheck { day, title, .. }
            | EventKind::Note { day, title, .. }
            | EventKind::Skip { day, title, .. }
            | EventKind::Review { day, title, .. } => Some((day, title)),
            EventKind::Start { .. }
            | EventKind::Undo { .. }
            | EventKind::Pause { .. }
            | EventKind::Resume {}
            | EventKind::Rest { .. } => None,
        }
    }
}

impl EventKind {
    /// The same event for another day (or section) key and title; events about no day stay
    /// as they are.
    pub fn for_day(&self, key: &str, new_title: &str) -> EventKind {
        let mut kind = self.clone();
        match &mut kind {
            EventKind::Done { day, title, .. }
            | EventKind::Check { day, title, .. }
            | EventKind::Uncheck { day, title, .. }
            | EventKind::Note { day, title, .. }
            | EventKind::Skip { day, title, .. }
            | EventKind::Review { day, title, .. } => {
                *day = key.into();
                *title = new_title.into();
            }
            EventKind::Start { .. }
            | EventKind::Undo { .. }
            | EventKind::Pause { .. }
            | EventKind::Resume {}
            | EventKind::Rest { .. } => {}
        }
        kind
    }
}

impl Event {
    /// A one-line description for `undo` and `log`: `done d3 (Functions, Args & Closures)`.
    pub fn describe(&self) -> String {
        match &self.kind {
            EventKind::Start { at_day, fresh, .. } => {
                let mut s = format!("start {}", self.plan);
                if *fresh {
                    s.push_str(&format!(" (pass {})", self.pass));
                }
                if let Some(day) = at_day {
                    s.push_str(&format!(" at {day}"));
                }
                s
            }
            EventKind::Done { day, title, .. } => format!("done {}", day_and_title(day, title)),
            EventKind::Check { day, items, .. } => format!("check {day}: {}", join(items)),
            EventKind::Uncheck { day, items, .. } => format!("uncheck {day}: {}", join(items)),
            EventKind::Note { day, .. } => format!("note on {day}"),
            EventKind::Skip { day, title, .. } => format!("skip {}", day_and_title(day, title)),
            EventKind::Undo { target } => format!("undo of {target}"),
            EventKind::Review { day, title, rating } => {
                format!("review {}: {}", day_and_title(day, title), rating.name())
            }
            EventKind::Pause { until, .. } => match until {
                Some(until) => format!("pause until {until}"),
                None => "pause".to_string(),
            },
            EventKind::Resume {} => "resume".to_string(),
            EventKind::Rest { days, .. } if days.is_empty() => "rest days none".to_string(),
            EventKind::Rest { days, .. } => format!("rest days {days}"),
        }
    }
}

/// `d3 (Closures)`; the key alone when the title only repeats it (a plan whose headings are
/// dates).
fn day_and_title(day: &str, title: &str) -> String {
    if title.trim().is_empty() || title.trim().eq_ignore_ascii_case(day) {
        day.to_string()
    } else {
        format!("{day} ({title})")
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
