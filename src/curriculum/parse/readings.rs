//! Candidate readings of a plan, scored from its structure: which blocks are its steps.
//!
//! Every run of advancing labels (`steps.rs`) is a reading, and so is what the day words find
//! (the walk in `build.rs`). Each is scored by how regularly its labels advance, how much of
//! the text its steps hold, how even the steps are, whether it nests under a coarser run
//! (days in weeks), and, as a bonus only, whether the word tables know its unit. The best one
//! is used unless the user chose another, by rank or by the rule kept with the plan.

use std::collections::{HashMap, HashSet};

use super::blocks::Block;
use super::draft::{DayId, Draft};
use super::labels::Labelled;
use super::steps::{Columns, Run, Siblings, shape_of};
use super::text::clean_title;
use super::words::Unit;

/// Readings whose scores differ by less than this are close enough to mention.
pub(super) const CLOSE: f64 = 0.06;

/// Below this share of the text inside the steps, `validate` says that much lies outside.
pub(super) const LOW_COVERAGE: f64 = 0.5;

/// Most readings kept (the chosen one and its alternatives).
const MAX_READINGS: usize = 8;

/// Most runs weighed, longest first: nesting compares every pair, and a plan with more runs
/// than this has its steps among its longest.
const MAX_RUNS: usize = 24;

/// What a reading's score is made of, by weight. Structure decides: labels that advance
/// regularly and steps that hold the text weigh most; even steps and nesting under a coarser
/// run count less; a unit word the tables know and a long run only tip the balance.
const W_REGULAR: f64 = 0.30;
const W_COVERAGE: f64 = 0.30;
const W_EVEN: f64 = 0.10;
const W_NESTED: f64 = 0.10;
const W_KNOWN: f64 = 0.12;
const W_SIZE: f64 = 0.08;
/// What the day words found was written for the plans users bring; on a tie it wins.
const W_LABELS: f64 = 0.05;

/// Which reading to use: the best, the n-th (from 1), or the one with a kept rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Choice {
    /// The reading that scores best.
    #[default]
    Best,
    /// The n-th reading, best first, from 1 (`import --reading N`).
    Rank(usize),
    /// The reading with this rule (its [`crate::curriculum::Reading::key`]), kept with a plan
    /// imported with a chosen reading.
    Rule(String),
}

/// Where a reading's steps come from.
#[derive(Debug, Clone)]
pub(super) enum Source {
    /// The day words, as the walk found them.
    Labels,
    /// A run of advancing labels.
    Run(Run),
    /// The columns of a table.
    Columns(Columns),
}

/// One way of reading the plan.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub source: Source,
    /// The rule kept with a plan when the user chose it.
    pub key: String,
    /// The rule in plain words.
    pub rule: String,
    pub unit: String,
    pub steps: usize,
    /// The first three step titles.
    pub first: Vec<String>,
    pub score: f64,
    /// Share of the text inside the steps.
    pub coverage: f64,
    members: Vec<usize>,
    /// Where each step ends (exclusive block index), beside `members`.
    ends: Vec<usize>,
}

/// Features a reading is scored by, beside its coverage, before the nesting bonus.
struct Shape {
    regular: f64,
    evenness: f64,
    known: Option<Unit>,
    restarts: bool,
}

/// The readings of a plan, best first.
pub(super) fn candidates(
    blocks: &[Block],
    skip: Option<usize>,
    labels: Option<&Draft>,
    plain: bool,
) -> Vec<Candidate> {
    let weights: Vec<usize> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| if Some(i) == skip { 0 } else { weight(b) })
        .collect();
    let total = weights.iter().sum::<usize>().max(1);
    let mut all: Vec<(Candidate, Shape)> = Vec::new();
    if let Some(draft) = labels.filter(|d| !d.days.is_empty()) {
        all.push(labels_reading(blocks, draft, &weights, total, plain));
    }
    all.extend(
        super::steps::find_runs(blocks, skip)
            .into_iter()
            .take(MAX_RUNS)
            .filter_map(|run| run_reading(blocks, run, &weights, total, plain)),
    );
    all.extend(
        super::steps::find_columns(blocks)
            .into_iter()
            .map(|table| columns_reading(blocks, table, &weights, total)),
    );
    score(&mut all);
    best_distinct(all)
}

