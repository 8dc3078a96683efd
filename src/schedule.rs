//! Position, pace, forecast and streaks: the schedule computed from a plan and its progress.
//!
//! Pure functions over the model and the folded progress; the clock's date comes in as an
//! argument so every rule is tested with fixed dates.

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use serde::Serialize;

use crate::curriculum::keys::Here;
use crate::curriculum::{Curriculum, Day, PhaseKind};
use crate::progress::PlanProgress;

/// Days before this ordinal were passed over by `start --at`: neither done nor due.
pub fn first_ordinal(plan: &Curriculum, progress: Option<&PlanProgress>) -> usize {
    progress
        .and_then(|p| p.start_at.as_deref())
        .and_then(|key| plan.day(key))
        .map_or(1, |d| d.ordinal)
}

/// The current day: the first day (from the start point) neither done nor skipped.
/// `None` when the plan is finished.
pub fn current_day<'a>(plan: &'a Curriculum, progress: Option<&PlanProgress>) -> Option<&'a Day> {
    let first = first_ordinal(plan, progress);
    plan.days.iter().skip(first - 1).find(|day| {
        progress
            .and_then(|p| p.day(&day.key))
            .is_none_or(|state| !state.is_finished())
    })
}

/// What `today` and `next` mean: the day practised today (else the current day), and the
/// unfinished day after it. The night after a session, `next` is tomorrow's day.
pub fn here<'a>(
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
pub struct Counts {
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
    pub fn of(plan: &Curriculum, progress: Option<&PlanProgress>) -> Counts {
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
            counts.items_checked += state
                .checked
                .iter()
                .filter(|n| **n <= day.items.len())
                .count();
            counts.minutes_total = counts.minutes_total.saturating_add(state.minutes);
        }
        counts
    }

    /// Percentage of days done, rounded down.
    pub fn percent(&self) -> u32 {
        if self.days_total == 0 {
            return 0;
        }
        u32::try_from(self.days_done * 100 / self.days_total).unwrap_or(100)
    }

    pub fn finished(&self) -> bool {
        self.days_total > 0 && self.days_done + self.days_skipped >= self.days_total
    }
}

/// Calendar days the plan expects to be covered by `today`, counted from its start.
///
/// Today counts once something was done today: a day not yet practised is not behind.
fn expected_span(progress: &PlanProgress, today: NaiveDate, span_total: u32) -> i64 {
    let elapsed = (today - progress.started).num_days().max(0);
    let practised_today = progress
        .days
        .values()
        .any(|d| d.done == Some(today) || d.skipped == Some(today));
    (elapsed + i64::from(practised_today)).min(i64::from(span_total))
}

/// Days ahead (positive) or behind (negative) the one-day-a-day calendar.
pub fn pace_days(progress: &PlanProgress, counts: &Counts, today: NaiveDate) -> i64 {
    i64::from(counts.span_covered) - expected_span(progress, today, counts.span_total)
}

/// The date the plan will be finished if it goes on one calendar day a day from here.
///
/// What is left (calendar days not yet done or skipped) is practised from today on, or from
/// tomorrow once something was done today: today is not counted before it is practised. On
/// track therefore means the planned end (start + calendar days − 1); each day behind moves
/// it a day later, each day ahead a day earlier. A finished plan reports the day it finished.
pub fn forecast_finish(
    progress: &PlanProgress,
    counts: &Counts,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let remaining = counts.span_total.saturating_sub(counts.span_covered);
    if remaining == 0 {
        return progress
            .days
            .values()
            .filter_map(|d| d.done.or(d.skipped))
            .max();
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
    first.checked_add_signed(Duration::days(i64::from(remaining) - 1))
}

/// Current and longest run of consecutive practice dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Streaks {
    pub current: u32,
    pub longest: u32,
}

/// Streaks over the dates something was done. Today not yet practised keeps yesterday's streak.
pub fn streaks(dates: &BTreeSet<NaiveDate>, today: NaiveDate) -> Streaks {
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<NaiveDate> = None;
    for &date in dates.iter().filter(|d| **d <= today) {
        run = match previous {
            Some(p) if date - p == Duration::days(1) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(date);
    }
    let current = match previous {
        Some(last) if last == today || last == today - Duration::days(1) => run,
        _ => 0,
    };
    Streaks { current, longest }
}

/// Where a day sits in the plan: cycle, week, day n of m, depth level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Position {
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

/// A phase as `--json` shows it in a position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhaseRef {
    pub number: Option<u32>,
    pub label: String,
    pub title: String,
}

