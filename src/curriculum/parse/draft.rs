//! The plan as the walk collects it, before keys are assigned.

use crate::curriculum::model::{Item, ItemKind, MetaEntry, Phase, Warning};

/// How this plan writes its days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Heading,
    Line,
    List,
    Table,
    None,
}

impl Form {
    /// The form of a structural run's blocks.
    pub fn of(siblings: super::steps::Siblings) -> Form {
        use super::steps::Siblings;
        match siblings {
            Siblings::Headings(_) => Form::Heading,
            Siblings::Lines => Form::Line,
            Siblings::ListItems(_) => Form::List,
            Siblings::Rows(_) => Form::Table,
        }
    }

    /// How `validate` names the blocks days were found in (plain-text day lines are headings
    /// to the parser but lines to the author).
    pub fn describe(self, plain: bool) -> &'static str {
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
    /// Whether a table row names a week (a weeks-only plan may be a table of weeks).
    pub week_rows: bool,
    /// Whether any day names the kinds of its items (READ/CODE, `Practice:`, `Tip:` ...).
    pub typed: bool,
}
