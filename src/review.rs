//! Spaced review of past days, scheduled by FSRS (the `fsrs` crate).
//!
//! A day's memory state is a pure function of its `done` and `review` events in effect,
//! replayed from the log each time: there is no second store, so undo, sync and the
//! checkpoint need nothing more.
//!
//! The first `done` of a day in a pass is its first review (rated `good` unless `--rate` says
//! otherwise; a later `done` of the same day in the same pass with a rating re-rates it); every
//! `review` event, and the first `done` of a later pass, is another. Intervals are FSRS's for a
//! desired retention of 90%, kept between 1 and [`MAX_INTERVAL_DAYS`] days: a plan's day is a
//! whole topic, broader than a flash card, and is worth meeting again at least every two months.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use fsrs::{FSRS, MemoryState};
use serde::Serialize;

use crate::progress::event::Rating;
use crate::progress::{Event, EventKind};

/// The retention FSRS schedules for: a review is due when recall has fallen to 90%.
pub const DESIRED_RETENTION: f32 = 0.9;
/// The longest interval between two reviews of a day.
pub const MAX_INTERVAL_DAYS: u32 = 60;

/// One recorded review of a day (the first `done` included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
pub struct Grade {
    #[serde(with = "crate::progress::store::checkpoint::day_number")]
    pub date: NaiveDate,
    pub rating: Rating,
}

/// Where a day stands in spaced review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayReview {
    pub plan: String,
    pub day: String,
    pub title: String,
    /// Reviews so far, the first `done` included.
    pub reviews: usize,
    pub last_review: NaiveDate,
    pub last_rating: Rating,
    /// FSRS memory state after the last review.
    pub stability: f32,
    pub difficulty: f32,
    /// Days from the last review to the next, as scheduled.
    pub interval_days: u32,
    pub due: NaiveDate,
}

impl DayReview {
    /// Days past due on `today` (0 when due today, negative before).
    pub fn overdue_days(&self, today: NaiveDate) -> i64 {
        (today - self.due).num_days()
    }
}

/// The memory state after a sequence of grades, and the interval FSRS gives after the last.
///
/// `None` only if FSRS refuses the input (it does not for dates in order).
pub fn replay(grades: &[Grade]) -> Option<(MemoryState, u32)> {
    replay_with(&FSRS::default(), grades)
}

/// [`replay`] with the scheduler built once by the caller.
fn replay_with(fsrs: &FSRS, grades: &[Grade]) -> Option<(MemoryState, u32)> {
    let mut state: Option<MemoryState> = None;
    let mut interval = 0.0;
    let mut previous: Option<NaiveDate> = None;
    for grade in grades {
        let elapsed = previous.map_or(0, |p| (grade.date - p).num_days().max(0));
        let next = fsrs
            .next_states(
                state,
                DESIRED_RETENTION,
                u32::try_from(elapsed).unwrap_or(u32::MAX),
            )
            .ok()?;
        let chosen = match grade.rating {
            Rating::Again => next.again,
            Rating::Hard => next.hard,
            Rating::Good => next.good,
            Rating::Easy => next.easy,
        };
        state = Some(chosen.memory);
        interval = chosen.interval;
        previous = Some(grade.date);
    }
    Some((state?, cap_interval(interval)))
}

/// FSRS's interval in whole days, kept between 1 and [`MAX_INTERVAL_DAYS`].
pub fn cap_interval(interval: f32) -> u32 {
    if !interval.is_finite() {
        return MAX_INTERVAL_DAYS;
    }
    (interval.round() as i64).clamp(1, i64::from(MAX_INTERVAL_DAYS)) as u32
}

/// The grades each day of each plan received, folded event by event in log order (kept in
/// the folded progress and its checkpoint, so that no command needs every event for them).
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, Serialize)]
pub struct Grades {
    /// Per (plan, day): its title and grades, in log order.
    days: BTreeMap<(String, String), (String, Vec<Grade>)>,
    /// The pass in which each day was last done, so a second `done` in a pass only re-rates.
    done_in_pass: BTreeMap<(String, String), u32>,
    /// How many `review` events each date has (by day number from the common era).
    reviews: BTreeMap<i32, usize>,
    /// Per (plan, day): the FSRS replay of its grades (stability, difficulty, interval), so
    /// that a checkpoint spares replaying the days nothing was added to. A day's entry goes
    /// when a grade is added to it or changed.
    #[serde(default)]
    replayed: BTreeMap<(String, String), Replay>,
}

