//! One general parser for Markdown and plain-text plans.
//!
//! Text is normalised, split into a flat block stream (through pulldown-cmark, or line by line
//! for plain text), read in the candidate ways it allows, walked into phases, days and sections
//! by the chosen reading, then given stable keys.
//!
//! # How a plan is read
//!
//! 1. `normalize` (in `curriculum::normalize`) repairs the text: BOM, line endings, mojibake.
//! 2. `blocks` turns it into a flat list of `Block`s: `blocks/markdown.rs` for Markdown,
//!    `blocks/plain.rs` for plain text (chosen by `looks_plain`).
//! 3. `detect_form` (`build.rs`) decides where this plan writes its days: headings, bold or
//!    plain lines, list items or table rows (`Form`, in order of precedence). A second form
//!    joins the first when its days continue the sequence (tables for the first weeks, a list
//!    for the last).
//! 4. The `Builder` walks the blocks once with a stack of open frames ordered by
//!    `draft::Level`; `build.rs` handles headings and list items, `prose.rs` paragraph lines,
//!    `table.rs` table rows. Every label is recognised by `labels.rs` (`classify`, and
//!    `classify_heading` for a label that ends a heading), which reads its words from
//!    `words.rs` and its dates from `dates.rs`.
//! 5. `readings.rs` lists the candidate readings: what the day words found, every run of
//!    sibling blocks whose labels advance (`steps.rs`, numbers of any script in `numerals.rs`)
//!    and tables whose columns are steps; each is scored from structure (regular advance,
//!    coverage, evenness, nesting; known words a bonus). The chosen one (the best, the n-th, or
//!    the rule kept with the plan: `Choice`) is walked again if it is not the day words'.
//! 6. `finish.rs` assembles the model: drops empty sections, promotes `Final` entries and
//!    checklists, assigns keys. `limits.rs` holds every length threshold.
//!
//! # Adding a day shape
//!
//! 1. Write a plan of your own in that shape as `tests/fixtures/plans/<shape>.md` (never copy
//!    a published plan). Run `cargo test --test parse_snapshots`, read the new
//!    `tests/snapshots/parse_snapshots__fixture__<shape>.md.snap.new` and see what is wrong.
//! 2. A new *word* (a language's day, week or weekday word, or a plural): add one line to
//!    `LABEL_WORDS` or `WEEKDAYS` in `words.rs`, with the order its number takes. Nothing else.
//! 3. A new *way of writing a label* (a prefix, a glued suffix, a new date format): extend
//!    `leading_marker`/`number_first` in `labels.rs` or `bare_date` in `dates.rs`, and add a
//!    case to the unit tests there. If it is a new kind of entry, add a `Marker` variant, say
//!    whether it `is_day`, and give it a `DayId` in `Builder::open_day` (`build.rs`); its key
//!    comes from `finish::assign_keys`.
//! 4. A new *place* a label can stand (a table cell, a heading's end): handle it where that
//!    block is read (`table.rs` for rows, `classify_heading` for headings, `prose.rs` for
//!    lines) and make `detect_form` (`build.rs`) see it, or days there will not be looked for.
//! 5. A new *threshold*: put it in `limits.rs` with the reason for its value.
//! 6. Rerun the snapshots (`parse_snapshots` for the outline, `parse_readings` for the
//!    readings, and list the right reading of a new fixture in `tests/fixtures/readings.tsv`);
//!    the built-in plans' snapshots must not change, and
//!    `../shared/acceptance/run seeds-parse` must still hold. Accept the new snapshot only after
//!    reading it.

mod blocks;
mod build;
mod dates;
mod draft;
mod finish;
mod kinds;
mod labels;
mod limits;
mod numerals;
mod prose;
mod readings;
mod roles;
mod steps;
mod table;
mod text;
mod words;

use std::collections::HashMap;

use super::model::{Curriculum, MetaEntry, PhaseKind, Reading, StepRule, Warning};
use super::normalize::normalize;
use blocks::Block;
use build::{Builder, Form, detect_form};
use labels::{classify, classify_heading};
pub use readings::Choice;
use text::clean_title;

