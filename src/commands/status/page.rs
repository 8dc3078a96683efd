//! `status --format html`: the review's charts gathered from the same review and folded log the
//! text screen uses, and drawn by `render::html`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use chrono::{Duration, NaiveDate};

use super::Context;
use super::lines::{days_off_lines, earlier_pass_text};
use crate::curriculum::Curriculum;
use crate::decide::status::{EarlierPass, PlanReview, StatusReport, heatmap_start};
use crate::event::Rating;
use crate::progress::{Event, EventKind, Folded, reads};
use crate::render::charts::{
    BurnUp, Calendar, CalendarDay, Off, ReviewOutlook, WeeklyMinutes, monday,
};
use crate::render::html::{Page, PlanSection, Reflection, Ticked};
use crate::render::text::{day_name, describe_pace, one_line, plain_inline, title_beyond_key};
use crate::rest::DaysOff;
use crate::schedule;

/// Days of review outlook the page charts.
const DUE_DAYS: i64 = 30;
/// Weeks of the practice calendar: a year, and the week under way.
const CALENDAR_WEEKS: i64 = 53;

/// Writes the page for `review`.
pub(super) fn write(
    ctx: &Context,
    review: &StatusReport,
    progress: &Folded<reads::Recent>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let page = gather(ctx, review, progress);
    out.write_all(crate::render::html::page(&page).as_bytes())?;
    Ok(())
}

/// Everything the page shows, from the review and the log it was built from.
fn gather(ctx: &Context, review: &StatusReport, progress: &Folded<reads::Recent>) -> Page {
    let today = review.today;
    let from = heatmap_start(today, review.weeks);
    let off = ctx.days_off(progress);
    let in_scope = |plan: &str| {
        ctx.plan_flag
            .as_ref()
            .is_none_or(|p| p.eq_ignore_ascii_case(plan))
    };
    let live = || {
        progress
            .events()
            .iter()
            .filter(|e| in_scope(&e.plan) && e.date <= today)
    };
    let period = || live().filter(|e| e.date >= from);
    // Each plan the page names, loaded once.
    let mut ids: BTreeSet<&str> = review.plans.iter().map(|p| p.id.as_str()).collect();
    ids.extend(
        period()
            .filter(|e| matches!(e.kind, EventKind::Check { .. }))
            .map(|e| e.plan.as_str()),
    );
    let plans: BTreeMap<&str, Curriculum> = ids
        .into_iter()
        .filter_map(|id| Some((id, ctx.catalog.load(id).ok()?)))
        .collect();
    let weeks: Vec<NaiveDate> = (0..i64::from(review.weeks))
        .map(|w| from + Duration::weeks(w))
        .collect();
    Page {
        today,
        from,
        weeks: review.weeks,
        plans: review
            .plans
            .iter()
            .filter_map(|p| {
                let plan = plans.get(p.id.as_str())?;
                plan_section(plan, progress, p, &review.earlier_passes, today, &off)
            })
            .collect(),
        minutes: weekly_minutes(period(), &weeks),
        calendar: calendar(live(), progress, review, &off),
        reviews: review_outlook(period(), progress, today, &weeks),
        reflections: reflections(period()),
        ticked: ticked(period(), |id| plans.get(id)),
        days_off: days_off_lines(review),
    }
}

/// Which of the weeks beginning `weeks[0]` holds `date`.
fn week_of(weeks: &[NaiveDate], date: NaiveDate) -> Option<usize> {
    let first = *weeks.first()?;
    let week = usize::try_from((date - first).num_days().div_euclid(7)).ok()?;
    (week < weeks.len()).then_some(week)
}

/// Minutes logged in each week, by plan (plans in id order, only those with minutes).
fn weekly_minutes<'a>(
    events: impl Iterator<Item = &'a Event>,
    weeks: &[NaiveDate],
) -> WeeklyMinutes {
    let mut by_plan: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for event in events {
        if let EventKind::Done {
            minutes: Some(m), ..
        } = &event.kind
            && *m > 0
            && let Some(week) = week_of(weeks, event.date)
        {
            let row = by_plan
                .entry(event.plan.as_str())
                .or_insert_with(|| vec![0; weeks.len()]);
            row[week] = row[week].saturating_add(*m);
        }
    }
    WeeklyMinutes {
        weeks: weeks.to_vec(),
        plans: by_plan
            .into_iter()
            .map(|(id, m)| (id.to_string(), m))
            .collect(),
    }
}

