//! Spaced review of past days, scheduled by FSRS (the `fsrs` crate).
//!
//! A day's memory state is a pure function of its `done` and `review` events in effect: a full
//! fold of the log replays each day's grades in date order, and the checkpoint keeps each day's
//! state around its latest grade so that a new grade is one more step ([`Grades`]). There is no
//! second store, so undo and sync need nothing more.
//!
//! The first `done` of a day in a pass is its first review (rated `good` unless `--rate` says
//! otherwise; a later `done` of the same day in the same pass with a rating re-rates it); every
//! `review` event, and the first `done` of a later pass, is another. Intervals are FSRS's for a
//! desired retention of 90%, kept between 1 and [`MAX_INTERVAL_DAYS`] days: a plan's day is a
//! whole topic, broader than a flash card, and is worth meeting again at least every two months.

mod due;
mod grades;
mod outlook;

use chrono::NaiveDate;
use fsrs::{FSRS, MemoryState};
use serde::Serialize;

pub(crate) use due::DueToday;
pub(crate) use grades::Grades;
pub(crate) use outlook::{Outlook, Reviews};

use crate::event::Rating;

/// The retention FSRS schedules for: a review is due when recall has fallen to 90%.
pub(crate) const DESIRED_RETENTION: f32 = 0.9;
/// The longest interval between two reviews of a day.
pub(crate) const MAX_INTERVAL_DAYS: u32 = 60;

/// One recorded review of a day (the first `done` included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize)]
pub(crate) struct Grade {
    #[serde(with = "crate::day_number")]
    pub date: NaiveDate,
    pub rating: Rating,
    /// Whether the user gave the rating; an unrated `done` counts as `good` without being one.
    pub rated: bool,
}

/// Where a day stands in spaced review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct DayReview {
    pub plan: String,
    pub day: String,
    pub title: String,
    /// Reviews so far, the first `done` included.
    pub reviews: usize,
    pub last_review: NaiveDate,
    pub last_rating: Rating,
    /// Whether the last grade was given by the user (`last_rating` is `good` by default).
    pub rated: bool,
    /// FSRS memory state after the last review.
    pub stability: f32,
    pub difficulty: f32,
    /// Days from the last review to the next, as scheduled.
    pub interval_days: u32,
    pub due: NaiveDate,
}

impl DayReview {
    /// Days past due on `today` (0 when due today, negative before).
    pub(crate) fn overdue_days(&self, today: NaiveDate) -> i64 {
        (today - self.due).num_days()
    }
}

/// One grade's step of the replay: the memory state after `grade`, from the state after the
/// grade before it (dated `previous`; none before a first grade), and FSRS's interval.
fn step(
    state: Option<MemoryState>,
    previous: Option<NaiveDate>,
    grade: Grade,
) -> Option<(MemoryState, f32)> {
    let elapsed = previous.map_or(0, |p| (grade.date - p).num_days().max(0));
    let next = FSRS_MODEL
        .with(|fsrs| {
            fsrs.get_or_init(FSRS::default).next_states(
                state,
                DESIRED_RETENTION,
                u32::try_from(elapsed).unwrap_or(u32::MAX),
            )
        })
        .ok()?;
    let chosen = match grade.rating {
        Rating::Again => next.again,
        Rating::Hard => next.hard,
        Rating::Good => next.good,
        Rating::Easy => next.easy,
    };
    Some((chosen.memory, chosen.interval))
}

thread_local! {
    /// The scheduler, built once and only when a grade is replayed.
    static FSRS_MODEL: std::cell::OnceCell<FSRS> = const { std::cell::OnceCell::new() };
}

