//! What `status` reports: each plan's progress and pace, the streak, the last 7 days, the
//! recent reflections, the practice calendar and spaced review, decided from the progress and
//! the plans without a home.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::curriculum::Curriculum;
use crate::decide::entry::Entry;
use crate::progress::{Event, EventKind, Folded, Progress, reads};
use crate::rest::{DaysOff, Pause};
use crate::review::{DueToday, Outlook};
use crate::schedule::{self, Counts, Position, Streaks};

/// How many reflections the review quotes.
pub(crate) const REFLECTIONS: usize = 5;
/// Days in the recent-days table.
pub(crate) const RECENT_DAYS: i64 = 7;

/// One plan's line in the review.
#[derive(Debug, Serialize)]
pub(crate) struct PlanReview {
    pub id: String,
    pub title: String,
    pub pass: u32,
    pub started: NaiveDate,
    pub days_done: usize,
    pub days_skipped: usize,
    pub days_total: usize,
    pub percent: u32,
    pub current_day: Option<String>,
    pub current_title: Option<String>,
    pub position: Option<String>,
    pub pace_days: i64,
    pub forecast_finish: Option<NaiveDate>,
    pub items_checked: usize,
    pub items_total: usize,
    pub minutes_total: u32,
    pub finished: bool,
}

/// A day done or skipped in the last week, with how many of its items were ticked.
#[derive(Debug, Serialize)]
pub(crate) struct Recent {
    #[serde(flatten)]
    pub entry: Entry,
    pub items_ticked: usize,
}

/// Spaced review in the week behind and the week ahead.
#[derive(Debug, Serialize)]
pub(crate) struct Reviews {
    /// Days that have a review schedule (every day done).
    pub scheduled: usize,
    done_last_7_days: usize,
    /// What the daily cap asks for today, and what waits beyond it (as `today` and `review`).
    #[serde(flatten)]
    pub due: DueToday,
    /// Days whose review date comes in the next 7 days.
    coming_next_7_days: usize,
}

impl Reviews {
    /// The counts around `today`, from the outlook and what was counted from the log.
    pub(crate) fn of(outlook: &Outlook, today: NaiveDate, counted: ReviewCounts) -> Reviews {
        let due_now = outlook.due_by(today);
        Reviews {
            scheduled: outlook.scheduled(),
            done_last_7_days: counted.done_last_7_days,
            due: counted.due,
            coming_next_7_days: outlook.due_by(today + Duration::days(RECENT_DAYS)) - due_now,
        }
    }

    /// `Reviews: 3 due today · 12 in the backlog · 2 done in the last 7 days · 4 coming in the
    /// next 7 days`, once any day has a review schedule.
    pub(crate) fn line(&self) -> Option<String> {
        (self.scheduled > 0).then(|| {
            format!(
                "Reviews: {} · {} done in the last 7 days · {} coming in the next 7 days",
                self.due.counts(),
                self.done_last_7_days,
                self.coming_next_7_days
            )
        })
    }
}

/// What the log says of spaced review that the outlook alone cannot: reviews done in the last
/// 7 days, and today's share under the daily cap.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReviewCounts {
    pub done_last_7_days: usize,
    pub due: DueToday,
}

/// The whole review, decided once and rendered as text, Markdown, HTML or JSON.
#[derive(Debug, Serialize)]
pub(crate) struct StatusReport {
    pub today: NaiveDate,
    pub plans: Vec<PlanReview>,
    pub streak: Streaks,
    pub recent: Vec<Recent>,
    pub reflections: Vec<Entry>,
    /// Days with practice in the heat-map window, and how many days were done on each.
    pub calendar: BTreeMap<NaiveDate, usize>,
    /// With `--all`: plans never started.
    pub not_started: Vec<NotStarted>,
    /// With `--all`: passes begun anew with `start --fresh`, oldest first.
    pub earlier_passes: Vec<EarlierPass>,
    /// The weekly rest days.
    pub rest_days: Vec<String>,
    /// Pauses that overlap the heat-map window.
    pub pauses: Vec<Pause>,
    /// Spaced review: done in the last 7 days, due today and the backlog, coming in the next 7.
    pub reviews: Reviews,
    #[serde(skip)]
    pub weeks: u32,
}

/// What the review is asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StatusRequest<'a> {
    pub today: NaiveDate,
    /// Weeks of the practice calendar.
    pub weeks: u32,
    /// `--all`: finished plans, plans never started and earlier passes too.
    pub all: bool,
    /// `--plan`: the one plan reported on.
    pub only: Option<&'a str>,
}

