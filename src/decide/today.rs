//! What `today` shows: the day to practise, where the plan stands, the streak, the pace and
//! the days done today, decided from the plan, its progress, the days off and the date.

use chrono::NaiveDate;

use crate::curriculum::{Curriculum, Day};
use crate::progress::{PlanProgress, Progress};
use crate::rest::{DaysOff, Pause};
use crate::schedule::{self, Counts, Streaks};

/// The morning's view of one plan.
#[derive(Debug)]
pub struct TodayView<'a> {
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
    pub fn build(
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
    use crate::progress::DayState;

    fn nov(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn three_days() -> Curriculum {
        let mut text = String::from("# Three days\n\n");
        for n in 1..=3 {
            text.push_str(&format!("## Day {n}: Topic {n}\n- read about {n}\n\n"));
        }
        crate::curriculum::parse::parse("p", &text)
    }

    /// Plan `p` started on the 1st, with day 1 done on `done_on`.
    fn day_one_done(done_on: u32) -> Progress {
        let mut plan = PlanProgress {
            id: "p".into(),
            pass: 1,
            started: nov(1),
            start_at: None,
            days: Default::default(),
            last_active: nov(done_on),
        };
        let state = DayState {
            done: Some(nov(done_on)),
            ..Default::default()
        };
        plan.days.insert("d1".into(), state);
        Progress {
            current_plan: Some("p".into()),
            plans: [("p".to_string(), plan)].into(),
            practice: [nov(done_on)].into_iter().collect(),
            ..Default::default()
        }
    }

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
        let progress = day_one_done(2);
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
