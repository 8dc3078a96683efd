//! Runs of sibling blocks whose labels advance: the raw material of every reading.
//!
//! A run is made of blocks of one kind (headings of one level, items of one list depth, rows
//! under one column header, paragraph lines) whose labels share a shape (`Lesson N`,
//! `N. Lektion`, `第N课`, `day.month dates`, weekday names) and whose values advance: by one
//! for numbers (written in digits of any script, Roman numerals, CJK numerals or number words,
//! ranges included), by one to seven days for dates, forwards through the week for weekdays.
//! A run may restart at one under a coarser run (days 1-7 in each week). Known unit words
//! (`Day`, `Woche`) mark a run but are not needed for one.
//!
//! Guards against false runs: a word must stand beside a bare number (numbered sections of an
//! article, `1. Introduction`, carry a different word each time); a run is long enough
//! (`MIN_RUN`); words that number versions or references (`Python 3`, `Section 2`) never make
//! steps, nor do numbers followed by a decimal point and digits (`3.12`).

use std::collections::HashMap;

use super::blocks::Block;
use super::dates::month_day;
use super::labels::{Labelled, Marker, classify, classify_heading, classify_line};
use super::limits::{MIN_DATE_RUN, MIN_RUN};
use super::numerals::{Numeral, leading_cjk, leading_number};
use super::text::{clean_title, trim_separators};
use super::words::label_word;

/// Which kind of sibling blocks a run is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Siblings {
    Headings(u8),
    Lines,
    ListItems(usize),
    /// Rows of tables, by the column that holds the label.
    Rows(usize),
}

impl Siblings {
    /// How `validate` names them.
    pub(super) fn describe(self) -> &'static str {
        match self {
            Siblings::Headings(_) => "headings",
            Siblings::Lines => "lines",
            Siblings::ListItems(_) => "list items",
            Siblings::Rows(_) => "table rows",
        }
    }
}

/// A run found in the blocks: which blocks are steps, and how they are labelled.
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub siblings: Siblings,
    /// How the labels are written (`Lesson N`, `Day N`, `day.month dates`, `weekdays`).
    pub word: String,
    /// The unit a step is (`lesson`, `day`, `week`, `date`).
    pub unit: String,
    /// Whether the label word is one the word tables know, and for what.
    pub known: Option<super::words::Unit>,
    /// The step blocks in order, with their labels.
    pub members: Vec<(usize, Labelled)>,
    /// How many times the run started again at one (weeks of days).
    pub restarts: usize,
    /// Blocks with the run's shape whose value did not advance.
    pub misses: usize,
    /// Labelled by bare numbers alone (`1. Variables`).
    pub bare: bool,
}

impl Run {
    /// The run's rule as kept with a plan: the kind of blocks and the shape of the labels, so
    /// that a re-import with more or fewer steps still finds it.
    pub(super) fn key(&self) -> String {
        let place = match self.siblings {
            Siblings::Headings(l) => format!("h{l}"),
            Siblings::Lines => "line".to_string(),
            Siblings::ListItems(d) => format!("li{d}"),
            Siblings::Rows(c) => format!("col{c}"),
        };
        format!("{place} {}", self.word)
    }

    /// The fraction of advances that were exact (restarts under a coarser run count as exact).
    pub(super) fn regular(&self) -> f64 {
        let n = self.members.len() as f64;
        if n <= 1.0 {
            return 0.0;
        }
        (n - 1.0) / (n - 1.0 + self.misses as f64)
    }
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
    /// 1, 2, 3: by exactly one (a range `3-4` advances to its end).
    Count,
    /// Dates: by one to seven days (weekends and rest days are skipped).
    Date,
    /// Weekdays: forwards through one week, then again.
    Weekday,
}

struct Candidate {
    key: String,
    value: i64,
    last: i64,
    scale: Scale,
    label: Labelled,
    known: Option<super::words::Unit>,
}

impl Candidate {
    /// A numbered label no word table knows: `key` groups it with labels of its shape.
    fn count(key: String, (n, last): (u32, u32), label: String, title: &str) -> Candidate {
        Candidate {
            key,
            value: i64::from(n),
            last: i64::from(last),
            scale: Scale::Count,
            label: day_label(n, last, label, title.to_string()),
            known: None,
        }
    }
}

struct Group {
    siblings: Siblings,
    scale: Scale,
    known: Option<super::words::Unit>,
    last: i64,
    segments: Vec<Vec<(usize, Labelled)>>,
    misses: usize,
}

