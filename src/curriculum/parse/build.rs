//! Walks the block stream with a stack of open headings and builds the plan's phases, days and
//! sections. Day markers are recognised in one "form" per plan (headings, bold lines, list
//! items or table rows), chosen before the walk, so that a checklist entry mentioning "Day 3"
//! inside a heading-based plan stays an item.

use std::borrow::Cow;

use crate::curriculum::model::{ItemKind, Phase, PhaseKind};

use super::blocks::Block;
pub(super) use super::draft::{Body, DayDraft, DayId, Draft, Form, SectionDraft};
use super::kinds::kind_of_heading;
use super::kinds::labelled;
use super::labels::row_day;
use super::labels::{Labelled, Marker, classify, classify_heading, classify_line};
use super::text::clean_title;

#[derive(Debug, Clone, Copy)]
pub(super) enum Frame {
    Phase { idx: usize, section: usize },
    Day(usize),
    Section(usize),
    Sub,
}

pub(super) use super::draft::Level;

/// Picks the form days take: headings win over bold lines, lists and tables. A second form
/// joins the first when its days continue the sequence instead of repeating it (tables for
/// the first weeks, a list for the last): one plan whose steps changed shape part-way.
pub(super) fn detect_form(blocks: &[Block], skip: Option<usize>) -> (Form, Option<Form>) {
    let is_day = |t: &str| classify_line(t).filter(|l| l.separated && l.marker.is_day());
    let mut header: &[String] = &[];
    // (form, block index, day number) of every day label, in order.
    let mut found: Vec<(Form, usize, Option<u32>)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let label = match b {
            Block::Heading { text, .. } if Some(i) != skip => classify_heading(text)
                .filter(|l| l.marker.is_day())
                .map(|l| (Form::Heading, l)),
            Block::Para { text, .. } => is_day(text).map(|l| (Form::Line, l)),
            Block::Item {
                text,
                plain: false,
                ordinal,
                ..
            } if !is_link(text) => is_day(&as_written(text, *ordinal)).map(|l| (Form::List, l)),
            Block::Row {
                cells,
                header: true,
                ..
            } => {
                header = cells;
                None
            }
            Block::Row { cells, .. } => {
                row_day(cells, header, false).map(|(l, _)| (Form::Table, l))
            }
            _ => None,
        };
        if let Some((form, l)) = label {
            let n = match l.marker {
                Marker::Day { n, sub: None, .. } => Some(n),
                _ => None,
            };
            found.push((form, i, n));
        }
    }
    let Some(best) = found.iter().map(|f| f.0).min() else {
        return (Form::None, None);
    };
    let of = |form: Form| found.iter().filter(move |f| f.0 == form);
    let numbers = |form: Form| of(form).filter_map(|f| f.2).collect::<Vec<_>>();
    let main = numbers(best);
    let (first, last) = (
        of(best).map(|f| f.1).min().unwrap_or(0),
        of(best).map(|f| f.1).max().unwrap_or(0),
    );
    let extra = [Form::Line, Form::List, Form::Table]
        .into_iter()
        .filter(|f| *f > best)
        .find(|&form| {
            let other = numbers(form);
            let apart = of(form).all(|f| f.1 < first || f.1 > last);
            let whole = other.len() == of(form).count() && main.len() == of(best).count();
            other.len() >= 2 && apart && whole && other.iter().all(|n| !main.contains(n))
        });
    (best, extra)
}

/// An ordered item's text with its number when the number begins a day label (`1. Tag:
/// Setup`, `1. nap: Setup`): Markdown takes it away as the list's numbering, but the writer
/// numbered the day.
fn as_written(text: &str, ordinal: Option<u64>) -> Cow<'_, str> {
    match ordinal {
        Some(n) if classify(text).is_none() => {
            let written = format!("{n}. {text}");
            match classify(&written) {
                Some(l) if l.separated && l.marker.is_day() => Cow::Owned(written),
                _ => Cow::Borrowed(text),
            }
        }
        _ => Cow::Borrowed(text),
    }
}

/// A list item that links within the page (a table of contents entry); links to other files
/// (`[day03 Basics](md/03.md)`) can be the days themselves.
fn is_link(text: &str) -> bool {
    text.starts_with('[') && text.contains("](#")
}

pub(super) struct Builder {
    pub draft: Draft,
    stack: Vec<(Level, Frame)>,
    pub(super) form: Form,
    /// A second form whose days continue the first's (see `detect_form`).
    pub(super) extra: Option<Form>,
    pub(super) weeks_as_days: bool,
    pub(super) note: Vec<String>,
    pub(super) pending_meta: Option<usize>,
    pub(super) header: Vec<String>,
    /// The label of a step the structural rule found in the block being fed.
    pub(super) forced: Option<Labelled>,
    /// The label of a phase a coarser structural run found in the block being fed.
    pub(super) forced_phase: Option<Labelled>,
}

impl Builder {
    pub(super) fn new((form, extra): (Form, Option<Form>), weeks_as_days: bool) -> Self {
        Builder {
            draft: Draft::default(),
            stack: Vec::new(),
            form,
            extra,
            weeks_as_days,
            note: Vec::new(),
            pending_meta: None,
            header: Vec::new(),
            forced: None,
            forced_phase: None,
        }
    }

