//! The flat block stream both input paths produce: headings, paragraph lines, list items with
//! their depth, table rows and rules, each with its text as written and its 1-based line.
//!
//! Two producers: [`markdown_blocks`] (through pulldown-cmark) and [`plain_blocks`] (line by
//! line, for plans with no Markdown structure); [`looks_plain`] chooses between them.
//! Ordered lists that Markdown splits where their writer did not (`1. Day` over unindented
//! bullets) are joined back by `split_lists`.

mod html;
mod markdown;
mod plain;
mod split_lists;

pub(super) use markdown::markdown_blocks;
pub(super) use plain::{looks_plain, plain_blocks};

/// One structural unit of a plan.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    /// One source line of a paragraph; `last` marks the paragraph's final line, `listy` a
    /// paragraph of short separate lines (a list written without bullets).
    Para {
        text: String,
        line: usize,
        last: bool,
        listy: bool,
    },
    /// A list item's own text (nested lists follow as deeper items); `plain` for plain-text lines.
    Item {
        depth: usize,
        text: String,
        checkbox: bool,
        /// A checkbox ticked in the source (`- [x]`).
        ticked: bool,
        line: usize,
        plain: bool,
        /// The item's number in an ordered list (`3.` -> 3); `None` in a bulleted one.
        ordinal: Option<u64>,
    },
    Row {
        cells: Vec<String>,
        header: bool,
        line: usize,
    },
    Rule {
        line: usize,
    },
}
