//! What `today` and `status` show of spaced review ([`Outlook`]), and what the folded log
//! knows of it ([`Reviews`]).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::grades::{Grades, REVIEW_COUNT_DAYS};
use crate::event::{Event, EventKind};

/// What `today` and `status` show of spaced review: when each day is due, and how many reviews
/// were recorded lately. A checkpoint keeps it, so that they read no grade and replay nothing.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
pub(crate) struct Outlook {
    /// The due date of every day with a schedule, as days from the common era, in order.
    due: Vec<i32>,
    /// `reviews` holds every date with review events from this day on (days from the common
    /// era); earlier dates are not known.
    reviews_from: i32,
    /// (date, how many review events), in date order.
    reviews: Vec<(i32, u32)>,
}

impl Outlook {
    /// The outlook of these grades.
    pub(crate) fn of(grades: &Grades) -> Outlook {
        let mut due: Vec<i32> = grades
            .schedule()
            .iter()
            .map(|r| r.due.num_days_from_ce())
            .collect();
        due.sort_unstable();
        let (counts, kept_from) = grades.review_counts();
        let reviews_from = counts.keys().next_back().map_or(kept_from, |newest| {
            kept_from.max(newest - REVIEW_COUNT_DAYS)
        });
        let reviews = counts
            .range(reviews_from..)
            .map(|(&day, &n)| (day, u32::try_from(n).unwrap_or(u32::MAX)))
            .collect();
        Outlook {
            due,
            reviews_from,
            reviews,
        }
    }

    /// How many days have a review schedule (every day done).
    pub(crate) fn scheduled(&self) -> usize {
        self.due.len()
    }

    /// How many days are due on or before `date`.
    pub(crate) fn due_by(&self, date: NaiveDate) -> usize {
        let day = date.num_days_from_ce();
        self.due.partition_point(|&d| d <= day)
    }

    /// The earliest due date, if any day has a schedule.
    pub(crate) fn next_due(&self) -> Option<NaiveDate> {
        self.due
            .first()
            .and_then(|&d| NaiveDate::from_num_days_from_ce_opt(d))
    }

    /// Review events recorded on dates from `from` to `to`; `None` when `from` is older than
    /// what the outlook keeps.
    pub(crate) fn reviews_between(&self, from: NaiveDate, to: NaiveDate) -> Option<usize> {
        let (from, to) = (from.num_days_from_ce(), to.num_days_from_ce());
        if from > to {
            return Some(0);
        }
        (from >= self.reviews_from).then(|| {
            self.reviews
                .iter()
                .filter(|(day, _)| (from..=to).contains(day))
                .map(|&(_, n)| n as usize)
                .sum()
        })
    }
}

/// What the folded log knows of spaced review: every grade, or only the outlook a checkpoint
/// kept (what `today` and `status` need), or both.
#[derive(Debug, Clone)]
pub(crate) struct Reviews {
    grades: Option<Grades>,
    outlook: std::cell::OnceCell<Outlook>,
}

impl Default for Reviews {
    fn default() -> Self {
        Reviews::from_grades(Grades::default())
    }
}

impl Reviews {
    /// Every grade; the outlook is worked out when asked for.
    pub(crate) fn from_grades(grades: Grades) -> Reviews {
        Reviews {
            grades: Some(grades),
            outlook: std::cell::OnceCell::new(),
        }
    }

    /// An outlook kept by a checkpoint, with the grades it was made from when they were read.
    pub(crate) fn from_outlook(outlook: Outlook, grades: Option<Grades>) -> Reviews {
        Reviews {
            grades,
            outlook: std::cell::OnceCell::from(outlook),
        }
    }

    /// Every grade, when they were read (see `progress::store::Need`).
    pub(crate) fn grades(&self) -> Option<&Grades> {
        self.grades.as_ref()
    }

    /// Review events recorded on dates from `from` to `to`; `None` when what was read does
    /// not reach back to `from` (a checkpoint keeps the counts of a month).
    pub(crate) fn reviews_between(&self, from: NaiveDate, to: NaiveDate) -> Option<usize> {
        match &self.grades {
            Some(grades) => grades.reviews_between(from, to),
            None => self.outlook().reviews_between(from, to),
        }
    }

    /// When days are due, and the reviews of late.
    pub(crate) fn outlook(&self) -> &Outlook {
        self.outlook
            .get_or_init(|| Outlook::of(self.grades.as_ref().unwrap_or(&Grades::default())))
    }

    /// Adds one event in effect (the next in log order). The grades must have been read: an
    /// outlook alone cannot be moved on.
    pub(crate) fn add(&mut self, event: &Event) {
        if !matches!(
            event.kind,
            EventKind::Done { .. } | EventKind::Review { .. }
        ) {
            return;
        }
        debug_assert!(self.grades.is_some(), "grades extended without being read");
        if let Some(grades) = &mut self.grades {
            grades.add(event);
            self.outlook.take();
        }
    }
}
