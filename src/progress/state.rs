//! The fold from events to progress: pure, so it is tested without files.
//!
//! Undo events cancel their target; a `start --fresh` begins a new pass whose days start blank;
//! a day's state is keyed by its key, never its position.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::practice::PracticeDays;
use crate::curriculum::Item;
use crate::curriculum::identity;
use crate::event::{Event, EventKind};

/// Everything the log says, folded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Progress {
    /// The plan of the most recent `start` on any machine, if any (see
    /// [`Progress::current_plan_on`] for a machine's own).
    pub current_plan: Option<String>,
    /// Each machine's latest `start`, by device id.
    pub starts: BTreeMap<String, StartMark>,
    /// Per plan id, its current pass.
    pub plans: BTreeMap<String, PlanProgress>,
    /// Events in effect (not undone, and not undo events themselves), in log order: all of
    /// them when `live_from` is `None`, else only those dated `live_from` or later (what a
    /// checkpoint keeps). Read outside this module only through a [`super::Folded`] whose
    /// load read them.
    pub(in crate::progress) live: Vec<Event>,
    /// The first date `live` is complete from; `None` when it holds every event in effect.
    pub(in crate::progress) live_from: Option<NaiveDate>,
    /// Every date on which some day of some plan was marked done (in any pass).
    pub practice: PracticeDays,
    /// Minutes logged per practice date, over the [`MINUTES_DAYS`] up to the newest one
    /// (what the year calendar of the HTML review shades), whatever the recent window holds.
    pub minutes: DailyMinutes,
    /// The `pause`, `resume` and `rest` events in effect, in order (what `crate::rest` reads);
    /// kept whole, unlike `live`, because a pause or a change of rest days may be older than
    /// any window.
    pub pause_events: Vec<Event>,
    /// What spaced review knows of every `done` and `review` in effect (see `crate::review`):
    /// every grade, or only the outlook a checkpoint kept.
    pub reviews: crate::review::Reviews,
}

/// How many days of minutes [`Progress::minutes`] keeps: a year's calendar and a margin.
pub(crate) const MINUTES_DAYS: i64 = 400;

/// Minutes logged per practice date over the last [`MINUTES_DAYS`] before the newest date.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DailyMinutes {
    /// By day number (days from the common era).
    by_day: BTreeMap<i32, u32>,
}

impl DailyMinutes {
    fn add(&mut self, date: NaiveDate, minutes: u32) {
        let day = chrono::Datelike::num_days_from_ce(&date);
        let total = self.by_day.entry(day).or_insert(0);
        *total = total.saturating_add(minutes);
        let newest = self.by_day.last_key_value().map_or(day, |(d, _)| *d);
        let keep_from = newest.saturating_sub(MINUTES_DAYS as i32);
        while self
            .by_day
            .first_key_value()
            .is_some_and(|(d, _)| *d < keep_from)
        {
            self.by_day.pop_first();
        }
    }

    /// The minutes logged on `date`, when it is among the days kept (a practice date with no
    /// minutes: 0); `None` before them.
    pub(crate) fn on(&self, date: NaiveDate) -> Option<u32> {
        let day = chrono::Datelike::num_days_from_ce(&date);
        let newest = *self.by_day.last_key_value()?.0;
        (day >= newest.saturating_sub(MINUTES_DAYS as i32))
            .then(|| self.by_day.get(&day).copied().unwrap_or(0))
    }
}

/// A machine's latest `start`: what a machine's current plan is decided from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct StartMark {
    pub plan: String,
    pub clock: u64,
    /// The latest start of each machine the recording machine had seen, by clock.
    pub knew: BTreeMap<String, u64>,
}

impl Progress {
    /// The current plan of machine `device`: the plan it last started, unless another machine
    /// started a plan after it had seen that start (the latest such start wins). Concurrent
    /// starts on two machines leave each with its own. A machine that started nothing (or an
    /// unknown one) follows the most recent start anywhere.
    pub(crate) fn current_plan_on(&self, device: Option<&str>) -> Option<String> {
        let Some(own) = device.and_then(|d| self.starts.get(d).map(|m| (d, m))) else {
            return self.current_plan.clone();
        };
        let (own_device, own_mark) = own;
        self.starts
            .iter()
            .filter(|(dev, mark)| {
                dev.as_str() == own_device
                    || mark
                        .knew
                        .get(own_device)
                        .is_some_and(|&c| c >= own_mark.clock)
            })
            .max_by(|a, b| (a.1.clock, a.0).cmp(&(b.1.clock, b.0)))
            .map(|(_, mark)| mark.plan.clone())
    }

