//! Minutes logged per week, a bar a week stacked by plan.

use chrono::{Duration, NaiveDate};

use super::{Chart, Frame, SERIES, WIDTH, duration, peak, plural, x_dates, y_axis};
use crate::render::svg::{Scale, Svg, ticks};

/// Minutes logged per week, by plan.
#[derive(Debug, Clone)]
pub(crate) struct WeeklyMinutes {
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

pub(crate) fn weekly_minutes(id: &str, data: &WeeklyMinutes) -> Chart {
    let frame = Frame::standard(220.0);
    let totals: Vec<u64> = (0..data.weeks.len()).map(|i| data.week_total(i)).collect();
    let max = totals.iter().copied().max().unwrap_or(0);
    // Hours once a week holds more than a few.
    let (unit, per) = if max > 300 {
        ("hours a week", 60.0)
    } else {
        ("minutes a week", 1.0)
    };
    let mut svg = Svg::new(WIDTH, frame.height);
    let y = y_axis(&mut svg, &frame, &ticks(max as f64 / per, 4), unit, |v| {
        format!("{v}")
    });
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
            let (y0, y1) = (y.at(base as f64 / per), y.at((base + m) as f64 / per));
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
    Chart::new(svg, id, "Minutes logged per week, by plan", summary)
}
