//! `status`: the weekly review: progress, pace, streaks, the last days, reflections, a heat map.

mod output;
mod page;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use serde_json::json;

use super::Context;
use crate::cli::{ReviewFormat, StatusArgs};
use crate::curriculum::catalog::load_entry;
use crate::decide::entry::Entry;
use crate::error::bad_input;
use crate::progress::{Event, EventKind};
use crate::render::text::{
    Paint, day_name, describe_pace, excerpt, one_line, plain_inline, plural, progress_bar,
    title_beyond_key,
};
use crate::render::width::{Column, Table as TextTable, wrap_hanging};
use crate::render::write_json;
use crate::rest::Pause;
use crate::schedule::{self, Counts, Position, Streaks};

/// How many reflections the review quotes.
const REFLECTIONS: usize = 5;
/// Days in the recent-days table.
const RECENT_DAYS: i64 = 7;
/// Most weeks the heat map shows.
const MAX_WEEKS: u32 = 520;

/// One plan's line in the review.
#[derive(Debug, Serialize)]
struct PlanReview {
    id: String,
    title: String,
    pass: u32,
    started: NaiveDate,
    days_done: usize,
    days_skipped: usize,
    days_total: usize,
    percent: u32,
    current_day: Option<String>,
    current_title: Option<String>,
    position: Option<String>,
    pace_days: i64,
    forecast_finish: Option<NaiveDate>,
    items_checked: usize,
    items_total: usize,
    minutes_total: u32,
    finished: bool,
}

/// A day done or skipped in the last week, with how many of its items were ticked.
#[derive(Debug, Serialize)]
struct Recent {
    #[serde(flatten)]
    entry: Entry,
    items_ticked: usize,
}

/// Spaced review in the week behind and the week ahead.
#[derive(Debug, Serialize)]
struct Reviews {
    /// Days that have a review schedule (every day done).
    scheduled: usize,
    done_last_7_days: usize,
    /// What the daily cap asks for today, and what waits beyond it (as `today` and `review`).
    #[serde(flatten)]
    due: crate::review::DueToday,
    /// Days whose review date comes in the next 7 days.
    coming_next_7_days: usize,
}

impl Reviews {
    fn of(
        ctx: &Context,
        progress: &crate::progress::Progress,
        today: NaiveDate,
    ) -> anyhow::Result<Reviews> {
        let outlook = progress.reviews.outlook();
        let week_ahead = today + Duration::days(RECENT_DAYS);
        let due_now = outlook.due_by(today);
        Ok(Reviews {
            scheduled: outlook.scheduled(),
            done_last_7_days: ctx.reviews_between(
                progress,
                today - Duration::days(RECENT_DAYS - 1),
                today,
            )?,
            due: ctx.due_today(progress, due_now)?,
            coming_next_7_days: outlook.due_by(week_ahead) - due_now,
        })
    }

