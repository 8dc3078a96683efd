//! Spaced review: the days due ahead, and the share of reviews rated `again` per week.

use chrono::{Duration, NaiveDate};

use super::{Chart, Frame, WIDTH, peak, plural, x_dates, y_axis};
use crate::render::svg::{Scale, Svg, grouped, ticks};

/// Spaced review: what falls due, and how well things stick.
#[derive(Debug, Clone)]
pub(crate) struct ReviewOutlook {
    pub today: NaiveDate,
    /// Days due on each of the next days, today first (today's count includes the overdue).
    pub due: Vec<usize>,
    /// Of today's count, how many were due before today.
    pub overdue: usize,
    /// Per week (its Monday): reviews rated `again`, and reviews in all.
    pub weeks: Vec<(NaiveDate, usize, usize)>,
}

pub(crate) fn reviews_due(id: &str, data: &ReviewOutlook) -> Chart {
    let frame = Frame::standard(200.0);
    let max = data.due.iter().copied().max().unwrap_or(0);
    let mut svg = Svg::new(WIDTH, frame.height);
    let y = y_axis(&mut svg, &frame, &ticks(max as f64, 4), "days due", |v| {
        format!("{v}")
    });
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
    Chart::new(svg, id, "Reviews due per day, next 30 days", summary)
}

pub(crate) fn again_share(id: &str, data: &ReviewOutlook) -> Chart {
    let frame = Frame::standard(200.0);
    let mut svg = Svg::new(WIDTH, frame.height);
    let y = y_axis(
        &mut svg,
        &frame,
        &[0.0, 25.0, 50.0, 75.0, 100.0],
        "rated again",
        |v| format!("{v}%"),
    );
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
    Chart::new(svg, id, "Share of reviews rated again, per week", summary)
}
