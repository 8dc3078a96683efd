//! Steps found by structure, not by words: a run of sibling blocks (headings of one level,
//! items of one list depth, rows of one table, lines of a plain-text plan) whose labels carry
//! a number or a date that advances step by step is a sequence of steps, whatever word stands
//! beside the number (`Lesson 1`, `Lektion 2`, `Урок 3`, `7.11`, `7.12`).
//!
//! Used only when the label words find no days. Guards against false runs: a word must stand
//! beside a bare number (numbered sections of an article, `1. Introduction`, carry a different
//! word each time), the run must start at 0 or 1 and be long enough (`MIN_RUN`), and words
//! that number versions or references (`Python 3`, `Section 2`) never make steps.

use std::collections::HashMap;

use super::blocks::Block;
use super::dates::{DateLabel, month_day};
use super::labels::{Labelled, Marker, classify};
use super::limits::{MIN_DATE_RUN, MIN_RUN};
use super::text::{clean_title, trim_separators};

/// Which kind of sibling blocks a run is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Siblings {
    Headings(u8),
    Lines,
    ListItems(usize),
    /// Rows of the n-th table.
    Rows(usize),
}

impl Siblings {
    /// How `validate` names them.
    pub fn describe(self) -> &'static str {
        match self {
            Siblings::Headings(_) => "headings",
            Siblings::Lines => "lines",
            Siblings::ListItems(_) => "list items",
            Siblings::Rows(_) => "table rows",
        }
    }
}

/// The run the rule found: which blocks are steps, and how they were labelled.
#[derive(Debug, Clone)]
pub struct Run {
    pub siblings: Siblings,
    /// How the labels are written (`Lesson N`, `N. Lektion`, `day.month dates`).
    pub word: String,
    /// Block index -> the step's label.
    pub steps: HashMap<usize, Labelled>,
}

/// Words that number things other than steps.
const NOT_STEPS: &[&str] = &[
    "version", "v", "python", "java", "php", "es", "html", "css", "ios", "android", "windows",
    "macos", "ubuntu", "node", "rfc", "pep", "iso", "http", "section", "figure", "fig", "table",
    "appendix", "article", "page", "vol", "volume", "edition", "book", "resource", "link",
    "example", "option", "step", "item", "question", "task", "exercise", "problem",
];

/// How a candidate label's values advance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// 1, 2, 3: by exactly one.
    Count,
    /// Dates: by one to seven days (weekends and rest days are skipped).
    Date,
}

struct Candidate {
    key: String,
    value: i64,
    scale: Scale,
    label: Labelled,
}

/// The blocks of a run so far: their index and step label.
type Members = Vec<(usize, Labelled)>;

#[derive(Default)]
struct Open {
    scale: Option<Scale>,
    last: i64,
    members: Members,
}

/// Finds the longest run of advancing labels among sibling blocks, if any is long enough.
pub fn find_run(blocks: &[Block], skip: Option<usize>) -> Option<Run> {
    let mut open: HashMap<(Siblings, String), Open> = HashMap::new();
    let mut best: Option<(Siblings, String, Members)> = None;
    let mut table = 0;
    let mut header: &[String] = &[];
    let mut keep = |sib: Siblings, key: &str, run: &mut Open| {
        let long = match run.scale {
            Some(Scale::Date) => run.members.len() >= MIN_DATE_RUN,
            _ => run.members.len() >= MIN_RUN,
        };
        if long && best.as_ref().is_none_or(|b| b.2.len() < run.members.len()) {
            best = Some((sib, key.to_string(), std::mem::take(&mut run.members)));
        }
        run.members.clear();
    };
    for (i, b) in blocks.iter().enumerate() {
        if Some(i) == skip {
            continue;
        }
        let (sib, found) = match b {
            Block::Heading { level, text, .. } => (Siblings::Headings(*level), candidates(text)),
            Block::Para { text, .. } => (Siblings::Lines, candidates(text)),
            Block::Item { depth, text, .. } => (Siblings::ListItems(*depth), candidates(text)),
            Block::Row {
                cells,
                header: true,
                ..
            } => {
                table += 1;
                header = cells;
                continue;
            }
            Block::Row { cells, .. } => (Siblings::Rows(table), row_candidates(cells, header)),
            Block::Rule { .. } => continue,
        };
        for c in found {
            let run = open.entry((sib, c.key.clone())).or_default();
            let advances = match c.scale {
                Scale::Count => c.value == run.last + 1,
                Scale::Date => (1..=7).contains(&(c.value - run.last)),
            };
            if run.members.is_empty() || !advances {
                keep(sib, &c.key, run);
                let starts = c.scale == Scale::Date || c.value <= 1;
                if !starts {
                    continue;
                }
            }
            run.scale = Some(c.scale);
            run.last = c.value;
            run.members.push((i, c.label));
        }
    }
    for ((sib, key), mut run) in open {
        keep(sib, &key, &mut run);
    }
    let (siblings, key, members) = best?;
    let word = match key.as_str() {
        "dm" => "day.month dates".to_string(),
        "md" => "month/day dates".to_string(),
        _ => members
            .first()
            .map(|(_, l)| shape_of(&l.label))
            .unwrap_or(key),
    };
    Some(Run {
        siblings,
        word,
        steps: members.into_iter().collect(),
    })
}