    /// `Reviews: 3 due today · 12 in the backlog · 2 done in the last 7 days · 4 coming in the
    /// next 7 days`.
    fn line(&self) -> Option<String> {
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

/// The whole review, computed once and rendered as text, Markdown or JSON.
#[derive(Debug, Serialize)]
struct Review {
    today: NaiveDate,
    plans: Vec<PlanReview>,
    streak: Streaks,
    recent: Vec<Recent>,
    reflections: Vec<Entry>,
    /// Days with practice in the heat-map window, and how many days were done on each.
    calendar: BTreeMap<NaiveDate, usize>,
    /// With `--all`: plans never started.
    not_started: Vec<NotStarted>,
    /// With `--all`: passes begun anew with `start --fresh`, oldest first.
    earlier_passes: Vec<EarlierPass>,
    /// The weekly rest days.
    rest_days: Vec<String>,
    /// Pauses that overlap the heat-map window.
    pauses: Vec<Pause>,
    /// Spaced review: done in the last 7 days, due today and the backlog, coming in the next 7.
    reviews: Reviews,
    #[serde(skip)]
    weeks: u32,
}

/// A plan never started, as `status --all` lists it.
#[derive(Debug, Serialize)]
struct NotStarted {
    id: String,
    title: String,
    days: usize,
}

/// A pass of a plan before its current one.
#[derive(Debug, Serialize)]
struct EarlierPass {
    id: String,
    pass: u32,
    started: Option<NaiveDate>,
    last_active: Option<NaiveDate>,
    days_done: usize,
    days_skipped: usize,
    days_total: usize,
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

pub fn run(ctx: &Context, args: &StatusArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if args.weeks == 0 || args.weeks > MAX_WEEKS {
        return Err(bad_input(format!(
            "--weeks {} is out of range (1 to {MAX_WEEKS})",
            args.weeks
        )));
    }
    let target = args.output.as_deref().map(output::target).transpose()?;
    let (review, progress) = build(ctx, args)?;
    let mut written = Vec::new();
    let out: &mut dyn Write = if target.is_some() { &mut written } else { out };
    if ctx.json {
        write_json(out, &json!(review))?;
    } else {
        match args.format {
            ReviewFormat::Md => markdown(&review, out)?,
            ReviewFormat::Html => page::write(ctx, &review, &progress, out)?,
            // A file gets no colour, whatever the terminal does.
            ReviewFormat::Text => {
                let paint = Paint {
                    enabled: ctx.color && target.is_none(),
                };
                text(ctx, &review, paint, out)?
            }
        }
    }
    if let Some(path) = target {
        output::save(ctx, &path, &written, args.open)?;
    }
    Ok(())
}

/// The review, and the folded log it was made from.
fn build(ctx: &Context, args: &StatusArgs) -> anyhow::Result<(Review, crate::progress::Progress)> {
    let today = ctx.clock.today();
    let in_scope = |plan: &str| {
        ctx.plan_flag
            .as_ref()
            .is_none_or(|p| p.eq_ignore_ascii_case(plan))
    };
    // The recent events (from the checkpoint) serve unless the screen reaches further back:
    // a heat map of many weeks, or fewer reflections in them than it shows.
    let mut progress = ctx.progress_recent()?;
    let oldest_shown =
        heatmap_start(today, args.weeks).min(today - Duration::days(RECENT_DAYS - 1));
    let reflections_kept = progress
        .live
        .iter()
        .filter(|e| in_scope(&e.plan))
        .filter_map(Entry::from_event)
        .filter(|e| e.note.is_some() && e.event != "skip")
        .count();
    // `--all` tells the earlier passes from their events, which may be older than any window.
    let earlier_passes_shown = args.all && progress.plans.values().any(|p| p.pass > 1);
    if !progress.covers(oldest_shown)
        || (progress.live_from.is_some()
            && (reflections_kept < REFLECTIONS || earlier_passes_shown))
    {
        progress = ctx.progress_all()?;
    }
    let off = ctx.days_off(&progress);
    let ids: Vec<String> = match &ctx.plan_flag {
        Some(id) => {
            ctx.catalog.load(id)?;
            vec![id.to_lowercase()]
        }
        None => progress.plans.keys().cloned().collect(),
    };
    let mut plans = Vec::new();
    let mut not_started = Vec::new();
    let mut earlier_passes = Vec::new();
    if args.all && ctx.plan_flag.is_none() {
        for entry in ctx.catalog.entries() {
            if progress.plan(&entry.id).is_none()
                && let Ok(plan) = load_entry(entry)
            {
                not_started.push(NotStarted {
                    id: plan.id.clone(),
                    title: plan.title.clone(),
                    days: plan.days.len(),
                });
            }
        }
    }
    for id in ids {
        let Some(plan_progress) = progress.plan(&id) else {
            continue;
        };
        if args.all {
            let days_total = ctx.catalog.load(&id).map_or(0, |p| p.days.len());
            for pass in 1..plan_progress.pass {
                earlier_passes.push(earlier_pass(&progress.live, &id, pass, days_total));
            }
        }
        let Ok(plan) = ctx.catalog.load(&id) else {
            super::warn(&format!(
                "the log names plan '{id}', which no longer exists; `pymastery doctor` explains"
            ));
            continue;
        };
        let counts = Counts::of(&plan, Some(plan_progress));
        let current = schedule::current_day(&plan, Some(plan_progress));
        if current.is_none() && !args.all && ctx.plan_flag.is_none() {
            continue;
        }
        plans.push(PlanReview {
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
            position: current.map(|d| Position::of(&plan, d).describe()),
            pace_days: schedule::pace_days(&plan, plan_progress, &counts, today, &off),
            forecast_finish: schedule::forecast_finish(&plan, plan_progress, &counts, today, &off),
            items_checked: counts.items_checked,
            items_total: counts.items_total,
            minutes_total: counts.minutes_total,
            finished: current.is_none(),
        });
    }
    let entries: Vec<Entry> = progress
        .live
        .iter()
        .filter(|e| in_scope(&e.plan))
        .filter_map(Entry::from_event)
        .collect();
    let since = today - Duration::days(RECENT_DAYS - 1);
    let mut recent: Vec<Recent> = Vec::new();
    for e in entries
        .iter()
        .filter(|e| e.date >= since && e.date <= today && matches!(e.event, "done" | "skip"))
    {
        // `done --amend` writes another `done` of the same day: one row, notes and minutes added.
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
            items_ticked: ticked_in_pass(&progress.live, &e.plan, e.pass, &e.day),
        });
    }
    recent.sort_by_key(|r| r.entry.date);
    let mut reflections: Vec<Entry> = entries
        .iter()
        .filter(|e| e.note.is_some() && e.event != "skip")
        .cloned()
        .collect();
    reflections.sort_by_key(|e| e.date);
    let reflections = reflections.split_off(reflections.len().saturating_sub(REFLECTIONS));
    let first_shown = heatmap_start(today, args.weeks);
    let mut calendar = BTreeMap::new();
    for event in progress
        .live
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Done { .. }))
    {
        if event.date >= first_shown && event.date <= today && in_scope(&event.plan) {
            *calendar.entry(event.date).or_insert(0) += 1;
        }
    }
    let review = Review {
        today,
        plans,
        streak: schedule::streaks(progress.practice_dates(), today, &off),
        reviews: Reviews::of(ctx, &progress, today)?,
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
        recent,
        reflections,
        calendar,
        not_started,
        earlier_passes,
        weeks: args.weeks,
    };
    Ok((review, progress))
}

