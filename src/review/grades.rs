//! Where every day stands in spaced review, folded grade by grade.
//!
//! A day keeps its latest grade and the FSRS memory states around it, not every grade it ever
//! had: what the checkpoint keeps is sized by the days of the plans, not by the years of
//! history. Folding every event replays each day's grades in date order; a grade appended later
//! is one more step of that replay, so both give the same schedule. A grade that sorts before
//! one already folded (a `done --date` in the past, a machine whose clock is behind) cannot be
//! stepped onto the state after it: the grades then say so (see [`Grades::is_complete`]), and a
//! full fold of the log decides.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use fsrs::MemoryState;
use serde::{Deserialize, Serialize};

use super::{DayReview, Grade, cap_interval, step};
use crate::event::Rating;
use crate::event::{Event, EventKind};

/// Days of review counts kept before the newest review by [`Grades::forget_old_review_counts`]:
/// more than any window shown.
pub(super) const REVIEW_COUNT_DAYS: i32 = 31;

/// Every day's place in spaced review, and how many `review` events each date had.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Grades {
    /// Per (plan, day), lower case.
    days: BTreeMap<(String, String), DayGrades>,
    /// How many `review` events each date has (days from the common era), from `reviews_from`
    /// on.
    reviews: BTreeMap<i32, usize>,
    /// `reviews` holds every date from this day on (`i32::MIN`: all of them).
    reviews_from: i32,
    /// Set when a grade came that sorts before one already folded.
    #[serde(skip)]
    needs_every_grade: bool,
}

impl Default for Grades {
    fn default() -> Self {
        Grades {
            days: BTreeMap::new(),
            reviews: BTreeMap::new(),
            reviews_from: i32::MIN,
            needs_every_grade: false,
        }
    }
}

/// One day of one plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DayGrades {
    /// The title its first event gave it.
    title: String,
    /// The pass in which it was last done: a second `done` in that pass only re-rates.
    done_pass: Option<u32>,
    /// Its replayed grades, once it was done.
    memory: Option<DayMemory>,
}

/// A day's grades, replayed in date order.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct DayMemory {
    /// How many grades (the first `done` included).
    count: u32,
    /// The latest grade by date.
    last: Grade,
    /// Whether `last` is also the grade recorded last, the one a re-rating `done` changes.
    last_recorded: bool,
    /// The memory state after the grades before `last` (none when it is the first), and the
    /// date of the one just before it (days from the common era).
    before: Option<(f32, f32, i32)>,
    /// After `last`: stability, difficulty, and the interval in days.
    after: (f32, f32, u32),
}

/// What a `done` or `review` event says to spaced review.
struct Graded<'a> {
    key: (String, String),
    title: &'a str,
    rating: Option<Rating>,
    is_done: bool,
}

fn graded(event: &Event) -> Option<Graded<'_>> {
    let (day, title, rating, is_done) = match &event.kind {
        EventKind::Done {
            day, title, rating, ..
        } => (day, title, *rating, true),
        EventKind::Review { day, title, rating } => (day, title, Some(*rating), false),
        _ => return None,
    };
    Some(Graded {
        key: (event.plan.to_lowercase(), day.to_lowercase()),
        title: title.as_str(),
        rating,
        is_done,
    })
}

/// What an event does to a day's grades.
enum Change {
    /// Nothing (not a grade, or a review of a day never done).
    None,
    /// A second `done` in the same pass with a rating: the grade recorded last takes it.
    Rerate(Rating),
    /// Another grade.
    Add(Grade),
}

impl Grades {
    /// Folds the events in effect, in log order: each day's grades are gathered, then replayed
    /// in date order.
    pub(crate) fn of(live: &[Event]) -> Grades {
        let mut grades = Grades::default();
        let mut lists: BTreeMap<(String, String), Vec<Grade>> = BTreeMap::new();
        for event in live {
            let Some(g) = graded(event) else { continue };
            let key = g.key.clone();
            let has_grades = lists.get(&key).is_some_and(|l| !l.is_empty());
            match grades.change(event, g, has_grades) {
                Change::None => {}
                Change::Rerate(rating) => {
                    if let Some(last) = lists.get_mut(&key).and_then(|l| l.last_mut()) {
                        last.rating = rating;
                        last.rated = true;
                    }
                }
                Change::Add(grade) => lists.entry(key).or_default().push(grade),
            }
        }
        for (key, list) in lists {
            if let Some(day) = grades.days.get_mut(&key) {
                day.memory = DayMemory::replayed(list);
            }
        }
        grades
    }

    /// Adds one event in effect, the next in log order, as one more step of its day's replay;
    /// a grade that sorts before one already folded leaves the grades incomplete.
    pub(crate) fn add(&mut self, event: &Event) {
        let Some(g) = graded(event) else { return };
        let key = g.key.clone();
        let memory = self.days.get(&key).and_then(|d| d.memory);
        let updated = match (self.change(event, g, memory.is_some()), memory) {
            (Change::None, _) => return,
            (Change::Rerate(rating), Some(m)) if m.last_recorded => m.rerated(rating),
            (Change::Add(grade), None) => DayMemory::replayed(vec![grade]),
            (Change::Add(grade), Some(m)) if grade.date >= m.last.date => m.followed_by(grade),
            _ => {
                self.needs_every_grade = true;
                return;
            }
        };
        if let Some(day) = self.days.get_mut(&key) {
            day.memory = updated;
        }
    }