    /// Plans under way through another machine's latest start, other than `current`.
    pub(crate) fn plans_started_elsewhere(
        &self,
        device: Option<&str>,
        current: &str,
    ) -> Vec<String> {
        let mut plans: Vec<String> = self
            .starts
            .iter()
            .filter(|(dev, mark)| Some(dev.as_str()) != device && mark.plan != current)
            .map(|(_, mark)| mark.plan.clone())
            .collect();
        plans.sort();
        plans.dedup();
        plans
    }

    /// What a new `start` records it had seen: every machine's latest start.
    pub(crate) fn starts_seen(&self) -> BTreeMap<String, u64> {
        self.starts
            .iter()
            .map(|(dev, mark)| (dev.clone(), mark.clock))
            .collect()
    }
}

/// One plan's current pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PlanProgress {
    pub id: String,
    pub pass: u32,
    /// The date the pass began (its `start`, or its first event).
    #[serde(with = "crate::day_number")]
    pub started: NaiveDate,
    /// The key of the day the pass began at (`start --at`), if not the first.
    pub start_at: Option<String>,
    /// Per day key (lower-case), what the pass recorded.
    pub days: BTreeMap<String, DayState>,
    /// The date of the pass's latest event.
    #[serde(with = "crate::day_number")]
    pub last_active: NaiveDate,
}

/// What was recorded about one day in the current pass.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct DayState {
    /// The practice date it was first marked done.
    #[serde(with = "crate::day_number::option")]
    pub done: Option<NaiveDate>,
    /// The date it was skipped (cleared when it is done after all).
    #[serde(with = "crate::day_number::option")]
    pub skipped: Option<NaiveDate>,
    /// Ticked item numbers, from events that recorded no item identity (read them through
    /// [`DayState::checked_in`], which also places the ticks that did).
    pub checked: BTreeSet<usize>,
    /// Ticks recorded with an item's identity: ref -> the item number at the time.
    pub refs: BTreeMap<String, usize>,
    /// Reflections, in the order written.
    #[serde(with = "crate::day_number::dated")]
    pub notes: Vec<(NaiveDate, String)>,
    /// Minutes logged.
    pub minutes: u32,
}

impl DayState {
    pub(crate) fn is_finished(&self) -> bool {
        self.done.is_some() || self.skipped.is_some()
    }

    /// The numbers of `items` (the day as the plan is now) that are ticked.
    pub(crate) fn checked_in(&self, items: &[Item]) -> BTreeSet<usize> {
        identity::resolve(items, &self.checked, &self.refs).checked
    }
}

impl PlanProgress {
    fn new(id: &str, pass: u32, started: NaiveDate) -> PlanProgress {
        PlanProgress {
            id: id.to_string(),
            pass,
            started,
            start_at: None,
            days: BTreeMap::new(),
            last_active: started,
        }
    }

    /// The state of a day, if anything was recorded for it.
    pub(crate) fn day(&self, key: &str) -> Option<&DayState> {
        self.days.get(&key.to_lowercase())
    }
}

impl Progress {
    /// Folds the log's events.
    #[cfg(test)]
    pub(crate) fn fold(events: &[Event]) -> Progress {
        Progress::from_events(events.to_vec())
    }