/// Every run among the blocks long enough to be a reading, longest first.
pub(super) fn find_runs(blocks: &[Block], skip: Option<usize>) -> Vec<Run> {
    let mut groups: HashMap<(Siblings, String), Group> = HashMap::new();
    let mut order: Vec<(Siblings, String)> = Vec::new();
    let mut header: &[String] = &[];
    for (i, b) in blocks.iter().enumerate() {
        if Some(i) == skip {
            continue;
        }
        let (sib, found) = match b {
            Block::Heading { level, text, .. } => {
                (Siblings::Headings(*level), heading_labels(text))
            }
            Block::Para { text, .. } => (Siblings::Lines, line_labels(text)),
            // A table of contents names the steps; it is not one.
            Block::Item { text, .. } if text.starts_with('[') && text.contains("](#") => continue,
            Block::Item {
                depth,
                text,
                plain,
                ordinal,
                ..
            } => {
                let sib = if *plain {
                    Siblings::Lines
                } else {
                    Siblings::ListItems(*depth)
                };
                let mut found = labels(text);
                // An ordered list numbers its items as `1. Title` numbers a heading.
                if let Some(n) = ordinal.and_then(|n| u32::try_from(n).ok()) {
                    if found.is_empty() {
                        // Its number may begin the label: `1. nap: Setup`, `1. Tag: Setup`.
                        found = labels(&format!("{n}. {text}"));
                    }
                    let title = clean_title(text);
                    found.push(Candidate::count(
                        BARE.to_string(),
                        (n, n),
                        format!("{n}."),
                        &title,
                    ));
                }
                (sib, found)
            }
            Block::Row {
                cells,
                header: true,
                ..
            } => {
                header = cells;
                continue;
            }
            Block::Row { cells, .. } => match row_labels(cells, header) {
                Some((col, found)) => (Siblings::Rows(col), found),
                None => continue,
            },
            Block::Rule { .. } => continue,
        };
        for c in found {
            let id = (sib, c.key.clone());
            let group = groups.entry(id.clone()).or_insert_with(|| {
                order.push(id);
                Group {
                    siblings: sib,
                    scale: c.scale,
                    known: c.known,
                    last: 0,
                    segments: Vec::new(),
                    misses: 0,
                }
            });
            group.feed(i, c);
        }
    }
    let mut runs: Vec<Run> = order
        .into_iter()
        .filter_map(|id| {
            let group = groups.remove(&id)?;
            group.into_run(&id.1)
        })
        .collect();
    runs.sort_by_key(|r| std::cmp::Reverse(r.members.len()));
    runs
}

/// A table whose header cells are the steps (`| | Day 1 | Day 2 | Day 3 |`): each column is
/// a step and its cells, row by row, are the step's items.
#[derive(Debug, Clone)]
pub(super) struct Columns {
    /// The header row's block index, and the end of the table (exclusive).
    pub header: usize,
    pub end: usize,
    /// The step columns with their labels.
    pub steps: Vec<(usize, Labelled)>,
    pub word: String,
    pub unit: String,
    pub known: Option<super::words::Unit>,
}

/// Every table whose header cells advance as step labels do.
pub(super) fn find_columns(blocks: &[Block]) -> Vec<Columns> {
    let mut out = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let Block::Row {
            cells,
            header: true,
            ..
        } = b
        else {
            continue;
        };
        let end = blocks
            .iter()
            .skip(i + 1)
            .position(|b| !matches!(b, Block::Row { header: false, .. }))
            .map_or(blocks.len(), |k| i + 1 + k);
        let mut group: Option<(String, Group)> = None;
        for (col, cell) in cells.iter().enumerate() {
            for c in labels(&clean_title(cell)) {
                let (key, g) = group.get_or_insert_with(|| {
                    (
                        c.key.clone(),
                        Group {
                            siblings: Siblings::Rows(0),
                            scale: c.scale,
                            known: c.known,
                            last: 0,
                            segments: Vec::new(),
                            misses: 0,
                        },
                    )
                });
                if *key == c.key {
                    g.feed(col, c);
                }
            }
        }
        let Some((key, g)) = group else { continue };
        let clean = g.segments.len() == 1 && g.misses == 0;
        if let Some(run) = g.into_run_of(&key, MIN_DATE_RUN).filter(|_| clean) {
            out.push(Columns {
                header: i,
                end,
                steps: run.members,
                word: run.word,
                unit: run.unit,
                known: run.known,
            });
        }
    }
    out
}