/// A label with its number written as `N`: `Lesson 1` -> `Lesson N`.
fn shape_of(label: &str) -> String {
    let mut out = String::new();
    for c in label.chars() {
        if c.is_ascii_digit() {
            if !out.ends_with('N') {
                out.push('N');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The advancing labels a block's text may carry: `Word N`, `N. Word`, `D.M` or `M/D`.
fn candidates(text: &str) -> Vec<Candidate> {
    let clean = clean_title(text);
    let mut out = Vec::new();
    if classify(&clean).is_some() {
        // The words already name it; only unknown words make a structural step.
        return out;
    }
    if let Some(c) = word_number(&clean) {
        out.push(c);
    }
    if let Some(c) = number_word(&clean) {
        out.push(c);
    }
    out.extend(short_dates(&clean));
    out
}

fn row_candidates(cells: &[String], header: &[String]) -> Vec<Candidate> {
    let Some((col, cell)) = cells
        .iter()
        .enumerate()
        .find(|(_, c)| !clean_title(c).is_empty())
    else {
        return Vec::new();
    };
    let text = clean_title(cell);
    let mut out = candidates(&text);
    // A bare number in a table's first column, under whatever header.
    if let Ok(n) = text.parse::<u32>()
        && text.len() <= 3
    {
        let head = header.get(col).map(|h| clean_title(h)).unwrap_or_default();
        let word = if head.is_empty() {
            "#".to_string()
        } else {
            head
        };
        let title = cells
            .iter()
            .skip(col + 1)
            .map(|c| clean_title(c))
            .find(|c| !c.is_empty())
            .unwrap_or_default();
        out.push(Candidate {
            key: format!("{}:", word.to_lowercase()),
            value: i64::from(n),
            scale: Scale::Count,
            label: day_label(n, format!("{word} {text}"), title),
        });
    }
    out
}

fn day_label(n: u32, label: String, title: String) -> Labelled {
    Labelled {
        marker: Marker::Day {
            n,
            sub: None,
            last: n,
            week: None,
        },
        label,
        title,
        separated: true,
    }
}

fn digits(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 3 {
        return None;
    }
    Some((s.get(..end)?.parse().ok()?, s.get(end..)?))
}

/// What follows a label: nothing, or a separator (`Lesson 1: Intro`, `Lesson 1 — Intro`).
fn label_end(rest: &str) -> Option<&str> {
    let t = rest.trim_start();
    let ok = t.is_empty()
        || t.starts_with([':', '-', '–', '—', '.', ')', '|', '(', ','])
        || t.starts_with(char::is_uppercase);
    ok.then(|| trim_separators(t))
}

/// `Lesson 1: Title`, `Урок 2`, `Lektion#3`.
fn word_number(s: &str) -> Option<Candidate> {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let (word, after) = s.split_at(end);
    let lower = word.to_lowercase();
    if word.is_empty() || NOT_STEPS.contains(&lower.as_str()) {
        return None;
    }
    let (n, rest) = digits(after.trim_start_matches([' ', '#', '-', '_', '\u{a0}']))?;
    if rest.starts_with(['.', ',']) && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        // `Python 3.12`: a version, not a step.
        return None;
    }
    let title = label_end(rest)?;
    let label = s.get(..s.len() - rest.len())?.trim_end().to_string();
    Some(Candidate {
        key: lower,
        value: i64::from(n),
        scale: Scale::Count,
        label: day_label(n, label, title.to_string()),
    })
}

/// `1. Lektion: Title`, `2-я лекция`: the number first, the same word each time.
fn number_word(s: &str) -> Option<Candidate> {
    let (n, after) = digits(s)?;
    let after = after.trim_start_matches(['.', ' ', '-', ')']);
    let after = after.strip_prefix("я ").unwrap_or(after);
    let end = after
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(after.len());
    let (word, rest) = after.split_at(end);
    let lower = word.to_lowercase();
    if word.is_empty() || NOT_STEPS.contains(&lower.as_str()) {
        return None;
    }
    let title = label_end(rest)?;
    let label = s.get(..s.len() - rest.len())?.trim_end().to_string();
    Some(Candidate {
        key: format!("#{lower}"),
        value: i64::from(n),
        scale: Scale::Count,
        label: day_label(n, label, title.to_string()),
    })
}

/// `7.11` or `7/11` at the start: read both ways (day.month and month.day); only the reading
/// whose dates advance makes a run.
fn short_dates(s: &str) -> Vec<Candidate> {
    let Some((a, rest)) = digits(s) else {
        return Vec::new();
    };
    let Some(sep) = rest.chars().next().filter(|c| matches!(c, '.' | '/')) else {
        return Vec::new();
    };
    let Some((b, rest)) = digits(&rest[1..]) else {
        return Vec::new();
    };
    let rest = rest.strip_prefix(sep).unwrap_or(rest);
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return Vec::new();
    }
    let Some(title) = label_end(rest) else {
        return Vec::new();
    };
    let label = s.get(..s.len() - rest.len()).unwrap_or(s).trim_end();
    [("dm", b, a), ("md", a, b)]
        .into_iter()
        .filter_map(|(key, m, d)| {
            let date: DateLabel = month_day(m, d)?;
            Some(Candidate {
                key: key.to_string(),
                value: i64::from(date.ordinal),
                scale: Scale::Date,
                label: Labelled {
                    marker: Marker::Date(date),
                    label: label.to_string(),
                    title: title.to_string(),
                    separated: true,
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heads(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .enumerate()
            .map(|(i, t)| Block::Heading {
                level: 2,
                text: (*t).to_string(),
                line: i + 1,
            })
            .collect()
    }

    #[test]
    fn a_word_beside_advancing_numbers_is_a_run() {
        let b = heads(&[
            "Lesson 1: A",
            "Lesson 2: B",
            "Resources",
            "Lesson 3",
            "Lesson 4",
        ]);
        let run = find_run(&b, None).expect("run");
        assert_eq!(run.word, "Lesson N");
        assert_eq!(run.steps.len(), 4);
    }

    #[test]
    fn false_runs_are_not_steps() {
        let article = heads(&[
            "1. Introduction",
            "2. Background",
            "3. Method",
            "4. Results",
        ]);
        assert!(find_run(&article, None).is_none());
        let versions = heads(&["Python 3.10", "Python 3.11", "Python 3.12", "Python 3.13"]);
        assert!(find_run(&versions, None).is_none());
        let three = heads(&["Lesson 1", "Lesson 2", "Lesson 3"]);
        assert!(find_run(&three, None).is_none());
        let jumps = heads(&["Unit 1", "Unit 5", "Unit 9", "Unit 13"]);
        assert!(find_run(&jumps, None).is_none());
    }

    #[test]
    fn short_dates_advance_one_way() {
        let b = heads(&["7.11 Lists", "8.11 Dicts", "9.11 Sets"]);
        let run = find_run(&b, None).expect("run");
        assert_eq!(run.word, "day.month dates");
    }
}