    /// Notes what `event` (graded as `g`) records about its day, and what it does to the day's
    /// grades (`has_grades`: whether the day has any yet). Shared by the full fold and by
    /// [`Grades::add`], so that both read events alike.
    fn change(&mut self, event: &Event, g: Graded<'_>, has_grades: bool) -> Change {
        if !g.is_done {
            *self
                .reviews
                .entry(event.date.num_days_from_ce())
                .or_insert(0) += 1;
        }
        let day = self.days.entry(g.key).or_insert_with(|| DayGrades {
            title: g.title.to_string(),
            done_pass: None,
            memory: None,
        });
        if g.is_done && day.done_pass == Some(event.pass) {
            return g.rating.map_or(Change::None, Change::Rerate);
        }
        if g.is_done {
            day.done_pass = Some(event.pass);
        } else if !has_grades {
            return Change::None; // a review of a day never done: nothing to schedule from
        }
        Change::Add(Grade {
            date: event.date,
            rating: g.rating.unwrap_or(Rating::Good),
            rated: g.rating.is_some(),
        })
    }

    /// Whether every grade was folded in date order. When not, the schedule needs a full fold
    /// of the log (which replays each day's grades sorted by date).
    pub(crate) fn is_complete(&self) -> bool {
        !self.needs_every_grade
    }

    /// Every day that was done, with its review schedule.
    pub(crate) fn schedule(&self) -> Vec<DayReview> {
        self.days
            .iter()
            .filter_map(|((plan, day), grades)| {
                let memory = grades.memory?;
                let (stability, difficulty, interval) = memory.after;
                Some(DayReview {
                    plan: plan.clone(),
                    day: day.clone(),
                    title: grades.title.clone(),
                    reviews: memory.count as usize,
                    last_review: memory.last.date,
                    last_rating: memory.last.rating,
                    rated: memory.last.rated,
                    stability,
                    difficulty,
                    interval_days: interval,
                    due: memory.last.date + Duration::days(i64::from(interval)),
                })
            })
            .collect()
    }

    /// The days due on `today`, most overdue first.
    pub(crate) fn due(&self, today: NaiveDate) -> Vec<DayReview> {
        super::due_of(self.schedule(), today)
    }

    /// Review events recorded on dates from `from` to `to`; `None` when `from` is older than
    /// the review counts kept.
    pub(crate) fn reviews_between(&self, from: NaiveDate, to: NaiveDate) -> Option<usize> {
        let (from, to) = (from.num_days_from_ce(), to.num_days_from_ce());
        if from > to {
            return Some(0);
        }
        (from >= self.reviews_from).then(|| self.reviews.range(from..=to).map(|(_, n)| n).sum())
    }

    /// The review counts kept, and where they start.
    pub(super) fn review_counts(&self) -> (&BTreeMap<i32, usize>, i32) {
        (&self.reviews, self.reviews_from)
    }

    /// Drops the review counts of dates more than `REVIEW_COUNT_DAYS` before the newest, so
    /// that what a checkpoint keeps does not grow with the years.
    pub(crate) fn forget_old_review_counts(&mut self) {
        if let Some(&newest) = self.reviews.keys().next_back() {
            let from = self.reviews_from.max(newest - REVIEW_COUNT_DAYS);
            self.reviews = self.reviews.split_off(&from);
            self.reviews_from = from;
        }
    }
}

impl DayMemory {
    /// The replay of a day's grades, given in log order (sorted by date here, stably).
    fn replayed(mut grades: Vec<Grade>) -> Option<DayMemory> {
        let recorded_last = *grades.last()?;
        grades.sort_by_key(|g| g.date);
        let (last, earlier) = grades.split_last()?;
        let mut state: Option<MemoryState> = None;
        let mut previous: Option<NaiveDate> = None;
        for grade in earlier {
            state = Some(step(state, previous, *grade)?.0);
            previous = Some(grade.date);
        }
        let before = state.zip(previous).map(|(s, p)| {
            let day = p.num_days_from_ce();
            (s.stability, s.difficulty, day)
        });
        DayMemory::stepped(
            grades.len() as u32,
            *last,
            last.date == recorded_last.date,
            before,
        )
    }

    /// The memory after `last`, from the state `before` it.
    fn stepped(
        count: u32,
        last: Grade,
        last_recorded: bool,
        before: Option<(f32, f32, i32)>,
    ) -> Option<DayMemory> {
        let state = before.map(|(stability, difficulty, _)| MemoryState {
            stability,
            difficulty,
        });
        let previous = before.and_then(|(_, _, day)| NaiveDate::from_num_days_from_ce_opt(day));
        let (memory, interval) = step(state, previous, last)?;
        Some(DayMemory {
            count,
            last,
            last_recorded,
            before,
            after: (memory.stability, memory.difficulty, cap_interval(interval)),
        })
    }

    /// This day with its last grade rated `rating` instead.
    fn rerated(self, rating: Rating) -> Option<DayMemory> {
        let last = Grade {
            rating,
            rated: true,
            ..self.last
        };
        DayMemory::stepped(self.count, last, true, self.before)
    }

    /// This day with one more grade, dated no earlier than its last.
    fn followed_by(self, grade: Grade) -> Option<DayMemory> {
        let (stability, difficulty, _) = self.after;
        let before = Some((stability, difficulty, self.last.date.num_days_from_ce()));
        DayMemory::stepped(self.count + 1, grade, true, before)
    }
}
