//! Walks the block stream with a stack of open headings and builds the plan's phases, days and
//! sections. Day markers are recognised in one "form" per plan (headings, bold lines, list
//! items or table rows), chosen before the walk, so that a checklist entry mentioning "Day 3"
//! inside a heading-based plan stays an item.

use crate::curriculum::model::{Item, ItemKind, MetaEntry, Phase, PhaseKind, Warning};

use super::blocks::Block;
use super::labels::{
    Labelled, Marker, classify, clean_title, kind_of_heading, kind_of_label, kind_of_lead_in,
    strip_strong,
};

/// How this plan writes its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Heading,
    Line,
    List,
    Table,
    None,
}

/// How a day is identified, which decides its key.
#[derive(Debug, Clone, PartialEq)]
pub enum DayId {
    Num {
        n: u32,
        sub: Option<u32>,
        last: u32,
        week: Option<u32>,
    },
    Weekday(&'static str),
    Week(u32),
    Slug(String),
}

/// Items and free text collected under a day or section.
#[derive(Debug, Clone)]
pub struct Body {
    pub items: Vec<Item>,
    pub text: Vec<String>,
    pub kind: ItemKind,
    pub default_kind: ItemKind,
    pub base_depth: usize,
}

impl Body {
    fn new(default_kind: ItemKind, base_depth: usize) -> Self {
        Body {
            items: Vec::new(),
            text: Vec::new(),
            kind: default_kind,
            default_kind,
            base_depth,
        }
    }

    /// Adds an item at its list depth, nesting it under the last item of the level above.
    fn push(&mut self, depth: usize, text: String, checkbox: bool, kind: ItemKind) {
        let item = Item {
            n: 0,
            kind,
            text,
            checkbox,
            children: Vec::new(),
        };
        let mut level = &mut self.items;
        // Capped so that pathological nesting cannot build a tree too deep to drop.
        let mut rel = depth.saturating_sub(self.base_depth).min(12);
        while rel > 0
            && let Some(last) = level.len().checked_sub(1)
        {
            level = &mut level[last].children;
            rel -= 1;
        }
        level.push(item);
    }

    pub fn checkable(&self) -> bool {
        self.items.iter().any(|i| i.checkbox)
    }
}

#[derive(Debug, Clone)]
pub struct DayDraft {
    pub id: DayId,
    pub label: String,
    pub title: String,
    pub span: u32,
    pub phase: Option<usize>,
    pub body: Body,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct SectionDraft {
    pub title: String,
    pub level: usize,
    pub body: Body,
    pub line: usize,
    /// Set when this collects the content of a phase heading (kept only if it has no days).
    pub phase: Option<usize>,
}

#[derive(Debug, Default)]
pub struct Draft {
    pub meta: Vec<MetaEntry>,
    pub phases: Vec<Phase>,
    pub days: Vec<DayDraft>,
    pub sections: Vec<SectionDraft>,
    pub warnings: Vec<Warning>,
    /// Heading level of heading days, for recognising a trailing `Final` entry.
    pub day_level: Option<usize>,
    /// Whether any day names the kinds of its items (READ/CODE, `Practice:`, `Tip:` ...).
    pub typed: bool,
}

#[derive(Debug, Clone, Copy)]
enum Frame {
    Phase { idx: usize, section: usize },
    Day(usize),
    Section(usize),
    Sub,
}

/// Stack levels for markers that are not headings: bold lines, list items, table rows.
const LINE_PHASE: usize = 7;
const LINE_WEEK: usize = 8;
const LINE_DAY: usize = 9;
const LIST_BASE: usize = 10;
const TABLE_DAY: usize = 1_000_000;

/// Picks the form days take: headings win over bold lines, lists and tables.
pub fn detect_form(blocks: &[Block], skip: Option<usize>) -> Form {
    let is_day = |t: &str| {
        classify(t).is_some_and(|l| {
            l.separated && matches!(l.marker, Marker::Day { .. } | Marker::Weekday(_))
        })
    };
    let mut found = [false; 4];
    let mut header: &[String] = &[];
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Heading { text, .. } if Some(i) != skip => {
                found[0] |= classify(text)
                    .is_some_and(|l| matches!(l.marker, Marker::Day { .. } | Marker::Weekday(_)));
            }
            Block::Para { text, .. } => found[1] |= is_day(text),
            Block::Item {
                text, plain: false, ..
            } => found[2] |= !is_link(text) && is_day(text),
            Block::Row {
                cells,
                header: true,
                ..
            } => header = cells,
            Block::Row { cells, .. } => found[3] |= row_day(cells, header).is_some(),
            _ => {}
        }
    }
    match found {
        [true, ..] => Form::Heading,
        [_, true, ..] => Form::Line,
        [_, _, true, _] => Form::List,
        [_, _, _, true] => Form::Table,
        _ => Form::None,
    }
}

