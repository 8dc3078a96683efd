//! Days off: the weekly rest days and the pauses, as the log records them.
//!
//! Pauses are a pure function of the events in effect (`pause` and `resume`), so undo and
//! sync need nothing more. So are rest days, once `config set rest_days` has recorded a `rest`
//! event: each change holds from its date on, so the pace of the days before stays as it was,
//! and two machines with the same log agree. A home whose rest days were only ever in
//! `config.toml` (set before they were logged) keeps them for every date. A day off neither breaks a streak nor counts against pace, and
//! the forecast and the calendar skip it.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use crate::event::{Event, EventKind};

/// A holiday or an illness: practice paused from `from` to `last` (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Pause {
    pub from: NaiveDate,
    /// The last day of the pause given with `--until`, if any.
    pub until: Option<NaiveDate>,
    /// The date `resume` (or a later pause) ended it, if it did.
    pub resumed: Option<NaiveDate>,
    pub reason: Option<String>,
}

impl Pause {
    /// The last paused date, or `None` while it is open (no `--until`, no `resume`).
    pub(crate) fn last(&self) -> Option<NaiveDate> {
        let resumed = self.resumed.map(|r| r - Duration::days(1));
        match (self.until, resumed) {
            (Some(u), Some(r)) => Some(u.min(r)),
            (u, r) => u.or(r),
        }
    }

    /// Whether `date` falls inside the pause. An open pause covers every date from its start
    /// up to `today`; after today it is expected to end (plans are laid out from tomorrow).
    pub(crate) fn covers(&self, date: NaiveDate, today: NaiveDate) -> bool {
        let last = self.last().unwrap_or(today);
        self.from <= date && date <= last
    }

    /// Whether it is in effect on `today`.
    pub(crate) fn current(&self, today: NaiveDate) -> bool {
        self.from <= today && self.last().is_none_or(|last| today <= last)
    }

    /// Paused days up to and including `today`.
    pub(crate) fn days_until(&self, today: NaiveDate) -> i64 {
        let last = self.last().unwrap_or(today).min(today);
        ((last - self.from).num_days() + 1).max(0)
    }
}

/// The pauses the events in effect record, oldest first. A pause ends at `resume` or at the
/// next pause, whichever comes first; a pause that ends before it begins is dropped.
pub(crate) fn pauses(live: &[Event]) -> Vec<Pause> {
    let mut pauses: Vec<Pause> = Vec::new();
    let mut events: Vec<&Event> = live
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Pause { .. } | EventKind::Resume {}))
        .collect();
    events.sort_by_key(|e| e.date);
    for event in events {
        if let Some(open) = pauses.last_mut()
            && open.resumed.is_none()
            && open.last().is_none_or(|last| last >= event.date)
        {
            open.resumed = Some(event.date);
        }
        if let EventKind::Pause { until, reason } = &event.kind {
            pauses.push(Pause {
                from: event.date,
                until: *until,
                resumed: None,
                reason: reason.clone(),
            });
        }
    }
    pauses.retain(|p| p.last().is_none_or(|last| last >= p.from));
    pauses
}

/// Parses `sat,sun` (names or three-letter abbreviations, any case) into weekdays.
pub(crate) fn parse_rest_days(text: &str) -> Result<Vec<Weekday>, String> {
    let mut days = Vec::new();
    for part in text
        .split([',', ' '])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if part.eq_ignore_ascii_case("none") {
            continue;
        }
        let day = weekday(part).ok_or_else(|| format!("'{part}' is not a weekday"))?;
        if !days.contains(&day) {
            days.push(day);
        }
    }
    if days.len() == 7 {
        return Err("every day cannot be a rest day".into());
    }
    days.sort_by_key(Weekday::num_days_from_monday);
    Ok(days)
}

/// A weekday from its English name or an abbreviation of at least three letters.
pub(crate) fn weekday(text: &str) -> Option<Weekday> {
    let text = text.trim().trim_end_matches('.').to_lowercase();
    if text.len() < 3 {
        return None;
    }
    const NAMES: [(&str, Weekday); 7] = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    NAMES
        .iter()
        .find(|(name, _)| name.starts_with(&text))
        .map(|(_, day)| *day)
}

/// `sat,sun`: how the config stores rest days.
pub(crate) fn format_rest_days(days: &[Weekday]) -> String {
    days.iter()
        .map(|d| d.to_string().to_lowercase())
        .collect::<Vec<_>>()
        .join(",")
}

/// The rest days before the first `rest` event, and each change by date (in log order on
/// one date, so the later change of a day wins).
fn rest_changes(live: &[Event]) -> (Vec<Weekday>, Vec<(NaiveDate, Vec<Weekday>)>) {
    let parse = |text: &str| parse_rest_days(text).unwrap_or_default();
    let mut events: Vec<(NaiveDate, &str, &str)> = live
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::Rest { days, was } => Some((e.date, days.as_str(), was.as_str())),
            _ => None,
        })
        .collect();
    events.sort_by_key(|(date, _, _)| *date);
    let before = events
        .first()
        .map(|(_, _, was)| parse(was))
        .unwrap_or_default();
    let changes = events
        .into_iter()
        .map(|(date, days, _)| (date, parse(days)))
        .collect();
    (before, changes)
}

