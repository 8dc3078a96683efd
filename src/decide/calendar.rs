//! What `calendar` puts in the feed: the practice days ahead of each plan, on the dates the
//! schedule lays them out, named so that a phone moves a day that shifted instead of adding it
//! twice.

use chrono::{Duration, NaiveDate};

use crate::calendar::PlannedDay;
use crate::curriculum::{Curriculum, Day};
use crate::progress::Progress;
use crate::render::text::plain_inline;
use crate::rest::DaysOff;
use crate::schedule;

/// The days a feed covers.
#[derive(Debug)]
pub(crate) struct Ahead<'a> {
    pub today: NaiveDate,
    /// How many days from today, today included.
    pub days: u32,
    pub off: &'a DaysOff,
}

/// The practice days of `plans` before `ahead` ends, by date (then plan and day). A plan not
/// started is laid out only when `named` (asked for by `--plan`): otherwise the feed keeps to
/// the plans under way.
pub(crate) fn practice_days(
    plans: &[Curriculum],
    progress: &Progress,
    named: bool,
    ahead: &Ahead,
) -> Vec<PlannedDay> {
    let end = ahead.today + Duration::days(i64::from(ahead.days));
    let mut days = Vec::new();
    for plan in plans {
        let plan_progress = progress.plan(&plan.id);
        if plan_progress.is_none() && !named {
            continue;
        }
        let pass = plan_progress.map_or(1, |p| p.pass);
        for (day, dates) in schedule::upcoming(plan, plan_progress, ahead.today, ahead.off) {
            let Some(&date) = dates.first() else { continue };
            if date >= end {
                break;
            }
            days.push(planned(plan, day, pass, date));
        }
    }
    days.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.uid.cmp(&b.uid)));
    days
}

/// A day's event: its items, and the commands that show and record it.
fn planned(plan: &Curriculum, day: &Day, pass: u32, date: NaiveDate) -> PlannedDay {
    let mut description: Vec<String> = day
        .items
        .iter()
        .map(|item| format!("- {}", plain_inline(&item.text)))
        .collect();
    description.push(String::new());
    description.push(format!(
        "`pymastery today` shows it; `pymastery done` records it ({} {}).",
        plan.id, day.key
    ));
    PlannedDay {
        uid: format!("{}.{}.pass{pass}@pymastery", plan.id, day.key),
        date,
        summary: format!("{} {}: {}", plan.id, day.key, plain_inline(&day.title)),
        description: description.join("\n"),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::fixtures::{done, nov, three_days};

    fn feed(
        plans: &[Curriculum],
        progress: &Progress,
        named: bool,
        today: u32,
        days: u32,
    ) -> Vec<PlannedDay> {
        let off = DaysOff::default();
        let ahead = Ahead {
            today: nov(today),
            days,
            off: &off,
        };
        practice_days(plans, progress, named, &ahead)
    }

    fn listed(days: &[PlannedDay]) -> Vec<(u32, &str)> {
        use chrono::Datelike;
        days.iter()
            .map(|d| (d.date.day(), d.summary.as_str()))
            .collect()
    }

    #[test]
    fn a_day_a_date_from_today_and_none_past_the_days_asked_for() {
        let plan = three_days();
        let progress = done(&[("d1", 1)]);
        let days = feed(&[plan], &progress, false, 2, 2);
        assert_eq!(listed(&days), [(2, "p d2: Topic 2"), (3, "p d3: Topic 3")]);
        let days = feed(&[three_days()], &progress, false, 2, 1);
        assert_eq!(listed(&days), [(2, "p d2: Topic 2")]);
    }

    #[test]
    fn after_todays_session_the_feed_begins_tomorrow() {
        let progress = done(&[("d1", 2)]);
        let days = feed(&[three_days()], &progress, false, 2, 30);
        assert_eq!(listed(&days), [(3, "p d2: Topic 2"), (4, "p d3: Topic 3")]);
    }

    #[test]
    fn a_plan_not_started_is_in_the_feed_only_when_asked_for() {
        let progress = Progress::default();
        assert!(feed(&[three_days()], &progress, false, 2, 30).is_empty());
        let days = feed(&[three_days()], &progress, true, 2, 30);
        assert_eq!(days.len(), 3);
        // Named by plan, day and pass, never by date: a day that shifts keeps its event.
        assert_eq!(days[0].uid, "p.d1.pass1@pymastery");
        assert_eq!(
            days[0].description,
            "- read about 1\n\n`pymastery today` shows it; `pymastery done` records it (p d1)."
        );
    }

    #[test]
    fn the_days_of_several_plans_are_in_date_order() {
        let mut other = three_days();
        other.id = "a".into();
        let progress = done(&[]);
        let mut both = done(&[]);
        both.plans.insert("a".into(), progress.plans["p"].clone());
        let days = feed(&[three_days(), other], &both, false, 2, 2);
        let uids: Vec<&str> = days.iter().map(|d| d.uid.as_str()).collect();
        assert_eq!(
            uids,
            [
                "a.d1.pass1@pymastery",
                "p.d1.pass1@pymastery",
                "a.d2.pass1@pymastery",
                "p.d2.pass1@pymastery"
            ]
        );
    }
}
