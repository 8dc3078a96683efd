//! The charts of the HTML review, each drawn from plain data into an `<svg>` with its title, and
//! a sentence that says in words what it shows (for screen readers, print and a quick read).
//!
//! Colours are CSS classes (`s0`..`s5` for series, `c0`..`c4` for the calendar's shades) that the
//! page's stylesheet maps to a colour-blind-safe palette, in light and in dark mode. This module
//! holds what the charts share: the frame and its axes, and the words of their summaries.

mod burn_up;
mod calendar;
mod review;
mod weekly;

pub(crate) use burn_up::{BurnUp, Off, burn_up};
pub(crate) use calendar::{Calendar, CalendarDay, calendar};
pub(crate) use review::{ReviewOutlook, again_share, reviews_due};
pub(crate) use weekly::{WeeklyMinutes, weekly_minutes};

use chrono::{Datelike, Duration, NaiveDate};

use super::svg::{Anchor, Scale, Svg, date_ticks, grouped};

/// Width of every chart's coordinate system; the page scales it to the column.
const WIDTH: f64 = 720.0;
/// Series colours there are classes for; more plans than this reuse them.
pub(crate) const SERIES: usize = 6;

/// A chart and the sentence under it.
pub(crate) struct Chart {
    pub svg: String,
    pub summary: String,
}

impl Chart {
    /// The finished chart, its summary also its `<desc>`.
    fn new(svg: Svg, id: &str, title: &str, summary: String) -> Chart {
        Chart {
            svg: svg.finish(id, title, &summary),
            summary,
        }
    }
}

/// A date of November 2026, for the charts' tests.
#[cfg(test)]
fn date(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// Space around a chart's plot area for its axes: left, right, top, bottom.
struct Frame {
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    height: f64,
}

impl Frame {
    const fn standard(height: f64) -> Frame {
        Frame {
            left: 44.0,
            right: 14.0,
            top: 24.0,
            bottom: 30.0,
            height,
        }
    }

    fn x_range(&self) -> (f64, f64) {
        (self.left, WIDTH - self.right)
    }

    fn y_range(&self) -> (f64, f64) {
        (self.height - self.bottom, self.top)
    }
}

/// Horizontal grid lines and labels at `values` (from 0 up, the last the top of the plot), and
/// the unit above them; returns the scale from those values to the plot.
fn y_axis(
    svg: &mut Svg,
    frame: &Frame,
    values: &[f64],
    unit: &str,
    label: impl Fn(f64) -> String,
) -> Scale {
    let top = values.last().copied().unwrap_or(1.0);
    let y = Scale::new((0.0, top), frame.y_range());
    for value in values {
        let at = y.at(*value);
        svg.line(frame.left, at, WIDTH - frame.right, at, "grid");
        svg.text(
            frame.left - 6.0,
            at + 4.0,
            Anchor::End,
            "tick",
            &label(*value),
        );
    }
    svg.text(4.0, frame.top - 12.0, Anchor::Start, "unit", unit);
    y
}

/// Date labels under the plot, at ticks that fit.
fn x_dates(
    svg: &mut Svg,
    frame: &Frame,
    from: NaiveDate,
    to: NaiveDate,
    x: impl Fn(NaiveDate) -> f64,
) {
    let bottom = frame.height - frame.bottom;
    for (date, label) in date_ticks(from, to, 8) {
        let at = x(date);
        svg.line(at, bottom, at, bottom + 4.0, "axis");
        // A label at the right edge ends there rather than running off the chart.
        let anchor = if at > WIDTH - 24.0 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        svg.text(at, bottom + 16.0, anchor, "tick", &label);
    }
    svg.line(frame.left, bottom, WIDTH - frame.right, bottom, "axis");
}

/// `1 h 5 min`, `45 min`.
pub(crate) fn duration(minutes: u64) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{} h", grouped(h)),
        (h, m) => format!("{} h {m} min", grouped(h)),
    }
}

/// The first of the greatest values and where it is, when it is above zero.
fn peak(values: impl Iterator<Item = u64>) -> Option<(usize, u64)> {
    values
        .enumerate()
        .max_by_key(|&(i, v)| (v, std::cmp::Reverse(i)))
        .filter(|&(_, v)| v > 0)
}

fn plural(n: u64, word: &str) -> String {
    format!("{} {word}{}", grouped(n), if n == 1 { "" } else { "s" })
}

/// The Monday of the week of `date`.
pub(crate) fn monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}