/// Everything that makes a date a day off, as of `today`.
#[derive(Debug, Clone, Default)]
pub(crate) struct DaysOff {
    /// The weekly rest days in effect today.
    pub rest_days: Vec<Weekday>,
    /// The changes of rest days the log records, by date: from that date on, those days. When
    /// there is none, `rest_days` hold for every date.
    pub(crate) changes: Vec<(NaiveDate, Vec<Weekday>)>,
    /// The rest days before the first change.
    pub(crate) before: Vec<Weekday>,
    pub pauses: Vec<Pause>,
    pub today: NaiveDate,
}

impl DaysOff {
    /// `configured` are the rest days of `config.toml`, which hold only when the log records
    /// no change of them.
    pub(crate) fn new(configured: Vec<Weekday>, live: &[Event], today: NaiveDate) -> DaysOff {
        let (before, changes) = rest_changes(live);
        let mut off = DaysOff {
            rest_days: configured,
            changes,
            before,
            pauses: pauses(live),
            today,
        };
        off.rest_days = off.rest_days_on(today).to_vec();
        off
    }

    /// The weekly rest days in effect on `date`.
    pub(crate) fn rest_days_on(&self, date: NaiveDate) -> &[Weekday] {
        if self.changes.is_empty() {
            return &self.rest_days;
        }
        self.changes
            .iter()
            .rev()
            .find(|(from, _)| *from <= date)
            .map_or(&self.before, |(_, days)| days)
    }

    /// A weekly rest day, by the rest days in effect on that date.
    pub(crate) fn is_rest_day(&self, date: NaiveDate) -> bool {
        self.rest_days_on(date).contains(&date.weekday())
    }

    /// Inside a pause.
    pub(crate) fn is_paused(&self, date: NaiveDate) -> bool {
        self.pauses.iter().any(|p| p.covers(date, self.today))
    }

    /// A rest day or a paused day: not expected to be practised.
    pub(crate) fn is_off(&self, date: NaiveDate) -> bool {
        self.is_rest_day(date) || self.is_paused(date)
    }

    /// The pause in effect today, if any.
    pub(crate) fn current_pause(&self) -> Option<&Pause> {
        self.pauses.iter().rev().find(|p| p.current(self.today))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::SCHEMA_VERSION;

    fn date(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn event(d: u32, kind: EventKind) -> Event {
        Event {
            v: SCHEMA_VERSION,
            id: format!("e{d}"),
            at: chrono::DateTime::parse_from_rfc3339(&format!("2026-11-{d:02}T09:00:00Z")).unwrap(),
            date: date(d),
            plan: "p".into(),
            pass: 1,
            clock: 0,
            dev: Default::default(),
            kind,
        }
    }

    #[test]
    fn rest_days_parse_names_and_abbreviations() {
        assert_eq!(
            parse_rest_days("Sun, sat").unwrap(),
            vec![Weekday::Sat, Weekday::Sun]
        );
        assert_eq!(parse_rest_days("wednesday").unwrap(), vec![Weekday::Wed]);
        assert_eq!(parse_rest_days("").unwrap(), vec![]);
        assert!(parse_rest_days("sat,funday").is_err());
        assert!(parse_rest_days("mon,tue,wed,thu,fri,sat,sun").is_err());
    }

    #[test]
    fn a_pause_runs_until_its_last_day_or_until_resume() {
        let live = [
            event(
                3,
                EventKind::Pause {
                    until: Some(date(9)),
                    reason: None,
                },
            ),
            event(6, EventKind::Resume {}),
            event(
                12,
                EventKind::Pause {
                    until: None,
                    reason: Some("flu".into()),
                },
            ),
        ];
        let off = DaysOff::new(vec![], &live, date(14));
        assert!(!off.is_paused(date(2)));
        assert!(off.is_paused(date(3)) && off.is_paused(date(5)));
        assert!(!off.is_paused(date(6)), "resumed on the 6th");
        assert!(off.is_paused(date(12)) && off.is_paused(date(14)));
        assert!(!off.is_paused(date(15)), "an open pause is expected to end");
        assert_eq!(off.current_pause().unwrap().reason.as_deref(), Some("flu"));
        assert_eq!(off.pauses[0].days_until(date(14)), 3);
    }

    #[test]
    fn resume_on_the_day_of_the_pause_leaves_no_pause() {
        let live = [
            event(
                3,
                EventKind::Pause {
                    until: None,
                    reason: None,
                },
            ),
            event(3, EventKind::Resume {}),
        ];
        assert!(pauses(&live).is_empty());
    }

    #[test]
    fn a_change_of_rest_days_holds_from_its_date_and_the_days_before_keep_what_was() {
        let rest = |d, days: &str, was: &str| {
            event(
                d,
                EventKind::Rest {
                    days: days.into(),
                    was: was.into(),
                },
            )
        };
        // 2026-11-07 and -14 are Saturdays, -11 a Wednesday.
        let live = [rest(10, "sat,sun", "wed"), rest(12, "", "sat,sun")];
        let off = DaysOff::new(vec![Weekday::Mon], &live, date(16));
        assert!(
            off.is_rest_day(date(4)),
            "Wednesday before the first change"
        );
        assert!(!off.is_rest_day(date(7)), "Saturday before it");
        assert!(!off.is_rest_day(date(11)), "Wednesday after it");
        assert!(!off.is_rest_day(date(14)), "none from the 12th");
        assert!(off.rest_days.is_empty(), "the config gives way to the log");
        let unlogged = DaysOff::new(vec![Weekday::Sat], &[], date(16));
        assert!(unlogged.is_rest_day(date(7)) && unlogged.is_rest_day(date(14)));
    }
}