impl Group {
    fn feed(&mut self, i: usize, c: Candidate) {
        let advances = match c.scale {
            Scale::Count => c.value == self.last + 1,
            Scale::Date => (1..=7).contains(&(c.value - self.last)),
            Scale::Weekday => c.value > self.last,
        };
        let Some(open) = self.segments.last_mut().filter(|_| advances) else {
            let starts = match c.scale {
                Scale::Count => c.value <= 1,
                Scale::Date | Scale::Weekday => true,
            };
            if starts {
                self.segments.push(vec![(i, c.label)]);
                self.last = c.last;
            } else {
                self.misses += 1;
            }
            return;
        };
        open.push((i, c.label));
        self.last = c.last;
    }

    fn into_run(self, key: &str) -> Option<Run> {
        let min = match self.scale {
            Scale::Date => MIN_DATE_RUN,
            _ => MIN_RUN,
        };
        self.into_run_of(key, min)
    }

    fn into_run_of(self, key: &str, min: usize) -> Option<Run> {
        let mut misses = self.misses;
        let mut segments = Vec::new();
        for s in self.segments {
            // A lone `1` that nothing follows is a stray label, not a restart.
            if s.len() < 2 {
                misses += s.len();
            } else {
                segments.push(s);
            }
        }
        let restarts = segments.len().saturating_sub(1);
        let members: Vec<(usize, Labelled)> = segments.into_iter().flatten().collect();
        if members.len() < min {
            return None;
        }
        let (word, unit) = match self.scale {
            Scale::Date => {
                let word = match key {
                    "dm" => "day.month dates",
                    "md" => "month/day dates",
                    _ => "dates",
                };
                (word.to_string(), "date".to_string())
            }
            Scale::Weekday => ("weekdays".to_string(), "weekday".to_string()),
            Scale::Count => {
                let label = members.first().map_or("", |(_, l)| l.label.as_str());
                (shape_of(label), unit_of(key, label, self.known))
            }
        };
        Some(Run {
            siblings: self.siblings,
            word,
            unit,
            known: self.known,
            members,
            restarts,
            misses,
            bare: key == BARE,
        })
    }
}

/// What a step of a run is called: the unit a known word names, else the plan's own word.
fn unit_of(key: &str, label: &str, known: Option<super::words::Unit>) -> String {
    use super::words::Unit;
    match known {
        Some(Unit::Day) => return "day".to_string(),
        Some(Unit::Week) => return "week".to_string(),
        Some(Unit::Cycle) => return "cycle".to_string(),
        // Months, modules, phases, stages: the plan's own word says which.
        Some(Unit::Part) | None => {}
    }
    if let Some(unit) = key.strip_prefix("counter:") {
        return unit.to_string();
    }
    label
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty() && leading_number(w).is_none_or(|(_, _, r)| !r.is_empty()))
        .map_or_else(|| "step".to_string(), str::to_lowercase)
}

