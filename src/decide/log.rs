//! What `log` lists: the log's entries chosen by its filters, an amendment told apart from the
//! day it adds to, in date order.

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};

use chrono::NaiveDate;

use crate::decide::entry::Entry;
use crate::error::bad_input;
use crate::progress::Event;

/// What `log` was asked to show.
#[derive(Debug, Default)]
pub(crate) struct LogFilter<'a> {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// `--plan`, matched without regard to case.
    pub plan: Option<&'a str>,
    /// `--grep`: words in the title, the day or the note, without regard to case.
    pub grep: Option<&'a str>,
    /// The Markdown diary, which shows reviews, pauses and resumes too.
    pub diary: bool,
}

impl LogFilter<'_> {
    /// Refuses a range that ends before it begins, as bad input.
    pub(crate) fn check(&self) -> anyhow::Result<()> {
        if let (Some(since), Some(until)) = (self.since, self.until)
            && since > until
        {
            return Err(bad_input(format!(
                "--since {since} is after --until {until}"
            )));
        }
        Ok(())
    }

    /// Whether anything narrows the log: an empty result then says so, not "nothing logged".
    pub(crate) fn narrows(&self) -> bool {
        self.since.is_some() || self.until.is_some() || self.plan.is_some() || self.grep.is_some()
    }

    fn keeps(&self, e: &Entry, grep: Option<&str>) -> bool {
        let in_range =
            self.since.is_none_or(|s| e.date >= s) && self.until.is_none_or(|u| e.date <= u);
        // A pause is no plan's: it shows whatever plan is asked for.
        let in_plan = matches!(e.event, "pause" | "resume")
            || self.plan.is_none_or(|p| e.plan.eq_ignore_ascii_case(p));
        in_range && in_plan && grep.is_none_or(|g| mentions(e, g))
    }
}

/// The entries of `events` (in the order they were recorded) that `filter` keeps, in date
/// order; events of one date keep the order they were recorded in.
pub(crate) fn entries(events: Vec<Event>, filter: &LogFilter) -> Vec<Entry> {
    let grep = filter.grep.map(str::to_lowercase);
    // A second `done` of a day in its pass adds to it (`done --amend`, `done DAY`).
    let mut done = HashSet::new();
    let mut entries: Vec<Entry> = events
        .into_iter()
        .filter_map(|event| {
            let diary_entry = filter
                .diary
                .then(|| Entry::from_diary_event(&event))
                .flatten();
            let mut entry = diary_entry.or_else(|| Entry::from_owned(event))?;
            if entry.event == "done" {
                // A hash, not the strings: a century of sessions is held once, not twice.
                let mut key = DefaultHasher::new();
                (&entry.plan, entry.pass, entry.day.to_lowercase()).hash(&mut key);
                entry.amend = !done.insert(key.finish());
            }
            Some(entry)
        })
        .filter(|e| filter.keeps(e, grep.as_deref()))
        .collect();
    // Stable, and sorted through (date, position) pairs rather than a scratch copy of the
    // entries: a long history is not held one and a half times.
    entries.sort_by_cached_key(|e| e.date);
    entries
}

/// Whether the entry's title, day or note holds `grep` (lower case).
fn mentions(e: &Entry, grep: &str) -> bool {
    e.title.to_lowercase().contains(grep)
        || e.day.to_lowercase().contains(grep)
        || e.note
            .as_ref()
            .is_some_and(|n| n.to_lowercase().contains(grep))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::fixtures::{done_event, event, nov};
    use crate::event::EventKind;

    fn listed(entries: &[Entry]) -> Vec<String> {
        entries
            .iter()
            .map(|e| {
                let event = if e.amend { "added" } else { e.event };
                format!("{} {event} {}", e.date.format("%d"), e.day)
            })
            .collect()
    }

    fn pause(n: usize, d: u32) -> Event {
        let mut pause = event(
            n,
            d,
            EventKind::Pause {
                until: None,
                reason: None,
            },
        );
        pause.plan = "other".into();
        pause
    }

    #[test]
    fn a_second_done_of_a_day_in_its_pass_is_an_addition_and_the_log_is_in_date_order() {
        let mut next_pass = done_event(4, 6, "d1", None, None);
        next_pass.pass = 2;
        let events = vec![
            done_event(1, 3, "d1", None, None),
            // Recorded later for an earlier date (`done --date`).
            done_event(2, 2, "d2", None, Some(10)),
            done_event(3, 4, "D1", Some("more"), None),
            next_pass,
        ];
        let shown = entries(events, &LogFilter::default());
        assert_eq!(
            listed(&shown),
            ["02 done d2", "03 done d1", "04 added D1", "06 done d1"]
        );
    }

    #[test]
    fn the_dates_given_are_included_and_a_range_backwards_is_refused() {
        let events = || (1..=5).map(|d| done_event(d as usize, d, &format!("d{d}"), None, None));
        let filter = LogFilter {
            since: Some(nov(2)),
            until: Some(nov(4)),
            ..LogFilter::default()
        };
        assert!(filter.narrows());
        assert_eq!(
            listed(&entries(events().collect(), &filter)),
            ["02 done d2", "03 done d3", "04 done d4"]
        );
        let backwards = LogFilter {
            since: Some(nov(4)),
            until: Some(nov(2)),
            ..LogFilter::default()
        };
        assert_eq!(
            backwards.check().unwrap_err().to_string(),
            "--since 2026-11-04 is after --until 2026-11-02"
        );
    }

    #[test]
    fn grep_finds_words_in_the_title_the_day_or_the_note_whatever_their_case() {
        let events = || {
            vec![
                done_event(1, 1, "d1", Some("Generators at last"), None),
                done_event(2, 2, "d2", None, None),
                done_event(3, 3, "d3", None, None),
            ]
        };
        let grep = |word| {
            let filter = LogFilter {
                grep: Some(word),
                ..LogFilter::default()
            };
            listed(&entries(events(), &filter))
        };
        assert_eq!(grep("GENERATORS"), ["01 done d1"]);
        assert_eq!(grep("topic 2"), ["02 done d2"]);
        assert_eq!(grep("D3"), ["03 done d3"]);
        assert!(grep("zzz").is_empty());
    }

    #[test]
    fn only_the_diary_shows_pauses_and_it_shows_them_whatever_plan_is_asked_for() {
        let mut elsewhere = done_event(3, 3, "d2", None, None);
        elsewhere.plan = "other".into();
        let events = || {
            vec![
                done_event(1, 1, "d1", None, None),
                pause(2, 2),
                elsewhere.clone(),
            ]
        };
        let of_p = |diary| LogFilter {
            plan: Some("P"),
            diary,
            ..LogFilter::default()
        };
        assert_eq!(listed(&entries(events(), &of_p(false))), ["01 done d1"]);
        assert_eq!(
            listed(&entries(events(), &of_p(true))),
            ["01 done d1", "02 pause "]
        );
    }
}
