//! Position, pace, forecast and streaks: the schedule computed from a plan and its progress.
//!
//! Pure functions over the model and the folded progress; the clock's date comes in as an
//! argument so every rule is tested with fixed dates.

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::curriculum::keys::Here;
use crate::curriculum::{Curriculum, Day, PhaseKind};
use crate::progress::PlanProgress;
use crate::progress::practice::PracticeDays;
use crate::rest::DaysOff;

/// Days before this ordinal were passed over by `start --at`: neither done nor due.
pub(crate) fn first_ordinal(plan: &Curriculum, progress: Option<&PlanProgress>) -> usize {
    progress
        .and_then(|p| p.start_at.as_deref())
        .and_then(|key| plan.day(key))
        .map_or(1, |d| d.ordinal)
}

/// The current day: the first day (from the start point) neither done nor skipped.
/// `None` when the plan is finished.
pub(crate) fn current_day<'a>(
    plan: &'a Curriculum,
    progress: Option<&PlanProgress>,
) -> Option<&'a Day> {
    let first = first_ordinal(plan, progress);
    plan.days.iter().skip(first - 1).find(|day| {
        progress
            .and_then(|p| p.day(&day.key))
            .is_none_or(|state| !state.is_finished())
    })
}

/// The days of the plan's current pass first marked done on `date`, in plan order: what
/// `today` reports as done today, and what refuses a second plain `done` on that date.
pub(crate) fn done_on<'a>(
    plan: &'a Curriculum,
    progress: Option<&PlanProgress>,
    date: NaiveDate,
) -> Vec<&'a Day> {
    let Some(progress) = progress else {
        return Vec::new();
    };
    plan.days
        .iter()
        .filter(|d| progress.day(&d.key).is_some_and(|s| s.done == Some(date)))
        .collect()
}

/// What `today` and `next` mean: the day practised today (else the current day), and the
/// unfinished day after it. The night after a session, `next` is tomorrow's day.
pub(crate) fn here<'a>(
    plan: &'a Curriculum,
    progress: Option<&PlanProgress>,
    today: NaiveDate,
) -> Here<'a> {
    let current = current_day(plan, progress);
    let practised_today = progress.and_then(|p| {
        plan.days.iter().rev().find(|d| {
            p.day(&d.key)
                .is_some_and(|s| s.done == Some(today) || s.skipped == Some(today))
        })
    });
    let Some(day) = practised_today.or(current) else {
        return Here::default();
    };
    let next = match practised_today {
        Some(_) => current,
        None => plan.days.iter().skip(day.ordinal).find(|d| {
            progress
                .and_then(|p| p.day(&d.key))
                .is_none_or(|s| !s.is_finished())
        }),
    };
    Here {
        today: Some(day),
        next,
    }
}

/// Counts over a plan's current pass.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Counts {
    pub days_done: usize,
    pub days_skipped: usize,
    pub days_total: usize,
    /// Calendar days covered by done and skipped entries.
    pub span_covered: u32,
    /// Calendar days from the start point to the end of the plan.
    pub span_total: u32,
    pub items_checked: usize,
    pub items_total: usize,
    pub minutes_total: u32,
}

impl Counts {
    pub(crate) fn of(plan: &Curriculum, progress: Option<&PlanProgress>) -> Counts {
        let first = first_ordinal(plan, progress);
        let mut counts = Counts {
            days_total: plan.days.len(),
            ..Counts::default()
        };
        for day in &plan.days {
            if day.ordinal >= first {
                counts.span_total += day.span;
            }
            counts.items_total += day.items.len();
            let Some(state) = progress.and_then(|p| p.day(&day.key)) else {
                continue;
            };
            if state.done.is_some() {
                counts.days_done += 1;
            } else if state.skipped.is_some() {
                counts.days_skipped += 1;
            }
            if state.is_finished() {
                counts.span_covered += day.span;
            }
            counts.items_checked += state.checked_in(&day.items).len();
            counts.minutes_total = counts.minutes_total.saturating_add(state.minutes);
        }
        counts
    }

    /// Percentage of days done, rounded down.
    pub(crate) fn percent(&self) -> u32 {
        if self.days_total == 0 {
            return 0;
        }
        u32::try_from(self.days_done * 100 / self.days_total).unwrap_or(100)
    }
}