    /// Folds the log's events, keeping those in effect without copying them.
    pub(crate) fn from_events(mut events: Vec<Event>) -> Progress {
        let undone: HashSet<String> = events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Undo { target } => Some(target.clone()),
                _ => None,
            })
            .collect();
        // In place: a long history is not held twice.
        events.retain(|e| !undone.contains(&e.id) && !matches!(e.kind, EventKind::Undo { .. }));
        let mut progress = Progress::default();
        for event in &events {
            progress.apply(event);
        }
        // Each day's grades replayed in date order, whatever order they came in.
        progress.reviews = crate::review::Reviews::from_grades(crate::review::Grades::of(&events));
        progress.live = events;
        progress
    }

    /// Applies events that follow everything folded so far and undo nothing (the checkpoint
    /// sees to that): the same as folding them all again, except that a grade dated before one
    /// already folded leaves the grades incomplete (`review::Grades::is_complete`), for a full
    /// fold to decide.
    pub(crate) fn extend(&mut self, events: Vec<Event>) {
        for event in events {
            self.apply(&event);
            self.reviews.add(&event);
            if self.live_from.is_none_or(|from| event.date >= from) {
                self.live.push(event);
            }
        }
    }

    /// Whether `live` holds every event in effect dated `date` or later.
    pub(in crate::progress) fn covers(&self, date: NaiveDate) -> bool {
        self.live_from.is_none_or(|from| from <= date)
    }

    /// Applies one event to everything but spaced review, which [`Progress::from_events`] and
    /// [`Progress::extend`] fold themselves.
    fn apply(&mut self, event: &Event) {
        if let EventKind::Done { minutes, .. } = &event.kind {
            self.practice.insert(event.date);
            self.minutes.add(event.date, minutes.unwrap_or(0));
        }
        if let EventKind::Start {
            at_day,
            fresh,
            knew,
        } = &event.kind
        {
            self.current_plan = Some(event.plan.to_string());
            self.starts.insert(
                event.dev.to_string(),
                StartMark {
                    plan: event.plan.to_string(),
                    clock: event.clock,
                    knew: knew.clone(),
                },
            );
            let begins_pass = match self.plans.get(event.plan.as_str()) {
                None => true,
                Some(plan) => *fresh && event.pass > plan.pass,
            };
            if begins_pass {
                let mut plan = PlanProgress::new(&event.plan, event.pass.max(1), event.date);
                plan.start_at = at_day.as_ref().map(|k| k.to_lowercase());
                self.plans.insert(event.plan.to_string(), plan);
            } else if let Some(plan) = self.plans.get_mut(event.plan.as_str())
                && at_day.is_some()
                && plan.days.is_empty()
            {
                plan.start_at = at_day.as_ref().map(|k| k.to_lowercase());
                plan.started = event.date;
            }
            return;
        }
        if matches!(
            event.kind,
            EventKind::Pause { .. }
                | EventKind::Resume {}
                | EventKind::Rest { .. }
                | EventKind::Review { .. }
        ) {
            // Pauses and rest days are read from `pause_events` by `crate::rest`.
            if !matches!(event.kind, EventKind::Review { .. }) {
                self.pause_events.push(event.clone());
            }
            return;
        }
        let plan = self
            .plans
            .entry(event.plan.to_string())
            .or_insert_with(|| PlanProgress::new(&event.plan, event.pass.max(1), event.date));
        if event.pass != plan.pass {
            return; // an earlier pass: kept in the history, not in the current state
        }
        plan.last_active = plan.last_active.max(event.date);
        let Some(key) = event.kind.day() else { return };
        let day = plan.days.entry(key.to_lowercase()).or_default();
        match &event.kind {
            EventKind::Done { note, minutes, .. } => {
                if day.done.is_none() {
                    day.done = Some(event.date);
                }
                day.skipped = None;
                if let Some(note) = note {
                    day.notes.push((event.date, note.clone()));
                }
                day.minutes = day.minutes.saturating_add(minutes.unwrap_or(0));
            }
            EventKind::Skip { .. } => {
                if day.done.is_none() {
                    day.skipped = Some(event.date);
                }
            }
            EventKind::Check { items, refs, .. } if refs.len() == items.len() => {
                for (n, r) in items.iter().zip(refs) {
                    day.refs.insert(r.clone(), *n);
                }
            }
            EventKind::Check { items, .. } => day.checked.extend(items.iter().copied()),
            EventKind::Uncheck { items, refs, .. } => {
                // By identity where the event has it, else by number.
                let hashes: Vec<&str> = refs.iter().map(|r| identity::split_ref(r).0).collect();
                day.refs.retain(|r, n| {
                    !hashes.contains(&identity::split_ref(r).0)
                        && (!refs.is_empty() || !items.contains(n))
                });
                for item in items {
                    day.checked.remove(item);
                }
            }
            EventKind::Note { text, .. } => day.notes.push((event.date, text.clone())),
            EventKind::Start { .. }
            | EventKind::Undo { .. }
            | EventKind::Review { .. }
            | EventKind::Pause { .. }
            | EventKind::Resume {}
            | EventKind::Rest { .. } => {}
        }
    }

    /// The current pass of a plan, if it was started.
    pub(crate) fn plan(&self, id: &str) -> Option<&PlanProgress> {
        self.plans.get(id)
    }

    /// Every date on which some day of some plan was marked done.
    pub(crate) fn practice_dates(&self) -> &PracticeDays {
        &self.practice
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::SCHEMA_VERSION;
    use crate::progress::{Folded, reads::All};

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn event(id: &str, d: u32, plan: &str, pass: u32, kind: EventKind) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: id.into(),
            at: chrono::DateTime::parse_from_rfc3339(&format!("2026-11-{d:02}T09:00:00Z")).unwrap(),
            date: date(d),
            plan: plan.into(),
            pass,
            clock: 0,
            dev: Default::default(),
            kind,
        }
    }

    fn done(id: &str, d: u32, day: &str) -> Event {
        let kind = EventKind::Done {
            day: day.into(),
            title: Default::default(),
            note: None,
            minutes: None,
            rating: None,
        };
        event(id, d, "p", 1, kind)
    }

    #[test]
    fn done_twice_counts_once_and_keeps_both_notes() {
        let mut second = done("b", 2, "d1");
        if let EventKind::Done { note, .. } = &mut second.kind {
            *note = Some("more".into());
        }
        let progress = Progress::fold(&[done("a", 1, "d1"), second]);
        let day = progress.plan("p").unwrap().day("d1").unwrap();
        assert_eq!(day.done, Some(date(1)));
        assert_eq!(day.notes, vec![(date(2), "more".to_string())]);
    }

    #[test]
    fn undo_cancels_its_target_only() {
        let undo = event("u", 2, "p", 1, EventKind::Undo { target: "b".into() });
        let progress = Folded::<All>::of(&[done("a", 1, "d1"), done("b", 2, "d2"), undo]);
        let plan = progress.plan("p").unwrap();
        assert!(plan.day("d1").unwrap().done.is_some());
        assert!(plan.day("d2").is_none());
        assert_eq!(progress.last_undoable("").unwrap().id, "a");
    }

    #[test]
    fn undo_takes_back_a_moved_change_by_when_it_was_made() {
        // d1 done on the 1st, d2 on the 2nd; then a re-import moved d2's done to d3.
        let mut moved = done("mv-c-0000000000000001", 2, "d3");
        moved.at = chrono::DateTime::parse_from_rfc3339("2026-11-02T09:00:00Z").unwrap();
        let undo = event(
            "mv-u-0000000000000002",
            3,
            "p",
            1,
            EventKind::Undo { target: "b".into() },
        );
        let events = [done("a", 1, "d1"), done("b", 2, "d2"), undo, moved];
        let progress = Folded::<All>::of(&events);
        assert_eq!(
            progress.last_undoable("").unwrap().id,
            "mv-c-0000000000000001"
        );
        // A change made after the re-import comes first.
        let later = done("c", 4, "d4");
        let progress = Folded::<All>::of(&[events.as_slice(), &[later]].concat());
        assert_eq!(progress.last_undoable("").unwrap().id, "c");
    }

    #[test]
    fn a_fresh_pass_starts_blank_and_keeps_the_old_history() {
        let fresh = event(
            "s",
            5,
            "p",
            2,
            EventKind::Start {
                at_day: None,
                fresh: true,
                knew: Default::default(),
            },
        );
        let progress = Progress::fold(&[done("a", 1, "d1"), fresh]);
        let plan = progress.plan("p").unwrap();
        assert_eq!(plan.pass, 2);
        assert!(plan.days.is_empty());
        assert_eq!(progress.practice_dates().len(), 1);
        assert_eq!(progress.current_plan.as_deref(), Some("p"));
    }

    #[test]
    fn checks_and_unchecks_fold_in_order() {
        let check = |id, items: Vec<usize>| {
            event(
                id,
                1,
                "p",
                1,
                EventKind::Check {
                    day: "d1".into(),
                    title: Default::default(),
                    items,
                    refs: Vec::new(),
                    texts: Vec::new(),
                },
            )
        };
        let uncheck = event(
            "c",
            1,
            "p",
            1,
            EventKind::Uncheck {
                day: "D1".into(),
                title: Default::default(),
                items: vec![2],
                refs: Vec::new(),
            },
        );
        let progress = Progress::fold(&[check("a", vec![1, 2]), uncheck]);
        let checked: Vec<usize> = progress
            .plan("p")
            .unwrap()
            .day("d1")
            .unwrap()
            .checked
            .iter()
            .copied()
            .collect();
        assert_eq!(checked, vec![1]);
    }

    #[test]
    fn done_after_skip_clears_the_skip() {
        let skip = event(
            "a",
            1,
            "p",
            1,
            EventKind::Skip {
                day: "d1".into(),
                title: Default::default(),
                reason: None,
            },
        );
        let progress = Progress::fold(&[skip, done("b", 2, "d1")]);
        let day = progress.plan("p").unwrap().day("d1").unwrap();
        assert!(day.skipped.is_none() && day.done.is_some());
    }
}