/// The reading a run of advancing labels makes, unless it is a run of bare numbers whose steps
/// hold too few items to be steps.
fn run_reading(
    blocks: &[Block],
    mut run: Run,
    weights: &[usize],
    total: usize,
    plain: bool,
) -> Option<(Candidate, Shape)> {
    if run.bare {
        keep_steps_holding_items(blocks, &mut run, weights, total);
        if run.members.len() < super::limits::MIN_RUN {
            return None;
        }
    }
    let members: Vec<usize> = run.members.iter().map(|(i, _)| *i).collect();
    let (ends, coverage, even) = extents(blocks, &members, weights, total);
    let first = run
        .members
        .iter()
        .take(3)
        .map(|(_, l)| title_or_label(&l.title, &l.label))
        .collect();
    let shape = Shape {
        regular: run.regular(),
        evenness: even,
        known: run.known,
        restarts: run.restarts > 0,
    };
    let candidate = Candidate {
        key: run.key(),
        rule: describe(blocks, &members, &run.word, plain),
        unit: run.unit.clone(),
        steps: members.len(),
        first,
        score: 0.0,
        coverage,
        members,
        ends,
        source: Source::Run(run),
    };
    Some((candidate, shape))
}

/// Numbered sections of prose (an article) or a numbered list of links are not steps: a bare
/// number counts only where its step holds items.
fn keep_steps_holding_items(blocks: &[Block], run: &mut Run, weights: &[usize], total: usize) {
    let members: Vec<usize> = run.members.iter().map(|(i, _)| *i).collect();
    let (ends, _, _) = extents(blocks, &members, weights, total);
    let mut holds = members
        .iter()
        .zip(&ends)
        .map(|(&m, &e)| holds_items(blocks, m, e));
    run.members.retain(|_| holds.next().unwrap_or(false));
}

/// The reading a table whose header cells are steps makes: the table is the steps' text.
fn columns_reading(
    blocks: &[Block],
    table: Columns,
    weights: &[usize],
    total: usize,
) -> (Candidate, Shape) {
    let covered: usize = weights
        .get(table.header..table.end)
        .map_or(0, |w| w.iter().sum());
    let under = heading_before(blocks, table.header)
        .map(|h| format!(" under '{h}'"))
        .unwrap_or_default();
    let shape = Shape {
        regular: 1.0,
        evenness: 1.0,
        known: table.known,
        restarts: false,
    };
    let candidate = Candidate {
        key: format!("cols {}", table.word),
        rule: format!("columns '{}' of the table{under}", table.word),
        unit: table.unit.clone(),
        steps: table.steps.len(),
        first: table
            .steps
            .iter()
            .take(3)
            .map(|(_, l)| title_or_label(&l.title, &l.label))
            .collect(),
        score: 0.0,
        coverage: (covered as f64 / total as f64).min(1.0),
        members: vec![table.header],
        ends: vec![table.end],
        source: Source::Columns(table),
    };
    (candidate, shape)
}

/// Scores every reading from its shape and coverage; nesting is judged against the others, so
/// all are scored together.
fn score(all: &mut [(Candidate, Shape)]) {
    let nested: Vec<bool> = (0..all.len())
        .map(|i| {
            all[i].1.restarts
                || all
                    .iter()
                    .enumerate()
                    .any(|(j, (p, _))| j != i && nests_in(&all[i].0, p))
        })
        .collect();
    for ((c, shape), nested) in all.iter_mut().zip(nested) {
        let known = match shape.known {
            Some(Unit::Day) => 1.0,
            Some(Unit::Week) => 0.5,
            Some(Unit::Cycle | Unit::Part) => 0.3,
            None => 0.0,
        };
        let size = ((c.steps as f64).ln() / 50f64.ln()).clamp(0.0, 1.0);
        let labels = if matches!(c.source, Source::Labels) {
            W_LABELS
        } else {
            0.0
        };
        c.score = W_REGULAR * shape.regular
            + W_COVERAGE * c.coverage
            + W_EVEN * shape.evenness
            + W_NESTED * f64::from(u8::from(nested))
            + W_KNOWN * known
            + W_SIZE * size
            + labels;
    }
}