/// The Monday that begins the heat map's first week.
fn heatmap_start(today: NaiveDate, weeks: u32) -> NaiveDate {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    monday - Duration::weeks(i64::from(weeks) - 1)
}

fn text(ctx: &Context, review: &Review, paint: Paint, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(
        out,
        "{}",
        paint.bold(&format!("Review for the week to {}", review.today))
    )?;
    if review.plans.is_empty() {
        writeln!(
            out,
            "\nNo plan under way. `pymastery plans` lists them; `pymastery start PLAN` begins one."
        )?;
    }
    // The bar gives way first on a narrow terminal.
    let bar = ctx.width.map_or(30, |w| if w < 70 { 16 } else { 30 });
    for plan in &review.plans {
        writeln!(out)?;
        writeln!(
            out,
            "{}  {}",
            paint.cyan(&plan.id),
            paint.bold(&one_line(&plan.title))
        )?;
        writeln!(
            out,
            "  {} {}/{} days ({}%){}",
            progress_bar(plan.days_done, plan.days_total, bar),
            plan.days_done,
            plan.days_total,
            plan.percent,
            if plan.days_skipped > 0 {
                format!(", {} skipped", plan.days_skipped)
            } else {
                String::new()
            }
        )?;
        match (&plan.current_day, &plan.position) {
            (Some(key), Some(position)) => writeln!(
                out,
                "  now at {} · {}",
                day_name(key, plan.current_title.as_deref().unwrap_or_default()),
                one_line(position)
            )?,
            _ => writeln!(out, "  {}", paint.green("finished"))?,
        }
        let pass = if plan.pass > 1 {
            format!(" (pass {})", plan.pass)
        } else {
            String::new()
        };
        let mut line = format!(
            "  started {}{pass} · {}",
            plan.started,
            describe_pace(plan.pace_days)
        );
        if let Some(finish) = plan.forecast_finish {
            line.push_str(&format!(
                " · {} {finish}",
                if plan.finished {
                    "finished"
                } else {
                    "forecast finish"
                }
            ));
        }
        writeln!(out, "{line}")?;
        writeln!(out, "  {}", tally_text(plan, ""))?;
    }
    if !review.earlier_passes.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.bold("Earlier passes"))?;
        for pass in &review.earlier_passes {
            writeln!(out, "  {}", earlier_pass_text(pass))?;
        }
    }
    if !review.not_started.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.bold("Not started"))?;
        let mut table = TextTable::new(vec![
            Column::new("id", 9),
            Column::new("title", 5).shrink(12),
            Column::new("days", 3).right(),
        ]);
        table.header = false;
        table.indent = 2;
        for plan in &review.not_started {
            table.row(vec![
                plan.id.clone(),
                one_line(&plan.title),
                plural(u32::try_from(plan.days).unwrap_or(u32::MAX), "day"),
            ]);
        }
        write!(out, "{}", table.render(ctx.width))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "Streak: {} (longest {})",
        plural(review.streak.current, "day"),
        plural(review.streak.longest, "day")
    )?;
    for line in days_off_lines(review) {
        writeln!(out, "{line}")?;
    }
    if let Some(line) = review.reviews.line() {
        writeln!(out, "{line}")?;
    }

    writeln!(out)?;
    writeln!(out, "{}", paint.bold("Last 7 days"))?;
    if review.recent.is_empty() {
        writeln!(out, "  nothing done or skipped")?;
    } else {
        write!(out, "{}", recent_text(&review.recent).render(ctx.width))?;
    }
    if !review.reflections.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", paint.bold("Recent reflections"))?;
        for e in &review.reflections {
            let line = format!(
                "  {} {} {}: {}",
                paint.dim(&e.date.to_string()),
                e.plan,
                e.day,
                excerpt(e.note.as_deref().unwrap_or_default(), 300)
            );
            writeln!(out, "{}", wrap_hanging(&line, ctx.width, 4))?;
        }
    }
    writeln!(out)?;
    // A week takes two columns after the five of `  Mon`: show the weeks that fit.
    let weeks = ctx.width.map_or(review.weeks, |w| {
        review.weeks.min(
            u32::try_from(w.saturating_sub(5) / 2)
                .unwrap_or(u32::MAX)
                .max(1),
        )
    });
    writeln!(
        out,
        "{}",
        paint.bold(&format!("Practice, last {}", plural(weeks, "week")))
    )?;
    if weeks < review.weeks && !ctx.quiet {
        writeln!(
            out,
            "{}",
            paint.dim(&format!("(a wider terminal shows all {})", review.weeks))
        )?;
    }
    write!(out, "{}", heatmap(review, weeks, paint))?;
    if !ctx.quiet {
        let paused = if review.pauses.is_empty() {
            ""
        } else {
            "  - paused"
        };
        writeln!(
            out,
            "{}",
            paint.dim(&format!(
                "■ practised  · none{paused}   `pymastery log` lists every session"
            ))
        )?;
    }
    Ok(())
}