/// A list item that is only a link (a table of contents entry).
fn is_link(text: &str) -> bool {
    text.starts_with('[') && text.contains("](")
}

/// The day a table row names: through a cell like `Day 3`, or a number under a `Day` header.
/// Returns the marker, the label and the index of the cell that held it.
fn row_day(cells: &[String], header: &[String]) -> Option<(Labelled, usize)> {
    let mut week = None;
    let mut day = None;
    for (i, cell) in cells.iter().enumerate() {
        let head = header.get(i).map(|h| clean_title(h)).unwrap_or_default();
        let c = clean_title(cell);
        let from_header = classify(&format!("{head} {c}")).filter(|l| l.title.is_empty());
        match classify(&c)
            .filter(|l| l.title.is_empty() || l.separated)
            .or(from_header)
        {
            Some(l) if matches!(l.marker, Marker::Week(_)) && week.is_none() => {
                week = Some(l);
            }
            Some(l) if matches!(l.marker, Marker::Day { .. } | Marker::Weekday(_)) => {
                day = Some((l, i));
                break;
            }
            _ => {}
        }
    }
    let (mut l, i) = day?;
    if let (Some(w), Marker::Day { week, .. }) = (week, &mut l.marker)
        && let Marker::Week(n) = w.marker
    {
        *week = Some(n);
        l.label = format!("{} {}", w.label, l.label);
    }
    Some((l, i))
}

pub struct Builder {
    pub draft: Draft,
    stack: Vec<(usize, Frame)>,
    form: Form,
    weeks_as_days: bool,
    note: Vec<String>,
    pending_meta: Option<usize>,
    header: Vec<String>,
}

impl Builder {
    pub fn new(form: Form, weeks_as_days: bool) -> Self {
        Builder {
            draft: Draft::default(),
            stack: Vec::new(),
            form,
            weeks_as_days,
            note: Vec::new(),
            pending_meta: None,
            header: Vec::new(),
        }
    }

