//! The checks of a log file's lines: damaged, interrupted and too-new lines, values no real
//! session has, and events naming plans or days that no plan has.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::{Finding, Kind, Severity, events_name, quoted};
use crate::curriculum::Curriculum;
use crate::progress::store::{Problem, Scan};
use crate::progress::{Event, EventKind};

/// Damaged, interrupted and too-new lines of the log at `path`.
pub(crate) fn log_lines(path: &Path, scan: &Scan) -> Vec<Finding> {
    scan.bad
        .iter()
        .map(|bad| {
            let line = Some(bad.line);
            let text = quoted(&bad.text);
            match bad.problem {
                Problem::Unparseable => Finding::problem(
                    Kind::BadLine,
                    path,
                    line,
                    format!("not an event ({}): {text}", bad.reason),
                ),
                Problem::Unterminated => Finding::problem(
                    Kind::InterruptedWrite,
                    path,
                    line,
                    format!("an unfinished last line from an interrupted write: {text}"),
                ),
                Problem::Newer(version) => Finding::problem(
                    Kind::NewerVersion,
                    path,
                    line,
                    format!("written by a newer pymastery (log format v{version}); kept as it is"),
                ),
            }
        })
        .collect()
}

/// A damaged line found in another machine's log: a notice, since sync never sends it on and
/// that machine's `doctor --repair` repairs it.
pub(crate) fn from_other_machine(finding: Finding) -> Finding {
    Finding {
        kind: Kind::OtherMachinesLine,
        severity: Severity::Notice,
        message: format!(
            "{} (in another machine's log: sync never sends it on, and `pymastery doctor --repair` on that machine repairs it)",
            finding.message
        ),
        ..finding
    }
}

/// Values no real session has: more minutes than a day holds.
pub(crate) fn out_of_range(path: &Path, scan: &Scan) -> Vec<Finding> {
    scan.events
        .iter()
        .filter_map(|(line, event)| match &event.kind {
            EventKind::Done {
                minutes: Some(minutes),
                ..
            } if *minutes > crate::clock::MAX_MINUTES => Some(Finding::problem(
                Kind::OutOfRange,
                path,
                Some(*line),
                format!(
                    "minutes is {minutes}, more than a day holds (at most {}); totals stop at their limit: edit this line to the real figure",
                    crate::clock::MAX_MINUTES
                ),
            )),
            _ => None,
        })
        .collect()
}

/// The ids of the events taken back (by `undo`, or by a re-import that carried them to a day's
/// new key), in any of the logs: they name nothing any more, whichever file the undo is in.
pub(crate) fn undone<'a>(scans: impl IntoIterator<Item = &'a Scan>) -> HashSet<&'a str> {
    scans
        .into_iter()
        .flat_map(|scan| &scan.events)
        .filter_map(|(_, e)| match &e.kind {
            EventKind::Undo { target } => Some(target.as_str()),
            _ => None,
        })
        .collect()
}

/// A plan named in the log, as the catalog has it.
pub(crate) enum Known {
    /// Neither built in nor imported.
    Missing,
    /// Its file cannot be read: why.
    Unreadable(String),
    Plan(Box<Curriculum>),
}

/// What the live events of one log name: per plan and per day key, the first line naming it
/// and how many events do; the title each day was recorded with; the items ticked on it.
#[derive(Default)]
struct Named<'a> {
    plans: BTreeMap<&'a str, (usize, usize)>,
    days: BTreeMap<(&'a str, &'a str), (usize, usize)>,
    titles: BTreeMap<(&'a str, &'a str), &'a str>,
    ticked: BTreeMap<(&'a str, &'a str), Vec<&'a str>>,
}

impl<'a> Named<'a> {
    fn add(&mut self, line: usize, event: &'a Event) {
        let plan = event.plan.as_str();
        self.plans.entry(plan).or_insert((line, 0)).1 += 1;
        let Some(day) = event.kind.day() else {
            return;
        };
        self.days.entry((plan, day)).or_insert((line, 0)).1 += 1;
        if let Some(title) = event.kind.title().filter(|t| !t.is_empty()) {
            self.titles.insert((plan, day), title);
        }
        if let EventKind::Check { texts, .. } = &event.kind {
            let list = self.ticked.entry((plan, day)).or_default();
            for text in texts {
                if !list.contains(&text.as_str()) {
                    list.push(text);
                }
            }
        }
    }
}