/// What replaying a day's grades gave: stability, difficulty, interval in days.
type Replay = (f32, f32, u32);

/// A day's grades by date: as kept when they are in order already (they nearly always are).
fn in_date_order(grades: &[Grade]) -> std::borrow::Cow<'_, [Grade]> {
    if grades.windows(2).all(|w| w[0].date <= w[1].date) {
        std::borrow::Cow::Borrowed(grades)
    } else {
        let mut sorted = grades.to_vec();
        sorted.sort_by_key(|g| g.date);
        std::borrow::Cow::Owned(sorted)
    }
}

impl Grades {
    /// Folds the events in effect, in log order.
    pub fn of(live: &[Event]) -> Grades {
        let mut grades = Grades::default();
        for event in live {
            grades.add(event);
        }
        grades
    }

    /// Adds one event in effect (the next in log order).
    pub fn add(&mut self, event: &Event) {
        let (day, title, rating, is_done) = match &event.kind {
            EventKind::Done {
                day, title, rating, ..
            } => (day, title, *rating, true),
            EventKind::Review { day, title, rating } => (day, title, Some(*rating), false),
            _ => return,
        };
        if !is_done {
            *self
                .reviews
                .entry(event.date.num_days_from_ce())
                .or_insert(0) += 1;
        }
        let key = (event.plan.to_lowercase(), day.to_lowercase());
        self.replayed.remove(&key);
        let entry = self
            .days
            .entry(key.clone())
            .or_insert_with(|| (title.to_string(), Vec::new()));
        if is_done && self.done_in_pass.get(&key) == Some(&event.pass) {
            if let (Some(rating), Some(last)) = (rating, entry.1.last_mut()) {
                last.rating = rating;
            }
            return;
        }
        if is_done {
            self.done_in_pass.insert(key, event.pass);
        } else if entry.1.is_empty() {
            return; // a review of a day never done: nothing to schedule from
        }
        entry.1.push(Grade {
            date: event.date,
            rating: rating.unwrap_or(Rating::Good),
        });
    }

    /// Per (plan, day) with grades: its title and grades by date.
    pub fn by_day(&self) -> BTreeMap<(String, String), (String, Vec<Grade>)> {
        let mut days = self.days.clone();
        days.retain(|_, (_, grades)| !grades.is_empty());
        for (_, grades) in days.values_mut() {
            grades.sort_by_key(|g| g.date);
        }
        days
    }

    /// Every day that was done, with its review schedule.
    pub fn schedule(&self) -> Vec<DayReview> {
        let fsrs = std::cell::OnceCell::new();
        self.days
            .iter()
            .filter(|(_, (_, grades))| !grades.is_empty())
            .filter_map(|(key, (title, grades))| {
                let replayed = self.replayed.get(key).copied();
                let grades = in_date_order(grades);
                day_review(key.clone(), title.clone(), &grades, replayed, &fsrs)
                    .map(|(review, _)| review)
            })
            .collect()
    }

    /// Remembers the replay of every day (see `replayed`), before the grades are kept in a
    /// checkpoint.
    pub fn remember_replays(&mut self) {
        let fsrs = std::cell::OnceCell::new();
        for (key, (title, grades)) in self.days.iter().filter(|(_, (_, g))| !g.is_empty()) {
            if self.replayed.contains_key(key) {
                continue;
            }
            let grades = in_date_order(grades);
            if let Some((_, replay)) = day_review(key.clone(), title.clone(), &grades, None, &fsrs)
            {
                self.replayed.insert(key.clone(), replay);
            }
        }
    }

    /// The days due on `today`, most overdue first.
    pub fn due(&self, today: NaiveDate) -> Vec<DayReview> {
        due_of(self.schedule(), today)
    }

    /// Review events recorded on dates from `from` to `to`.
    pub fn reviews_between(&self, from: NaiveDate, to: NaiveDate) -> usize {
        if from > to {
            return 0;
        }
        let range = from.num_days_from_ce()..=to.num_days_from_ce();
        self.reviews.range(range).map(|(_, n)| n).sum()
    }
}

/// What `today` and `status` show of spaced review: when each day is due, and how many reviews
/// were recorded lately. A checkpoint keeps it, so that they read no grade and replay nothing.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize, Serialize)]
pub struct Outlook {
    /// The due date of every day with a schedule, as days from the common era, in order.
    due: Vec<i32>,
    /// `reviews` holds every date with review events from this day on (days from the common
    /// era); earlier dates are not known.
    reviews_from: i32,
    /// (date, how many review events), in date order.
    reviews: Vec<(i32, u32)>,
}