impl StatusRequest<'_> {
    fn in_scope(&self, plan: &str) -> bool {
        self.only.is_none_or(|p| p.eq_ignore_ascii_case(plan))
    }

    /// The Monday that begins the practice calendar's first week.
    pub(crate) fn calendar_start(&self) -> NaiveDate {
        heatmap_start(self.today, self.weeks)
    }
}

/// Whether the review shows more than the recent events a checkpoint keeps, so that the whole
/// log must be read: a calendar reaching further back, fewer reflections among the recent
/// events than the review quotes, or (with `--all`) earlier passes, whose events may be older
/// than any window.
pub(crate) fn needs_whole_log(progress: &Folded<reads::Recent>, request: &StatusRequest) -> bool {
    let oldest_shown = request
        .calendar_start()
        .min(request.today - Duration::days(RECENT_DAYS - 1));
    if !progress.covers(oldest_shown) {
        return true;
    }
    if progress.events_from().is_none() {
        return false;
    }
    let reflections_kept = progress
        .events()
        .iter()
        .filter(|e| request.in_scope(&e.plan))
        .filter_map(Entry::from_event)
        .filter(|e| e.note.is_some() && e.event != "skip")
        .count();
    let earlier_passes_shown = request.all && progress.plans.values().any(|p| p.pass > 1);
    reflections_kept < REFLECTIONS || earlier_passes_shown
}

/// A plan the log names, and the plan itself unless it was removed from the home.
#[derive(Debug)]
pub(crate) struct LoggedPlan {
    pub id: String,
    pub plan: Option<Curriculum>,
}

/// What the review is decided from.
pub(crate) struct StatusInputs<'a> {
    pub progress: &'a Folded<reads::Recent>,
    /// The plans in scope that the log names, in order.
    pub plans: &'a [LoggedPlan],
    /// With `--all`: the plans never started.
    pub not_started: Vec<NotStarted>,
    pub off: &'a DaysOff,
    pub reviews: ReviewCounts,
}

impl StatusReport {
    /// The review `request` asks for.
    pub(crate) fn build(request: &StatusRequest, inputs: StatusInputs) -> StatusReport {
        let StatusInputs {
            progress,
            plans,
            not_started,
            off,
            reviews,
        } = inputs;
        let today = request.today;
        let first_shown = request.calendar_start();
        let entries: Vec<Entry> = progress
            .events()
            .iter()
            .filter(|e| request.in_scope(&e.plan))
            .filter_map(Entry::from_event)
            .collect();
        StatusReport {
            today,
            plans: plans
                .iter()
                .filter_map(|logged| plan_review(request, progress, logged, off))
                .collect(),
            streak: schedule::streaks(progress.practice_dates(), today, off),
            reviews: Reviews::of(progress.reviews.outlook(), today, reviews),
            rest_days: off
                .rest_days
                .iter()
                .map(|d| d.to_string().to_lowercase())
                .collect(),
            pauses: off
                .pauses
                .iter()
                .filter(|p| p.last().is_none_or(|last| last >= first_shown))
                .cloned()
                .collect(),
            recent: recent_days(&entries, progress.events(), today),
            reflections: reflections(&entries),
            calendar: calendar(request, progress.events()),
            not_started,
            earlier_passes: if request.all {
                plans
                    .iter()
                    .flat_map(|logged| earlier_passes(progress, logged))
                    .collect()
            } else {
                Vec::new()
            },
            weeks: request.weeks,
        }
    }
}

/// A plan's line, unless it is finished and the review shows only plans under way.
fn plan_review(
    request: &StatusRequest,
    progress: &Progress,
    logged: &LoggedPlan,
    off: &DaysOff,
) -> Option<PlanReview> {
    let plan_progress = progress.plan(&logged.id)?;
    let plan = logged.plan.as_ref()?;
    let today = request.today;
    let counts = Counts::of(plan, Some(plan_progress));
    let current = schedule::current_day(plan, Some(plan_progress));
    if current.is_none() && !request.all && request.only.is_none() {
        return None;
    }
    Some(PlanReview {
        id: plan.id.clone(),
        title: plan.title.clone(),
        pass: plan_progress.pass,
        started: plan_progress.started,
        days_done: counts.days_done,
        days_skipped: counts.days_skipped,
        days_total: counts.days_total,
        percent: counts.percent(),
        current_day: current.map(|d| d.key.clone()),
        current_title: current.map(|d| d.title.clone()),
        position: current.map(|d| Position::of(plan, d).describe()),
        pace_days: schedule::pace_days(plan, plan_progress, &counts, today, off),
        forecast_finish: schedule::forecast_finish(plan, plan_progress, &counts, today, off),
        items_checked: counts.items_checked,
        items_total: counts.items_total,
        minutes_total: counts.minutes_total,
        finished: current.is_none(),
    })
}

