//! An iCalendar (RFC 5545) document of the practice days ahead, written by hand: text
//! escaping (§3.3.11), line folding at 75 octets (§3.1) and CRLF line ends.
//!
//! Times are floating local times (no time zone): a phone shows a 09:00 session at 09:00
//! wherever it is. UIDs name the plan, its pass and the day, never the date, so importing the
//! feed again moves an event that shifted instead of adding a second one.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

/// The longest line RFC 5545 allows, in octets, without the CRLF.
pub(crate) const MAX_LINE_OCTETS: usize = 75;

/// One planned practice day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PlannedDay {
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// Escapes a TEXT value: backslash, semicolon, comma and newlines.
pub(crate) fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line into lines of at most 75 octets, each continuation starting with a
/// space, never splitting a UTF-8 character; every line ends with CRLF.
pub(crate) fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

/// The whole document: one VEVENT per planned day, each with a VALARM at its start.
pub(crate) fn document(
    days: &[PlannedDay],
    at: NaiveTime,
    minutes: u32,
    stamp: DateTime<Utc>,
) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        format!(
            "PRODID:-//pymastery//pymastery {}//EN",
            env!("CARGO_PKG_VERSION")
        ),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "X-WR-CALNAME:pymastery practice".into(),
    ];
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for day in days {
        let start = day.date.and_time(at);
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}", day.uid),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART:{}", start.format("%Y%m%dT%H%M%S")),
            format!("DURATION:PT{minutes}M"),
            format!("SUMMARY:{}", escape_text(&day.summary)),
            format!("DESCRIPTION:{}", escape_text(&day.description)),
            "TRANSP:OPAQUE".into(),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            "TRIGGER:PT0M".into(),
            format!("DESCRIPTION:{}", escape_text(&day.summary)),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold_line(l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Undoes folding: a line starting with a space continues the one before.
    fn unfold(text: &str) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        for line in text.split("\r\n") {
            match line.strip_prefix(' ') {
                Some(rest) => lines.last_mut().unwrap().push_str(rest),
                None if !line.is_empty() => lines.push(line.to_string()),
                None => {}
            }
        }
        lines
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let value = format!("DESCRIPTION:{}", "é→x".repeat(60));
        let folded = fold_line(&value);
        assert!(folded.ends_with("\r\n"));
        for line in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(line.len() <= MAX_LINE_OCTETS, "{} octets", line.len());
        }
        assert_eq!(unfold(&folded), vec![value]);
        assert_eq!(fold_line("SHORT:x"), "SHORT:x\r\n");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a, b; c\\d\nnext"), "a\\, b\\; c\\\\d\\nnext");
    }

    #[test]
    fn the_document_has_one_event_and_one_alarm_per_day() {
        let day = |n: u32| PlannedDay {
            uid: format!("p.d{n}.1@pymastery"),
            date: NaiveDate::from_ymd_opt(2026, 11, n).unwrap(),
            summary: format!("p d{n}: Day {n}"),
            description: "- one\n- two, three".into(),
        };
        let at = NaiveTime::from_hms_opt(18, 30, 0).unwrap();
        let stamp = DateTime::parse_from_rfc3339("2026-11-01T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let text = document(&[day(2), day(3)], at, 45, stamp);
        let lines = unfold(&text);
        assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
        assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VALARM").count(), 2);
        assert!(lines.contains(&"DTSTART:20261103T183000".to_string()));
        assert!(lines.contains(&"DURATION:PT45M".to_string()));
        assert!(lines.contains(&"DESCRIPTION:- one\\n- two\\, three".to_string()));
        assert!(lines.contains(&"UID:p.d2.1@pymastery".to_string()));
    }
}