/// FSRS's interval in whole days, kept between 1 and [`MAX_INTERVAL_DAYS`].
pub(crate) fn cap_interval(interval: f32) -> u32 {
    if !interval.is_finite() {
        return MAX_INTERVAL_DAYS;
    }
    (interval.round() as i64).clamp(1, i64::from(MAX_INTERVAL_DAYS)) as u32
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Event, EventKind, SCHEMA_VERSION};
    use chrono::Datelike;

    /// The memory state after a sequence of grades in date order, and the interval FSRS gives
    /// after the last.
    ///
    /// `None` only if FSRS refuses the input (it does not for dates in order).
    fn replay(grades: &[Grade]) -> Option<(MemoryState, u32)> {
        let mut state: Option<MemoryState> = None;
        let mut interval = 0.0;
        let mut previous: Option<NaiveDate> = None;
        for grade in grades {
            let (memory, next) = step(state, previous, *grade)?;
            state = Some(memory);
            interval = next;
            previous = Some(grade.date);
        }
        Some((state?, cap_interval(interval)))
    }

    /// Every day that was done, with its review schedule.
    fn schedule(live: &[Event]) -> Vec<DayReview> {
        Grades::of(live).schedule()
    }

    /// The days due on `today`, most overdue first.
    fn due(live: &[Event], today: NaiveDate) -> Vec<DayReview> {
        due_of(schedule(live), today)
    }

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
                rated: true,
            },
            Grade {
                date: date(3),
                rating: Rating::Good,
                rated: true,
            },
            Grade {
                date: date(10),
                rating: Rating::Again,
                rated: true,
            },
            Grade {
                date: date(11),
                rating: Rating::Easy,
                rated: true,
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
        assert_eq!((unrated[0].rated, good[0].rated), (false, true));
        let scheduled = |r: &DayReview| (r.last_rating, r.stability, r.interval_days, r.due);
        assert_eq!(scheduled(&unrated[0]), scheduled(&good[0]));
        let rerated = schedule(&[
            done(1, 1, "d1", None),
            done(2, 2, "d1", Some(Rating::Again)),
        ]);
        assert_eq!(rerated[0].reviews, 1);
        assert_eq!(rerated[0].last_rating, Rating::Again);
        assert!(rerated[0].rated, "a rating given later is a rating");
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
        let progress = crate::progress::Folded::<crate::progress::reads::All>::of(&[
            done(1, 1, "d1", None),
            review(2, 4, "d1", Rating::Again),
            undo,
        ]);
        assert_eq!(schedule(progress.events()), before);
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
        assert_eq!(grades.reviews_between(october, date(30)), Some(2));
    }

    proptest::proptest! {
        /// Grades folded in one go and grades extended event by event (what a checkpoint
        /// does) give the same schedule, or the extended ones say they need every grade.
        #[test]
        fn extending_grades_is_folding_them_again(
            ops in proptest::collection::vec(
                (0u8..3, 1u8..4, 1u32..29, proptest::option::of(0usize..4)),
                1..30,
            ),
            in_order in proptest::bool::ANY,
        ) {
            let mut dates: Vec<u32> = ops.iter().map(|op| op.2).collect();
            if in_order {
                dates.sort_unstable();
            }
            let events: Vec<Event> = ops
                .iter()
                .zip(dates)
                .enumerate()
                .map(|(n, (&(kind, day, _, rating), d))| {
                    let day = format!("d{day}");
                    let rating = rating.map(|r| Rating::ALL[r]);
                    match kind {
                        0 => done(n, d, &day, rating),
                        1 => review(n, d, &day, rating.unwrap_or(Rating::Good)),
                        _ => {
                            let mut again = done(n, d, &day, rating);
                            again.pass = 2;
                            again
                        }
                    }
                })
                .collect();
            let folded = Grades::of(&events);
            for split in 0..=events.len() {
                let mut extended = Grades::of(&events[..split]);
                for event in &events[split..] {
                    extended.add(event);
                }
                if in_order {
                    proptest::prop_assert!(extended.is_complete());
                }
                if extended.is_complete() {
                    proptest::prop_assert_eq!(extended.schedule(), folded.schedule());
                    proptest::prop_assert_eq!(
                        extended.reviews_between(date(1), date(30)),
                        folded.reviews_between(date(1), date(30))
                    );
                }
            }
        }
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