/// Days of review counts an outlook keeps before the newest one: more than any window shown.
const OUTLOOK_REVIEW_DAYS: i32 = 31;

impl Outlook {
    /// The outlook of these grades.
    pub fn of(grades: &Grades) -> Outlook {
        let mut due: Vec<i32> = grades
            .schedule()
            .iter()
            .map(|r| r.due.num_days_from_ce())
            .collect();
        due.sort_unstable();
        let reviews_from = grades
            .reviews
            .keys()
            .next_back()
            .map_or(i32::MIN, |newest| newest - OUTLOOK_REVIEW_DAYS);
        let reviews = grades
            .reviews
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
    pub fn scheduled(&self) -> usize {
        self.due.len()
    }

    /// How many days are due on or before `date`.
    pub fn due_by(&self, date: NaiveDate) -> usize {
        let day = date.num_days_from_ce();
        self.due.partition_point(|&d| d <= day)
    }

    /// The earliest due date, if any day has a schedule.
    pub fn next_due(&self) -> Option<NaiveDate> {
        self.due
            .first()
            .and_then(|&d| NaiveDate::from_num_days_from_ce_opt(d))
    }

    /// Review events recorded on dates from `from` to `to`; `None` when `from` is older than
    /// what the outlook keeps.
    pub fn reviews_between(&self, from: NaiveDate, to: NaiveDate) -> Option<usize> {
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
pub struct Reviews {
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
    pub fn from_grades(grades: Grades) -> Reviews {
        Reviews {
            grades: Some(grades),
            outlook: std::cell::OnceCell::new(),
        }
    }

    /// An outlook kept by a checkpoint, with the grades it was made from when they were read.
    pub fn from_outlook(outlook: Outlook, grades: Option<Grades>) -> Reviews {
        Reviews {
            grades,
            outlook: std::cell::OnceCell::from(outlook),
        }
    }

    /// Every grade, when they were read (see `progress::store::Need`).
    pub fn grades(&self) -> Option<&Grades> {
        self.grades.as_ref()
    }

    /// Takes the grades out, when they were read.
    pub fn into_grades(self) -> Option<Grades> {
        self.grades
    }

    /// Review events recorded on dates from `from` to `to`; `None` when only the outlook was
    /// read and it does not reach back to `from`.
    pub fn reviews_between(&self, from: NaiveDate, to: NaiveDate) -> Option<usize> {
        match &self.grades {
            Some(grades) => Some(grades.reviews_between(from, to)),
            None => self.outlook().reviews_between(from, to),
        }
    }

    /// When days are due, and the reviews of late.
    pub fn outlook(&self) -> &Outlook {
        self.outlook
            .get_or_init(|| Outlook::of(self.grades.as_ref().unwrap_or(&Grades::default())))
    }

    /// Adds one event in effect (the next in log order). The grades must have been read: an
    /// outlook alone cannot be moved on.
    pub fn add(&mut self, event: &Event) {
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

/// The grades each day of each plan received, from the events in effect, in log order.
pub fn grades(live: &[Event]) -> BTreeMap<(String, String), (String, Vec<Grade>)> {
    Grades::of(live).by_day()
}

/// Every day that was done, with its review schedule.
pub fn schedule(live: &[Event]) -> Vec<DayReview> {
    schedule_of(grades(live))
}

fn schedule_of(days: BTreeMap<(String, String), (String, Vec<Grade>)>) -> Vec<DayReview> {
    // Built once, and only if a day needs replaying.
    let fsrs = std::cell::OnceCell::new();
    days.into_iter()
        .filter_map(|(key, (title, grades))| {
            day_review(key, title, &grades, None, &fsrs).map(|(review, _)| review)
        })
        .collect()
}

/// A day's review schedule from its grades in date order, replayed unless `known` is their
/// replay; with the replay to remember.
fn day_review(
    (plan, day): (String, String),
    title: String,
    grades: &[Grade],
    known: Option<Replay>,
    fsrs: &std::cell::OnceCell<FSRS>,
) -> Option<(DayReview, Replay)> {
    let last = *grades.last()?;
    let memo = match known {
        Some(replay) => replay,
        None => {
            let (memory, interval) = replay_with(fsrs.get_or_init(FSRS::default), grades)?;
            (memory.stability, memory.difficulty, interval)
        }
    };
    let (stability, difficulty, interval) = memo;
    let review = DayReview {
        plan,
        day,
        title,
        reviews: grades.len(),
        last_review: last.date,
        last_rating: last.rating,
        stability,
        difficulty,
        interval_days: interval,
        due: last.date + Duration::days(i64::from(interval)),
    };
    Some((review, memo))
}

/// The days due on `today`, most overdue first.
pub fn due(live: &[Event], today: NaiveDate) -> Vec<DayReview> {
    due_of(schedule(live), today)
}

fn due_of(schedule: Vec<DayReview>, today: NaiveDate) -> Vec<DayReview> {
    let mut due: Vec<DayReview> = schedule.into_iter().filter(|r| r.due <= today).collect();
    due.sort_by(|a, b| {
        a.due
            .cmp(&b.due)
            .then_with(|| a.plan.cmp(&b.plan))
            .then_with(|| a.day.cmp(&b.day))
    });
    due
}

/// Review events recorded on dates from `from` to `to`.
pub fn reviews_between(live: &[Event], from: NaiveDate, to: NaiveDate) -> usize {
    live.iter()
        .filter(|e| matches!(e.kind, EventKind::Review { .. }))
        .filter(|e| from <= e.date && e.date <= to)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::SCHEMA_VERSION;
    use chrono::Datelike;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn event(n: usize, d: u32, pass: u32, kind: EventKind) -> Event {
        event_on(n, date(d), pass, kind)
    }

    fn event_on(n: usize, on: NaiveDate, pass: u32, kind: EventKind) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: format!("e{n}"),
            at: chrono::DateTime::parse_from_rfc3339(&format!("{on}T09:00:00Z")).unwrap(),
            date: on,
            plan: "p".into(),
            pass,
            clock: n as u64,
            dev: Default::default(),
            kind,
        }
    }

    fn done(n: usize, d: u32, day: &str, rating: Option<Rating>) -> Event {
        event(
            n,
            d,
            1,
            EventKind::Done {
                day: day.into(),
                title: format!("Title {day}").into(),
                note: None,
                minutes: None,
                rating,
            },
        )
    }

    fn review(n: usize, d: u32, day: &str, rating: Rating) -> Event {
        event(
            n,
            d,
            1,
            EventKind::Review {
                day: day.into(),
                title: format!("Title {day}").into(),
                rating,
            },
        )
    }

    #[test]
    fn the_replay_matches_the_crates_own_computation_of_the_history() {
        let grades = [
            Grade {
                date: date(1),
                rating: Rating::Hard,
            },
            Grade {
                date: date(3),
                rating: Rating::Good,
            },
            Grade {
                date: date(10),
                rating: Rating::Again,
            },
            Grade {
                date: date(11),
                rating: Rating::Easy,
            },
        ];
        let (ours, interval) = replay(&grades).unwrap();
        let item = fsrs::FSRSItem {
            reviews: vec![
                fsrs::FSRSReview {
                    rating: 2,
                    delta_t: 0,
                },
                fsrs::FSRSReview {
                    rating: 3,
                    delta_t: 2,
                },
                fsrs::FSRSReview {
                    rating: 1,
                    delta_t: 7,
                },
                fsrs::FSRSReview {
                    rating: 4,
                    delta_t: 1,
                },
            ],
        };
        let fsrs = FSRS::default();
        let theirs = fsrs.memory_state(item, None).unwrap();
        assert!(
            (ours.stability - theirs.stability).abs() < 1e-3,
            "{ours:?} {theirs:?}"
        );
        assert!(
            (ours.difficulty - theirs.difficulty).abs() < 1e-3,
            "{ours:?} {theirs:?}"
        );
        let expected = fsrs.next_interval(Some(theirs.stability), DESIRED_RETENTION, 4);
        assert_eq!(interval, cap_interval(expected));
    }

    #[test]
    fn an_unrated_done_counts_as_good_and_a_second_done_only_rerates() {
        let unrated = schedule(&[done(1, 1, "d1", None)]);
        let good = schedule(&[done(1, 1, "d1", Some(Rating::Good))]);
        assert_eq!(unrated, good);
        let rerated = schedule(&[
            done(1, 1, "d1", None),
            done(2, 2, "d1", Some(Rating::Again)),
        ]);
        assert_eq!(rerated[0].reviews, 1);
        assert_eq!(rerated[0].last_rating, Rating::Again);
        assert_eq!(rerated[0].due, date(2), "again comes back the next day");
    }

    #[test]
    fn ratings_order_the_intervals_and_reviews_move_the_due_date() {
        let due_after = |rating| schedule(&[done(1, 1, "d1", Some(rating))])[0].due;
        let dates: Vec<NaiveDate> = Rating::ALL.into_iter().map(due_after).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
        assert!(dates[0] < dates[3], "{dates:?}");

        let first = schedule(&[done(1, 1, "d1", None)])[0].clone();
        let reviewed = schedule(&[
            done(1, 1, "d1", None),
            review(2, first.due.day(), "d1", Rating::Good),
        ])[0]
            .clone();
        assert_eq!(reviewed.reviews, 2);
        assert!(reviewed.interval_days > first.interval_days);
        assert!(reviewed.due > first.due);
    }

    #[test]
    fn intervals_are_capped_for_whole_topics() {
        // Easy every time, reviewed on the day it is due: FSRS's intervals grow past the cap.
        let mut events = vec![done(0, 1, "d1", Some(Rating::Easy))];
        let mut intervals = Vec::new();
        for n in 1..8 {
            let state = schedule(&events)[0].clone();
            intervals.push(state.interval_days);
            let kind = EventKind::Review {
                day: "d1".into(),
                title: Default::default(),
                rating: Rating::Easy,
            };
            events.push(event_on(n, state.due, 1, kind));
        }
        assert!(
            intervals.iter().all(|i| *i <= MAX_INTERVAL_DAYS),
            "{intervals:?}"
        );
        assert_eq!(intervals.last(), Some(&MAX_INTERVAL_DAYS), "{intervals:?}");
        assert_eq!(cap_interval(1000.0), MAX_INTERVAL_DAYS);
        assert_eq!(cap_interval(0.2), 1);
    }

    #[test]
    fn a_later_pass_reviews_and_undo_takes_a_review_back() {
        let fresh_done = event(
            3,
            9,
            2,
            EventKind::Done {
                day: "d1".into(),
                title: Default::default(),
                note: None,
                minutes: None,
                rating: Some(Rating::Hard),
            },
        );
        let reviewed = schedule(&[done(1, 1, "d1", None), fresh_done]);
        assert_eq!(reviewed[0].reviews, 2);
        assert_eq!(reviewed[0].last_rating, Rating::Hard);

        let before = schedule(&[done(1, 1, "d1", None)]);
        let undo = event(
            3,
            4,
            1,
            EventKind::Undo {
                target: "e2".into(),
            },
        );
        let progress = crate::progress::Progress::fold(&[
            done(1, 1, "d1", None),
            review(2, 4, "d1", Rating::Again),
            undo,
        ]);
        assert_eq!(schedule(&progress.live), before);
    }

    #[test]
    fn the_outlook_answers_for_the_month_it_keeps_and_no_further() {
        let events = vec![
            done(1, 1, "d1", None),
            done(2, 1, "d2", None),
            review(3, 3, "d1", Rating::Hard),
            review(4, 20, "d2", Rating::Easy),
        ];
        let grades = Grades::of(&events);
        let outlook = Outlook::of(&grades);
        let schedule = grades.schedule();
        assert_eq!(outlook.scheduled(), 2);
        for d in 1..=30 {
            let due = schedule.iter().filter(|r| r.due <= date(d)).count();
            assert_eq!(outlook.due_by(date(d)), due, "due by the {d}th");
        }
        assert_eq!(outlook.next_due(), schedule.iter().map(|r| r.due).min());
        // Kept: the 31 days before the newest review (the 20th), so from October 20th on.
        assert_eq!(outlook.reviews_between(date(1), date(30)), Some(2));
        assert_eq!(outlook.reviews_between(date(4), date(19)), Some(0));
        let october = NaiveDate::from_ymd_opt(2026, 10, 19).unwrap();
        assert_eq!(outlook.reviews_between(october, date(30)), None);
        assert_eq!(grades.reviews_between(october, date(30)), 2);
    }

    #[test]
    fn due_days_come_most_overdue_first() {
        let events = [
            done(1, 1, "d1", Some(Rating::Again)),
            done(2, 2, "d2", Some(Rating::Again)),
            done(3, 3, "d3", Some(Rating::Easy)),
        ];
        let due = due(&events, date(5));
        let keys: Vec<&str> = due.iter().map(|r| r.day.as_str()).collect();
        assert_eq!(keys, ["d1", "d2"]);
        assert_eq!(due[0].overdue_days(date(5)), 3);
    }
}