/// The last days as a terminal table: titles and notes cut first, then the least useful
/// columns dropped, so that rows never wrap.
fn recent_text(recent: &[Recent]) -> TextTable {
    let mut table = TextTable::new(vec![
        Column::new("date", 9),
        Column::new("plan", 4).shrink(8),
        Column::new("day", 8),
        Column::new("title", 7).shrink(12),
        Column::new("status", 6),
        Column::new("items", 3).right(),
        Column::new("note", 2).shrink(12),
    ]);
    table.indent = 2;
    for Recent {
        entry: e,
        items_ticked,
    } in recent
    {
        table.row(vec![
            e.date.to_string(),
            e.plan.clone(),
            e.day.clone(),
            title_beyond_key(&e.day, &e.title).unwrap_or_default(),
            status_word(e.event).to_string(),
            items_ticked.to_string(),
            e.note.as_deref().map(one_line).unwrap_or_default(),
        ]);
    }
    table
}

/// `deep-dive pass 1: 7/7 days done, 2026-11-01 to 2026-11-07`.
fn earlier_pass_text(pass: &EarlierPass) -> String {
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

fn status_word(event: &str) -> &'static str {
    if event == "done" { "done" } else { "skipped" }
}

/// The last days as a Markdown table, cells escaped.
fn recent_table(recent: &[Recent]) -> String {
    let cell = |text: String| text.replace('|', "\\|");
    let rows: Vec<Vec<String>> = recent
        .iter()
        .map(
            |Recent {
                 entry: e,
                 items_ticked,
             }| {
                vec![
                    e.date.to_string(),
                    e.plan.to_string(),
                    e.day.to_string(),
                    cell(excerpt(&plain_inline(&e.title), 36)),
                    status_word(e.event).into(),
                    items_ticked.to_string(),
                    cell(
                        e.note
                            .as_deref()
                            .map(|n| excerpt(n, 40))
                            .unwrap_or_default(),
                    ),
                ]
            },
        )
        .collect();
    crate::render::width::markdown_table(
        &["date", "plan", "day", "title", "status", "items", "note"],
        &rows,
    )
}