impl Position {
    pub fn of(plan: &Curriculum, day: &Day) -> Position {
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
        // Days are numbered as the plan numbers them: after `Day 4.1`, `Day 5` is day 5.
        if let Some(number) = label_number(&day.label) {
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
    pub fn describe(&self) -> String {
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

/// The depth level a plan assigns to a cycle, from lines like `**Level 2** (Cycles 3-4): ...`.
pub fn level_for_cycle(plan: &Curriculum, cycle: u32) -> Option<String> {
    plan.sections
        .iter()
        .flat_map(|s| &s.items)
        .find_map(|item| {
            let text = item.text.replace('*', "");
            let level = text.strip_prefix("Level ")?;
            let level_number: u32 = level
                .split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse()
                .ok()?;
            let cycles = text
                .split_once("Cycle")?
                .1
                .trim_start_matches('s')
                .trim_start();
            let digits = |s: &str| -> Option<u32> {
                s.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
            };
            let low = digits(cycles)?;
            let rest = cycles.trim_start_matches(|c: char| c.is_ascii_digit());
            let high = if rest.starts_with('+') {
                u32::MAX
            } else {
                rest.trim_start_matches(['-', '–', ' '])
                    .get(..)
                    .and_then(digits)
                    .unwrap_or(low)
            };
            (low..=high)
                .contains(&cycle)
                .then(|| format!("Level {level_number}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn a_missed_day_breaks_the_streak() {
        let dates: BTreeSet<NaiveDate> = [1, 2, 3, 4, 6].into_iter().map(date).collect();
        assert_eq!(
            streaks(&dates, date(6)),
            Streaks {
                current: 1,
                longest: 4
            }
        );
    }

    #[test]
    fn today_not_yet_practised_keeps_the_streak() {
        let dates: BTreeSet<NaiveDate> = [6, 7].into_iter().map(date).collect();
        assert_eq!(streaks(&dates, date(8)).current, 2);
        assert_eq!(streaks(&dates, date(9)).current, 0);
    }

    /// A ten-day plan started on the 1st with days 1..=done marked done, one a day.
    fn ten_days(done: u32) -> (PlanProgress, Counts) {
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

    #[test]
    fn on_track_forecasts_the_planned_end_before_and_after_practice() {
        // Morning of the 4th, three days done: on track, not yet practised today.
        let (progress, counts) = ten_days(3);
        assert_eq!(pace_days(&progress, &counts, date(4)), 0);
        assert_eq!(forecast_finish(&progress, &counts, date(4)), Some(date(10)));
        // Evening of the 4th, the fourth day done.
        let (progress, counts) = ten_days(4);
        assert_eq!(pace_days(&progress, &counts, date(4)), 0);
        assert_eq!(forecast_finish(&progress, &counts, date(4)), Some(date(10)));
    }

    #[test]
    fn each_day_behind_moves_the_forecast_a_day() {
        let (progress, counts) = ten_days(3);
        assert_eq!(pace_days(&progress, &counts, date(6)), -2);
        assert_eq!(forecast_finish(&progress, &counts, date(6)), Some(date(12)));
        // The 6th passes without practice: the morning of the 7th is a day further behind,
        // and practising on the 7th leaves the forecast where the morning put it.
        assert_eq!(pace_days(&progress, &counts, date(7)), -3);
        assert_eq!(forecast_finish(&progress, &counts, date(7)), Some(date(13)));
        let (mut progress, counts) = ten_days(4);
        if let Some(d4) = progress.days.get_mut("d4") {
            d4.done = Some(date(7));
        }
        assert_eq!(pace_days(&progress, &counts, date(7)), -3);
        assert_eq!(forecast_finish(&progress, &counts, date(7)), Some(date(13)));
    }

    #[test]
    fn no_practice_means_no_streak() {
        assert_eq!(streaks(&BTreeSet::new(), date(1)), Streaks::default());
    }
}
