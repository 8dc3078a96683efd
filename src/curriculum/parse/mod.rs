//! One general parser for Markdown and plain-text plans.
//!
//! Text is normalised, split into a flat block stream (through pulldown-cmark, or line by line
//! for plain text), walked once into phases, days and sections, then given stable keys.
//!
//! # How a plan is read
//!
//! 1. `normalize` (in `curriculum::normalize`) repairs the text: BOM, line endings, mojibake.
//! 2. `blocks` turns it into a flat list of `Block`s: `blocks/markdown.rs` for Markdown,
//!    `blocks/plain.rs` for plain text (chosen by `looks_plain`).
//! 3. `detect_form` (`build.rs`) decides where this plan writes its days: headings, bold or
//!    plain lines, list items or table rows (`Form`, in order of precedence).
//! 4. The `Builder` walks the blocks once with a stack of open frames ordered by
//!    `draft::Level`; `build.rs` handles headings and list items, `prose.rs` paragraph lines,
//!    `table.rs` table rows. Every label is recognised by `labels.rs` (`classify`, and
//!    `classify_heading` for a label that ends a heading), which reads its words from
//!    `words.rs` and its dates from `dates.rs`.
//! 5. If no word named a day, `steps.rs` looks for a run of sibling blocks whose labels advance
//!    step by step and the walk is repeated with those blocks as the days.
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
//! 6. Rerun the snapshots; the built-in plans' snapshots must not change, and
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
mod prose;
mod roles;
mod steps;
mod table;
mod text;
mod words;

use super::model::{Curriculum, MetaEntry, PhaseKind, StepRule};
use super::normalize::normalize;
use blocks::Block;
use build::{Builder, Form, detect_form};
use labels::{classify, classify_heading};
use text::clean_title;

/// Parses a plan's text into the model. Never panics, whatever the input.
///
/// The text is normalised here (BOM, line endings, mojibake, control characters), so any
/// string is safe to pass; what was repaired is in the plan's warnings.
pub fn parse(id: &str, source: &str) -> Curriculum {
    let (text, warnings) = normalize(source);
    let (front, body) = front_matter(&text);
    let blocks = if blocks::looks_plain(&body) {
        blocks::plain_blocks(&body)
    } else {
        blocks::markdown_blocks(&body)
    };
    let title_idx = title_block(&blocks);
    let plain = blocks::looks_plain(&body);
    let form = detect_form(&blocks, title_idx);
    let mut draft = walk(&blocks, form, false, title_idx, None);
    let mut rule = Some(StepRule::Labels {
        blocks: form.describe(plain),
    });
    if draft.days.is_empty()
        && let Some(run) = steps::find_run(&blocks, title_idx)
    {
        let form = Form::of(run.siblings);
        rule = Some(StepRule::Structure {
            blocks: run.siblings.describe(),
            word: run.word.clone(),
        });
        draft = walk(&blocks, form, false, title_idx, Some(run));
    }
    let has_weeks = draft.week_rows || draft.phases.iter().any(|p| p.kind == PhaseKind::Week);
    if draft.days.is_empty() && has_weeks {
        draft = walk(&blocks, form, true, title_idx, None);
        rule = Some(StepRule::Weeks);
    }
    if draft.days.is_empty() {
        rule = Some(StepRule::Checklists);
    }
    let mut front_title = None;
    let mut front_meta = Vec::new();
    for (k, v) in front {
        if k.eq_ignore_ascii_case("title") {
            front_title = Some(v);
        } else {
            front_meta.push(MetaEntry { label: k, value: v });
        }
    }
    let title = front_title
        .filter(|t| !t.is_empty())
        .or_else(|| title_idx.and_then(|i| heading_text(blocks.get(i)?)))
        .or_else(|| fallback_title(&blocks))
        .unwrap_or_else(|| id.to_string());
    let mut plan = finish::assemble(id, title, front_meta, draft, warnings);
    plan.found_by = rule.filter(|_| plan.is_trackable());
    plan
}

/// One pass over the blocks; a structural run, when given, says which blocks open steps.
fn walk(
    blocks: &[Block],
    form: Form,
    weeks_as_days: bool,
    skip: Option<usize>,
    run: Option<steps::Run>,
) -> build::Draft {
    let mut builder = Builder::new(form, weeks_as_days);
    let mut forced = run.map(|r| r.steps).unwrap_or_default();
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
    if super::normalize::looks_binary(bytes) {
        return Err(crate::error::bad_input(format!(
            "{} is not a text file (it holds binary data)",
            path.display()
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(parse(id, text)),
        Err(e) => {
            let text = super::normalize::decode_windows_1252(bytes);
            let mut plan = parse(id, &text);
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
