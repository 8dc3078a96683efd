//! What `doctor` says: each repair and each finding on a line of its own, labelled with where
//! it is, and the verdict.

use std::path::Path;

use crate::decide::doctor::{Report, Severity};
use crate::error::CommandError;
use crate::render::text::{one_line, plural};
use crate::render::width::{display_width, wrap_hanging};

/// A home that does not exist holds nothing to check (and doctor does not create it).
pub(super) fn nothing_yet(home: &Path) -> String {
    format!(
        "Nothing recorded yet: {} does not exist, so there is nothing to check.",
        home.display()
    )
}

/// The repairs, the findings and, when the home is healthy and `quiet` is off, a summary;
/// fitted to `width`.
pub(super) fn text(report: &Report, home: &Path, width: Option<usize>, quiet: bool) -> String {
    let mut lines = Vec::new();
    for action in &report.repaired {
        lines.push(labelled("repaired: ", action, width));
    }
    for finding in &report.findings {
        let severity = match finding.severity {
            Severity::Problem => "problem",
            Severity::Notice => "notice",
        };
        let label = format!("{}: {severity}: ", one_line(&finding.place()));
        lines.push(labelled(&label, &finding.message, width));
    }
    if report.healthy && !quiet {
        let mut summary = format!("The home at {} is healthy", home.display());
        if !report.findings.is_empty() {
            summary.push_str(&format!(" ({})", plural(report.findings.len(), "notice")));
        }
        lines.push(format!("{}.", one_line(&summary)));
    }
    lines.iter().map(|line| format!("{line}\n")).collect()
}

/// The failure of an unhealthy home: how many problems, and what to do about them.
pub(super) fn needs_repair(report: &Report, home: &Path) -> anyhow::Error {
    let problems = report.problems().count();
    CommandError::failure(format!(
        "the home at {} needs repair: {}",
        home.display(),
        plural(problems, "problem")
    ))
    .hinted(report.hint())
    .into()
}

/// `label` then `text` on one line, fitted to `width` with continuation lines under the text
/// rather than under the label.
fn labelled(label: &str, text: &str, width: Option<usize>) -> String {
    let line = format!("{label}{}", one_line(text));
    wrap_hanging(&line, width, display_width(label))
}
