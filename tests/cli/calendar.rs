//! The calendar feed: parsed back by a small RFC 5545 reader here, and by Python's
//! `icalendar` when it is installed.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use crate::support::Pym;

/// One VEVENT's properties (name -> raw value), from an unfolded document.
type Event = BTreeMap<String, String>;

/// Checks the framing (CRLF, 75-octet lines, balanced BEGIN/END) and returns the events.
fn parse(text: &str) -> Vec<Event> {
    assert!(text.ends_with("\r\n"), "the document ends with CRLF");
    let body = text.strip_suffix("\r\n").unwrap();
    let mut lines: Vec<String> = Vec::new();
    for line in body.split("\r\n") {
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line end in {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().unwrap().push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    let mut stack: Vec<String> = Vec::new();
    let mut events = Vec::new();
    let mut current: Option<Event> = None;
    for line in &lines {
        let (name, value) = line
            .split_once(':')
            .unwrap_or_else(|| panic!("no colon: {line}"));
        match name {
            "BEGIN" => {
                stack.push(value.to_string());
                if value == "VEVENT" {
                    current = Some(Event::new());
                }
            }
            "END" => {
                assert_eq!(
                    stack.pop().as_deref(),
                    Some(value),
                    "unbalanced END:{value}"
                );
                if value == "VEVENT" {
                    events.push(current.take().unwrap());
                }
            }
            _ if stack.last().map(String::as_str) == Some("VEVENT") => {
                current
                    .as_mut()
                    .unwrap()
                    .insert(name.to_string(), value.to_string());
            }
            _ => {}
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    assert_eq!(
        lines.iter().filter(|l| *l == "BEGIN:VALARM").count(),
        events.len(),
        "one alarm per event"
    );
    for event in &events {
        for required in ["UID", "DTSTAMP", "DTSTART", "DURATION", "SUMMARY"] {
            assert!(
                event.contains_key(required),
                "{required} missing in {event:?}"
            );
        }
    }
    events
}

fn uid_dates(events: &[Event]) -> BTreeMap<String, String> {
    events
        .iter()
        .map(|e| (e["UID"].clone(), e["DTSTART"].clone()))
        .collect()
}

#[test]
fn the_feed_parses_back_with_stable_uids_and_passes_over_days_off() {
    // 2026-11-02 is a Monday.
    let mut pym = Pym::new();
    pym.run(&["config", "set", "rest_days", "sat,sun"]).ok();
    pym.at(2, "09:00").run(&["start", "interview"]).ok();
    let before = pym.snapshot();
    let first = pym
        .run(&[
            "calendar",
            "--days",
            "14",
            "--at",
            "07:30",
            "--minutes",
            "45",
        ])
        .ok()
        .stdout;
    assert!(pym.snapshot() == before, "calendar wrote into the home");
    let events = parse(&first);
    let dates: Vec<&str> = events.iter().map(|e| &e["DTSTART"][..8]).collect();
    assert_eq!(
        dates,
        [
            "20261102", "20261103", "20261104", "20261105", "20261106", "20261109", "20261110",
            "20261111", "20261112", "20261113"
        ],
        "weekdays only, fourteen days ahead"
    );
    let d1 = &events[0];
    assert_eq!(d1["UID"], "interview.d1.pass1@pymastery");
    assert_eq!(d1["DTSTART"], "20261102T073000");
    assert_eq!(d1["DURATION"], "PT45M");
    assert_eq!(d1["SUMMARY"], "interview d1: Python Basics & Philosophy");
    assert!(
        d1["DESCRIPTION"].contains("- Zen of Python (PEP 20)\\n"),
        "{d1:?}"
    );

    // The same feed run again is the same; after a day done and a pause, the days left keep
    // their UIDs and move.
    assert_eq!(
        pym.run(&[
            "calendar",
            "--days",
            "14",
            "--at",
            "07:30",
            "--minutes",
            "45"
        ])
        .ok()
        .stdout,
        first
    );
    pym.at(2, "20:00").run(&["done", "-q"]).ok();
    pym.at(3, "09:00")
        .run(&["pause", "--until", "2026-11-05"])
        .ok();
    let second = parse(&pym.run(&["calendar", "--days", "14"]).ok().stdout);
    let (a, b) = (uid_dates(&events), uid_dates(&second));
    assert!(
        !b.contains_key("interview.d1.pass1@pymastery"),
        "a day done leaves the feed"
    );
    let shared: Vec<&String> = b.keys().filter(|uid| a.contains_key(*uid)).collect();
    assert!(shared.len() >= 5, "{shared:?}");
    assert_eq!(
        &b["interview.d2.pass1@pymastery"][..8],
        "20261106",
        "after the pause"
    );
    let uids: std::collections::BTreeSet<_> = second.iter().map(|e| &e["UID"]).collect();
    assert_eq!(uids.len(), second.len(), "UIDs are unique");
}

#[test]
fn calendar_refuses_bad_options() {
    let pym = Pym::new();
    insta::assert_snapshot!(pym.run(&["calendar", "--at", "25:00"]), @"
    [stderr]
    error: --at '25:00' is not a time of day; write it as HH:MM
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["calendar", "--days", "0"]), @"
    [stderr]
    error: --days 0 is out of range (1 to 366)
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["calendar", "--minutes", "0"]), @"
    [stderr]
    error: --minutes 0 is out of range (1 to 1440)
    [exit status: 2]
    ");
    insta::assert_snapshot!(pym.run(&["calendar", "--days", "1000"]), @"
    [stderr]
    error: --days 1000 is out of range (1 to 366)
    [exit status: 2]
    ");
}

/// Opens the feed with Python's `icalendar`, a library calendar clients use; skipped (with a
/// line saying so) where python3 or the package is missing, as on CI.
#[test]
fn python_icalendar_reads_the_feed() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import icalendar"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: python3 with the icalendar package is not installed");
        return;
    }
    let mut pym = Pym::new();
    pym.at(2, "09:00").run(&["start", "interview"]).ok();
    let feed = pym
        .run(&["calendar", "--days", "7", "--at", "06:45"])
        .ok()
        .stdout;
    let path = pym.home().join("feed.ics");
    std::fs::write(&path, &feed).unwrap();
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    alarms = e.walk('VALARM')
    print(e['UID'], e['DTSTART'].dt.isoformat(), len(alarms), str(e['SUMMARY']), sep='|')
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows.len(), 7, "{text}");
    assert_eq!(
        rows[0],
        "interview.d1.pass1@pymastery|2026-11-02T06:45:00|1|interview d1: Python Basics & Philosophy"
    );
    assert!(
        rows[2].starts_with("interview.d3.pass1@pymastery|2026-11-04T06:45:00|1|"),
        "{text}"
    );
}

#[test]
fn calendar_refuses_json_rather_than_print_icalendar_to_a_script_that_asked_for_it() {
    let pym = Pym::new();
    pym.run(&["start", "interview"]).ok();
    insta::assert_snapshot!(pym.run(&["calendar", "--json"]), @"
    [stderr]
    error: calendar prints an iCalendar document, not JSON; leave out --json
    [exit status: 2]
    ");
}
