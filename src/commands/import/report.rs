//! What `validate` and `import` say of a plan file: what the parser found (counted once into
//! a [`Summary`]), how it read the file, what it repaired or ignored, and where the plan was
//! put; as text or as JSON.

use std::io::Write;

use serde_json::{Value, json};

use super::ticked_count;
use crate::commands::Context;
use crate::commands::install::Installed;
use crate::curriculum::parse::reading_notes;
use crate::curriculum::{Curriculum, PhaseKind, Reading};
use crate::render::text::{Paint, one_line, plural};
use crate::render::write_json;
use crate::upstream::Upstream;

/// How many readings `validate` lists: the chosen one and up to four alternatives.
const SHOWN_READINGS: usize = 5;

/// Where an imported plan was put, for the report.
pub(super) struct Saved<'a> {
    pub installed: &'a Installed,
    pub upstream: Option<&'a Upstream>,
}

/// What a plan holds, counted once for the text and the JSON.
struct Summary {
    days: usize,
    /// Calendar days the plan spans (a day may span several).
    span: usize,
    weeks: usize,
    /// Phases that are not weeks.
    other_phases: usize,
    items: usize,
    sections: usize,
    /// Boxes already ticked in the file.
    ticked: usize,
}

impl Summary {
    fn of(plan: &Curriculum) -> Summary {
        let weeks = (plan.phases.iter())
            .filter(|p| p.kind == PhaseKind::Week)
            .count();
        Summary {
            days: plan.days.len(),
            span: plan.total_span() as usize,
            weeks,
            other_phases: plan.phases.len() - weeks,
            items: plan.item_count(),
            sections: plan.sections.len(),
            ticked: ticked_count(plan),
        }
    }

    /// `12 days, 3 weeks, 40 items, 1 section`: what is there, leaving out what is not.
    fn counts(&self) -> String {
        let mut found = vec![plural(self.days, "day")];
        if self.span != self.days {
            found.push(plural(self.span, "calendar day"));
        }
        if self.weeks > 0 {
            found.push(plural(self.weeks, "week"));
        }
        if self.other_phases > 0 {
            found.push(plural(self.other_phases, "other phase"));
        }
        found.push(plural(self.items, "item"));
        found.push(plural(self.sections, "section"));
        found.join(", ")
    }
}

/// What the parser found: counts, and what it repaired or ignored; for `import`, where the
/// plan was put (`saved`), and whether the ticks of the file are being kept.
pub(super) fn report(
    ctx: &Context,
    plan: &Curriculum,
    saved: Option<Saved<'_>>,
    keeping_ticks: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let summary = Summary::of(plan);
    if ctx.json {
        return write_json(out, &json_report(plan, &summary, saved.as_ref()));
    }
    let paint = ctx.paint();
    writeln!(out, "{}", paint.bold(&one_line(&plan.title)))?;
    writeln!(out, "  {}", summary.counts())?;
    if let Some(rule) = &plan.found_by {
        writeln!(out, "  steps found by {}", rule.describe())?;
    }
    readings(plan, saved.is_none(), &paint, out)?;
    if summary.ticked > 0 && !keeping_ticks {
        writeln!(
            out,
            "  {} already ticked (`[x]`); `pymastery import --keep-ticks` records them as ticked",
            plural(summary.ticked, "item")
        )?;
    }
    for warning in &plan.warnings {
        let place = if warning.line > 0 {
            format!("line {}: ", warning.line)
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {} {place}{}",
            paint.yellow("warning:"),
            one_line(&warning.message)
        )?;
    }
    match saved {
        Some(saved) => where_saved(plan, &saved, out),
        None => Ok(()),
    }
}

/// The report as `--json` has it.
fn json_report(plan: &Curriculum, summary: &Summary, saved: Option<&Saved<'_>>) -> Value {
    let mut value = json!({
        "title": plan.title,
        "days": summary.days,
        "span": plan.total_span(),
        "items": summary.items,
        "phases": plan.phases.len(),
        "weeks": summary.weeks,
        "sections": summary.sections,
        "warnings": plan.warnings,
        "found_by": plan.found_by.as_ref().map(|r| r.describe()),
        "ticked": summary.ticked,
        "readings": plan.readings.iter().map(reading_json).collect::<Vec<_>>(),
        "chosen": plan.chosen,
    });
    if let Some(saved) = saved {
        value["id"] = json!(plan.id);
        value["path"] = json!(saved.installed.path.display().to_string());
        if saved.installed.replaced {
            value["changes"] = saved.installed.json();
        }
        if let Some(upstream) = saved.upstream {
            value["upstream"] = json!(upstream);
        }
    }
    value
}

