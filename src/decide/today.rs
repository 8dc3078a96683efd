//! What `today` shows: the day to practise, where the plan stands, the streak, the pace and
//! the days done today, decided from the plan, its progress, the days off and the date.

use chrono::NaiveDate;

use crate::curriculum::{Curriculum, Day};
use crate::progress::{PlanProgress, Progress};
use crate::rest::{DaysOff, Pause};
use crate::schedule::{self, Counts, Streaks};

/// The morning's view of one plan.
#[derive(Debug)]
pub(crate) struct TodayView<'a> {
    /// The plan's progress, when it was started.
    pub progress: Option<&'a PlanProgress>,
    /// The day to practise; `None` when the plan is finished.
    pub current: Option<&'a Day>,
    pub counts: Counts,
    pub streaks: Streaks,
    /// Days ahead (positive) or behind; `None` before the plan is started.
    pub pace: Option<i64>,
    /// The pause in effect today, if any.
    pub pause: Option<Pause>,
    /// The days of this plan done today: after a session the day shown is what comes next.
    pub done_today: Vec<&'a Day>,
}

impl<'a> TodayView<'a> {
    pub(crate) fn build(
        plan: &'a Curriculum,
        progress: &'a Progress,
        off: &DaysOff,
        today: NaiveDate,
    ) -> TodayView<'a> {
        let plan_progress = progress.plan(&plan.id);
        let counts = Counts::of(plan, plan_progress);
        TodayView {
            progress: plan_progress,
            current: schedule::current_day(plan, plan_progress),
            pace: plan_progress.map(|p| schedule::pace_days(plan, p, &counts, today, off)),
            counts,
            streaks: schedule::streaks(progress.practice_dates(), today, off),
            pause: off.current_pause().cloned(),
            done_today: schedule::done_on(plan, plan_progress, today),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::fixtures::{done, nov, three_days};

    #[test]
    fn before_the_start_the_first_day_is_shown_with_no_pace() {
        let plan = three_days();
        let progress = Progress::default();
        let view = TodayView::build(&plan, &progress, &DaysOff::default(), nov(2));
        assert_eq!(view.current.map(|d| d.key.as_str()), Some("d1"));
        assert_eq!(view.pace, None);
        assert!(view.done_today.is_empty());
        assert_eq!(view.streaks.current, 0);
    }

    #[test]
    fn after_a_session_the_next_day_is_shown_and_the_day_done_is_named() {
        let plan = three_days();
        let progress = done(&[("d1", 2)]);
        let view = TodayView::build(&plan, &progress, &DaysOff::default(), nov(2));
        assert_eq!(view.current.map(|d| d.key.as_str()), Some("d2"));
        let done: Vec<&str> = view.done_today.iter().map(|d| d.key.as_str()).collect();
        assert_eq!(done, ["d1"]);
        assert_eq!(view.counts.days_done, 1);
        assert_eq!(view.streaks.current, 1);
        // The next morning the day done is no longer "today's".
        let view = TodayView::build(&plan, &progress, &DaysOff::default(), nov(3));
        assert!(view.done_today.is_empty());
        assert!(view.pace.is_some());
    }
}