/// A year of days to today: minutes from the events read, and before them from the minutes
/// per day the fold keeps for a year.
fn calendar<'a>(
    events: impl Iterator<Item = &'a Event>,
    progress: &Folded<reads::Recent>,
    review: &StatusReport,
    off: &DaysOff,
) -> Calendar {
    let today = review.today;
    let first = monday(today) - Duration::weeks(CALENDAR_WEEKS - 1);
    // Events dated from here on are all in `live`.
    let read_from = progress.events_from().unwrap_or(NaiveDate::MIN).max(first);
    let mut minutes: BTreeMap<NaiveDate, u32> = BTreeMap::new();
    for event in events.filter(|e| e.date >= read_from) {
        if let EventKind::Done { minutes: m, .. } = &event.kind {
            let day = minutes.entry(event.date).or_insert(0);
            *day = day.saturating_add(m.unwrap_or(0));
        }
    }
    let runs = schedule::streak_runs(progress.practice_dates(), today, off);
    Calendar {
        days: first
            .iter_days()
            .take_while(|d| *d <= today)
            .map(|date| {
                let read = date >= read_from;
                CalendarDay {
                    date,
                    practised: if read {
                        minutes.contains_key(&date)
                    } else {
                        progress.practice_dates().contains(date)
                    },
                    // Before the events read, the minutes the fold kept for the year.
                    minutes: if read {
                        Some(minutes.get(&date).copied().unwrap_or(0))
                    } else {
                        progress.minutes.on(date)
                    },
                    off: off.is_off(date),
                }
            })
            .collect(),
        current: review.streak.current,
        longest: review.streak.longest,
        current_run: runs.current.map(|r| (r.first, r.last)),
        longest_run: runs.longest.map(|r| (r.first, r.last)),
    }
}

/// Days due over the next [`DUE_DAYS`] (today's count holds the overdue), and per week the
/// reviews rated `again` of all reviews.
fn review_outlook<'a>(
    events: impl Iterator<Item = &'a Event>,
    progress: &Folded<reads::Recent>,
    today: NaiveDate,
    weeks: &[NaiveDate],
) -> ReviewOutlook {
    let outlook = progress.reviews.outlook();
    let mut again = vec![(0usize, 0usize); weeks.len()];
    for event in events {
        if let EventKind::Review { rating, .. } = &event.kind
            && let Some(week) = week_of(weeks, event.date)
        {
            again[week].1 += 1;
            again[week].0 += usize::from(*rating == Rating::Again);
        }
    }
    let overdue = outlook.due_by(today - Duration::days(1));
    ReviewOutlook {
        today,
        due: (0..DUE_DAYS)
            .map(|i| {
                let date = today + Duration::days(i);
                let before = if i == 0 {
                    0
                } else {
                    outlook.due_by(date - Duration::days(1))
                };
                outlook.due_by(date) - before
            })
            .collect(),
        overdue,
        weeks: weeks
            .iter()
            .zip(again)
            .map(|(w, (a, t))| (*w, a, t))
            .collect(),
    }
}

/// The notes written with a `done` or a `note`, oldest first.
fn reflections<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<Reflection> {
    let mut out: Vec<Reflection> = events
        .filter_map(|e| {
            let (day, title, note) = match &e.kind {
                EventKind::Done {
                    day,
                    title,
                    note: Some(note),
                    ..
                } => (day, title, note),
                EventKind::Note { day, title, text } => (day, title, text),
                _ => return None,
            };
            Some(Reflection {
                date: e.date,
                plan: e.plan.to_string(),
                day: day.to_string(),
                title: title_beyond_key(day, title).unwrap_or_default(),
                note: crate::render::text::sanitize(note),
            })
        })
        .collect();
    out.sort_by_key(|r| r.date);
    out
}

/// One plan of the review with its burn-up.
fn plan_section(
    plan: &Curriculum,
    progress: &Folded<reads::Recent>,
    review: &PlanReview,
    passes: &[EarlierPass],
    today: NaiveDate,
    off: &DaysOff,
) -> Option<PlanSection> {
    let state = progress.plan(&review.id)?;
    let first = schedule::first_ordinal(plan, Some(state));
    let days = || plan.days.iter().skip(first - 1);
    let mut done = Vec::new();
    let mut skipped = Vec::new();
    for day in days() {
        match state.day(&day.key) {
            Some(s) if s.done.is_some() => done.extend(s.done),
            Some(s) => skipped.extend(s.skipped),
            None => {}
        }
    }
    done.sort_unstable();
    skipped.sort_unstable();
    let mut planned: Vec<NaiveDate> = schedule::lay_out(plan, days(), state.started, off)
        .into_iter()
        .filter_map(|(_, dates)| dates.last().copied())
        .collect();
    planned.sort_unstable();
    let end = [review.forecast_finish, planned.last().copied(), Some(today)]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(today);
    let now_at = match (&review.current_day, &review.position) {
        (Some(key), Some(position)) => Some(format!(
            "{} · {}",
            day_name(key, review.current_title.as_deref().unwrap_or_default()),
            one_line(position)
        )),
        _ => None,
    };
    Some(PlanSection {
        id: review.id.clone(),
        title: one_line(&plain_inline(&review.title)),
        pass: review.pass,
        earlier_passes: review.pass.saturating_sub(1),
        earlier: passes
            .iter()
            .filter(|p| p.id == review.id)
            .map(earlier_pass_text)
            .collect(),
        days_done: review.days_done,
        days_skipped: review.days_skipped,
        days_total: review.days_total,
        percent: review.percent,
        now_at,
        pace: describe_pace(review.pace_days),
        items_checked: review.items_checked,
        items_total: review.items_total,
        minutes_total: review.minutes_total,
        burn_up: BurnUp {
            started: state.started,
            today,
            total: days().count(),
            done,
            skipped,
            planned,
            forecast: review.forecast_finish,
            off: days_off_between(state.started, end, off),
        },
    })
}

