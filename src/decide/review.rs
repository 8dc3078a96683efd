//! What rating a day's review decides: whether there is a review to record, and when the day
//! comes up next once it is.

use chrono::NaiveDate;

use crate::error::bad_input;
use crate::event::{Event, Rating};
use crate::review::{DayReview, Grades};

/// What `review DAY --rate R` does.
#[derive(Debug, PartialEq)]
pub(crate) enum Rate {
    /// The day was rated so today already: nothing to record (an event would only be one more
    /// for `undo` to walk back). The day comes up next on `due`.
    AlreadyRated { due: NaiveDate },
    /// A review to record.
    Record,
}

/// Decides rating `day` of `plan` as `rating` on `today`; a day not done yet has no review
/// schedule, and is refused as bad input.
pub(crate) fn rate(
    grades: &Grades,
    plan: &str,
    day: &str,
    rating: Rating,
    today: NaiveDate,
) -> anyhow::Result<Rate> {
    let Some(state) = schedule_of(grades, plan, day) else {
        return Err(bad_input(format!(
            "{plan} {day} was not done yet; days come up for review once they are done"
        )));
    };
    if state.last_review == today && state.last_rating == rating {
        return Ok(Rate::AlreadyRated { due: state.due });
    }
    Ok(Rate::Record)
}

/// The grades with `review` added.
#[derive(Debug)]
pub(crate) enum Graded {
    /// Added in order: the day's schedule from here on.
    Next(Option<DayReview>),
    /// A grade of the day is dated after the review, so every grade must be replayed in date
    /// order from the events in effect (which the caller reads, `review` included).
    ReplayNeeded,
}

/// The day's schedule once `review` is recorded, from the grades as they were.
pub(crate) fn after(grades: &Grades, review: &Event) -> Graded {
    let mut grades = grades.clone();
    grades.add(review);
    if !grades.is_complete() {
        return Graded::ReplayNeeded;
    }
    Graded::Next(next_of(&grades, review))
}

/// The day's schedule in `grades` (replayed from every event), for the day of `review`.
pub(crate) fn next_of(grades: &Grades, review: &Event) -> Option<DayReview> {
    let day = review.kind.day()?;
    schedule_of(grades, &review.plan, day)
}

fn schedule_of(grades: &Grades, plan: &str, day: &str) -> Option<DayReview> {
    grades
        .schedule()
        .into_iter()
        .find(|r| r.plan == plan && r.day == day)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::fixtures::{done_event, event, nov};
    use crate::event::EventKind;

    fn review(n: usize, d: u32, rating: Rating) -> Event {
        event(
            n,
            d,
            EventKind::Review {
                day: "d1".into(),
                title: "Topic 1".into(),
                rating,
            },
        )
    }

    #[test]
    fn a_day_not_done_has_no_review_to_rate() {
        let grades = Grades::of(&[done_event(1, 1, "d1", None, None)]);
        let err = rate(&grades, "p", "d2", Rating::Good, nov(5)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "p d2 was not done yet; days come up for review once they are done"
        );
    }

    #[test]
    fn the_same_rating_twice_in_a_day_records_nothing() {
        let events = [
            done_event(1, 1, "d1", None, None),
            review(2, 5, Rating::Hard),
        ];
        let grades = Grades::of(&events);
        let Rate::AlreadyRated { due } = rate(&grades, "p", "d1", Rating::Hard, nov(5)).unwrap()
        else {
            panic!("a second `hard` today is no new review");
        };
        assert!(due > nov(5));
        // Another grade the same day, or the same grade another day, is a review.
        assert_eq!(
            rate(&grades, "p", "d1", Rating::Easy, nov(5)).unwrap(),
            Rate::Record
        );
        assert_eq!(
            rate(&grades, "p", "d1", Rating::Hard, nov(6)).unwrap(),
            Rate::Record
        );
    }

    #[test]
    fn an_easy_review_puts_the_next_one_further_off_than_again() {
        let grades = Grades::of(&[done_event(1, 1, "d1", None, None)]);
        let next = |rating| match after(&grades, &review(2, 5, rating)) {
            Graded::Next(Some(next)) => next.due,
            other => panic!("{other:?}"),
        };
        assert!(next(Rating::Easy) > next(Rating::Again));
    }

    #[test]
    fn a_review_dated_before_a_later_grade_asks_for_a_replay() {
        let grades = Grades::of(&[
            done_event(1, 1, "d1", None, None),
            review(2, 9, Rating::Good),
        ]);
        assert!(matches!(
            after(&grades, &review(3, 5, Rating::Again)),
            Graded::ReplayNeeded
        ));
    }
}
