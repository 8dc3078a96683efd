//! A year of practice, a square a day shaded by minutes, with the streaks marked.

use chrono::{Datelike, NaiveDate};

use super::{Chart, WIDTH, duration, plural};
use crate::render::svg::{Anchor, Svg, grouped};

/// One square of the practice calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CalendarDay {
    pub date: NaiveDate,
    pub practised: bool,
    /// Minutes logged that day; `None` where the events read do not reach.
    pub minutes: Option<u32>,
    /// A rest day or a paused day.
    pub off: bool,
}

/// A year of practice, a square a day, with the streaks marked.
#[derive(Debug, Clone)]
pub(crate) struct Calendar {
    /// Every day from a Monday to today.
    pub days: Vec<CalendarDay>,
    pub current: u32,
    pub longest: u32,
    /// The days of the current and of the longest run (first, last), where there is one.
    pub current_run: Option<(NaiveDate, NaiveDate)>,
    pub longest_run: Option<(NaiveDate, NaiveDate)>,
}

/// The shade of a day: `c0` none, `c1`..`c4` by minutes, `cq` practised but minutes not read.
pub(crate) fn shade(day: &CalendarDay) -> &'static str {
    match (day.practised, day.minutes) {
        (false, _) if day.off => "c0 off",
        (false, _) => "c0",
        (true, None) => "cq",
        (true, Some(m)) if m < 20 => "c1",
        (true, Some(m)) if m < 40 => "c2",
        (true, Some(m)) if m < 60 => "c3",
        (true, Some(_)) => "c4",
    }
}

pub(crate) fn calendar(id: &str, data: &Calendar) -> Chart {
    const CELL: f64 = 12.0;
    const STEP: f64 = 13.5;
    let (left, top) = (34.0, 18.0);
    let first = data
        .days
        .first()
        .map_or_else(NaiveDate::default, |d| d.date);
    let weeks = data.days.len().div_ceil(7) as f64;
    let width = (left + weeks * STEP + 24.0).max(WIDTH);
    let mut svg = Svg::new(width, top + 7.0 * STEP + 6.0);
    for (row, name) in [(0, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
        svg.text(
            left - 6.0,
            top + row as f64 * STEP + 10.0,
            Anchor::End,
            "tick",
            name,
        );
    }
    let within = |run: Option<(NaiveDate, NaiveDate)>, date: NaiveDate| {
        run.is_some_and(|(a, b)| (a..=b).contains(&date))
    };
    for (i, day) in data.days.iter().enumerate() {
        let (col, row) = ((i / 7) as f64, (i % 7) as f64);
        let (x, y) = (left + col * STEP, top + row * STEP);
        if day.date.day() == 1 || i == 0 && day.date.day() < 8 {
            let label = if day.date.month() == 1 {
                day.date.format("%Y").to_string()
            } else {
                day.date.format("%b").to_string()
            };
            svg.text(x, top - 6.0, Anchor::Start, "tick", &label);
        }
        let mut class = shade(day).to_string();
        if within(data.current_run, day.date) {
            class.push_str(" now");
        } else if within(data.longest_run, day.date) {
            class.push_str(" best");
        }
        let tip = match (day.practised, day.minutes) {
            (true, Some(m)) => format!("{}: {}", day.date, duration(u64::from(m))),
            (true, None) => format!("{}: practised", day.date),
            (false, _) if day.off => format!("{}: day off", day.date),
            (false, _) => format!("{}: no practice", day.date),
        };
        svg.rect(x, y, CELL, CELL, &class, Some(&tip));
    }
    let practised = data.days.iter().filter(|d| d.practised).count() as u64;
    let mut summary = format!(
        "Practised on {} of the {} days since {}; current streak {}",
        grouped(practised),
        grouped(data.days.len() as u64),
        first,
        plural(u64::from(data.current), "day")
    );
    if let Some((a, _)) = data.current_run
        && data.current > 0
    {
        summary.push_str(&format!(" (since {a})"));
    }
    summary.push_str(&format!(
        ", longest {}",
        plural(u64::from(data.longest), "day")
    ));
    if let Some((a, b)) = data.longest_run {
        summary.push_str(&format!(" ({a} to {b})"));
    }
    summary.push('.');
    let unread = data.days.iter().any(|d| d.practised && d.minutes.is_none());
    if unread && let Some(day) = data.days.iter().find(|d| d.minutes.is_some()) {
        summary.push_str(&format!(
            " Minutes are shaded from {} on, the days this page read; a longer --weeks reads further back.",
            day.date
        ));
    }
    Chart::new(
        svg,
        id,
        "Practice calendar: a square a day, shaded by minutes",
        summary,
    )
}

#[cfg(test)]
mod tests {
    use super::super::date;
    use super::*;

    #[test]
    fn calendar_shades_by_minutes_and_says_when_they_were_not_read() {
        let day = |practised, minutes, off| CalendarDay {
            date: date(1),
            practised,
            minutes,
            off,
        };
        let shades: Vec<&str> = [
            day(false, Some(0), false),
            day(false, Some(0), true),
            day(true, None, false),
            day(true, Some(0), false),
            day(true, Some(20), false),
            day(true, Some(59), false),
            day(true, Some(60), false),
        ]
        .iter()
        .map(shade)
        .collect();
        assert_eq!(shades, ["c0", "c0 off", "cq", "c1", "c2", "c3", "c4"]);
    }
}
