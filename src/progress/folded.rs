//! The folded log as a type that says how much of the log was read.
//!
//! Every load folds the whole log into a [`Progress`] (from the checkpoint when it is
//! valid), but the events in effect and the grades of spaced review are read only by the
//! commands that show them. [`Folded`] carries what its load read in its type: the events
//! are there for [`reads::Recent`] and [`reads::All`], the grades for [`reads::Graded`] and
//! [`reads::All`], so a command cannot use data its load did not read.

use std::marker::PhantomData;
use std::ops::Deref;

use chrono::NaiveDate;

use super::state::Progress;
use crate::event::{Event, EventKind};
use crate::review::Grades;

/// What a command needs of the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// The folded state: plans, days, practice dates and the review outlook (`live` is left
    /// empty, and the grades may be).
    State,
    /// The state with every grade of spaced review, for `review`.
    Grades,
    /// The state and the events in effect of the last [`super::store::checkpoint::RECENT_DAYS`] days
    /// (`live` from `live_from` on), for `status`.
    Recent,
    /// Every event in effect (`live` complete), for `log` and `undo`.
    All,
}

/// What a load reads beyond the fold.
pub(crate) mod reads {
    use super::Need;

    /// How much of the log a load reads, as a type.
    pub(crate) trait Read {
        /// What the store is asked to read.
        const NEED: Need;
    }

    /// A load that reads the events in effect.
    pub(crate) trait Events: Read {}

    /// A load that reads every grade of spaced review.
    pub(crate) trait Grades: Read {}

    /// The fold alone: plans, days, practice dates, pauses and the review outlook.
    #[derive(Debug)]
    pub(crate) struct State;

    /// The fold and the events in effect of the recent days the checkpoint keeps.
    #[derive(Debug)]
    pub(crate) struct Recent;

    /// The fold and every grade of spaced review.
    #[derive(Debug)]
    pub(crate) struct Graded;

    /// The fold, every event in effect and every grade.
    #[derive(Debug)]
    pub(crate) struct All;

    impl Read for State {
        const NEED: Need = Need::State;
    }
    impl Read for Recent {
        const NEED: Need = Need::Recent;
    }
    impl Read for Graded {
        const NEED: Need = Need::Grades;
    }
    impl Read for All {
        const NEED: Need = Need::All;
    }
    impl Events for Recent {}
    impl Events for All {}
    impl Grades for Graded {}
    impl Grades for All {}
}

/// The folded log, with what the load `R` read.
#[derive(Debug)]
pub(crate) struct Folded<R> {
    progress: Progress,
    read: PhantomData<R>,
}

/// The store did not read what the load's type says it reads.
#[derive(Debug)]
pub(crate) struct NotRead;

impl std::fmt::Display for NotRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the review schedule was not read from the log")
    }
}

impl std::error::Error for NotRead {}

impl<R: reads::Read> Folded<R> {
    /// Wraps what the store folded for `R::NEED`; fails only if the store broke its word and
    /// left out the grades the load reads.
    pub(crate) fn new(progress: Progress) -> Result<Folded<R>, NotRead> {
        let graded = matches!(R::NEED, Need::Grades | Need::All);
        if graded && progress.reviews.grades().is_none() {
            return Err(NotRead);
        }
        Ok(Folded {
            progress,
            read: PhantomData,
        })
    }

    /// The fold, for the store to extend after a write.
    pub(crate) fn into_progress(self) -> Progress {
        self.progress
    }
}

/// Every event is also the recent events (complete from the first).
impl From<Folded<reads::All>> for Folded<reads::Recent> {
    fn from(all: Folded<reads::All>) -> Folded<reads::Recent> {
        Folded {
            progress: all.progress,
            read: PhantomData,
        }
    }
}

impl<R> Deref for Folded<R> {
    type Target = Progress;

    fn deref(&self) -> &Progress {
        &self.progress
    }
}

impl<R: reads::Events> Folded<R> {
    /// The events in effect, in log order: every one for [`reads::All`], those dated
    /// [`Folded::events_from`] or later for [`reads::Recent`].
    pub(crate) fn events(&self) -> &[Event] {
        &self.progress.live
    }

    /// The first date the events are complete from; `None` when they are all there.
    pub(crate) fn events_from(&self) -> Option<NaiveDate> {
        self.progress.live_from
    }

    /// Whether the events hold every one in effect dated `date` or later.
    pub(crate) fn covers(&self, date: NaiveDate) -> bool {
        self.progress.covers(date)
    }

    /// The events, taken.
    pub(crate) fn into_events(self) -> Vec<Event> {
        self.progress.live
    }
}

impl<R: reads::Grades> Folded<R> {
    /// Every grade of spaced review.
    pub(crate) fn grades(&self) -> &Grades {
        // `new` refused a fold without them.
        static NONE: std::sync::OnceLock<Grades> = std::sync::OnceLock::new();
        self.progress
            .reviews
            .grades()
            .unwrap_or_else(|| NONE.get_or_init(Grades::default))
    }
}

impl Folded<reads::All> {
    /// The most recent event in effect that `undo` on `device` takes back: one recorded on that
    /// machine, or before machines were told apart. A change that came by sync from another
    /// machine is that machine's to undo, so an undo here never takes back a session recorded
    /// elsewhere. An event that carried a day's progress to its new key at a re-import
    /// (`moves`) stands for the change it carried, which was made when it says (`at`), not
    /// where the re-import appended it.
    ///
    /// A change of rest days is a setting, changed back with `config set rest_days`, not undone:
    /// `config.toml` would keep the value undo took back.
    pub(crate) fn last_undoable(&self, device: &str) -> Option<&Event> {
        let mine = |e: &&Event| {
            (e.dev.is_empty() || e.dev == device) && !matches!(e.kind, EventKind::Rest { .. })
        };
        let plain = self
            .events()
            .iter()
            .rev()
            .filter(mine)
            .find(|e| !super::moves::is_moved(e));
        let moved = self
            .events()
            .iter()
            .filter(mine)
            .filter(|e| super::moves::is_moved(e))
            .max_by_key(|e| e.at);
        match (plain, moved) {
            (Some(p), Some(m)) if m.at > p.at => Some(m),
            (None, m) => m,
            (p, _) => p,
        }
    }
}

#[cfg(test)]
impl Folded<reads::Recent> {
    /// The events of `events` dated `from` or later, as a checkpoint's window holds them.
    pub(crate) fn window(events: &[Event], from: NaiveDate) -> Folded<reads::Recent> {
        let mut progress = Progress::fold(events);
        progress.live.retain(|e| e.date >= from);
        progress.live_from = Some(from);
        Folded {
            progress,
            read: PhantomData,
        }
    }
}

#[cfg(test)]
impl<R: reads::Read> Folded<R> {
    /// The fold of `events`, read in full.
    pub(crate) fn of(events: &[Event]) -> Folded<R> {
        Folded {
            progress: Progress::fold(events),
            read: PhantomData,
        }
    }
}