/// `Rest days: sat, sun` and one line per pause in the window.
fn days_off_lines(review: &Review) -> Vec<String> {
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
fn tally_text(plan: &PlanReview, colon: &str) -> String {
    let time = format!("time logged{colon} {}", hours(plan.minutes_total));
    if plan.items_total == 0 {
        return time;
    }
    format!(
        "items ticked{colon} {}/{} · {time}",
        plan.items_checked, plan.items_total
    )
}

fn hours(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Rows Monday to Sunday, one column a week, oldest first.
fn heatmap(review: &Review, weeks: u32, paint: Paint) -> String {
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

fn markdown(review: &Review, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "# Weekly review, {}\n", review.today)?;
    for plan in &review.plans {
        writeln!(out, "## {} (`{}`)\n", one_line(&plan.title), plan.id)?;
        writeln!(
            out,
            "- Progress: {}/{} days ({}%), {} skipped",
            plan.days_done, plan.days_total, plan.percent, plan.days_skipped
        )?;
        if let (Some(key), Some(position)) = (&plan.current_day, &plan.position) {
            writeln!(
                out,
                "- Now at: `{key}` {} ({})",
                one_line(plan.current_title.as_deref().unwrap_or_default()),
                one_line(position)
            )?;
        }
        writeln!(
            out,
            "- Started: {} · pace: {}",
            plan.started,
            describe_pace(plan.pace_days)
        )?;
        if let Some(finish) = plan.forecast_finish {
            writeln!(out, "- Forecast finish: {finish}")?;
        }
        let tally = tally_text(plan, ":");
        writeln!(out, "- {}{}\n", tally[..1].to_uppercase(), &tally[1..])?;
    }
    if !review.earlier_passes.is_empty() {
        writeln!(out, "## Earlier passes\n")?;
        for pass in &review.earlier_passes {
            writeln!(out, "- {}", earlier_pass_text(pass))?;
        }
        writeln!(out)?;
    }
    if !review.not_started.is_empty() {
        writeln!(out, "## Not started\n")?;
        for plan in &review.not_started {
            writeln!(
                out,
                "- `{}` {} ({} days)",
                plan.id,
                one_line(&plan.title),
                plan.days
            )?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "**Streak:** {} (longest {})\n",
        plural(review.streak.current, "day"),
        plural(review.streak.longest, "day")
    )?;
    let lines: Vec<String> = days_off_lines(review)
        .into_iter()
        .chain(review.reviews.line())
        .collect();
    for line in &lines {
        writeln!(out, "- {line}")?;
    }
    if !lines.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "## Last 7 days\n")?;
    let table = recent_table(&review.recent);
    writeln!(out, "{table}\n")?;
    if !review.reflections.is_empty() {
        writeln!(out, "## Recent reflections\n")?;
        for e in &review.reflections {
            writeln!(
                out,
                "- {} `{}` {}: {}",
                e.date,
                e.plan,
                e.day,
                one_line(e.note.as_deref().unwrap_or_default())
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Practice, last {}\n", plural(review.weeks, "week"))?;
    writeln!(
        out,
        "```\n{}```",
        heatmap(review, review.weeks, Paint { enabled: false })
    )?;
    Ok(())
}
