//! Spaced review decided from the grades: which days `review` lists today and what it asks of
//! each; and what rating a day decides, whether there is a review to record, and when the day
//! comes up next once it is.

use chrono::NaiveDate;

use crate::curriculum::{Day, Item, ItemKind};
use crate::error::bad_input;
use crate::event::{Event, Rating};
use crate::review::{DayReview, DueToday, Grades};

/// The days whose review date has come by `today`, most overdue first; of `plan` only, when
/// given (without regard to case).
pub(crate) fn due(grades: &Grades, plan: Option<&str>, today: NaiveDate) -> Vec<DayReview> {
    let mut due = grades.due(today);
    if let Some(plan) = plan {
        due.retain(|r| r.plan.eq_ignore_ascii_case(plan));
    }
    due
}

/// What `review` lists: the days due, those under today's cap first, then the backlog.
#[derive(Debug)]
pub(crate) struct DueList {
    /// Every day due, most overdue first.
    pub due: Vec<DayReview>,
    /// How many of them today's cap asks for, and how many wait.
    pub counts: DueToday,
}

impl DueList {
    /// The days to review today.
    pub(crate) fn today(&self) -> impl Iterator<Item = &DayReview> {
        self.due.iter().take(self.counts.due_today)
    }

    /// Whether the `i`th day due waits beyond today's cap.
    pub(crate) fn in_backlog(&self, i: usize) -> bool {
        i >= self.counts.due_today
    }
}

/// What a review of `day` asks: its questions, under the heading `today` gives them, so that
/// one list has one name; a day with no question asks everything it listed.
pub(crate) fn prompts(day: &Day) -> (&'static str, Vec<&Item>) {
    let questions: Vec<&Item> = day
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Question)
        .collect();
    if questions.is_empty() {
        ("What the day asked", day.items.iter().collect())
    } else {
        (ItemKind::Question.heading(), questions)
    }
}

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

    /// The grades of each `(plan, day)` done on November `d`.
    fn graded(done: &[(&str, &str, u32)]) -> Grades {
        let events: Vec<Event> = (done.iter().enumerate())
            .map(|(n, (plan, day, d))| {
                let mut done = done_event(n, *d, day, None, None);
                done.plan = (*plan).into();
                done
            })
            .collect();
        Grades::of(&events)
    }

    #[test]
    fn the_days_due_are_most_overdue_first_and_of_the_plan_asked_for() {
        let grades = graded(&[("p", "d2", 1), ("q", "d1", 1), ("p", "d1", 2)]);
        let named = |due: &[DayReview]| -> Vec<String> {
            due.iter()
                .map(|r| format!("{} {}", r.plan, r.day))
                .collect()
        };
        // Long after: every day is due, the earliest done most overdue.
        let all = due(&grades, None, nov(30));
        assert_eq!(named(&all), ["p d2", "q d1", "p d1"]);
        assert_eq!(named(&due(&grades, Some("P"), nov(30))), ["p d2", "p d1"]);
        // The day after, none has come up yet.
        assert!(due(&grades, None, nov(2)).is_empty());
    }

    #[test]
    fn the_daily_cap_keeps_the_rest_in_the_backlog() {
        let grades = graded(&[("p", "d1", 1), ("p", "d2", 1), ("p", "d3", 1)]);
        let due = due(&grades, None, nov(30));
        // A cap of 3 with one review recorded today leaves two for today.
        let list = DueList {
            counts: DueToday::new(due.len(), 3, 1),
            due,
        };
        assert_eq!(list.today().count(), 2);
        assert_eq!(list.counts.backlog, 1);
        assert!(!list.in_backlog(1));
        assert!(list.in_backlog(2));
    }

    #[test]
    fn a_review_asks_the_days_questions_or_else_all_it_listed() {
        let plan = crate::curriculum::parse::parse(
            "p",
            "# P\n\n## Day 1: One\n- a topic\n\n## Day 2: Two\n- a topic\n- **Read:** why?\n",
        );
        let (heading, items) = prompts(&plan.days[0]);
        assert_eq!((heading, items.len()), ("What the day asked", 1));
        let (heading, items) = prompts(&plan.days[1]);
        assert_eq!(heading, ItemKind::Question.heading());
        assert!(items.iter().all(|i| i.kind == ItemKind::Question));
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