/// Parses a plan's text into the model, with its best reading. Never panics, whatever the
/// input.
///
/// The text is normalised here (BOM, line endings, mojibake, control characters), so any
/// string is safe to pass; what was repaired is in the plan's warnings.
pub fn parse(id: &str, source: &str) -> Curriculum {
    parse_with(id, source, &Choice::Best)
}

/// Parses a plan's text with the reading `choice` names (the best when it names none).
pub fn parse_with(id: &str, source: &str, choice: &Choice) -> Curriculum {
    let (text, mut warnings) = normalize(source);
    let (front, body) = front_matter(&text);
    let plain = blocks::looks_plain(&body);
    let blocks = if plain {
        blocks::plain_blocks(&body)
    } else {
        blocks::markdown_blocks(&body)
    };
    let title = title_block(&blocks);
    let doc = Doc {
        blocks: &blocks,
        title,
        forms: detect_form(&blocks, title),
        plain,
    };
    // With no day label in any form the walk finds no days: it is needed only when no run is
    // chosen either (for weeks or checklists), and a 5 MB plan spends a fifth of its parse there.
    let labels = (doc.forms.0 != Form::None).then(|| walk_labels(&doc, false));
    let found = readings::candidates(&blocks, doc.title, labels.as_ref(), plain);
    let picked = pick_reading(&found, choice, &mut warnings);
    let (draft, rule) = walk_reading(&doc, &found, picked, labels);
    let (draft, rule) = fall_back_to_weeks_or_checklists(&doc, draft, rule);
    let (title, meta) = title_and_meta(id, front, &doc);
    let mut plan = finish::assemble(id, title, meta, draft, warnings);
    plan.found_by = Some(rule).filter(|_| plan.is_trackable());
    record_readings(&mut plan, &found, picked);
    plan
}

/// A plan's blocks and what is known of them before any reading is walked.
struct Doc<'a> {
    blocks: &'a [Block],
    /// The title heading, which is never a step.
    title: Option<usize>,
    /// Where the day words stand (`detect_form`).
    forms: (Form, Option<Form>),
    plain: bool,
}

/// The reading `choice` names; when the rule kept with the plan no longer fits, the best one,
/// with a warning so the user knows their choice was not followed.
fn pick_reading(
    found: &[readings::Candidate],
    choice: &Choice,
    warnings: &mut Vec<Warning>,
) -> Option<usize> {
    let picked = readings::pick(found, choice);
    if let (Choice::Rule(key), None, Some(best)) = (choice, picked, found.first()) {
        warnings.push(Warning {
            line: 0,
            message: format!(
                "the reading kept with this plan ({key}) no longer fits the file; it is read by {} instead",
                best.rule
            ),
        });
    }
    picked.or_else(|| readings::pick(found, &Choice::Best))
}

/// Walks the blocks by the picked reading: a run's steps, a table's columns, or (with no run
/// picked) the day words, whose walk was already made to find the readings.
fn walk_reading(
    doc: &Doc<'_>,
    found: &[readings::Candidate],
    picked: Option<usize>,
    labels: Option<build::Draft>,
) -> (build::Draft, StepRule) {
    match picked.and_then(|i| found.get(i)).map(|c| &c.source) {
        Some(readings::Source::Run(run)) => {
            walk_run(doc, run, picked.and_then(|i| readings::coarser(found, i)))
        }
        Some(readings::Source::Columns(table)) => walk_columns(doc, table),
        _ => (
            labels.unwrap_or_else(|| walk_labels(doc, false)),
            StepRule::Labels {
                blocks: doc.forms.0.describe(doc.plain).to_string(),
            },
        ),
    }
}

/// A run's steps open days; the steps of a coarser run it restarts under (lessons under
/// blocks) open phases.
fn walk_run(
    doc: &Doc<'_>,
    run: &steps::Run,
    outer: Option<&steps::Run>,
) -> (build::Draft, StepRule) {
    let rule = StepRule::Structure {
        blocks: run.siblings.describe().to_string(),
        word: run.word.clone(),
    };
    let phases: HashMap<usize, labels::Labelled> = outer
        .map(|outer| {
            outer
                .members
                .iter()
                .map(|(i, l)| (*i, as_phase(l.clone())))
                .collect()
        })
        .unwrap_or_default();
    let draft = if phases.is_empty() {
        let steps = run.members.iter().cloned().collect();
        walk(
            doc.blocks,
            (Form::None, None),
            false,
            doc.title,
            Some(steps),
        )
    } else {
        walk_with_phases(doc.blocks, doc.title, run, phases)
    };
    (draft, rule)
}

