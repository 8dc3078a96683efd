//! The charts of the HTML review, each drawn from plain data into an `<svg>` with its title, and
//! a sentence that says in words what it shows (for screen readers, print and a quick read).
//!
//! Colours are CSS classes (`s0`..`s5` for series, `c0`..`c4` for the calendar's shades) that the
//! page's stylesheet maps to a colour-blind-safe palette, in light and in dark mode.

use chrono::{Datelike, Duration, NaiveDate};

use super::svg::{Anchor, Scale, Svg, date_ticks, grouped, ticks};

/// Width of every chart's coordinate system; the page scales it to the column.
const WIDTH: f64 = 720.0;
/// Series colours there are classes for; more plans than this reuse them.
pub const SERIES: usize = 6;

/// A chart and the sentence under it.
pub struct Chart {
    pub svg: String,
    pub summary: String,
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

/// Horizontal grid lines and labels at round values from 0 to `max`, and the unit above them.
fn y_axis(svg: &mut Svg, frame: &Frame, max: f64, unit: &str, label: impl Fn(f64) -> String) {
    let values = ticks(max, 4);
    let top = values.last().copied().unwrap_or(1.0);
    let y = Scale::new((0.0, top), frame.y_range());
    for value in &values {
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
}

/// The top of the y axis for `max`: the last round tick.
fn y_top(max: f64) -> f64 {
    ticks(max, 4).last().copied().unwrap_or(1.0)
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
pub fn duration(minutes: u64) -> String {
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

/// A stretch of days off to shade: a pause, or a weekly rest day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Off {
    pub first: NaiveDate,
    pub last: NaiveDate,
    pub paused: bool,
}

/// One plan's pass as a burn-up: days finished over calendar days, against the plan's own
/// calendar.
#[derive(Debug, Clone)]
pub struct BurnUp {
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

pub fn burn_up(id: &str, title: &str, data: &BurnUp) -> Chart {
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
    let top = y_top(data.total as f64);
    let y = Scale::new((0.0, top), frame.y_range());
    let mut svg = Svg::new(WIDTH, frame.height);
    let (plot_top, plot_bottom) = (frame.top, frame.height - frame.bottom);
    for off in &data.off {
        let (from, to) = (x(off.first), x(off.last + Duration::days(1)));
        let class = if off.paused { "paused" } else { "rest" };
        let tip = if off.paused {
            format!("paused {} to {}", off.first, off.last)
        } else {
            format!("rest day {}", off.first)
        };
        svg.rect(
            from,
            plot_top,
            to - from,
            plot_bottom - plot_top,
            class,
            Some(&tip),
        );
    }
    y_axis(
        &mut svg,
        &frame,
        data.total as f64,
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
    Chart {
        svg: svg.finish(id, title, &summary),
        summary,
    }
}

/// Minutes logged per week, by plan.
#[derive(Debug, Clone)]
pub struct WeeklyMinutes {
    /// The Monday of each week, in order.
    pub weeks: Vec<NaiveDate>,
    /// Per plan id, the minutes of each week.
    pub plans: Vec<(String, Vec<u32>)>,
}

impl WeeklyMinutes {
    fn week_total(&self, i: usize) -> u64 {
        self.plans
            .iter()
            .map(|(_, m)| u64::from(m.get(i).copied().unwrap_or(0)))
            .sum()
    }
}

pub fn weekly_minutes(id: &str, data: &WeeklyMinutes) -> Chart {
    let frame = Frame::standard(220.0);
    let totals: Vec<u64> = (0..data.weeks.len()).map(|i| data.week_total(i)).collect();
    let max = totals.iter().copied().max().unwrap_or(0);
    // Hours once a week holds more than a few.
    let (unit, per) = if max > 300 {
        ("hours a week", 60.0)
    } else {
        ("minutes a week", 1.0)
    };
    let top = y_top(max as f64 / per) * per;
    let y = Scale::new((0.0, top), frame.y_range());
    let mut svg = Svg::new(WIDTH, frame.height);
    y_axis(&mut svg, &frame, max as f64 / per, unit, |v| format!("{v}"));
    let first = data.weeks.first().copied().unwrap_or_default();
    let last = data.weeks.last().copied().unwrap_or(first) + Duration::days(7);
    let days = (last - first).num_days().max(1) as f64;
    let xs = Scale::new((0.0, days), frame.x_range());
    let x = |date: NaiveDate| xs.at((date - first).num_days() as f64);
    let slot = xs.at(7.0) - xs.at(0.0);
    let bar = (slot * 0.8).max(0.5);
    for (i, week) in data.weeks.iter().enumerate() {
        let mut base = 0u64;
        for (n, (plan, minutes)) in data.plans.iter().enumerate() {
            let m = u64::from(minutes.get(i).copied().unwrap_or(0));
            if m == 0 {
                continue;
            }
            let (y0, y1) = (y.at(base as f64), y.at((base + m) as f64));
            svg.rect(
                x(*week) + (slot - bar) / 2.0,
                y1,
                bar,
                y0 - y1,
                &format!("s{}", n % SERIES),
                Some(&format!("week of {week}: {plan} {}", duration(m))),
            );
            base += m;
        }
    }
    x_dates(&mut svg, &frame, first, last, x);
    let total: u64 = totals.iter().sum();
    let weeks = data.weeks.len() as u64;
    let mut summary = format!(
        "{} logged in {}, {} a week on average",
        duration(total),
        plural(weeks, "week"),
        duration(total / weeks.max(1))
    );
    if let Some((i, most)) = peak(totals.iter().copied()) {
        summary.push_str(&format!(
            "; the most in the week of {} ({})",
            data.weeks[i],
            duration(most)
        ));
    }
    summary.push('.');
    Chart {
        svg: svg.finish(id, "Minutes logged per week, by plan", &summary),
        summary,
    }
}

/// One square of the practice calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub practised: bool,
    /// Minutes logged that day; `None` where the events read do not reach.
    pub minutes: Option<u32>,
    /// A rest day or a paused day.
    pub off: bool,
}

/// A year of practice, a square a day, with the streaks marked.
#[derive(Debug, Clone)]
pub struct Calendar {
    /// Every day from a Monday to today.
    pub days: Vec<CalendarDay>,
    pub current: u32,
    pub longest: u32,
    /// The days of the current and of the longest run (first, last), where there is one.
    pub current_run: Option<(NaiveDate, NaiveDate)>,
    pub longest_run: Option<(NaiveDate, NaiveDate)>,
}

/// The shade of a day: `c0` none, `c1`..`c4` by minutes, `cq` practised but minutes not read.
pub fn shade(day: &CalendarDay) -> &'static str {
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

pub fn calendar(id: &str, data: &Calendar) -> Chart {
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
    Chart {
        svg: svg.finish(
            id,
            "Practice calendar: a square a day, shaded by minutes",
            &summary,
        ),
        summary,
    }
}

/// Spaced review: what falls due, and how well things stick.
#[derive(Debug, Clone)]
pub struct ReviewOutlook {
    pub today: NaiveDate,
    /// Days due on each of the next days, today first (today's count includes the overdue).
    pub due: Vec<usize>,
    /// Of today's count, how many were due before today.
    pub overdue: usize,
    /// Per week (its Monday): reviews rated `again`, and reviews in all.
    pub weeks: Vec<(NaiveDate, usize, usize)>,
}

pub fn reviews_due(id: &str, data: &ReviewOutlook) -> Chart {
    let frame = Frame::standard(200.0);
    let max = data.due.iter().copied().max().unwrap_or(0);
    let top = y_top(max as f64);
    let y = Scale::new((0.0, top), frame.y_range());
    let mut svg = Svg::new(WIDTH, frame.height);
    y_axis(&mut svg, &frame, max as f64, "days due", |v| format!("{v}"));
    let n = data.due.len().max(1) as f64;
    let xs = Scale::new((0.0, n), frame.x_range());
    let x = |date: NaiveDate| xs.at((date - data.today).num_days() as f64);
    let slot = xs.at(1.0) - xs.at(0.0);
    for (i, count) in data.due.iter().enumerate() {
        let date = data.today + Duration::days(i as i64);
        let (x0, y1) = (xs.at(i as f64) + slot * 0.1, y.at(*count as f64));
        if *count == 0 {
            continue;
        }
        if i == 0 && data.overdue > 0 {
            let y0 = y.at(data.overdue as f64);
            svg.rect(
                x0,
                y0,
                slot * 0.8,
                y.at(0.0) - y0,
                "s3",
                Some(&format!("{} overdue", data.overdue)),
            );
            svg.rect(
                x0,
                y1,
                slot * 0.8,
                y0 - y1,
                "s0",
                Some(&format!("{date}: {count} due")),
            );
        } else {
            svg.rect(
                x0,
                y1,
                slot * 0.8,
                y.at(0.0) - y1,
                "s0",
                Some(&format!("{date}: {count} due")),
            );
        }
    }
    x_dates(
        &mut svg,
        &frame,
        data.today,
        data.today + Duration::days(data.due.len() as i64),
        x,
    );
    let total: usize = data.due.iter().sum();
    let mut summary = format!(
        "{} due for review in the next {} days",
        plural(total as u64, "day"),
        data.due.len()
    );
    if data.overdue > 0 {
        summary.push_str(&format!(
            ", {} of them overdue today",
            grouped(data.overdue as u64)
        ));
    }
    if let Some((i, most)) = peak(data.due.iter().map(|n| *n as u64)) {
        summary.push_str(&format!(
            "; the busiest day is {} ({})",
            data.today + Duration::days(i as i64),
            grouped(most)
        ));
    }
    summary.push('.');
    Chart {
        svg: svg.finish(id, "Reviews due per day, next 30 days", &summary),
        summary,
    }
}

pub fn again_share(id: &str, data: &ReviewOutlook) -> Chart {
    let frame = Frame::standard(200.0);
    let y = Scale::new((0.0, 100.0), frame.y_range());
    let mut svg = Svg::new(WIDTH, frame.height);
    for value in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let at = y.at(value);
        svg.line(frame.left, at, WIDTH - frame.right, at, "grid");
        svg.text(
            frame.left - 6.0,
            at + 4.0,
            Anchor::End,
            "tick",
            &format!("{value}%"),
        );
    }
    svg.text(4.0, frame.top - 12.0, Anchor::Start, "unit", "rated again");
    let first = data.weeks.first().map_or(data.today, |w| w.0);
    let last = data.weeks.last().map_or(data.today, |w| w.0) + Duration::days(7);
    let days = (last - first).num_days().max(1) as f64;
    let xs = Scale::new((0.0, days), frame.x_range());
    let x = |date: NaiveDate| xs.at((date - first).num_days() as f64);
    let slot = xs.at(7.0) - xs.at(0.0);
    for (week, again, total) in &data.weeks {
        if *total == 0 {
            continue;
        }
        let share = *again as f64 * 100.0 / *total as f64;
        let y1 = y.at(share);
        let tip = format!("week of {week}: {again} of {total} rated again ({share:.0}%)");
        // A thin mark at zero, so that a week of reviews with none again still shows.
        let height = (y.at(0.0) - y1).max(1.5);
        svg.rect(
            x(*week) + slot * 0.1,
            y.at(0.0) - height,
            slot * 0.8,
            height,
            "s1",
            Some(&tip),
        );
    }
    x_dates(&mut svg, &frame, first, last, x);
    let (again, total) = data
        .weeks
        .iter()
        .fold((0, 0), |(a, t), (_, again, total)| (a + again, t + total));
    let reviewed = data.weeks.iter().filter(|w| w.2 > 0).count();
    let summary = if total == 0 {
        "No review was rated in these weeks.".to_string()
    } else {
        format!(
            "{} of {} rated again ({:.0}%) over {} with reviews.",
            grouped(again as u64),
            plural(total as u64, "review"),
            again as f64 * 100.0 / total as f64,
            plural(reviewed as u64, "week")
        )
    };
    Chart {
        svg: svg.finish(id, "Share of reviews rated again, per week", &summary),
        summary,
    }
}

/// The Monday of the week of `date`.
pub fn monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

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