/// The best readings first, one of each set of steps: a reading that takes mostly the same
/// blocks as a better one is the same reading.
fn best_distinct(all: Vec<(Candidate, Shape)>) -> Vec<Candidate> {
    let mut sorted: Vec<Candidate> = all.into_iter().map(|(c, _)| c).collect();
    sorted.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut kept: Vec<Candidate> = Vec::new();
    for c in sorted {
        let same = kept.iter().any(|k| same_steps(k, &c));
        if !same && kept.len() < MAX_READINGS {
            kept.push(c);
        }
    }
    kept
}

/// The blocks with a table's columns turned into steps: for each column a line that opens the
/// step, then its cells as items (`Morning: Algebra`). Returns the blocks and which of them
/// open steps.
pub(super) fn columns_as_steps(
    blocks: &[Block],
    table: &Columns,
) -> (Vec<Block>, HashMap<usize, Labelled>) {
    let mut out: Vec<Block> = blocks.get(..table.header).unwrap_or_default().to_vec();
    let mut forced = HashMap::new();
    let rows = blocks.get(table.header + 1..table.end).unwrap_or_default();
    let header = match blocks.get(table.header) {
        Some(Block::Row { cells, .. }) => cells.clone(),
        _ => Vec::new(),
    };
    let line = blocks.get(table.header).map_or(0, line_of);
    for (col, label) in &table.steps {
        forced.insert(out.len(), label.clone());
        out.push(Block::Para {
            text: label.label.clone(),
            line,
            last: true,
            listy: false,
        });
        for row in rows {
            let Block::Row { cells, line, .. } = row else {
                continue;
            };
            let Some(cell) = cells.get(*col).map(|c| c.trim()) else {
                continue;
            };
            if cell.is_empty() || super::table::is_state(&header, *col, cell) {
                continue;
            }
            let name = cells.first().map(|c| clean_title(c)).unwrap_or_default();
            let text = if *col > 0 && !name.is_empty() {
                format!("{name}: {cell}")
            } else {
                cell.to_string()
            };
            out.push(Block::Item {
                depth: 0,
                text,
                checkbox: false,
                ticked: false,
                line: *line,
                plain: false,
                ordinal: None,
            });
        }
    }
    out.extend(blocks.get(table.end..).unwrap_or_default().iter().cloned());
    (out, forced)
}

/// The coarser run that the reading at `idx` restarts under (lessons under blocks), whose
/// steps become the reading's phases.
pub(super) fn coarser(readings: &[Candidate], idx: usize) -> Option<&Run> {
    let inner = readings.get(idx)?;
    let Source::Run(run) = &inner.source else {
        return None;
    };
    if run.restarts == 0 {
        return None;
    }
    readings.iter().find_map(|c| match &c.source {
        Source::Run(outer) if nests_in(inner, c) && outer.siblings != run.siblings => Some(outer),
        _ => None,
    })
}

/// Picks the reading a choice names: its index among `readings`, if any.
pub(super) fn pick(readings: &[Candidate], choice: &Choice) -> Option<usize> {
    match choice {
        Choice::Best => (!readings.is_empty()).then_some(0),
        Choice::Rank(n) => n.checked_sub(1).filter(|i| *i < readings.len()),
        Choice::Rule(key) => readings.iter().position(|r| &r.key == key),
    }
}

/// The reading the day words found: the blocks where the walk opened days.
fn labels_reading(
    blocks: &[Block],
    draft: &Draft,
    weights: &[usize],
    total: usize,
    plain: bool,
) -> (Candidate, Shape) {
    let lines: HashSet<usize> = draft.days.iter().map(|d| d.line).collect();
    let mut members = Vec::new();
    let mut seen = HashSet::new();
    for (i, b) in blocks.iter().enumerate() {
        let line = line_of(b);
        if lines.contains(&line) && seen.insert(line) {
            members.push(i);
        }
    }
    let (ends, coverage, even) = extents(blocks, &members, weights, total);
    let mut irregular = 0;
    let mut last = None;
    for d in &draft.days {
        if let DayId::Num {
            n, last: end, sub, ..
        } = &d.id
        {
            if sub.is_none()
                && let Some(prev) = last
                && *n != prev + 1
                && *n > 1
            {
                irregular += 1;
            }
            last = Some(*end);
        }
    }
    let n = draft.days.len();
    let regular = if n > 1 {
        1.0 - irregular as f64 / (n - 1) as f64
    } else {
        0.5
    };
    let label = draft.days.first().map(|d| d.label.as_str()).unwrap_or("");
    let (word, unit) = match draft.days.first().map(|d| &d.id) {
        Some(DayId::Weekday(_)) => ("weekdays".to_string(), "weekday"),
        Some(DayId::Slug(_)) if label.contains(|c: char| c.is_numeric()) => {
            ("dates".to_string(), "date")
        }
        Some(DayId::Week(_)) => (shape_of(label), "week"),
        _ => (shape_of(label), "day"),
    };
    let unit = unit.to_string();
    let first = draft
        .days
        .iter()
        .take(3)
        .map(|d| title_or_label(&clean_title(&d.title), &d.label))
        .collect();
    let nested = draft.days.iter().any(|d| d.phase.is_some());
    let candidate = Candidate {
        source: Source::Labels,
        key: "labels".to_string(),
        rule: describe(blocks, &members, &word, plain),
        unit,
        steps: n,
        first,
        score: 0.0,
        coverage,
        members,
        ends,
    };
    let shape = Shape {
        regular,
        evenness: even,
        known: Some(Unit::Day),
        restarts: nested,
    };
    (candidate, shape)
}