/// A table whose columns are the steps is walked as if each column were written out as a
/// step of its own.
fn walk_columns(doc: &Doc<'_>, table: &steps::Columns) -> (build::Draft, StepRule) {
    let (cols, steps) = readings::columns_as_steps(doc.blocks, table);
    let skip = doc.title.filter(|&i| i < table.header);
    let rule = StepRule::Structure {
        blocks: "table columns".to_string(),
        word: table.word.clone(),
    };
    let draft = walk(&cols, (Form::None, None), false, skip, Some(steps));
    (draft, rule)
}

/// The walk by the day words, weeks read as phases or (`weeks_as_days`) as steps.
fn walk_labels(doc: &Doc<'_>, weeks_as_days: bool) -> build::Draft {
    walk(doc.blocks, doc.forms, weeks_as_days, doc.title, None)
}

/// A plan with no days is tracked a week a step when it has weeks, else by its checklists.
fn fall_back_to_weeks_or_checklists(
    doc: &Doc<'_>,
    draft: build::Draft,
    rule: StepRule,
) -> (build::Draft, StepRule) {
    if !draft.days.is_empty() {
        return (draft, rule);
    }
    let has_weeks = draft.week_rows || draft.phases.iter().any(|p| p.kind == PhaseKind::Week);
    let (draft, rule) = if has_weeks {
        (walk_labels(doc, true), StepRule::Weeks)
    } else {
        (draft, rule)
    };
    if draft.days.is_empty() {
        return (draft, StepRule::Checklists);
    }
    (draft, rule)
}

/// The plan's title (front matter's, else its title heading, else a short first line, else
/// its id) and the other front-matter facts.
fn title_and_meta(
    id: &str,
    front: Vec<(String, String)>,
    doc: &Doc<'_>,
) -> (String, Vec<MetaEntry>) {
    let mut front_title = None;
    let mut meta = Vec::new();
    for (k, v) in front {
        if k.eq_ignore_ascii_case("title") {
            front_title = Some(v);
        } else {
            meta.push(MetaEntry { label: k, value: v });
        }
    }
    let title = front_title
        .filter(|t| !t.is_empty())
        .or_else(|| doc.title.and_then(|i| heading_text(doc.blocks.get(i)?)))
        .or_else(|| fallback_title(doc.blocks))
        .unwrap_or_else(|| id.to_string());
    (title, meta)
}

/// Lists the readings on the plan, best first, with the chosen one's steps as the walk made
/// them.
fn record_readings(plan: &mut Curriculum, found: &[readings::Candidate], picked: Option<usize>) {
    plan.readings = found
        .iter()
        .enumerate()
        .map(|(i, c)| Reading {
            rank: i + 1,
            steps: c.steps,
            unit: c.unit.clone(),
            rule: c.rule.clone(),
            first: c.first.clone(),
            key: c.key.clone(),
            score: per(c.score, 1000.0),
            coverage: per(c.coverage, 100.0),
        })
        .collect();
    plan.chosen = picked.map_or(0, |i| i + 1);
    if let Some(r) = picked.and_then(|i| plan.readings.get_mut(i)) {
        // The walk may add a step the run did not name (a trailing `Final`).
        r.steps = plan.days.len();
        r.first = plan.days.iter().take(3).map(|d| d.title.clone()).collect();
    }
    if plan.readings.is_empty() && plan.is_trackable() {
        // Weeks or checklists, found when no run of steps was: the one reading there is.
        plan.readings.push(fallback_reading(plan));
        plan.chosen = 1;
    }
}

/// What `validate` says about the readings: two that score alike, or steps that leave much
/// of the text outside.
pub fn reading_notes(plan: &Curriculum) -> Vec<String> {
    let mut notes = Vec::new();
    if let [first, second, ..] = plan.readings.as_slice()
        && f64::from(first.score.saturating_sub(second.score)) < readings::CLOSE * 1000.0
    {
        notes.push(format!(
            "readings 1 and 2 are close ({} {}s or {} {}s): check which one is meant; `--reading 2` takes the second",
            first.steps, first.unit, second.steps, second.unit
        ));
    }
    if let Some(r) = plan
        .chosen
        .checked_sub(1)
        .and_then(|i| plan.readings.get(i))
        && f64::from(r.coverage) < readings::LOW_COVERAGE * 100.0
    {
        notes.push(format!(
            "only {}% of the text lies inside the steps; the rest is kept as plan sections",
            r.coverage
        ));
    }
    notes
}