/// Where a plan whose days are named by weekdays (`### Monday` ... `### Friday` under each
/// week) puts each day: days from the Monday of its first week, one entry per plan day.
/// `None` for any other plan, which is paced one day a day.
pub(crate) fn weekday_rhythm(plan: &Curriculum) -> Option<Vec<i64>> {
    if plan.days.is_empty() {
        return None;
    }
    let mut offsets = Vec::with_capacity(plan.days.len());
    let mut week = 0i64;
    let mut previous: Option<(&Day, i64)> = None;
    for day in &plan.days {
        let name = day
            .label
            .split([' ', ',', ':', '('])
            .next()
            .unwrap_or_default();
        let weekday = crate::rest::weekday(name)?;
        let wd = i64::from(weekday.num_days_from_monday());
        if let Some((prev, prev_wd)) = previous
            && (prev.phase != day.phase || wd <= prev_wd)
        {
            week += 1;
        }
        offsets.push(week * 7 + wd);
        previous = Some((day, wd));
    }
    Some(offsets)
}

/// The dates the given days fall on when laid out from `from`, one date per calendar day of
/// each entry's span. A plan paced by its weekdays keeps its weekdays (a pause pushes it on by
/// whole weeks); any other plan takes one practice date per day, passing over rest days and
/// pauses.
pub(crate) fn lay_out<'a>(
    plan: &'a Curriculum,
    days: impl IntoIterator<Item = &'a Day>,
    from: NaiveDate,
    off: &DaysOff,
) -> Vec<(&'a Day, Vec<NaiveDate>)> {
    let rhythm = weekday_rhythm(plan);
    let mut laid = Vec::new();
    let mut cursor = from;
    let mut previous: Option<(NaiveDate, i64)> = None;
    for day in days {
        let mut dates = Vec::with_capacity(day.span as usize);
        match &rhythm {
            Some(offsets) => {
                let offset = offsets.get(day.ordinal - 1).copied().unwrap_or_default();
                let mut date = match previous {
                    Some((date, prev)) => date + Duration::days((offset - prev).max(1)),
                    None => {
                        let mut date = from;
                        while i64::from(date.weekday().num_days_from_monday()) != offset % 7 {
                            date += Duration::days(1);
                        }
                        date
                    }
                };
                while off.is_paused(date) {
                    date += Duration::days(7);
                }
                previous = Some((date, offset));
                dates.extend((0..i64::from(day.span.max(1))).map(|i| date + Duration::days(i)));
            }
            None => {
                for _ in 0..day.span.max(1) {
                    while off.is_off(cursor) {
                        cursor += Duration::days(1);
                    }
                    dates.push(cursor);
                    cursor += Duration::days(1);
                }
            }
        }
        laid.push((day, dates));
    }
    laid
}

/// The days from the start point on, laid out from the date the pass began.
fn planned_dates<'a>(
    plan: &'a Curriculum,
    progress: &PlanProgress,
    off: &DaysOff,
) -> Vec<(&'a Day, Vec<NaiveDate>)> {
    let first = first_ordinal(plan, Some(progress));
    lay_out(
        plan,
        plan.days.iter().skip(first - 1),
        progress.started,
        off,
    )
}

/// The unfinished days ahead, laid out from today (from tomorrow once something was done
/// today): what the calendar feed and a weekday plan's forecast show.
pub(crate) fn upcoming<'a>(
    plan: &'a Curriculum,
    progress: Option<&PlanProgress>,
    today: NaiveDate,
    off: &DaysOff,
) -> Vec<(&'a Day, Vec<NaiveDate>)> {
    let first = first_ordinal(plan, progress);
    let unfinished = plan.days.iter().skip(first - 1).filter(|day| {
        progress
            .and_then(|p| p.day(&day.key))
            .is_none_or(|s| !s.is_finished())
    });
    let practised_today = progress.is_some_and(|p| {
        p.days
            .values()
            .any(|d| d.done == Some(today) || d.skipped == Some(today))
    });
    let from = if practised_today {
        today + Duration::days(1)
    } else {
        today
    };
    lay_out(plan, unfinished, from, off)
}

/// Calendar days the plan expects to be covered by `today`, counted from its start.
///
/// Today counts once something was done today: a day not yet practised is not behind.
fn expected_span(
    plan: &Curriculum,
    progress: &PlanProgress,
    today: NaiveDate,
    off: &DaysOff,
) -> i64 {
    let practised_today = progress
        .days
        .values()
        .any(|d| d.done == Some(today) || d.skipped == Some(today));
    let expected = planned_dates(plan, progress, off)
        .into_iter()
        .flat_map(|(_, dates)| dates)
        .filter(|date| *date < today || (practised_today && *date == today))
        .count();
    i64::try_from(expected).unwrap_or(i64::MAX)
}