fn title_or_label(title: &str, label: &str) -> String {
    if title.trim().is_empty() {
        label.to_string()
    } else {
        title.to_string()
    }
}

/// How much a block weighs in the text: its characters.
fn weight(b: &Block) -> usize {
    match b {
        Block::Heading { text, .. } | Block::Para { text, .. } | Block::Item { text, .. } => {
            text.len()
        }
        Block::Row { cells, .. } => cells.iter().map(String::len).sum(),
        Block::Rule { .. } => 0,
    }
}

fn line_of(b: &Block) -> usize {
    match b {
        Block::Heading { line, .. }
        | Block::Para { line, .. }
        | Block::Item { line, .. }
        | Block::Row { line, .. }
        | Block::Rule { line } => *line,
    }
}

/// Whether block `next` ends a step that `start` opened.
fn ends_step(start: &Block, next: &Block) -> bool {
    match (start, next) {
        (Block::Heading { level, .. }, Block::Heading { level: l, .. }) => l <= level,
        (Block::Heading { .. }, _) => false,
        (Block::Para { .. } | Block::Item { plain: true, .. }, n) => {
            matches!(n, Block::Heading { .. })
        }
        (Block::Item { depth, .. }, Block::Item { depth: d, .. }) => d <= depth,
        (Block::Item { .. }, _) => true,
        (Block::Row { .. }, _) | (Block::Rule { .. }, _) => true,
    }
}

/// Where each step ends, the share of the text the steps hold, and how even they are
/// (1 for steps of one size, towards 0 as they differ).
fn extents(
    blocks: &[Block],
    members: &[usize],
    weights: &[usize],
    total: usize,
) -> (Vec<usize>, f64, f64) {
    let mut ends = Vec::with_capacity(members.len());
    let mut sizes = Vec::with_capacity(members.len());
    for (k, &start) in members.iter().enumerate() {
        let limit = members.get(k + 1).copied().unwrap_or(blocks.len());
        let Some(first) = blocks.get(start) else {
            continue;
        };
        let mut end = start + 1;
        while end < limit && !blocks.get(end).is_some_and(|b| ends_step(first, b)) {
            end += 1;
        }
        ends.push(end);
        sizes.push(
            weights
                .get(start..end)
                .map_or(0, |w| w.iter().sum::<usize>()),
        );
    }
    let covered: usize = sizes.iter().sum();
    let coverage = (covered as f64 / total as f64).min(1.0);
    let n = sizes.len().max(1) as f64;
    let mean = covered as f64 / n;
    let var = sizes
        .iter()
        .map(|s| (*s as f64 - mean).powi(2))
        .sum::<f64>()
        / n;
    let cv = if mean > 0.0 { var.sqrt() / mean } else { 1.0 };
    (ends, coverage, 1.0 / (1.0 + cv))
}

/// Whether the step from block `start` to `end` holds list items or table rows.
fn holds_items(blocks: &[Block], start: usize, end: usize) -> bool {
    blocks.get(start + 1..end).is_some_and(|inside| {
        inside
            .iter()
            .any(|b| matches!(b, Block::Item { .. } | Block::Row { .. }))
    })
}