/// A score or share (0 to about 1) in thousandths or percent.
fn per(x: f64, scale: f64) -> u32 {
    // Clamped first, so the cast cannot overflow.
    (x.clamp(0.0, 2.0) * scale).round() as u32
}

/// The reading of a plan tracked by weeks or by checklists.
fn fallback_reading(plan: &Curriculum) -> Reading {
    let weeks = plan.found_by == Some(StepRule::Weeks);
    let (unit, rule, key) = if weeks {
        ("week", "week labels, one step a week", "weeks")
    } else {
        ("checklist", "checklist sections", "checklists")
    };
    let steps = if weeks {
        plan.days.len()
    } else {
        plan.days.len() + plan.sections.iter().filter(|s| s.checkable).count()
    };
    let mut first: Vec<String> = plan.days.iter().map(|d| d.title.clone()).collect();
    first.extend(
        plan.sections
            .iter()
            .filter(|s| s.checkable)
            .map(|s| s.title.clone()),
    );
    first.truncate(3);
    Reading {
        rank: 1,
        steps,
        unit: unit.to_string(),
        rule: rule.to_string(),
        first,
        key: key.to_string(),
        score: 0,
        coverage: 100,
    }
}

/// A coarser step (a block of lessons) as the phase it becomes.
fn as_phase(mut l: labels::Labelled) -> labels::Labelled {
    if let labels::Marker::Day { n, .. } = l.marker {
        l.marker = labels::Marker::Part(n);
    }
    l
}

/// A walk where a run's steps open days and a coarser run's steps open phases.
fn walk_with_phases(
    blocks: &[Block],
    skip: Option<usize>,
    run: &steps::Run,
    mut phases: HashMap<usize, labels::Labelled>,
) -> build::Draft {
    let mut builder = Builder::new((Form::None, None), false);
    let mut forced: HashMap<usize, labels::Labelled> = run.members.iter().cloned().collect();
    for (i, b) in blocks.iter().enumerate() {
        if Some(i) != skip {
            builder.forced = forced.remove(&i);
            builder.forced_phase = phases.remove(&i);
            builder.block(b);
        }
    }
    builder.finish()
}

/// One pass over the blocks; a structural run, when given, says which blocks open steps.
fn walk(
    blocks: &[Block],
    forms: (Form, Option<Form>),
    weeks_as_days: bool,
    skip: Option<usize>,
    run: Option<HashMap<usize, labels::Labelled>>,
) -> build::Draft {
    let mut builder = Builder::new(forms, weeks_as_days);
    let mut forced = run.unwrap_or_default();
    for (i, b) in blocks.iter().enumerate() {
        if Some(i) != skip {
            builder.forced = forced.remove(&i);
            builder.block(b);
        }
    }
    builder.finish()
}

/// A title from what comes before the first day or week: a heading, else a short line.
fn fallback_title(blocks: &[Block]) -> Option<String> {
    let is_marker = |b: &Block| match b {
        Block::Heading { text, .. } => classify_heading(text).is_some(),
        Block::Para { text, .. } | Block::Item { text, .. } => classify(text).is_some(),
        Block::Row { .. } | Block::Rule { .. } => false,
    };
    let intro = blocks.iter().take_while(|b| !is_marker(b));
    let mut short_line = None;
    for b in intro {
        match b {
            Block::Heading { .. } => return heading_text(b),
            Block::Para { text, .. }
            | Block::Item {
                text, plain: true, ..
            } if short_line.is_none() && text.chars().count() <= limits::TITLE_CHARS => {
                short_line = Some(clean_title(text)).filter(|t| !t.is_empty());
            }
            _ => {}
        }
    }
    short_line
}

