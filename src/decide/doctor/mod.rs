//! What `doctor` makes of what it read from a home: each check is a function from what was
//! read (a log's lines, the progress, a plan, a file's mode) to [`Finding`]s, and the
//! [`Report`] says whether the home is healthy and what to do about it. Reading the home,
//! repairing it and printing the report are the command's.

mod files;
mod log;
mod plans;

use std::path::Path;

use serde::Serialize;

pub(crate) use files::{loose_mode, stale_temp, temp_file_pid};
pub(crate) use log::{Known, from_other_machine, log_lines, out_of_range, undone, unknown_names};
pub(crate) use plans::{strayed, vanished_ticks};

use crate::render::text::{excerpt, plural};

/// How much of a damaged line or a recorded title a finding quotes.
const EXCERPT_CHARS: usize = 60;

/// Whether a finding makes the home unhealthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Severity {
    /// Needs repair: doctor exits 1.
    Problem,
    /// Worth knowing, harmless: events for a plan that was removed are simply not shown.
    Notice,
}

/// What a finding is about, as `--json` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
    /// A complete line of the log that is not an event.
    BadLine,
    /// The unfinished last line of an interrupted append.
    InterruptedWrite,
    /// A line a newer pymastery wrote.
    NewerVersion,
    /// A value no real session has.
    OutOfRange,
    /// A log file that cannot be read.
    Unreadable,
    /// A damaged line in a log another machine writes, which that machine repairs.
    OtherMachinesLine,
    UnknownPlan,
    UnknownDay,
    /// A plan named in the log that cannot be read, or holds no day.
    Plan,
    /// Events recorded against an older text of a plan, shown on the wrong day.
    StrayedEvents,
    /// A tick whose item the plan no longer has.
    VanishedTick,
    Permissions,
    /// A temporary file an interrupted replacement left.
    StaleTemp,
    /// A copy a folder-sync tool left beside a log file.
    SyncConflictCopy,
    /// A version sync put in `quarantine/` because it did not merge.
    SetAsideBySync,
    /// A note written in the editor and never recorded.
    NoteDraft,
    Config,
}

impl Kind {
    /// Whether `--repair` fixes a problem of this kind.
    fn repairable(self) -> bool {
        matches!(
            self,
            Kind::BadLine
                | Kind::InterruptedWrite
                | Kind::Permissions
                | Kind::StaleTemp
                | Kind::SyncConflictCopy
        )
    }
}

/// One thing doctor found.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Finding {
    pub(crate) fn problem(
        kind: Kind,
        file: &Path,
        line: Option<usize>,
        message: String,
    ) -> Finding {
        Finding {
            kind,
            severity: Severity::Problem,
            file: file.display().to_string(),
            line,
            message,
        }
    }

    pub(crate) fn notice(kind: Kind, file: &Path, line: Option<usize>, message: String) -> Finding {
        Finding {
            severity: Severity::Notice,
            ..Finding::problem(kind, file, line, message)
        }
    }

    /// Whether `--repair` fixes it: a notice needs no fixing.
    pub(crate) fn repairable(&self) -> bool {
        self.severity == Severity::Problem && self.kind.repairable()
    }

    /// `file:line`, or the file alone.
    pub(crate) fn place(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }
}

/// What doctor says of a home; `--json` prints it as it is.
#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub healthy: bool,
    /// What is wrong now (after repairs, with `--repair`).
    pub findings: Vec<Finding>,
    /// What `--repair` did.
    pub repaired: Vec<String>,
}

impl Report {
    /// The home is healthy when nothing found is a problem: notices do not count.
    pub(crate) fn new(findings: Vec<Finding>, repaired: Vec<String>) -> Report {
        Report {
            healthy: !findings.iter().any(|f| f.severity == Severity::Problem),
            findings,
            repaired,
        }
    }

    pub(crate) fn problems(&self) -> impl Iterator<Item = &Finding> {
        (self.findings.iter()).filter(|f| f.severity == Severity::Problem)
    }

    /// What to do about the problems: repair what `--repair` can, else upgrade for lines a
    /// newer version wrote, else edit by hand.
    pub(crate) fn hint(&self) -> &'static str {
        if self.problems().any(Finding::repairable) {
            "run `pymastery doctor --repair` to move damaged lines to a file in quarantine/ and fix permissions (nothing is deleted)"
        } else if self.problems().any(|f| f.kind == Kind::NewerVersion) {
            "upgrade pymastery: a newer version wrote to this log"
        } else {
            "fix the files named above by hand"
        }
    }
}

/// Recorded text quoted in a finding: one line, cut, in backticks.
fn quoted(text: &str) -> String {
    format!("`{}`", excerpt(text, EXCERPT_CHARS))
}

/// `1 event names` / `3 events name`.
fn events_name(n: usize) -> String {
    let verb = if n == 1 { "names" } else { "name" };
    format!("{} {verb}", plural(n, "event"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::progress::store::Scan;

    /// A log line of plan `plan` with id `id`, the rest of the event given as JSON fields.
    pub(super) fn event(id: &str, plan: &str, rest: &str) -> String {
        format!(
            r#"{{"v":1,"id":"{id}","at":"2026-11-01T09:00:00+00:00","date":"2026-11-01","plan":"{plan}","pass":1,{rest}}}"#
        )
    }

    /// A log of `lines`, read.
    pub(super) fn log(lines: &[String]) -> Scan {
        crate::progress::store::scan(format!("{}\n", lines.join("\n")).as_bytes())
    }

    fn finding(kind: Kind, severity: Severity) -> Finding {
        let finding = Finding::problem(kind, Path::new("log"), None, String::new());
        Finding {
            severity,
            ..finding
        }
    }

    #[test]
    fn notices_leave_the_home_healthy() {
        let report = Report::new(vec![finding(Kind::UnknownPlan, Severity::Notice)], vec![]);
        assert!(report.healthy);
        assert_eq!(report.problems().count(), 0);
        assert!(Report::new(vec![], vec![]).healthy);
    }

    #[test]
    fn the_hint_offers_repair_first_then_an_upgrade_then_the_hand() {
        let newer = finding(Kind::NewerVersion, Severity::Problem);
        let bad = finding(Kind::BadLine, Severity::Problem);
        let config = finding(Kind::Config, Severity::Problem);
        let report = Report::new(vec![newer.clone(), bad.clone()], vec![]);
        assert!(!report.healthy);
        assert!(report.hint().contains("--repair"));
        let report = Report::new(vec![config.clone(), newer], vec![]);
        assert!(report.hint().starts_with("upgrade"));
        assert_eq!(
            Report::new(vec![config], vec![]).hint(),
            "fix the files named above by hand"
        );
        // A damaged line in another machine's log is that machine's to repair.
        let elsewhere = Finding {
            kind: Kind::OtherMachinesLine,
            ..bad
        };
        assert!(
            !Finding {
                severity: Severity::Notice,
                ..elsewhere
            }
            .repairable()
        );
    }

    #[test]
    fn kinds_and_severities_are_named_as_the_json_has_them() {
        let finding = finding(Kind::SetAsideBySync, Severity::Notice);
        let value = serde_json::to_value(&finding).unwrap();
        assert_eq!(value["kind"], "set-aside-by-sync");
        assert_eq!(value["severity"], "notice");
        assert_eq!(events_name(1), "1 event names");
        assert_eq!(events_name(3), "3 events name");
    }
}