/// Whether most of `inner`'s steps lie inside the steps of the coarser reading `outer`.
fn nests_in(inner: &Candidate, outer: &Candidate) -> bool {
    if outer.steps < 2 || outer.steps >= inner.steps {
        return false;
    }
    let inside = inner
        .members
        .iter()
        .filter(|&&m| {
            let k = outer.members.partition_point(|&s| s < m);
            k > 0 && outer.ends.get(k - 1).is_some_and(|&e| m < e)
        })
        .count();
    inside * 5 >= inner.members.len() * 4
}

/// Two readings with mostly the same step blocks are one reading.
fn same_steps(a: &Candidate, b: &Candidate) -> bool {
    // Both lists are in block order: count what they share in one pass.
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while let (Some(x), Some(y)) = (a.members.get(i), b.members.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let smaller = a.members.len().min(b.members.len()).max(1);
    shared * 5 >= smaller * 4
}

/// The rule in plain words: `level-3 headings 'Day N'`, `rows 'Day N' of the table under
/// 'Schedule'`.
fn describe(blocks: &[Block], members: &[usize], word: &str, plain: bool) -> String {
    let mut levels: Vec<u8> = Vec::new();
    let mut kinds: Vec<Siblings> = Vec::new();
    let mut tables = 0;
    let mut lists = 0;
    let mut prev: Option<usize> = None;
    for &m in members {
        let Some(b) = blocks.get(m) else { continue };
        let sib = match b {
            Block::Heading { level, .. } => {
                if !levels.contains(level) {
                    levels.push(*level);
                }
                Siblings::Headings(0)
            }
            Block::Para { .. } | Block::Item { plain: true, .. } => Siblings::Lines,
            Block::Item { .. } => Siblings::ListItems(0),
            Block::Row { .. } => Siblings::Rows(0),
            Block::Rule { .. } => continue,
        };
        // A new table or list starts where another kind of block stands between two steps.
        let joined = prev.is_some_and(|p| {
            blocks
                .get(p + 1..m)
                .is_some_and(|between| between.iter().all(|x| same_kind(x, b)))
        });
        match sib {
            Siblings::Rows(_) if !joined => tables += 1,
            Siblings::ListItems(_) if !joined => lists += 1,
            _ => {}
        }
        prev = Some(m);
        if !kinds.contains(&sib) {
            kinds.push(sib);
        }
    }
    let under = |kind: fn(&Block) -> bool| {
        members
            .iter()
            .find(|&&m| blocks.get(m).is_some_and(kind))
            .and_then(|&m| heading_before(blocks, m))
            .map(|h| format!(" under '{h}'"))
            .unwrap_or_default()
    };
    let shape = if word.is_empty() {
        String::new()
    } else {
        format!(" '{word}'")
    };
    let levels = levels
        .iter()
        .map(|l| format!("level-{l}"))
        .collect::<Vec<_>>()
        .join(" and ");
    let parts: Vec<String> = kinds
        .into_iter()
        .map(|sib| match sib {
            Siblings::Headings(_) if plain => format!("lines{shape}"),
            Siblings::Headings(_) => format!("{levels} headings{shape}"),
            Siblings::Lines => format!("lines{shape}"),
            Siblings::ListItems(_) if lists <= 1 => format!(
                "items{shape} of the list{}",
                under(|b| matches!(b, Block::Item { plain: false, .. }))
            ),
            Siblings::ListItems(_) => format!("items{shape} of {lists} lists"),
            Siblings::Rows(_) if tables <= 1 => format!(
                "rows{shape} of the table{}",
                under(|b| matches!(b, Block::Row { .. }))
            ),
            Siblings::Rows(_) => format!("rows{shape} of {tables} tables"),
        })
        .collect();
    if parts.is_empty() {
        return "nothing".to_string();
    }
    parts.join(" and ")
}

fn same_kind(a: &Block, b: &Block) -> bool {
    matches!(
        (a, b),
        (Block::Row { .. }, Block::Row { .. }) | (Block::Item { .. }, Block::Item { .. })
    )
}

/// The nearest heading above block `i`, as a short title.
fn heading_before(blocks: &[Block], i: usize) -> Option<String> {
    blocks.get(..i)?.iter().rev().find_map(|b| match b {
        Block::Heading { text, .. } => {
            let t = clean_title(text);
            (!t.is_empty()).then(|| super::text::truncate_chars(&t, 40))
        }
        _ => None,
    })
}
