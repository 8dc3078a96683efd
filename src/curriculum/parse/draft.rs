//! The plan as the walk collects it, before keys are assigned.

use crate::curriculum::model::{Item, ItemKind, MetaEntry, Phase, Warning};

/// How this plan writes its days, in order of precedence: headings win over bold lines, lists
/// and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Form {
    Heading,
    Line,
    List,
    Table,
    None,
}

impl Form {
    /// How `validate` names the blocks days were found in (plain-text day lines are headings
    /// to the parser but lines to the author).
    pub(super) fn describe(self, plain: bool) -> &'static str {
        match self {
            Form::Heading if plain => "lines",
            Form::Heading => "headings",
            Form::Line => "bold or plain lines",
            Form::List => "list items",
            Form::Table => "table rows",
            Form::None => "nothing",
        }
    }
}

/// Where an open day, phase or section sits in the plan's nesting. Variants are ordered from
/// outermost to innermost: a new frame closes every open frame at its level or deeper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Level {
    /// A Markdown heading of this level (1-6), or a plain-text line read as one.
    Heading(u8),
    /// A bold line naming a cycle, month or part (`**Cycle 1: Weeks 1-12**`), or the section
    /// opened for list items outside any heading.
    LinePhase,
    /// A bold line naming a week.
    LineWeek,
    /// A bold or plain line naming a day.
    LineDay,
    /// A list item at this depth (0 = top level).
    List(usize),
    /// A table row naming a day: it holds no nested blocks, so anything closes it.
    TableDay,
}

/// How a day is identified, which decides its key.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum DayId {
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
pub(super) struct Body {
    pub items: Vec<Item>,
    pub text: Vec<String>,
    pub kind: ItemKind,
    pub default_kind: ItemKind,
    pub base_depth: usize,
}

impl Body {
    pub(super) fn new(default_kind: ItemKind, base_depth: usize) -> Self {
        Body {
            items: Vec::new(),
            text: Vec::new(),
            kind: default_kind,
            default_kind,
            base_depth,
        }
    }

    /// Adds an item at its list depth, nesting it under the last item of the level above.
    pub(super) fn push(&mut self, depth: usize, text: String, checkbox: bool, kind: ItemKind) {
        self.push_ticked(depth, text, checkbox, false, kind);
    }

    /// Adds an item whose checkbox may be ticked in the source (`- [x]`).
    pub(super) fn push_ticked(
        &mut self,
        depth: usize,
        text: String,
        checkbox: bool,
        ticked: bool,
        kind: ItemKind,
    ) {
        let item = Item {
            n: 0,
            kind,
            text,
            checkbox,
            ticked,
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

    pub(super) fn checkable(&self) -> bool {
        self.items.iter().any(|i| i.checkbox)
    }
}

#[derive(Debug, Clone)]
pub(super) struct DayDraft {
    pub id: DayId,
    pub label: String,
    pub title: String,
    pub span: u32,
    pub phase: Option<usize>,
    pub body: Body,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub(super) struct SectionDraft {
    pub title: String,
    pub level: Level,
    pub body: Body,
    pub line: usize,
    /// Set when this collects the content of a phase heading (kept only if it has no days).
    pub phase: Option<usize>,
}

#[derive(Debug, Default)]
pub(super) struct Draft {
    pub meta: Vec<MetaEntry>,
    pub phases: Vec<Phase>,
    pub days: Vec<DayDraft>,
    pub sections: Vec<SectionDraft>,
    pub warnings: Vec<Warning>,
    /// Heading level of heading days, for recognising a trailing `Final` entry.
    pub day_level: Option<Level>,
    /// Whether a table row names a week (a weeks-only plan may be a table of weeks).
    pub week_rows: bool,
    /// Whether any day names the kinds of its items (READ/CODE, `Practice:`, `Tip:` ...).
    pub typed: bool,
}