/// Days ahead (positive) or behind (negative) the plan's calendar: one day a practice day
/// (rest days and pauses excepted), or the plan's own weekdays.
pub(crate) fn pace_days(
    plan: &Curriculum,
    progress: &PlanProgress,
    counts: &Counts,
    today: NaiveDate,
    off: &DaysOff,
) -> i64 {
    i64::from(counts.span_covered) - expected_span(plan, progress, today, off)
}

/// The `n`-th practice date (1-based) from `from` on, passing over days off.
fn nth_practice_date(from: NaiveDate, n: i64, off: &DaysOff) -> NaiveDate {
    let mut date = from;
    let mut left = n.max(1);
    loop {
        if !off.is_off(date) {
            left -= 1;
            if left == 0 {
                return date;
            }
        }
        date += Duration::days(1);
    }
}

/// The date the plan will be finished if it goes on one day of the plan a practice day from
/// here (a plan paced by its weekdays: on the weekday of its last day).
///
/// What is left (calendar days not yet done or skipped) is practised from today on, or from
/// tomorrow once something was done today: today is not counted before it is practised. Rest
/// days and pauses are passed over. On track therefore means the planned end; each day behind
/// moves it a practice day later, each day ahead one earlier. A finished plan reports the day
/// it finished.
pub(crate) fn forecast_finish(
    plan: &Curriculum,
    progress: &PlanProgress,
    counts: &Counts,
    today: NaiveDate,
    off: &DaysOff,
) -> Option<NaiveDate> {
    let remaining = counts.span_total.saturating_sub(counts.span_covered);
    if remaining == 0 {
        return progress
            .days
            .values()
            .filter_map(|d| d.done.or(d.skipped))
            .max();
    }
    if weekday_rhythm(plan).is_some() {
        return upcoming(plan, Some(progress), today, off)
            .last()
            .and_then(|(_, dates)| dates.last().copied());
    }
    let practised_today = progress
        .days
        .values()
        .any(|d| d.done == Some(today) || d.skipped == Some(today));
    let first = if practised_today {
        today + Duration::days(1)
    } else {
        today
    };
    Some(nth_practice_date(first, i64::from(remaining), off))
}

/// Current and longest run of practice dates with nothing but days off between them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Streaks {
    pub current: u32,
    pub longest: u32,
}

/// Streaks over the dates something was done. Today not yet practised keeps yesterday's
/// streak; rest days and paused days neither break a run nor add to it.
pub(crate) fn streaks(dates: &PracticeDays, today: NaiveDate, off: &DaysOff) -> Streaks {
    let runs = streak_runs(dates, today, off);
    Streaks {
        current: runs.current.map_or(0, |r| r.days),
        longest: runs.longest.map_or(0, |r| r.days),
    }
}

/// A run of practice: its first and last date and the dates practised in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub days: u32,
}

/// The current run (`None` when broken) and the longest (the earliest of equal ones).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Runs {
    pub current: Option<Run>,
    pub longest: Option<Run>,
}

/// The runs behind [`streaks`], with their dates, for the page that marks them.
pub(crate) fn streak_runs(dates: &PracticeDays, today: NaiveDate, off: &DaysOff) -> Runs {
    let only_days_off = |after: NaiveDate, before: NaiveDate| {
        after
            .iter_days()
            .skip(1)
            .take_while(|d| *d < before)
            .all(|d| off.is_off(d))
    };
    let mut longest: Option<Run> = None;
    let mut run: Option<Run> = None;
    // Run by run: the dates of a run have nothing between them.
    for (first, last) in dates.runs().take_while(|(first, _)| *first <= today) {
        let last = last.min(today);
        let len = u32::try_from((last - first).num_days() + 1).unwrap_or(u32::MAX);
        run = Some(match run {
            Some(r) if only_days_off(r.last, first) => Run {
                first: r.first,
                last,
                days: r.days + len,
            },
            _ => Run {
                first,
                last,
                days: len,
            },
        });
        if run.map(|r| r.days) > longest.map(|r| r.days) {
            longest = run;
        }
    }
    let current = run.filter(|r| only_days_off(r.last, today));
    Runs { current, longest }
}