/// Events of the log at `path` that name a plan that does not exist, or a day its plan does
/// not have; with `--plan`, only that plan's. `lookup` says what the catalog has of a plan.
pub(crate) fn unknown_names(
    path: &Path,
    scan: &Scan,
    undone: &HashSet<&str>,
    only: Option<&str>,
    mut lookup: impl FnMut(&str) -> Known,
) -> Vec<Finding> {
    let mut named = Named::default();
    let live = (scan.events.iter())
        .filter(|(_, e)| !undone.contains(e.id.as_str()))
        .filter(|(_, e)| only.is_none_or(|p| e.plan.eq_ignore_ascii_case(p)));
    for (line, event) in live {
        named.add(*line, event);
    }
    let mut findings = Vec::new();
    for (&plan, &(line, count)) in &named.plans {
        let curriculum = match lookup(plan) {
            Known::Plan(curriculum) => curriculum,
            Known::Missing => {
                findings.push(Finding::notice(
                    Kind::UnknownPlan,
                    path,
                    Some(line),
                    format!(
                        "{} plan '{plan}', which is not a built-in or imported plan; kept, but not shown",
                        events_name(count)
                    ),
                ));
                continue;
            }
            Known::Unreadable(why) => {
                findings.push(Finding::problem(
                    Kind::Plan,
                    path,
                    Some(line),
                    format!("plan '{plan}' named here cannot be read: {why}"),
                ));
                continue;
            }
        };
        // A plan without days gives nothing to check the keys against: its file was emptied or
        // damaged, and what the log holds for it shows nowhere.
        if !curriculum.is_trackable() {
            findings.push(Finding::problem(
                Kind::Plan,
                path,
                Some(line),
                format!(
                    "{} plan '{plan}', whose file holds no day any more; put the plan's text back or import it again with --force",
                    events_name(count)
                ),
            ));
            continue;
        }
        findings.extend(unknown_days(path, plan, &curriculum, &named));
    }
    findings
}