    /// Feeds one block.
    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text, line } => self.heading(usize::from(*level), text, *line),
            Block::Para { text, line, last } => self.para(text, *line, *last),
            Block::Item {
                depth,
                text,
                checkbox,
                line,
                plain,
            } => self.item(*depth, text, *checkbox, *line, *plain),
            Block::Row {
                cells,
                header,
                line,
            } => self.row(cells, *header, *line),
            Block::Rule { .. } => self.rule(),
        }
    }

    pub fn finish(mut self) -> Draft {
        self.flush_note();
        self.draft
    }

    fn pop_to(&mut self, level: usize) {
        while self.stack.last().is_some_and(|(l, _)| *l >= level) {
            self.stack.pop();
        }
    }

    fn current_phase(&self) -> Option<usize> {
        self.stack.iter().rev().find_map(|(_, f)| match f {
            Frame::Phase { idx, .. } => Some(*idx),
            _ => None,
        })
    }

    /// The innermost frame that collects items, and whether it is a day.
    fn body_frame(&self) -> Option<Frame> {
        self.stack.iter().rev().find_map(|(_, f)| match f {
            Frame::Sub => None,
            other => Some(*other),
        })
    }

    fn body(&mut self) -> Option<&mut Body> {
        match self.body_frame()? {
            Frame::Day(i) => self.draft.days.get_mut(i).map(|d| &mut d.body),
            Frame::Section(i) | Frame::Phase { section: i, .. } => {
                self.draft.sections.get_mut(i).map(|s| &mut s.body)
            }
            Frame::Sub => None,
        }
    }

    fn in_day(&self) -> bool {
        matches!(self.body_frame(), Some(Frame::Day(_)))
    }

    fn flush_note(&mut self) {
        if self.note.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.note).join(" ");
        if let Some(body) = self.body() {
            body.text.push(text);
        }
    }

    fn heading(&mut self, level: usize, text: &str, line: usize) {
        self.flush_note();
        self.pending_meta = None;
        self.pop_to(level);
        if let Some(l) = classify(text) {
            match l.marker {
                Marker::Day { .. } | Marker::Weekday(_) if self.form == Form::Heading => {
                    self.draft.day_level.get_or_insert(level);
                    return self.open_day(level, l, line, 0);
                }
                Marker::Week(_) if self.weeks_as_days => return self.open_day(level, l, line, 0),
                Marker::Cycle(_) | Marker::Week(_) | Marker::Part(_) => {
                    return self.open_phase(level, l, text, line);
                }
                _ => {}
            }
        }
        if self.in_day() {
            let (head, sub) = text.split_once(':').unwrap_or((text, ""));
            let kind = kind_of_heading(head);
            let note = match kind {
                Some(_) => clean_title(sub),
                None => clean_title(text),
            };
            self.draft.typed |= kind.is_some();
            if let Some(body) = self.body() {
                body.kind = kind.unwrap_or(body.default_kind);
                if !note.is_empty() {
                    body.text.push(note);
                }
            }
            self.stack.push((level, Frame::Sub));
            return;
        }
        self.open_section(level, text, line, None);
    }

    fn open_section(&mut self, level: usize, text: &str, line: usize, phase: Option<usize>) {
        let title = clean_title(text);
        let kind = kind_of_heading(&title).unwrap_or(ItemKind::Topic);
        let idx = self.draft.sections.len();
        self.draft.sections.push(SectionDraft {
            title,
            level,
            body: Body::new(kind, 0),
            line,
            phase,
        });
        if phase.is_none() {
            self.stack.push((level, Frame::Section(idx)));
        }
    }

    fn open_phase(&mut self, level: usize, l: Labelled, text: &str, line: usize) {
        let (kind, number) = match l.marker {
            Marker::Cycle(n) => (PhaseKind::Cycle, n),
            Marker::Week(n) => (PhaseKind::Week, n),
            Marker::Part(n) => (PhaseKind::Part, n),
            _ => return,
        };
        let idx = self.draft.phases.len();
        self.draft.phases.push(Phase {
            kind,
            number: Some(number),
            label: l.label,
            title: clean_title(&l.title),
            parent: self.current_phase(),
            line,
        });
        let section = self.draft.sections.len();
        self.open_section(level, text, line, Some(idx));
        self.stack.push((level, Frame::Phase { idx, section }));
    }

    fn open_day(&mut self, level: usize, l: Labelled, line: usize, base_depth: usize) {
        let (id, span) = match l.marker {
            Marker::Day { n, sub, last, week } => (
                DayId::Num { n, sub, last, week },
                last.saturating_sub(n).saturating_add(1),
            ),
            Marker::Weekday(k) => (DayId::Weekday(k), 1),
            Marker::Week(n) => (DayId::Week(n), 7),
            Marker::Named(s) => (DayId::Slug(s), 1),
            Marker::Cycle(_) | Marker::Part(_) => return,
        };
        let phase = match &id {
            DayId::Num { week: Some(w), .. } => Some(self.week_phase(*w, line)),
            _ => self.current_phase(),
        };
        let idx = self.draft.days.len();
        self.draft.days.push(DayDraft {
            id,
            label: l.label,
            title: clean_title(&l.title),
            span,
            phase,
            body: Body::new(ItemKind::Topic, base_depth),
            line,
        });
        self.stack.push((level, Frame::Day(idx)));
    }

    /// The phase for a week named on a day's own line, created the first time it is seen.
    fn week_phase(&mut self, week: u32, line: usize) -> usize {
        let current = self.current_phase();
        if let Some(i) = current
            && let Some(p) = self.draft.phases.get(i)
            && p.kind == PhaseKind::Week
            && p.number == Some(week)
        {
            return i;
        }
        let parent = current.filter(|&i| {
            self.draft
                .phases
                .get(i)
                .is_some_and(|p| p.kind != PhaseKind::Week)
        });
        if let Some(i) = self.draft.phases.iter().rposition(|p| {
            p.kind == PhaseKind::Week && p.number == Some(week) && p.parent == parent
        }) {
            return i;
        }
        self.draft.phases.push(Phase {
            kind: PhaseKind::Week,
            number: Some(week),
            label: format!("Week {week}"),
            title: String::new(),
            parent,
            line,
        });
        self.draft.phases.len() - 1
    }

    fn para(&mut self, text: &str, line: usize, last: bool) {
        self.pop_to(TABLE_DAY);
        if let Some(l) = classify(text).filter(|l| l.separated) {
            let bold = text.starts_with("**") || text.starts_with("__");
            let level = match l.marker {
                Marker::Day { .. } | Marker::Weekday(_) if self.form == Form::Line => LINE_DAY,
                Marker::Week(_) if bold => LINE_WEEK,
                Marker::Cycle(_) | Marker::Part(_) if bold => LINE_PHASE,
                _ => 0,
            };
            if level > 0 {
                self.flush_note();
                self.pending_meta = None;
                self.pop_to(level);
                let is_day = matches!(l.marker, Marker::Day { .. } | Marker::Weekday(_));
                if is_day || (self.weeks_as_days && matches!(l.marker, Marker::Week(_))) {
                    self.open_day(level, l, line, 0);
                } else {
                    self.open_phase(level, l, text, line);
                }
                return;
            }
        }
        if self.body_frame().is_some() {
            if self.in_day()
                && let Some((kind, rest)) = labelled(text)
            {
                self.flush_note();
                self.draft.typed = true;
                if let Some(body) = self.body() {
                    body.push(0, rest, false, kind);
                }
                return;
            }
            if self.lead_in(text) {
                return;
            }
            self.note.push(text.to_string());
            if last {
                self.flush_note();
            }
            return;
        }
        self.top_level(text);
    }

    /// A line ending in `:` that names a kind (`Practice:`, `By the end, can you answer:`).
    fn lead_in(&mut self, text: &str) -> bool {
        let Some(head) = strip_strong(text).strip_suffix(':').map(str::to_string) else {
            return false;
        };
        let Some(kind) = kind_of_lead_in(&head) else {
            return false;
        };
        self.flush_note();
        self.draft.typed |= self.in_day();
        if let Some(body) = self.body() {
            body.kind = kind;
        }
        true
    }

    /// Text outside any day or section: plan facts (`**Goal:** ...`, `Цель:` + list).
    fn top_level(&mut self, text: &str) {
        self.pending_meta = None;
        let plain = strip_strong(text);
        if let Some(label) = plain.strip_suffix(':')
            && label.split_whitespace().count() <= 4
        {
            self.draft.meta.push(MetaEntry {
                label: clean_title(label),
                value: String::new(),
            });
            self.pending_meta = Some(self.draft.meta.len() - 1);
            return;
        }
        let bold = text.starts_with("**") || text.starts_with("__");
        if let Some((label, value)) = plain.split_once(':')
            && !value.trim().is_empty()
            && (bold || (label.split_whitespace().count() <= 3 && self.draft.days.is_empty()))
            && !label.contains('`')
            && !value.starts_with("//")
        {
            self.draft.meta.push(MetaEntry {
                label: clean_title(label),
                value: value.trim().to_string(),
            });
        }
    }

    fn item(&mut self, depth: usize, text: &str, checkbox: bool, line: usize, plain: bool) {
        self.flush_note();
        let level = LIST_BASE.saturating_add(depth);
        self.pop_to(if plain { TABLE_DAY } else { level });
        if !plain
            && !is_link(text)
            && let Some(l) = classify(text).filter(|l| l.separated)
        {
            let is_day = matches!(l.marker, Marker::Day { .. } | Marker::Weekday(_));
            let is_week = matches!(l.marker, Marker::Week(_));
            if is_day && self.form == Form::List {
                self.pending_meta = None;
                return self.open_day(level, l, line, depth + 1);
            }
            if is_week && self.weeks_as_days && self.form != Form::Heading {
                self.pending_meta = None;
                return self.open_day(level, l, line, depth + 1);
            }
            if (is_week || matches!(l.marker, Marker::Cycle(_))) && self.form == Form::List {
                self.pending_meta = None;
                return self.open_phase(level, l, text, line);
            }
        }
        if self.body_frame().is_none() {
            if let Some(i) = self.pending_meta
                && depth == 0
                && let Some(m) = self.draft.meta.get_mut(i)
            {
                if !m.value.is_empty() {
                    m.value.push_str("; ");
                }
                m.value.push_str(text);
                return;
            }
            if plain {
                return self.top_level(text);
            }
            self.orphan(checkbox, line);
        }
        if plain && self.lead_in(text) {
            return;
        }
        let in_day = self.in_day();
        let Some(body) = self.body() else { return };
        match labelled(text).filter(|_| in_day) {
            Some((kind, rest)) => {
                body.push(depth, rest, checkbox, kind);
                self.draft.typed = true;
            }
            None => body.push(depth, text.to_string(), checkbox, body.kind),
        }
    }

    /// Opens a section for list items that stand outside any heading.
    fn orphan(&mut self, checkbox: bool, line: usize) {
        let title = if checkbox { "Checklist" } else { "Notes" };
        self.open_section(LINE_PHASE, title, line, None);
    }

    fn row(&mut self, cells: &[String], header: bool, line: usize) {
        self.flush_note();
        self.pending_meta = None;
        if header {
            self.header = cells.to_vec();
            return;
        }
        if self.form == Form::Table
            && let Some((mut l, col)) = row_day(cells, &self.header)
        {
            self.pop_to(TABLE_DAY);
            let rest: Vec<(usize, &String)> = cells
                .iter()
                .enumerate()
                .filter(|(i, c)| *i > col && !c.trim().is_empty())
                .collect();
            if l.title.is_empty()
                && let Some((_, t)) = rest.first()
            {
                l.title = (*t).clone();
            }
            let skip_title = usize::from(rest.first().is_some_and(|(_, t)| **t == l.title));
            self.open_day(TABLE_DAY, l, line, 0);
            let header = self.header.clone();
            if let Some(body) = self.body() {
                for (i, cell) in rest.into_iter().skip(skip_title) {
                    let kind = header
                        .get(i)
                        .and_then(|h| kind_of_heading(h))
                        .unwrap_or(ItemKind::Topic);
                    for part in cell.split("<br>").map(str::trim).filter(|p| !p.is_empty()) {
                        body.push(0, part.to_string(), false, kind);
                    }
                }
            }
            return;
        }
        let text = row_text(cells, &self.header);
        if text.is_empty() {
            return;
        }
        if self.body_frame().is_none() {
            self.orphan(false, line);
        }
        if let Some(body) = self.body() {
            body.push(0, text, false, body.kind);
        }
    }

    /// A thematic break ends a plan-level section, so trailing facts become plan metadata.
    fn rule(&mut self) {
        self.flush_note();
        self.pending_meta = None;
        if let Some(pos) = self
            .stack
            .iter()
            .rposition(|(_, f)| !matches!(f, Frame::Sub))
            && matches!(self.stack.get(pos), Some((_, Frame::Section(_))))
        {
            self.stack.truncate(pos);
        }
    }
}

/// `Hands-on: text`, `**Tip:** text`: an item whose label names its kind (label dropped).
fn labelled(text: &str) -> Option<(ItemKind, String)> {
    let (label, rest) = text.split_once(':')?;
    if label.len() > 40 || label.contains('`') {
        return None;
    }
    let kind = kind_of_label(label)?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("**")
        .or_else(|| rest.strip_prefix("__"))
        .unwrap_or(rest)
        .trim();
    (!rest.is_empty()).then(|| (kind, rest.to_string()))
}

/// A table row as one item: `Week 1 · Core Python · CLI tool`.
fn row_text(cells: &[String], header: &[String]) -> String {
    cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.trim().is_empty())
        .map(|(i, c)| {
            let head = header.get(i).map(|h| clean_title(h)).unwrap_or_default();
            let numeric = !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit());
            match classify(&format!("{head} {c}")) {
                Some(l) if numeric && l.title.is_empty() => l.label,
                _ => c.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}