/// Where a day sits in the plan: cycle, week, day n of m, depth level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Position {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycle: Option<PhaseRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub week: Option<PhaseRef>,
    /// The day's number within its innermost phase (or the plan).
    pub day: usize,
    /// How many days that phase (or the plan) has.
    pub of: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The day's number as the plan writes it (`4.1`), when its label has one.
    #[serde(skip)]
    pub number: Option<String>,
}

/// The number in a label like `Day 5` or `Day 4.1`.
fn label_number(label: &str) -> Option<String> {
    let rest = label.trim();
    let rest = rest
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("day "))
        .map(|_| rest[4..].trim())?;
    let numeric = !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
        && rest.starts_with(|c: char| c.is_ascii_digit());
    numeric.then(|| rest.to_string())
}

/// Whether the whole day numbers of these days (`Day 1`, `Day 2`, ... skipping `Day 4.1`) start at
/// 0 or 1 and go up one at a time, so a day's number may stand for its position.
fn whole_numbers_run(days: &[&Day]) -> bool {
    let mut whole = days
        .iter()
        .filter_map(|d| label_number(&d.label))
        .filter(|n| !n.contains('.'))
        .map(|n| n.parse::<usize>().ok());
    let Some(Some(first)) = whole.next() else {
        return false;
    };
    if first > 1 {
        return false;
    }
    let mut last = first;
    for n in whole {
        match n {
            Some(n) if n == last + 1 => last = n,
            _ => return false,
        }
    }
    true
}

/// A phase as `--json` shows it in a position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PhaseRef {
    pub number: Option<u32>,
    pub label: String,
    pub title: String,
}

impl Position {
    pub(crate) fn of(plan: &Curriculum, day: &Day) -> Position {
        let mut position = Position::default();
        for phase in plan.phase_path(day) {
            let phase_ref = PhaseRef {
                number: phase.number,
                label: phase.label.clone(),
                title: phase.title.clone(),
            };
            match phase.kind {
                PhaseKind::Cycle => position.cycle = Some(phase_ref),
                PhaseKind::Week | PhaseKind::Part => position.week = Some(phase_ref),
            }
        }
        let siblings: Vec<&Day> = match day.phase {
            Some(_) => plan.days.iter().filter(|d| d.phase == day.phase).collect(),
            None => plan.days.iter().collect(),
        };
        position.of = siblings.len();
        position.day = siblings
            .iter()
            .position(|d| d.ordinal == day.ordinal)
            .map_or(day.ordinal, |i| i + 1);
        // Days are numbered as the plan numbers them: after `Day 4.1`, `Day 5` is day 5. Only
        // when the plan's whole numbers run without gaps, or `Day 6 of 2` would read wrong.
        let numbering_runs = whole_numbers_run(&siblings);
        if let Some(number) = label_number(&day.label).filter(|_| numbering_runs) {
            position.number = Some(number.clone());
            if let Ok(n) = number.parse::<usize>() {
                position.day = n;
            }
        }
        position.level = position
            .cycle
            .as_ref()
            .and_then(|c| c.number)
            .and_then(|n| level_for_cycle(plan, n));
        position
    }

    /// `Cycle 1 · Week 3: Advanced Data Structures · Day 2 of 7 · Level 1`
    pub(crate) fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(cycle) = &self.cycle {
            parts.push(cycle.label.clone());
        }
        if let Some(week) = &self.week {
            parts.push(if week.title.is_empty() {
                week.label.clone()
            } else {
                format!("{}: {}", week.label, week.title)
            });
        }
        let number = self.number.clone().unwrap_or_else(|| self.day.to_string());
        parts.push(format!("Day {number} of {}", self.of));
        if let Some(level) = &self.level {
            parts.push(level.clone());
        }
        parts.join(" · ")
    }
}