    /// Whether days are read from blocks of this form.
    pub(super) fn days_in(&self, form: Form) -> bool {
        self.form == form || self.extra == Some(form)
    }

    /// Feeds one block.
    pub(super) fn block(&mut self, block: &Block) {
        match block {
            Block::Heading { level, text, line } => {
                self.heading(Level::Heading(*level), text, *line)
            }
            Block::Para {
                text,
                line,
                last,
                listy,
            } => self.para(text, *line, *last, *listy),
            Block::Item {
                depth,
                text,
                checkbox,
                ticked,
                line,
                plain,
                ordinal,
            } => self.item(
                *depth,
                &as_written(text, *ordinal),
                (*checkbox, *ticked),
                *line,
                *plain,
            ),
            Block::Row {
                cells,
                header,
                line,
            } => self.row(cells, *header, *line),
            Block::Rule { .. } => self.rule(),
        }
    }

    pub(super) fn finish(mut self) -> Draft {
        self.flush_note();
        self.draft
    }

    pub(super) fn pop_to(&mut self, level: Level) {
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
    pub(super) fn body_frame(&self) -> Option<Frame> {
        self.stack.iter().rev().find_map(|(_, f)| match f {
            Frame::Sub => None,
            other => Some(*other),
        })
    }

    pub(super) fn body(&mut self) -> Option<&mut Body> {
        match self.body_frame()? {
            Frame::Day(i) => self.draft.days.get_mut(i).map(|d| &mut d.body),
            Frame::Section(i) | Frame::Phase { section: i, .. } => {
                self.draft.sections.get_mut(i).map(|s| &mut s.body)
            }
            Frame::Sub => None,
        }
    }

    /// Whether anything (a day, section or phase) collects items here.
    pub(super) fn has_body(&self) -> bool {
        self.body_frame().is_some()
    }

    pub(super) fn in_day(&self) -> bool {
        matches!(self.body_frame(), Some(Frame::Day(_)))
    }

    pub(super) fn flush_note(&mut self) {
        if self.note.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.note).join(" ");
        if let Some(body) = self.body() {
            body.text.push(text);
        }
    }

    fn heading(&mut self, level: Level, text: &str, line: usize) {
        self.flush_note();
        self.pending_meta = None;
        self.pop_to(level);
        if let Some(l) = self.forced_phase.take() {
            return self.open_phase(level, l, text, line);
        }
        if let Some(l) = self.forced.take() {
            self.draft.day_level.get_or_insert(level);
            return self.open_day(level, l, line, 0);
        }
        if let Some(l) = classify_heading(text) {
            match l.marker {
                _ if l.marker.is_day() && self.days_in(Form::Heading) => {
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

    fn open_section(&mut self, level: Level, text: &str, line: usize, phase: Option<usize>) {
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

    pub(super) fn open_phase(&mut self, level: Level, l: Labelled, text: &str, line: usize) {
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

    pub(super) fn open_day(&mut self, level: Level, l: Labelled, line: usize, base_depth: usize) {
        let (id, span) = match l.marker {
            Marker::Day { n, sub, last, week } => (
                DayId::Num { n, sub, last, week },
                last.saturating_sub(n).saturating_add(1),
            ),
            Marker::Weekday(k) => (DayId::Weekday(k), 1),
            Marker::Week(n) => (DayId::Week(n), 7),
            Marker::Named(s) => (DayId::Slug(s), 1),
            Marker::Date(d) => (DayId::Slug(d.key), 1),
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

    fn item(
        &mut self,
        depth: usize,
        text: &str,
        (checkbox, ticked): (bool, bool),
        line: usize,
        plain: bool,
    ) {
        self.flush_note();
        let level = Level::List(depth);
        self.pop_to(if plain { Level::TableDay } else { level });
        if let Some(l) = self.forced.take() {
            self.pop_to(level);
            self.pending_meta = None;
            return self.open_day(level, l, line, depth + 1);
        }
        if !plain
            && !is_link(text)
            && let Some(l) = classify(text).filter(|l| l.separated)
        {
            let is_day = l.marker.is_day();
            let is_week = matches!(l.marker, Marker::Week(_));
            if is_day && self.days_in(Form::List) {
                self.pending_meta = None;
                return self.open_day(level, l, line, depth + 1);
            }
            if is_week && self.weeks_as_days && !self.days_in(Form::Heading) {
                self.pending_meta = None;
                return self.open_day(level, l, line, depth + 1);
            }
            if (is_week || matches!(l.marker, Marker::Cycle(_))) && self.days_in(Form::List) {
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
        if plain && text.ends_with(':') && !checkbox {
            // A plain line like `Resources:` introduces what follows; it is not a task.
            body.text.push(text.to_string());
            return;
        }
        match labelled(text).filter(|_| in_day) {
            Some((kind, rest)) => {
                body.push_ticked(depth, rest, checkbox, ticked, kind);
                self.draft.typed = true;
            }
            None => {
                let kind = body.kind;
                body.push_ticked(depth, text.to_string(), checkbox, ticked, kind);
            }
        }
    }

    /// Opens a section for list items that stand outside any heading.
    pub(super) fn orphan(&mut self, checkbox: bool, line: usize) {
        let title = if checkbox { "Checklist" } else { "Notes" };
        self.open_section(Level::LinePhase, title, line, None);
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