/// The passes of a plan before its current one.
fn earlier_passes(progress: &Folded<reads::Recent>, logged: &LoggedPlan) -> Vec<EarlierPass> {
    let Some(plan_progress) = progress.plan(&logged.id) else {
        return Vec::new();
    };
    let days_total = logged.plan.as_ref().map_or(0, |p| p.days.len());
    (1..plan_progress.pass)
        .map(|pass| earlier_pass(progress.events(), &logged.id, pass, days_total))
        .collect()
}

/// The days done or skipped in the last 7 days, oldest first; a `done --amend` adds its note
/// and minutes to the day's row rather than making another.
fn recent_days(entries: &[Entry], live: &[Event], today: NaiveDate) -> Vec<Recent> {
    let since = today - Duration::days(RECENT_DAYS - 1);
    let mut recent: Vec<Recent> = Vec::new();
    for e in entries
        .iter()
        .filter(|e| e.date >= since && e.date <= today && matches!(e.event, "done" | "skip"))
    {
        if let Some(row) = recent.iter_mut().find(|r| {
            r.entry.date == e.date
                && r.entry.plan == e.plan
                && r.entry.pass == e.pass
                && r.entry.day == e.day
                && r.entry.event == e.event
        }) {
            row.entry.note = match (row.entry.note.take(), e.note.clone()) {
                (Some(a), Some(b)) => Some(format!("{a}; {b}")),
                (a, b) => a.or(b),
            };
            row.entry.minutes = match (row.entry.minutes, e.minutes) {
                (Some(a), Some(b)) => Some(a.saturating_add(b)),
                (a, b) => a.or(b),
            };
            continue;
        }
        recent.push(Recent {
            entry: e.clone(),
            items_ticked: ticked_in_pass(live, &e.plan, e.pass, &e.day),
        });
    }
    recent.sort_by_key(|r| r.entry.date);
    recent
}

/// The last [`REFLECTIONS`] notes written on a day done, oldest first.
fn reflections(entries: &[Entry]) -> Vec<Entry> {
    let mut reflections: Vec<Entry> = entries
        .iter()
        .filter(|e| e.note.is_some() && e.event != "skip")
        .cloned()
        .collect();
    reflections.sort_by_key(|e| e.date);
    reflections.split_off(reflections.len().saturating_sub(REFLECTIONS))
}

/// The days in the calendar's window with a day done, and how many days were done on each.
fn calendar(request: &StatusRequest, live: &[Event]) -> BTreeMap<NaiveDate, usize> {
    let first_shown = request.calendar_start();
    let mut calendar = BTreeMap::new();
    for event in live.iter().filter(|e| {
        matches!(e.kind, EventKind::Done { .. })
            && e.date >= first_shown
            && e.date <= request.today
            && request.in_scope(&e.plan)
    }) {
        *calendar.entry(event.date).or_insert(0) += 1;
    }
    calendar
}

/// A plan never started, as `status --all` lists it.
#[derive(Debug, Serialize)]
pub(crate) struct NotStarted {
    pub id: String,
    pub title: String,
    pub days: usize,
}

/// A pass of a plan before its current one.
#[derive(Debug, Serialize)]
pub(crate) struct EarlierPass {
    pub id: String,
    pub pass: u32,
    pub started: Option<NaiveDate>,
    pub last_active: Option<NaiveDate>,
    pub days_done: usize,
    pub days_skipped: usize,
    pub days_total: usize,
}

/// What the log says of one earlier pass of a plan.
fn earlier_pass(live: &[Event], id: &str, pass: u32, days_total: usize) -> EarlierPass {
    let events: Vec<&Event> = live
        .iter()
        .filter(|e| e.plan == id && e.pass == pass)
        .collect();
    let mut done = BTreeSet::new();
    let mut skipped = BTreeSet::new();
    for event in &events {
        match &event.kind {
            EventKind::Done { day, .. } => {
                done.insert(day.to_lowercase());
            }
            EventKind::Skip { day, .. } => {
                skipped.insert(day.to_lowercase());
            }
            _ => {}
        }
    }
    EarlierPass {
        id: id.to_string(),
        pass,
        started: events.iter().map(|e| e.date).min(),
        last_active: events
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Done { .. } | EventKind::Skip { .. }))
            .map(|e| e.date)
            .max(),
        days_done: done.len(),
        days_skipped: skipped.difference(&done).count(),
        days_total,
    }
}