/// The depth level a plan assigns to a cycle (`Level 1`), as the parser read it.
pub(crate) fn level_for_cycle(plan: &Curriculum, cycle: u32) -> Option<String> {
    plan.level_of(PhaseKind::Cycle, cycle)
        .map(|l| l.label.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn streak_runs_name_the_dates_of_the_current_and_the_longest_run() {
        // 2026-11-07/08 are a weekend of rest days: the run from the 5th goes on past them.
        let rest = DaysOff {
            rest_days: vec![Weekday::Sat, Weekday::Sun],
            ..DaysOff::default()
        };
        let dates: PracticeDays = [1, 2, 3, 5, 6, 9, 10].into_iter().map(date).collect();
        let runs = streak_runs(&dates, date(11), &rest);
        let run = |first, last, days| Run {
            first: date(first),
            last: date(last),
            days,
        };
        assert_eq!(runs.current, Some(run(5, 10, 4)));
        assert_eq!(runs.longest, Some(run(5, 10, 4)));
        // Of two equal runs the earlier is the longest; a missed weekday ends the current one.
        let dates: PracticeDays = [2, 3, 4, 10, 11, 12].into_iter().map(date).collect();
        let runs = streak_runs(&dates, date(16), &DaysOff::default());
        assert_eq!(runs.longest, Some(run(2, 4, 3)));
        assert_eq!(runs.current, None);
        assert_eq!(
            streaks(&dates, date(16), &DaysOff::default()),
            Streaks {
                current: 0,
                longest: 3
            }
        );
    }

    #[test]
    fn a_missed_day_breaks_the_streak() {
        let dates: PracticeDays = [1, 2, 3, 4, 6].into_iter().map(date).collect();
        assert_eq!(
            streaks(&dates, date(6), &DaysOff::default()),
            Streaks {
                current: 1,
                longest: 4
            }
        );
    }

    #[test]
    fn today_not_yet_practised_keeps_the_streak() {
        let dates: PracticeDays = [6, 7].into_iter().map(date).collect();
        assert_eq!(streaks(&dates, date(8), &DaysOff::default()).current, 2);
        assert_eq!(streaks(&dates, date(9), &DaysOff::default()).current, 0);
    }

    /// Progress on a ten-day plan started on the 1st with days 1..=done marked done, one a day.
    fn ten_done(done: u32) -> (PlanProgress, Counts) {
        let mut progress = PlanProgress {
            id: "p".into(),
            pass: 1,
            started: date(1),
            start_at: None,
            days: Default::default(),
            last_active: date(1),
        };
        for d in 1..=done {
            progress.days.insert(
                format!("d{d}"),
                crate::progress::DayState {
                    done: Some(date(d)),
                    ..Default::default()
                },
            );
        }
        let counts = Counts {
            days_done: done as usize,
            days_total: 10,
            span_covered: done,
            span_total: 10,
            ..Counts::default()
        };
        (progress, counts)
    }

    /// Pace and forecast of ten-day progress on `today`, no days off.
    fn pace_and_forecast(
        progress: &PlanProgress,
        counts: &Counts,
        today: NaiveDate,
    ) -> (i64, Option<NaiveDate>) {
        let plan = ten_days();
        let off = DaysOff::default();
        (
            pace_days(&plan, progress, counts, today, &off),
            forecast_finish(&plan, progress, counts, today, &off),
        )
    }

    #[test]
    fn on_track_forecasts_the_planned_end_before_and_after_practice() {
        // Morning of the 4th, three days done: on track, not yet practised today.
        let (progress, counts) = ten_done(3);
        assert_eq!(
            pace_and_forecast(&progress, &counts, date(4)),
            (0, Some(date(10)))
        );
        // Evening of the 4th, the fourth day done.
        let (progress, counts) = ten_done(4);
        assert_eq!(
            pace_and_forecast(&progress, &counts, date(4)),
            (0, Some(date(10)))
        );
    }

    #[test]
    fn each_day_behind_moves_the_forecast_a_day() {
        let (progress, counts) = ten_done(3);
        assert_eq!(
            pace_and_forecast(&progress, &counts, date(6)),
            (-2, Some(date(12)))
        );
        // The 6th passes without practice: the morning of the 7th is a day further behind,
        // and practising on the 7th leaves the forecast where the morning put it.
        assert_eq!(
            pace_and_forecast(&progress, &counts, date(7)),
            (-3, Some(date(13)))
        );
        let (mut progress, counts) = ten_done(4);
        if let Some(d4) = progress.days.get_mut("d4") {
            d4.done = Some(date(7));
        }
        assert_eq!(
            pace_and_forecast(&progress, &counts, date(7)),
            (-3, Some(date(13)))
        );
    }

    #[test]
    fn no_practice_means_no_streak() {
        assert_eq!(
            streaks(&PracticeDays::default(), date(1), &DaysOff::default()),
            Streaks::default()
        );
    }

    use crate::progress::{Event, EventKind, Progress, SCHEMA_VERSION};
    use chrono::Weekday;

    /// Folds `done` events for `days` on `dates` after a start on `start`.
    fn progress_of(
        plan: &str,
        start: NaiveDate,
        done: &[(&str, NaiveDate)],
        extra: Vec<Event>,
    ) -> Progress {
        let event = |n: usize, date: NaiveDate, kind: EventKind| Event {
            v: SCHEMA_VERSION,
            id: format!("e{n}"),
            at: chrono::DateTime::parse_from_rfc3339(&format!("{date}T09:00:00Z")).unwrap(),
            date,
            plan: plan.into(),
            pass: 1,
            clock: 0,
            dev: Default::default(),
            kind,
        };
        let mut events = vec![event(
            0,
            start,
            EventKind::Start {
                at_day: None,
                fresh: false,
                knew: Default::default(),
            },
        )];
        for (n, (day, date)) in done.iter().enumerate() {
            events.push(event(
                n + 1,
                *date,
                EventKind::Done {
                    day: (*day).into(),
                    title: Default::default(),
                    note: None,
                    minutes: None,
                    rating: None,
                },
            ));
        }
        events.extend(extra);
        events.sort_by_key(|e| e.date);
        Progress::fold(&events)
    }

    fn pause(date: NaiveDate, until: Option<NaiveDate>) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: format!("pause-{date}"),
            at: chrono::DateTime::parse_from_rfc3339(&format!("{date}T09:00:00Z")).unwrap(),
            date,
            plan: "p".into(),
            pass: 1,
            clock: 0,
            dev: Default::default(),
            kind: EventKind::Pause {
                until,
                reason: None,
            },
        }
    }

    fn ten_days() -> Curriculum {
        let mut text = String::from("# Ten days\n\n");
        for n in 1..=10 {
            text.push_str(&format!("## Day {n}: Topic {n}\n- read about {n}\n\n"));
        }
        crate::curriculum::parse::parse("p", &text)
    }

    fn weekday_plan() -> Curriculum {
        let text = "# Weekdays\n\n## Week 1: One\n\n### Monday\n- a\n\n### Tuesday\n- b\n\n### Wednesday\n- c\n\n### Thursday\n- d\n\n### Friday\n- e\n\n## Week 2: Two\n\n### Monday\n- f\n\n### Tuesday\n- g\n\n### Wednesday\n- h\n";
        crate::curriculum::parse::parse("p", text)
    }

    fn keys(plan: &Curriculum) -> Vec<String> {
        plan.days.iter().map(|d| d.key.clone()).collect()
    }

    // 2026-11-02 is a Monday.
    fn nov(d: u32) -> NaiveDate {
        date(d)
    }

    #[test]
    fn rest_days_neither_break_the_streak_nor_count_against_pace() {
        let plan = ten_days();
        let keys = keys(&plan);
        let rest = DaysOff {
            rest_days: vec![Weekday::Sat, Weekday::Sun],
            ..DaysOff::default()
        };
        // Monday to Friday done, the weekend off, Monday again.
        let done: Vec<(&str, NaiveDate)> = [2, 3, 4, 5, 6, 9]
            .iter()
            .zip(&keys)
            .map(|(d, k)| (k.as_str(), nov(*d)))
            .collect();
        let progress = progress_of("p", nov(2), &done, vec![]);
        let p = progress.plan("p").unwrap();
        let counts = Counts::of(&plan, Some(p));
        let dates = progress.practice_dates();
        assert_eq!(streaks(dates, nov(9), &rest).current, 6);
        assert_eq!(streaks(dates, nov(9), &DaysOff::default()).current, 1);
        assert_eq!(pace_days(&plan, p, &counts, nov(9), &rest), 0);
        assert_eq!(
            pace_days(&plan, p, &counts, nov(9), &DaysOff::default()),
            -2
        );
        // Sunday with Friday's day done: on track, not two days behind.
        let friday = progress_of("p", nov(2), &done[..5], vec![]);
        let f = friday.plan("p").unwrap();
        let counts = Counts::of(&plan, Some(f));
        assert_eq!(pace_days(&plan, f, &counts, nov(8), &rest), 0);
        assert_eq!(streaks(friday.practice_dates(), nov(8), &rest).current, 5);
        assert_eq!(
            forecast_finish(&plan, f, &counts, nov(9), &rest),
            Some(nov(13)),
            "five days left: Monday 9 to Friday 13"
        );
        assert_eq!(
            forecast_finish(&plan, f, &counts, nov(9), &DaysOff::default()),
            Some(nov(13)),
            "without rest days two behind: two days after the planned end, the 11th"
        );
    }

    #[test]
    fn a_pause_keeps_the_streak_and_the_pace_and_moves_the_forecast() {
        let plan = ten_days();
        let keys = keys(&plan);
        let done: Vec<(&str, NaiveDate)> = [2, 3, 4, 12]
            .iter()
            .zip(&keys)
            .map(|(d, k)| (k.as_str(), nov(*d)))
            .collect();
        // Paused from the 5th to the 11th: seven days.
        let events = vec![pause(nov(5), Some(nov(11)))];
        let progress = progress_of("p", nov(2), &done, events.clone());
        let p = progress.plan("p").unwrap();
        let counts = Counts::of(&plan, Some(p));
        let off = DaysOff::new(vec![], &progress.pause_events, nov(12));
        let none = DaysOff::default();
        assert_eq!(streaks(progress.practice_dates(), nov(12), &off).current, 4);
        assert_eq!(
            streaks(progress.practice_dates(), nov(12), &none).current,
            1
        );
        assert_eq!(pace_days(&plan, p, &counts, nov(12), &off), 0);
        assert_eq!(
            pace_days(&plan, p, &counts, nov(12), &none),
            -6,
            "eleven days expected, capped at the plan's ten"
        );
        // Six days left from the 13th, at the rate of the practice days (4 in 4).
        assert_eq!(
            forecast_finish(&plan, p, &counts, nov(12), &off),
            Some(nov(18))
        );

        // Before any progress after the pause, the forecast moves by its length.
        let before = progress_of("p", nov(2), &done[..3], vec![]);
        let b = before.plan("p").unwrap();
        let counts = Counts::of(&plan, Some(b));
        let planned = forecast_finish(&plan, b, &counts, nov(5), &none).unwrap();
        let paused = DaysOff::new(vec![], &events, nov(5));
        let moved = forecast_finish(&plan, b, &counts, nov(5), &paused).unwrap();
        assert_eq!(moved - planned, Duration::days(7));
    }

    #[test]
    fn a_weekday_plan_is_paced_by_its_weekdays() {
        let plan = weekday_plan();
        assert_eq!(weekday_rhythm(&plan), Some(vec![0, 1, 2, 3, 4, 7, 8, 9]));
        let none = DaysOff::default();
        // Started on Wednesday the 4th: its Monday falls on Monday the 9th.
        let progress = progress_of("p", nov(4), &[], vec![]);
        let p = progress.plan("p").unwrap();
        let laid = upcoming(&plan, Some(p), nov(4), &none);
        let first: Vec<(String, NaiveDate)> = laid
            .iter()
            .map(|(d, dates)| (d.key.clone(), dates[0]))
            .collect();
        assert_eq!(first[0].1, nov(9));
        assert_eq!(first[0].1.weekday(), Weekday::Mon);
        assert_eq!(first[5].1, nov(16));
        assert_eq!(first[7].1, nov(18));

        // Started on Monday the 2nd, the week done Monday to Friday: not behind on Sunday.
        let keys = keys(&plan);
        let done: Vec<(&str, NaiveDate)> = [2, 3, 4, 5, 6]
            .iter()
            .zip(&keys)
            .map(|(d, k)| (k.as_str(), nov(*d)))
            .collect();
        let progress = progress_of("p", nov(2), &done, vec![]);
        let p = progress.plan("p").unwrap();
        let counts = Counts::of(&plan, Some(p));
        assert_eq!(pace_days(&plan, p, &counts, nov(8), &none), 0);
        assert_eq!(
            pace_days(&plan, p, &counts, nov(10), &none),
            -1,
            "Monday the 9th missed"
        );
        assert_eq!(
            forecast_finish(&plan, p, &counts, nov(8), &none),
            Some(nov(11))
        );
        // A pause over Monday the 9th pushes the second week on by a week.
        let off = DaysOff::new(vec![], &[pause(nov(8), Some(nov(10)))], nov(8));
        assert_eq!(
            forecast_finish(&plan, p, &counts, nov(8), &off),
            Some(nov(18))
        );
        assert_eq!(pace_days(&plan, p, &counts, nov(12), &off), 0);
    }
}