/// Longest burn-up, in days, whose rest days are shaded: beyond it a day is too narrow to see
/// and the stripes hide the lines. Pauses are shaded always.
const REST_SHADED_DAYS: i64 = 200;

/// The days off from `first` to `last` as stretches: pauses, and runs of rest days.
fn days_off_between(first: NaiveDate, last: NaiveDate, off: &DaysOff) -> Vec<Off> {
    let rest_shown = (last - first).num_days() <= REST_SHADED_DAYS;
    let mut out: Vec<Off> = Vec::new();
    for date in first.iter_days().take_while(|d| *d <= last) {
        let paused = off.is_paused(date);
        let shaded = paused || (rest_shown && off.is_rest_day(date));
        if !shaded {
            continue;
        }
        match out.last_mut() {
            Some(o) if o.paused == paused && o.last + Duration::days(1) == date => o.last = date,
            _ => out.push(Off {
                first: date,
                last: date,
                paused,
            }),
        }
    }
    out
}

/// The items ticked in the period, per day of a plan's pass, with their text from the plan.
fn ticked<'a, 'p>(
    events: impl Iterator<Item = &'a Event>,
    plan: impl Fn(&str) -> Option<&'p Curriculum>,
) -> Vec<Ticked> {
    // Per (plan, pass, day key): the date of the latest tick, and what is ticked.
    let mut days: BTreeMap<(String, u32, String), Ticked> = BTreeMap::new();
    let mut numbers: BTreeMap<(String, u32, String), BTreeSet<usize>> = BTreeMap::new();
    for event in events {
        let (day, title, items, check) = match &event.kind {
            EventKind::Check {
                day, title, items, ..
            } => (day, title, items, true),
            EventKind::Uncheck {
                day, title, items, ..
            } => (day, title, items, false),
            _ => continue,
        };
        let key = (event.plan.to_string(), event.pass, day.to_lowercase());
        let ticked = numbers.entry(key.clone()).or_default();
        let entry = days.entry(key).or_insert_with(|| Ticked {
            date: event.date,
            plan: event.plan.to_string(),
            day: day.to_string(),
            title: title_beyond_key(day, title).unwrap_or_default(),
            items: Vec::new(),
        });
        if check {
            entry.date = event.date;
            ticked.extend(items.iter().copied());
        } else {
            for item in items {
                ticked.remove(item);
            }
        }
    }
    let mut out: Vec<Ticked> = Vec::new();
    for (key, mut day) in days {
        let Some(items) = numbers.remove(&key).filter(|n| !n.is_empty()) else {
            continue;
        };
        let texts = plan(&day.plan).and_then(|p| p.day(&day.day));
        day.items = items
            .into_iter()
            .map(|n| {
                let text = texts
                    .and_then(|d| d.items.iter().find(|i| i.n == n))
                    .map(|i| one_line(&plain_inline(&i.text)))
                    .unwrap_or_default();
                (n, text)
            })
            .collect();
        out.push(day);
    }
    out.sort_by(|a, b| (a.date, &a.plan, &a.day).cmp(&(b.date, &b.plan, &b.day)));
    out
}

#[cfg(test)]
mod tests {
    use chrono::Weekday;

    use super::*;
    use crate::rest::Pause;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    #[test]
    fn a_date_falls_in_the_week_that_holds_it_or_in_none() {
        let weeks = [date(2), date(9)];
        assert_eq!(week_of(&weeks, date(2)), Some(0));
        assert_eq!(week_of(&weeks, date(8)), Some(0));
        assert_eq!(week_of(&weeks, date(15)), Some(1));
        assert_eq!(week_of(&weeks, date(16)), None);
        assert_eq!(week_of(&weeks, date(1)), None);
        assert_eq!(week_of(&[], date(1)), None);
    }

    #[test]
    fn days_off_are_shaded_as_stretches_and_rest_days_only_on_a_short_chart() {
        let off = DaysOff {
            rest_days: vec![Weekday::Sat, Weekday::Sun],
            pauses: vec![Pause {
                from: date(10),
                until: Some(date(12)),
                resumed: None,
                reason: None,
            }],
            today: date(20),
            ..DaysOff::default()
        };
        let stretch = |first, last, paused| Off {
            first: date(first),
            last: date(last),
            paused,
        };
        assert_eq!(
            days_off_between(date(2), date(16), &off),
            [
                stretch(7, 8, false),
                stretch(10, 12, true),
                stretch(14, 15, false)
            ]
        );
        let long = days_off_between(date(2), date(2) + Duration::days(400), &off);
        assert_eq!(long, [stretch(10, 12, true)]);
    }
}