/// Items of a day ticked in one pass, from that pass's check and uncheck events.
fn ticked_in_pass(live: &[Event], id: &str, pass: u32, key: &str) -> usize {
    let mut ticked = BTreeSet::new();
    for event in live.iter().filter(|e| e.plan == id && e.pass == pass) {
        match &event.kind {
            EventKind::Check { day, items, .. } if day.eq_ignore_ascii_case(key) => {
                ticked.extend(items.iter().copied());
            }
            EventKind::Uncheck { day, items, .. } if day.eq_ignore_ascii_case(key) => {
                for item in items {
                    ticked.remove(item);
                }
            }
            _ => {}
        }
    }
    ticked.len()
}

/// The Monday that begins the heat map's first week.
pub(crate) fn heatmap_start(today: NaiveDate, weeks: u32) -> NaiveDate {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    monday - Duration::weeks(i64::from(weeks) - 1)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::fixtures::{done_event, event, nov, three_days};
    use crate::progress::EventKind;

    fn request(today: u32) -> StatusRequest<'static> {
        StatusRequest {
            today: nov(today),
            weeks: 4,
            all: false,
            only: None,
        }
    }

    fn start() -> Event {
        event(
            0,
            1,
            EventKind::Start {
                at_day: None,
                fresh: false,
                knew: Default::default(),
            },
        )
    }

    fn report(events: Vec<Event>, request: &StatusRequest) -> StatusReport {
        let progress = Folded::of(&events);
        let plans = [LoggedPlan {
            id: "p".into(),
            plan: Some(three_days()),
        }];
        let inputs = StatusInputs {
            progress: &progress,
            plans: &plans,
            not_started: Vec::new(),
            off: &DaysOff::default(),
            reviews: ReviewCounts {
                done_last_7_days: 0,
                due: DueToday::new(0, 10, 0),
            },
        };
        StatusReport::build(request, inputs)
    }

    #[test]
    fn an_amended_day_is_one_row_of_the_last_days_with_its_notes_and_minutes_added() {
        let review = report(
            vec![
                start(),
                done_event(1, 2, "d1", Some("first"), Some(30)),
                done_event(2, 2, "d1", Some("more"), Some(15)),
                done_event(3, 3, "d2", None, None),
            ],
            &request(3),
        );
        assert_eq!(review.recent.len(), 2);
        let first = &review.recent[0].entry;
        assert_eq!(first.note.as_deref(), Some("first; more"));
        assert_eq!(first.minutes, Some(45));
        assert_eq!(review.plans[0].days_done, 2);
        assert_eq!(review.calendar.get(&nov(2)), Some(&2));
        assert_eq!(review.streak.current, 2);
    }

    #[test]
    fn a_finished_plan_is_left_out_unless_all_is_asked_for() {
        let events = vec![
            start(),
            done_event(1, 2, "d1", None, None),
            done_event(2, 3, "d2", None, None),
            done_event(3, 4, "d3", None, None),
        ];
        assert!(report(events.clone(), &request(4)).plans.is_empty());
        let all = StatusRequest {
            all: true,
            ..request(4)
        };
        let review = report(events, &all);
        assert!(review.plans[0].finished);
        assert_eq!(review.plans[0].percent, 100);
    }

    #[test]
    fn only_the_last_five_reflections_are_quoted_oldest_first_and_skips_are_not_reflections() {
        let mut events = vec![start()];
        for n in 1..=7 {
            events.push(done_event(
                n,
                n as u32,
                "d1",
                Some(&format!("note {n}")),
                None,
            ));
        }
        events.push(event(
            9,
            8,
            EventKind::Skip {
                day: "d2".into(),
                title: "Topic 2".into(),
                reason: Some("ill".into()),
            },
        ));
        let review = report(events, &request(8));
        let notes: Vec<&str> = review
            .reflections
            .iter()
            .filter_map(|e| e.note.as_deref())
            .collect();
        assert_eq!(notes, ["note 3", "note 4", "note 5", "note 6", "note 7"]);
    }

    #[test]
    fn the_whole_log_is_read_only_when_the_recent_events_fall_short() {
        let one_week = StatusRequest {
            weeks: 1,
            ..request(8)
        };
        let window = chrono::NaiveDate::from_ymd_opt(2026, 10, 20).unwrap();
        let mut events = vec![start(), done_event(1, 2, "d1", Some("a"), None)];
        // Folded in full: nothing more to read.
        assert!(!needs_whole_log(&Folded::of(&events), &one_week));
        // A window that holds one reflection where the review quotes five.
        assert!(needs_whole_log(&Folded::window(&events, window), &one_week));
        // With five reflections in the window, it serves.
        for n in 2..=5 {
            events.push(done_event(n, n as u32 + 1, "d1", Some("more"), None));
        }
        let progress = Folded::window(&events, window);
        assert!(!needs_whole_log(&progress, &one_week));
        // A calendar reaching back before the window does not.
        assert!(needs_whole_log(&progress, &request(8)));
    }
}
