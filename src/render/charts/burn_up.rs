//! A plan's pass as a burn-up: days done over calendar days against the plan's own calendar.

use chrono::{Duration, NaiveDate};

use super::{Chart, Frame, WIDTH, plural, x_dates, y_axis};
use crate::render::svg::{Anchor, Scale, Svg, grouped, ticks};

/// A stretch of days off to shade: a pause, or a weekly rest day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Off {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub paused: bool,
}

/// One plan's pass as a burn-up: days finished over calendar days, against the plan's own
/// calendar.
#[derive(Debug, Clone)]
pub(crate) struct BurnUp {
    pub started: NaiveDate,
    pub today: NaiveDate,
    /// Days from the start point to the end of the plan.
    pub total: usize,
    /// The date each day was done, in order.
    pub done: Vec<NaiveDate>,
    /// The date each day was skipped (and not done), in order.
    pub skipped: Vec<NaiveDate>,
    /// The date each day is planned to be finished by, in order.
    pub planned: Vec<NaiveDate>,
    pub forecast: Option<NaiveDate>,
    pub off: Vec<Off>,
}

/// Cumulative counts as points: the count at the end of each date in `dates` (sorted), from 0
/// at `start`, held to `until`.
fn steps(
    dates: &[NaiveDate],
    start: f64,
    until: Option<f64>,
    x: &impl Fn(NaiveDate) -> f64,
    y: &Scale,
) -> Vec<(f64, f64)> {
    let mut points = vec![(start, y.at(0.0))];
    let mut count = 0usize;
    let mut i = 0;
    while i < dates.len() {
        let date = dates[i];
        while i < dates.len() && dates[i] == date {
            i += 1;
            count += 1;
        }
        points.push((x(date + Duration::days(1)), y.at(count as f64)));
    }
    if let Some(until) = until
        && points.last().is_some_and(|(last, _)| *last < until)
    {
        points.push((until, y.at(count as f64)));
    }
    points
}

pub(crate) fn burn_up(id: &str, title: &str, data: &BurnUp) -> Chart {
    let frame = Frame::standard(250.0);
    let end = [
        data.forecast,
        data.planned.last().copied(),
        Some(data.today),
    ]
    .into_iter()
    .flatten()
    .max()
    .unwrap_or(data.today)
    .max(data.started)
        + Duration::days(1);
    let days = (end - data.started).num_days().max(1) as f64;
    let xs = Scale::new((0.0, days), frame.x_range());
    let x = |date: NaiveDate| xs.at((date - data.started).num_days() as f64);
    let mut svg = Svg::new(WIDTH, frame.height);
    let (plot_top, plot_bottom) = (frame.top, frame.height - frame.bottom);
    days_off(&mut svg, data, &x, (plot_top, plot_bottom));
    let y = y_axis(
        &mut svg,
        &frame,
        &ticks(data.total as f64, 4),
        "days of the plan",
        |v| format!("{v}"),
    );
    x_dates(&mut svg, &frame, data.started, end, x);
    let today_end = x(data.today + Duration::days(1));
    svg.line(today_end, plot_top, today_end, plot_bottom, "today");
    // A chart that ends today has the mark's label inside it.
    let (label_x, anchor) = if today_end > WIDTH - 48.0 {
        (today_end - 3.0, Anchor::End)
    } else {
        (today_end + 3.0, Anchor::Start)
    };
    svg.text(label_x, plot_top + 9.0, anchor, "tick", "today");
    let start = x(data.started);
    svg.polyline(&steps(&data.planned, start, None, &x, &y), "planned");
    let covered = data.done.len() + data.skipped.len();
    if let Some(forecast) = data.forecast
        && covered < data.total
    {
        svg.polyline(
            &[
                (today_end, y.at(covered as f64)),
                (x(forecast + Duration::days(1)), y.at(data.total as f64)),
            ],
            "forecast",
        );
        svg.circle(
            x(forecast + Duration::days(1)),
            y.at(data.total as f64),
            3.5,
            "forecast-end",
        );
    }
    if !data.skipped.is_empty() {
        let mut finished: Vec<NaiveDate> = data.done.iter().chain(&data.skipped).copied().collect();
        finished.sort_unstable();
        svg.polyline(&steps(&finished, start, Some(today_end), &x, &y), "covered");
    }
    svg.polyline(&steps(&data.done, start, Some(today_end), &x, &y), "done");
    Chart::new(svg, id, title, summary(data, covered))
}

/// What the chart shows, in words, for a screen reader and the page's text.
fn summary(data: &BurnUp, covered: usize) -> String {
    let mut summary = format!(
        "{} of {} done since {}",
        grouped(data.done.len() as u64),
        plural(data.total as u64, "day"),
        data.started
    );
    if !data.skipped.is_empty() {
        summary.push_str(&format!(", {} skipped", grouped(data.skipped.len() as u64)));
    }
    let planned_by_today = data.planned.partition_point(|d| *d <= data.today);
    summary.push_str(&format!(
        "; the plan's calendar expected {} by today",
        grouped(planned_by_today as u64)
    ));
    match data.forecast {
        Some(date) if covered >= data.total => summary.push_str(&format!("; finished {date}")),
        Some(date) => summary.push_str(&format!("; at this pace it ends {date}")),
        None => {}
    }
    let paused: i64 = data
        .off
        .iter()
        .filter(|o| o.paused)
        .map(|o| (o.last - o.first).num_days() + 1)
        .sum();
    if paused > 0 {
        summary.push_str(&format!(
            "; {} paused",
            plural(u64::try_from(paused).unwrap_or(0), "day")
        ));
    }
    summary.push('.');
    summary
}

/// A band over each rest day and pause.
fn days_off(
    svg: &mut Svg,
    data: &BurnUp,
    x: &impl Fn(NaiveDate) -> f64,
    (top, bottom): (f64, f64),
) {
    for off in &data.off {
        let (from, to) = (x(off.first), x(off.last + Duration::days(1)));
        let class = if off.paused { "paused" } else { "rest" };
        let tip = if off.paused {
            format!("paused {} to {}", off.first, off.last)
        } else {
            format!("rest day {}", off.first)
        };
        svg.rect(from, top, to - from, bottom - top, class, Some(&tip));
    }
}

#[cfg(test)]
mod tests {
    use super::super::date;
    use super::*;

    #[test]
    fn burn_up_says_what_it_draws() {
        let data = BurnUp {
            started: date(2),
            today: date(6),
            total: 10,
            done: vec![date(2), date(3), date(5)],
            skipped: vec![date(4)],
            planned: (2..=11).map(date).collect(),
            forecast: Some(date(12)),
            off: vec![Off {
                first: date(7),
                last: date(8),
                paused: true,
            }],
        };
        let chart = burn_up("b", "Burn-up of <Plan>", &data);
        assert_eq!(
            chart.summary,
            "3 of 10 days done since 2026-11-02, 1 skipped; the plan's calendar expected 5 by today; at this pace it ends 2026-11-12; 2 days paused."
        );
        assert!(
            chart
                .svg
                .contains(r#"<title id="b-t">Burn-up of &lt;Plan&gt;</title>"#)
        );
        for class in ["done", "covered", "planned", "forecast", "paused"] {
            assert!(
                chart.svg.contains(&format!(r#"class="{class}""#)),
                "{class}"
            );
        }
    }
}