fn heading_text(b: &Block) -> Option<String> {
    match b {
        Block::Heading { text, .. } => Some(clean_title(text)).filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// The plan's title heading: its only level-1 heading, unless that names a day.
fn title_block(blocks: &[Block]) -> Option<usize> {
    let mut found = None;
    for (i, b) in blocks.iter().enumerate() {
        if let Block::Heading { level: 1, text, .. } = b {
            if found.is_some() {
                return None;
            }
            let is_day = classify_heading(text).is_some_and(|l| l.marker.is_day());
            if is_day {
                return None;
            }
            found = Some(i);
        }
    }
    found
}

/// Splits off YAML front matter (`---` ... `---` at the very start) as simple `key: value`
/// pairs, blanking its lines so that line numbers still match the file.
fn front_matter(text: &str) -> (Vec<(String, String)>, String) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (Vec::new(), text.to_string());
    };
    let mut pairs = Vec::new();
    let mut consumed = 1;
    for line in rest.lines() {
        consumed += 1;
        if line.trim_end() == "---" || line.trim_end() == "..." {
            let body_start = text
                .match_indices('\n')
                .nth(consumed - 1)
                .map_or(text.len(), |(i, _)| i + 1);
            let body = format!(
                "{}{}",
                "\n".repeat(consumed),
                text.get(body_start..).unwrap_or("")
            );
            return (pairs, body);
        }
        if let Some((k, v)) = line.split_once(':')
            && !k.starts_with([' ', '\t', '-', '#'])
        {
            let v = v.trim().trim_matches(['"', '\'']).trim();
            if !v.is_empty() && !v.starts_with(['[', '{', '|', '>']) {
                pairs.push((k.trim().to_string(), v.to_string()));
            }
        }
    }
    (Vec::new(), text.to_string())
}

/// The text an item's identity is computed from: links reduced to their text, markup and
/// punctuation dropped, lower case, single spaces. Rewrapping or re-emphasising an item keeps
/// its identity; changing its words does not.
pub fn normalise_for_identity(text: &str) -> String {
    let plain = text::strip_links(text);
    let words: Vec<String> = plain
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.join(" ")
}

/// Reads a plan file's bytes: refuses binary content, reads text that is not UTF-8 as
/// Windows-1252 (with a warning), then parses it. A plan with nothing to track is returned as
/// such, for the caller to report.
pub fn parse_file_text(
    id: &str,
    path: &std::path::Path,
    bytes: &[u8],
) -> anyhow::Result<Curriculum> {
    parse_file_text_with(id, path, bytes, &Choice::Best)
}

/// [`parse_file_text`] with the reading `choice` names.
pub fn parse_file_text_with(
    id: &str,
    path: &std::path::Path,
    bytes: &[u8],
    choice: &Choice,
) -> anyhow::Result<Curriculum> {
    if super::normalize::looks_binary(bytes) {
        return Err(crate::error::bad_input(format!(
            "{} is not a text file (it holds binary data)",
            path.display()
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(parse_with(id, text, choice)),
        Err(e) => {
            let text = super::normalize::decode_windows_1252(bytes);
            let mut plan = parse_with(id, &text, choice);
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            plan.warnings.insert(
                0,
                super::model::Warning {
                    line,
                    message: "the file is not UTF-8; it was read as Windows-1252".into(),
                },
            );
            Ok(plan)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COURSE: &str = "# Course\n\n## Block 1\n### Unit 1\n- a\n### Unit 2\n- b\n## Block 2\n### Unit 1\n- c\n### Unit 2\n- d\n## Block 3\n### Unit 1\n- e\n### Unit 2\n- f\n## Block 4\n### Unit 1\n- g\n### Unit 2\n- h\n";

    /// Two units a block, with no titles: units and blocks are about as likely.
    #[test]
    fn readings_that_score_alike_are_pointed_out() {
        let plan = parse("c", COURSE);
        assert_eq!(plan.readings.len(), 2, "{:?}", plan.readings);
        let notes = reading_notes(&plan);
        assert!(
            notes[0].starts_with("readings 1 and 2 are close (8 units or 4 blocks)"),
            "{notes:?}"
        );
        let clear = parse("p", "# P\n\n## Day 1\n- a\n## Day 2\n- b\n## Day 3\n- c\n");
        assert!(reading_notes(&clear).is_empty());
    }
}