/// Where the plan was put, where it came from, and, when it replaced an earlier import, what
/// became of the days recorded on.
fn where_saved(plan: &Curriculum, saved: &Saved<'_>, out: &mut dyn Write) -> anyhow::Result<()> {
    let path = saved.installed.path.display();
    if let Some(upstream) = saved.upstream {
        writeln!(
            out,
            "  from {} at commit {}",
            one_line(&upstream.describe()),
            crate::upstream::short_commit(&upstream.commit)
        )?;
    }
    if !saved.installed.replaced {
        writeln!(
            out,
            "Imported as '{}' ({path}). Begin with `pymastery start {}`.",
            plan.id, plan.id
        )?;
        return Ok(());
    }
    let lines = saved.installed.lines();
    if lines.is_empty() {
        writeln!(
            out,
            "Replaced '{}' ({path}); no day moved, was added or vanished, so what you recorded stays where it was.",
            plan.id
        )?;
    } else {
        writeln!(
            out,
            "Replaced '{}' ({path}); what you recorded follows its days:",
            plan.id
        )?;
        for line in lines {
            writeln!(out, "  {}", one_line(&line))?;
        }
    }
    Ok(())
}

/// The readings: all of them (up to [`SHOWN_READINGS`]) for `validate`, the chosen one for
/// `import`; then what is worth knowing about them.
fn readings(
    plan: &Curriculum,
    all: bool,
    paint: &Paint,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let line = |r: &Reading| {
        // The plan's own unit words (`les`, `课`) take no English plural: those are steps.
        let english = [
            "day", "week", "weekday", "date", "cycle", "part", "lesson", "session", "month",
            "module", "phase", "stage", "unit", "chapter", "sprint",
        ];
        let unit = if english.contains(&r.unit.as_str()) {
            r.unit.as_str()
        } else {
            "step"
        };
        let steps = plural(r.steps, unit);
        let first = r
            .first
            .iter()
            .map(|t| one_line(t))
            .collect::<Vec<_>>()
            .join("; ");
        format!("{steps}: {}: {first}", one_line(&r.rule))
    };
    let count = plan.readings.len();
    if all && count > 0 {
        writeln!(
            out,
            "  readings, best first (`import --reading N` takes another):"
        )?;
        let shown = plan
            .readings
            .iter()
            .filter(|r| r.rank <= SHOWN_READINGS || r.rank == plan.chosen);
        for r in shown {
            let mark = if r.rank == plan.chosen { "*" } else { " " };
            writeln!(out, "  {mark} {}. {}", r.rank, line(r))?;
        }
    } else if let Some(r) = plan
        .chosen
        .checked_sub(1)
        .and_then(|i| plan.readings.get(i))
    {
        writeln!(out, "  reading {} of {count}: {}", r.rank, line(r))?;
    }
    for note in reading_notes(plan) {
        writeln!(out, "  {} {}", paint.yellow("note:"), one_line(&note))?;
    }
    Ok(())
}

/// A reading as `--json` shows it: what `validate` lists, not how it was scored.
fn reading_json(r: &Reading) -> Value {
    json!({ "rank": r.rank, "steps": r.steps, "unit": r.unit, "rule": r.rule, "first": r.first })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reading_shows_in_json_without_how_it_was_scored() {
        let reading = Reading {
            rank: 1,
            steps: 12,
            unit: "les".to_string(),
            rule: "level-3 headings 'Les N'".to_string(),
            first: vec!["Structuur".to_string()],
            key: "h3:les".to_string(),
            score: 900,
            coverage: 80,
        };
        let value = reading_json(&reading);
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["first", "rank", "rule", "steps", "unit"]);
        assert_eq!(value["steps"], 12);
    }
}
