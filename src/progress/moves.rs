//! Carrying what was recorded on a day to the key the day has after its plan was edited.
//!
//! The fold keys days by key, and the log is only ever appended to; so when a re-import finds
//! that a day's key changed (`curriculum::changes`), each event in effect on the old key is
//! taken back (an `undo`) and recorded again under the new key, with its date, pass, note,
//! minutes, rating and ticks. Every command then reads the day's progress where it is now, with
//! no mapping to consult, and a log synced to another machine carries the move with it.
//!
//! The ids of these events are derived from the event moved and its new key, so two machines
//! that make the same move write the same events, which the fold counts once; they begin with
//! [`MOVED_PREFIX`] so that `undo` passes over them.

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::event::label::Label;
use crate::event::{Event, EventKind, SCHEMA_VERSION};

/// How the ids of moved events and of the undos that take back their originals begin.
pub(crate) const MOVED_PREFIX: &str = "mv-";

/// One key's events to carry onto another key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Move {
    pub from: String,
    pub to: String,
    /// The title the moved events carry (the day's title now, or, for a day that vanished,
    /// the one it had).
    pub title: String,
    /// Only the events recorded with a title other than this one (for `doctor --remap` of a
    /// key that names another day now); `None` moves them all.
    pub unless_titled: Option<String>,
}

/// The events that carry `moves` out (computed from `live`, the events in effect, all at once,
/// so that two days that swap keys each get the other's), and how many events each move took.
pub(crate) fn carry(
    live: &[Event],
    plan: &str,
    moves: &[Move],
    at: DateTime<FixedOffset>,
    today: NaiveDate,
) -> (Vec<Event>, Vec<usize>) {
    let mut out = Vec::new();
    let mut counts = Vec::new();
    for m in moves {
        let mut count = 0;
        for event in live.iter().filter(|e| belongs(e, plan, m)) {
            count += 1;
            out.push(Event {
                v: SCHEMA_VERSION,
                id: moved_id("u", &event.id, ""),
                at,
                date: today.max(event.date),
                plan: event.plan.clone(),
                pass: event.pass,
                clock: 0,
                dev: Label::default(),
                kind: EventKind::Undo {
                    target: event.id.clone(),
                },
            });
            out.push(Event {
                v: SCHEMA_VERSION,
                id: moved_id("c", &event.id, &m.to),
                clock: 0,
                dev: Label::default(),
                kind: event.kind.for_day(&m.to, &m.title),
                ..event.clone()
            });
        }
        counts.push(count);
    }
    (out, counts)
}

fn belongs(event: &Event, plan: &str, m: &Move) -> bool {
    event.plan.as_str() == plan
        && event
            .kind
            .day()
            .is_some_and(|d| d.eq_ignore_ascii_case(&m.from))
        && m.unless_titled.as_deref().is_none_or(|title| {
            crate::curriculum::parse::normalise_for_identity(event.kind.title().unwrap_or(""))
                != crate::curriculum::parse::normalise_for_identity(title)
        })
}

/// `mv-c-<16 hex>`: FNV-1a over what the event is.
fn moved_id(what: &str, id: &str, to: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes().chain([0]).chain(to.bytes()) {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{MOVED_PREFIX}{what}-{hash:016x}")
}

/// Whether an event was written by a move rather than by the user.
pub(crate) fn is_moved(event: &Event) -> bool {
    event.id.starts_with(MOVED_PREFIX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Progress;

    fn event(id: &str, day: &str, title: &str, note: &str) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: id.into(),
            at: DateTime::parse_from_rfc3339("2026-11-02T09:00:00Z").unwrap(),
            date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            plan: "p".into(),
            pass: 1,
            clock: 0,
            dev: Label::default(),
            kind: EventKind::Done {
                day: day.into(),
                title: title.into(),
                note: Some(note.into()),
                minutes: Some(20),
                rating: None,
            },
        }
    }

    fn mv(from: &str, to: &str) -> Move {
        Move {
            from: from.into(),
            to: to.into(),
            title: String::new(),
            unless_titled: None,
        }
    }

    #[test]
    fn two_days_that_swap_keys_swap_their_progress() {
        let live = vec![
            event("a", "d2", "Two", "on two"),
            event("b", "d3", "Three", "on three"),
        ];
        let at = live[0].at;
        let today = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let (moved, counts) = carry(&live, "p", &[mv("d2", "d3"), mv("d3", "d2")], at, today);
        assert_eq!(counts, [1, 1]);
        let mut all = live.clone();
        all.extend(moved.clone());
        let progress = Progress::fold(&all);
        let plan = progress.plan("p").unwrap();
        assert_eq!(plan.day("d3").unwrap().notes[0].1, "on two");
        assert_eq!(plan.day("d2").unwrap().notes[0].1, "on three");
        assert_eq!(plan.day("d3").unwrap().minutes, 20);
        // The same move made twice (on two machines) writes the same events.
        let (again, _) = carry(&live, "p", &[mv("d2", "d3"), mv("d3", "d2")], at, today);
        assert_eq!(
            again.iter().map(|e| &e.id).collect::<Vec<_>>(),
            moved.iter().map(|e| &e.id).collect::<Vec<_>>()
        );
        assert!(moved.iter().all(is_moved));
    }

    #[test]
    fn a_remap_by_title_leaves_what_was_recorded_on_the_day_there_now() {
        let live = vec![
            event("a", "d3", "Aggregation", "group by"),
            event("b", "d3", "Set operations", "union"),
        ];
        let m = Move {
            unless_titled: Some("Set operations".into()),
            ..mv("d3", "d4")
        };
        let today = NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        let (moved, counts) = carry(&live, "p", &[m], live[0].at, today);
        assert_eq!(counts, [1]);
        assert_eq!(moved.len(), 2);
        assert!(matches!(&moved[0].kind, EventKind::Undo { target } if target == "a"));
    }
}