/// A label with its number written as `N`: `Lesson 12` -> `Lesson N`, `第三课` -> `第N课`.
pub(super) fn shape_of(label: &str) -> String {
    let mut out = String::new();
    let mut rest = label;
    while let Some(c) = rest.chars().next() {
        let at_word_start = !out.chars().last().is_some_and(char::is_alphanumeric);
        let number = super::numerals::leading_digits(rest)
            .or_else(|| leading_cjk(rest))
            .or_else(|| {
                at_word_start
                    .then(|| leading_number(rest))
                    .flatten()
                    .map(|(n, _, r)| (n, r))
            });
        match number {
            Some((_, r)) if r.len() < rest.len() => {
                if !out.ends_with('N') {
                    out.push('N');
                }
                rest = r;
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    // A range is one label of the run: `Etap N-N` is written `Etap N`.
    for dash in ["N-N", "N–N", "N—N", "N - N", "N – N"] {
        out = out.replace(dash, "N");
    }
    out
}

fn heading_labels(text: &str) -> Vec<Candidate> {
    match classify_heading(text) {
        Some(l) => known(l).into_iter().collect(),
        None => with_bare(unknown(text), text),
    }
}

fn line_labels(text: &str) -> Vec<Candidate> {
    match classify_line(text) {
        Some(l) if l.separated => known(l).into_iter().collect(),
        Some(_) => Vec::new(),
        None if text.trim_start().starts_with("**") => with_bare(unknown(text), text),
        None => unknown(text),
    }
}

/// Adds a bare number (`## 1. Variables`) to what labels a heading or bold line: the word
/// after it may differ each time.
fn with_bare(mut found: Vec<Candidate>, text: &str) -> Vec<Candidate> {
    found.extend(bare_number(&clean_title(text)));
    found
}

/// The key of runs labelled by a bare number and nothing else.
pub(super) const BARE: &str = "#bare";

/// `1. Variables`, `IV) Modules`, `01 - Setup`: a number with a stop before a title. Numbered sections of an
/// article look the same; `readings.rs` takes such a run only where its steps hold items.
fn bare_number(s: &str) -> Option<Candidate> {
    let (n, numeral, after) = leading_number(s)?;
    if matches!(numeral, Numeral::Word | Numeral::Cjk) {
        return None;
    }
    // `1. Title`, `1) Title`, `1: Title` keep their stop in the label; `01 - Title` does not.
    let (rest, stop) = match after.strip_prefix(['.', ')', ':']) {
        Some(r) => (r, 1),
        // A keycap emoji (`1️⃣ Basics`) numbers a heading as `1.` does.
        None => ["\u{fe0f}\u{20e3}", "\u{20e3}", " -", " –", " —", " |"]
            .iter()
            .find_map(|sep| after.strip_prefix(sep))
            .map(|r| (r, 0))?,
    };
    let title = rest.strip_prefix(' ')?.trim();
    if !title.starts_with(|c: char| c.is_alphabetic() || c == '`') {
        return None;
    }
    let label = s.get(..s.len() - after.len() + stop)?.to_string();
    Some(Candidate::count(BARE.to_string(), (n, n), label, title))
}

fn labels(text: &str) -> Vec<Candidate> {
    match classify(text) {
        Some(l) if l.separated => known(l).into_iter().collect(),
        Some(_) => Vec::new(),
        None => unknown(text),
    }
}

/// A label the word tables know, as a run candidate.
fn known(l: Labelled) -> Option<Candidate> {
    use super::words::Unit;
    let (unit, value, last, scale) = match &l.marker {
        Marker::Day { n, last, sub, .. } => {
            // `Day 4.1` sits between two days; it neither advances nor breaks the run.
            if sub.is_some() {
                return None;
            }
            (Unit::Day, *n, *last, Scale::Count)
        }
        Marker::Week(n) => (Unit::Week, *n, *n, Scale::Count),
        Marker::Cycle(n) => (Unit::Cycle, *n, *n, Scale::Count),
        Marker::Part(n) => (Unit::Part, *n, *n, Scale::Count),
        Marker::Weekday(k) => {
            let idx = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                .iter()
                .position(|d| d == k)?;
            (
                Unit::Day,
                u32::try_from(idx).ok()?,
                u32::try_from(idx).ok()?,
                Scale::Weekday,
            )
        }
        Marker::Date(d) => {
            let v = u32::try_from(d.ordinal).ok()?;
            (Unit::Day, v, v, Scale::Date)
        }
        Marker::Named(_) => return None,
    };
    let key = match scale {
        Scale::Count => format!("known:{}", shape_of(&l.label).to_lowercase()),
        Scale::Date => "known:date".to_string(),
        Scale::Weekday => "known:weekday".to_string(),
    };
    Some(Candidate {
        key,
        value: i64::from(value),
        last: i64::from(last),
        scale,
        label: step_label(l),
        known: Some(unit),
    })
}

/// Cycles, parts and weeks become entries of their own when a run of them is the reading.
fn step_label(mut l: Labelled) -> Labelled {
    if let Marker::Cycle(n) | Marker::Part(n) = l.marker {
        l.marker = Marker::Day {
            n,
            sub: None,
            last: n,
            week: None,
        };
    }
    l
}

/// The advancing labels a block's text may carry when no word table knows it: `Word N`,
/// `N. Word`, `第N课`, `D.M` or `M/D`.
fn unknown(text: &str) -> Vec<Candidate> {
    let clean = clean_title(text);
    let mut out = Vec::new();
    out.extend(word_number(&clean));
    out.extend(number_word(&clean));
    out.extend(counter(&clean));
    out.extend(short_dates(&clean));
    out
}

/// The label of a table row: the first non-empty cell, read as a label, or a bare number
/// under the column's header. Returns the column and the candidates.
fn row_labels(cells: &[String], header: &[String]) -> Option<(usize, Vec<Candidate>)> {
    let (col, cell) = cells
        .iter()
        .enumerate()
        .find(|(_, c)| !clean_title(c).is_empty())?;
    let text = clean_title(cell);
    let head = header.get(col).map(|h| clean_title(h)).unwrap_or_default();
    let mut out = labels(&text);
    if out.is_empty()
        && let Some((n, last, rest)) = bare_range(&text)
        && rest.is_empty()
    {
        let word = if head.is_empty() {
            "#".to_string()
        } else {
            head.clone()
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
            last: i64::from(last),
            scale: Scale::Count,
            label: day_label(n, last, format!("{word} {text}"), title),
            known: label_word(&word.to_lowercase(), false).map(|(u, _)| u),
        });
    }
    Some((col, out))
}

/// A number or a range of numbers (`3`, `03`, `3-4`, `٣`) and what follows it.
fn bare_range(s: &str) -> Option<(u32, u32, &str)> {
    let (n, numeral, rest) = leading_number(s)?;
    if numeral == Numeral::Word {
        return None;
    }
    if let Some(r) = rest.trim_start().strip_prefix(['-', '–', '—'])
        && let Some((m, _, r2)) = leading_number(r.trim_start())
        && m > n
    {
        return Some((n, m, r2));
    }
    Some((n, n, rest))
}

fn day_label(n: u32, last: u32, label: String, title: String) -> Labelled {
    Labelled {
        marker: Marker::Day {
            n,
            sub: None,
            last,
            week: None,
        },
        label,
        title,
        separated: true,
    }
}

/// What follows a label: nothing, or a separator (`Lesson 1: Intro`, `Lesson 1 — Intro`).
fn label_end(rest: &str) -> Option<&str> {
    let t = rest.trim_start();
    let ok = t.is_empty()
        || t.starts_with([
            ':', '-', '–', '—', '.', ')', '|', '(', ',', '：', '、', '。',
        ])
        || t.starts_with(char::is_uppercase)
        || !t.starts_with(|c: char| c.is_ascii())
        || rest.len() == t.len();
    ok.then(|| trim_separators(t))
}

/// `Lesson 1: Title`, `Урок 2`, `Lektion#3`, `Lesson IV`, `Lesson Three`, `Sesión 2-3`.
fn word_number(s: &str) -> Option<Candidate> {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    let (word, after) = s.split_at(end);
    let lower = word.to_lowercase();
    if word.is_empty() || NOT_STEPS.contains(&lower.as_str()) {
        return None;
    }
    let after = after.trim_start_matches([' ', '#', '-', '_', '\u{a0}', '№']);
    let (n, numeral, rest) = leading_number(after)?;
    if numeral == Numeral::Word && !after.starts_with(char::is_uppercase) {
        // `Lesson one of many`: a spelled number counts only written as a name.
        return None;
    }
    if rest.starts_with(['.', ','])
        && rest[1..].starts_with(|c: char| super::numerals::digit(c).is_some())
    {
        // `Python 3.12`: a version, not a step.
        return None;
    }
    let (last, rest) = match rest.trim_start().strip_prefix(['-', '–', '—']) {
        Some(r) => match leading_number(r.trim_start()) {
            Some((m, _, r2)) if m > n => (m, r2),
            _ => (n, rest),
        },
        None => (n, rest),
    };
    let title = label_end(rest)?;
    let label = s.get(..s.len() - rest.len())?.trim_end().to_string();
    Some(Candidate::count(
        format!("{lower}#{numeral:?}"),
        (n, last),
        label,
        title,
    ))
}

/// `1. Lektion: Title`, `2-я лекция`, `Third Session`: the number first, the same word each
/// time.
fn number_word(s: &str) -> Option<Candidate> {
    let (n, numeral, after) = leading_number(s)?;
    if numeral == Numeral::Cjk {
        return None;
    }
    let after = after.trim_start_matches(['.', ' ', '-', ')']);
    let after = ["я ", "й ", "ая ", "ий ", "ый "]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .unwrap_or(after);
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
    Some(Candidate::count(
        format!("#{lower}#{numeral:?}"),
        (n, n),
        label,
        title,
    ))
}

/// A counter glued to its unit, as CJK writing has it: `第三课`, `第3講`, `3회차`.
fn counter(s: &str) -> Option<Candidate> {
    let body = s.strip_prefix('第').unwrap_or(s);
    let (n, numeral, after) = leading_number(body)?;
    if numeral == Numeral::Word || numeral == Numeral::Roman {
        return None;
    }
    let mut chars = after.chars();
    let unit = chars
        .next()
        .filter(|c| c.is_alphabetic() && !c.is_ascii())?;
    if !s.starts_with('第') && numeral == Numeral::Cjk {
        return None;
    }
    let rest = chars.as_str();
    let rest = rest
        .strip_prefix(|c: char| "目次차".contains(c))
        .unwrap_or(rest);
    let label = s.get(..s.len() - rest.len())?.to_string();
    let title = trim_separators(rest).to_string();
    Some(Candidate::count(
        format!("counter:{unit}"),
        (n, n),
        label,
        &title,
    ))
}

/// `7.11` or `7/11` at the start: read both ways (day.month and month.day); only the reading
/// whose dates advance makes a run.
fn short_dates(s: &str) -> Vec<Candidate> {
    let Some((a, rest)) = super::numerals::leading_digits(s) else {
        return Vec::new();
    };
    let Some(sep) = rest.chars().next().filter(|c| matches!(c, '.' | '/')) else {
        return Vec::new();
    };
    let Some((b, rest)) = super::numerals::leading_digits(&rest[1..]) else {
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
            let date = month_day(m, d)?;
            Some(Candidate {
                key: key.to_string(),
                value: i64::from(date.ordinal),
                last: i64::from(date.ordinal),
                scale: Scale::Date,
                label: Labelled {
                    marker: Marker::Date(date),
                    label: label.to_string(),
                    title: title.to_string(),
                    separated: true,
                },
                known: None,
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

    fn best(blocks: &[Block]) -> Option<Run> {
        find_runs(blocks, None).into_iter().next()
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
        let run = best(&b).expect("run");
        assert_eq!(run.word, "Lesson N");
        assert_eq!(run.members.len(), 4);
    }

    #[test]
    fn numbers_in_any_script_or_form_advance() {
        for labels in [
            ["Lesson I", "Lesson II", "Lesson III", "Lesson IV"],
            ["درس ١", "درس ٢", "درس ٣", "درس ٤"],
            ["पाठ १", "पाठ २", "पाठ ३", "पाठ ४"],
            ["第一课", "第二课", "第三课", "第四课"],
            ["Lesson One", "Lesson Two", "Lesson Three", "Lesson Four"],
            ["Sesión 1-2", "Sesión 3", "Sesión 4-5", "Sesión 6"],
        ] {
            let run = best(&heads(&labels)).unwrap_or_else(|| panic!("{labels:?}"));
            assert_eq!(run.members.len(), 4, "{labels:?}");
            assert_eq!(run.misses, 0, "{labels:?}");
        }
    }

    #[test]
    fn false_runs_are_not_steps() {
        let article = heads(&[
            "1. Introduction",
            "2. Background",
            "3. Method",
            "4. Results",
        ]);
        // Only as bare numbers, which `readings.rs` takes only where the steps hold items.
        assert!(find_runs(&article, None).iter().all(|r| r.bare));
        let versions = heads(&["Python 3.10", "Python 3.11", "Python 3.12", "Python 3.13"]);
        assert!(best(&versions).is_none());
        let three = heads(&["Lesson 1", "Lesson 2", "Lesson 3"]);
        assert!(best(&three).is_none());
        let jumps = heads(&["Unit 1", "Unit 5", "Unit 9", "Unit 13"]);
        assert!(best(&jumps).is_none());
    }

    #[test]
    fn bare_numbers_are_a_run_marked_bare() {
        for labels in [
            ["01 - Setup", "02 - Types", "03 - Control", "04 - Functions"],
            ["1. Setup", "2. Types", "3. Control", "4. Functions"],
            ["1️⃣ Setup", "2️⃣ Types", "3️⃣ Control", "4️⃣ Functions"],
        ] {
            let runs = find_runs(&heads(&labels), None);
            let bare = runs.iter().find(|r| r.bare).expect("bare run");
            assert_eq!(bare.members.len(), 4, "{labels:?}");
            assert_eq!(bare.members[1].1.title, "Types", "{labels:?}");
        }
    }

    #[test]
    fn short_dates_advance_one_way() {
        let b = heads(&["7.11 Lists", "8.11 Dicts", "9.11 Sets"]);
        let run = best(&b).expect("run");
        assert_eq!(run.word, "day.month dates");
        assert_eq!(run.members.len(), 3);
    }

    #[test]
    fn runs_restart_under_weeks() {
        let b = heads(&["Day 1", "Day 2", "Day 3", "Day 1", "Day 2", "Day 3"]);
        let run = best(&b).expect("run");
        assert_eq!((run.members.len(), run.restarts), (6, 1));
    }
}