/// The day keys recorded for `plan` (as the log names it) in the log at `path` that its
/// curriculum does not have.
fn unknown_days(path: &Path, plan: &str, curriculum: &Curriculum, named: &Named) -> Vec<Finding> {
    let recorded = (named.days.range((plan, "")..)).take_while(|((p, _), _)| *p == plan);
    let mut findings = Vec::new();
    for (&(_, day), &(line, count)) in recorded {
        let known = curriculum.day(day).is_some()
            || (curriculum.sections.iter()).any(|s| s.key.eq_ignore_ascii_case(day));
        if known {
            continue;
        }
        let title =
            (named.titles.get(&(plan, day))).map_or(String::new(), |t| format!(" ({})", quoted(t)));
        // `d3~5fa0c1e2`: a day that vanished at a re-import while another took its key.
        let was = day.split_once('~').map_or(String::new(), |(key, _)| {
            format!(" (it was '{key}' until a re-import dropped it)")
        });
        let items = named
            .ticked
            .get(&(plan, day))
            .map_or(String::new(), |texts| {
                let shown: Vec<String> = texts.iter().map(|t| quoted(t)).collect();
                format!("; items ticked on it: {}", shown.join(", "))
            });
        findings.push(Finding::notice(
            Kind::UnknownDay,
            path,
            Some(line),
            format!(
                "{} day '{day}'{title}{was}, which plan '{plan}' does not have{items}; kept, but not shown: `pymastery --plan {plan} doctor --remap {day} NEW` copies them onto a day it has",
                events_name(count)
            ),
        ));
    }
    findings
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::decide::doctor::tests::{event, log};
    use crate::decide::fixtures::three_days;

    fn kinds(found: &[Finding]) -> Vec<(Kind, Option<usize>)> {
        found.iter().map(|f| (f.kind, f.line)).collect()
    }

    #[test]
    fn damaged_lines_are_quoted_without_escapes_and_an_unfinished_last_one_was_interrupted() {
        let good = event("a1", "p", r#""type":"done","day":"d1","title":"Topic 1""#);
        let bytes = format!("{good}\n{{\"v\":1,\"da\u{1b}[2J\n{{\"v\":1,\"id\"");
        let found = log_lines(
            Path::new("log/x.jsonl"),
            &crate::progress::store::scan(bytes.as_bytes()),
        );
        assert_eq!(
            kinds(&found),
            [(Kind::BadLine, Some(2)), (Kind::InterruptedWrite, Some(3))]
        );
        assert!(
            found[0].message.ends_with(r#": `{"v":1,"da[2J`"#),
            "{}",
            found[0].message
        );
        assert!(found.iter().all(Finding::repairable));
        // The same line in another machine's log is that machine's to repair.
        let elsewhere = from_other_machine(found[0].clone());
        assert_eq!(
            (elsewhere.kind, elsewhere.severity),
            (Kind::OtherMachinesLine, Severity::Notice)
        );
        assert_eq!(
            (elsewhere.file.as_str(), elsewhere.line),
            ("log/x.jsonl", Some(2))
        );
        assert!(!elsewhere.repairable());
    }

    #[test]
    fn more_minutes_than_a_day_holds_are_out_of_range() {
        let scan = log(&[
            event(
                "a1",
                "p",
                r#""type":"done","day":"d1","title":"","minutes":1441"#,
            ),
            event(
                "a2",
                "p",
                r#""type":"done","day":"d2","title":"","minutes":1440"#,
            ),
        ]);
        assert_eq!(
            kinds(&out_of_range(Path::new("log"), &scan)),
            [(Kind::OutOfRange, Some(1))]
        );
    }

    #[test]
    fn events_naming_a_plan_or_day_that_is_not_there_are_notices_unless_taken_back() {
        let scan = log(&[
            event("a1", "p", r#""type":"done","day":"d1","title":"Topic 1""#),
            event(
                "a2",
                "p",
                r#""type":"check","day":"d9","title":"Old topic","items":[1],"texts":["read the old text"]"#,
            ),
            event("a3", "gone", r#""type":"done","day":"d1","title":"""#),
            event("a4", "p", r#""type":"done","day":"d8","title":"""#),
            event("a5", "p", r#""type":"undo","target":"a4""#),
        ]);
        let undone = undone([&scan]);
        let lookup = |plan: &str| {
            if plan == "p" {
                Known::Plan(Box::new(three_days()))
            } else {
                Known::Missing
            }
        };
        let found = unknown_names(Path::new("log"), &scan, &undone, None, lookup);
        assert_eq!(
            kinds(&found),
            [(Kind::UnknownPlan, Some(3)), (Kind::UnknownDay, Some(2))]
        );
        assert!(found.iter().all(|f| f.severity == Severity::Notice));
        assert_eq!(
            found[1].message,
            "1 event names day 'd9' (`Old topic`), which plan 'p' does not have; items ticked on it: `read the old text`; kept, but not shown: `pymastery --plan p doctor --remap d9 NEW` copies them onto a day it has"
        );
        // With `--plan`, only that plan's events are looked at.
        let found = unknown_names(Path::new("log"), &scan, &undone, Some("P"), lookup);
        assert_eq!(kinds(&found), [(Kind::UnknownDay, Some(2))]);
    }

    #[test]
    fn a_plan_that_cannot_be_read_or_holds_no_day_is_a_problem() {
        let scan = log(&[
            event("a1", "broken", r#""type":"done","day":"d1","title":"""#),
            event("a2", "emptied", r#""type":"done","day":"d1","title":"""#),
        ]);
        let lookup = |plan: &str| match plan {
            "broken" => Known::Unreadable("line 3: not UTF-8".into()),
            _ => Known::Plan(Box::new(crate::curriculum::parse::parse(
                "emptied",
                "# Emptied\n",
            ))),
        };
        let found = unknown_names(Path::new("log"), &scan, &HashSet::new(), None, lookup);
        assert_eq!(
            kinds(&found),
            [(Kind::Plan, Some(1)), (Kind::Plan, Some(2))]
        );
        assert!(
            found[0]
                .message
                .ends_with("cannot be read: line 3: not UTF-8")
        );
        assert!(
            found[1]
                .message
                .starts_with("1 event names plan 'emptied', whose file holds no day")
        );
        assert!(
            found
                .iter()
                .all(|f| f.severity == Severity::Problem && !f.repairable())
        );
    }
}
