//! Lines the text and Markdown reviews (and the page) say alike.

use chrono::Duration;

use crate::decide::status::{EarlierPass, PlanReview, StatusReport, heatmap_start};
use crate::render::text::{Paint, one_line, plural};

/// `deep-dive pass 1: 7/7 days done, 2026-11-01 to 2026-11-07`.
pub(super) fn earlier_pass_text(pass: &EarlierPass) -> String {
    let mut text = format!(
        "{} pass {}: {}/{} days done",
        pass.id, pass.pass, pass.days_done, pass.days_total
    );
    if pass.days_skipped > 0 {
        text.push_str(&format!(", {} skipped", pass.days_skipped));
    }
    if let (Some(from), Some(to)) = (pass.started, pass.last_active) {
        text.push_str(&format!(", {from} to {to}"));
    }
    text
}

/// How a row of the last days names what happened.
pub(super) fn status_word(event: &str) -> &'static str {
    if event == "done" { "done" } else { "skipped" }
}

/// `Rest days: sat, sun` and one line per pause in the window.
pub(super) fn days_off_lines(review: &StatusReport) -> Vec<String> {
    let mut lines = Vec::new();
    if !review.rest_days.is_empty() {
        lines.push(format!("Rest days: {}", review.rest_days.join(", ")));
    }
    for pause in &review.pauses {
        let mut line = format!("Paused {}", pause.from);
        match pause.last() {
            Some(last) if pause.current(review.today) => {
                line.push_str(&format!(" to {last} (now)"))
            }
            Some(last) => line.push_str(&format!(" to {last}")),
            None => line.push_str(" (now; `pymastery resume` ends it)"),
        }
        let days = plural(
            u32::try_from(pause.days_until(review.today)).unwrap_or(0),
            "day",
        );
        if pause.current(review.today) {
            line.push_str(&format!(", {days} so far"));
        } else {
            line.push_str(&format!(", {days}"));
        }
        if let Some(reason) = &pause.reason {
            line.push_str(&format!(": {}", one_line(reason)));
        }
        lines.push(line);
    }
    lines
}

/// `items ticked 3/10 · time logged 2 h 5 min` (`items ticked: …` with `colon`); only the time
/// for a plan whose days have no checkboxes to tick.
pub(super) fn tally_text(plan: &PlanReview, colon: &str) -> String {
    let time = format!("time logged{colon} {}", hours(plan.minutes_total));
    if plan.items_total == 0 {
        return time;
    }
    format!(
        "items ticked{colon} {}/{} · {time}",
        plan.items_checked, plan.items_total
    )
}

/// `2 h 5 min`.
fn hours(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Rows Monday to Sunday, one column a week, oldest first.
pub(super) fn heatmap(review: &StatusReport, weeks: u32, paint: Paint) -> String {
    let start = heatmap_start(review.today, weeks);
    let mut out = String::new();
    for (row, name) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .enumerate()
    {
        out.push_str(&format!("  {name} "));
        for week in 0..weeks {
            let date = start + Duration::days(i64::from(week) * 7 + row as i64);
            let cell = if date > review.today {
                " ".to_string()
            } else {
                match review.calendar.get(&date) {
                    Some(_) => paint.green("■"),
                    // A paused day was not missed.
                    None if review.pauses.iter().any(|p| p.covers(date, review.today)) => {
                        paint.dim("-")
                    }
                    None => paint.dim("·"),
                }
            };
            out.push_str(&cell);
            out.push(' ');
        }
        out.truncate(out.trim_end_matches(' ').len());
        out.push('\n');
    }
    out
}

/// `3 days (longest 12 days)`.
pub(super) fn streak_text(review: &StatusReport) -> String {
    format!(
        "{} (longest {})",
        plural(review.streak.current, "day"),
        plural(review.streak.longest, "day")
    )
}
