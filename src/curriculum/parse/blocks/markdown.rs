//! Markdown plans through pulldown-cmark: each event moves one small state machine, and the
//! text of a block is cut from the source by the spans its inline events cover (so inline
//! Markdown such as backticks and links stays as written).

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::Block;
use super::split_lists::{self, Split};
use crate::curriculum::parse::kinds::labelled;
use crate::curriculum::parse::limits::LISTY_LINE_CHARS;
use crate::curriculum::parse::text::collapse_ws;

/// Turns Markdown into blocks, skipping code blocks (so nothing in them is a day) and reading
/// HTML blocks for their headings, items and rows.
pub(crate) fn markdown_blocks(src: &str) -> Vec<Block> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let mut reader = Reader::new(src);
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        reader.event(event, range);
    }
    split_lists::join(&mut reader.out, &reader.splits);
    reader.out
}

/// Byte offset -> 1-based line number.
struct Lines(Vec<usize>);

impl Lines {
    fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    fn of(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset).max(1)
    }
}

/// Collects the source spans of inline events, one span per visual line.
#[derive(Default)]
struct Inline {
    lines: Vec<(usize, usize)>,
    cur: Option<(usize, usize)>,
}

impl Inline {
    fn touch(&mut self, start: usize, end: usize) {
        self.cur = Some(match self.cur {
            Some((s, e)) => (s.min(start), e.max(end)),
            None => (start, end),
        });
    }

    fn line_break(&mut self) {
        if let Some(span) = self.cur.take() {
            self.lines.push(span);
        }
    }

    fn take(&mut self) -> Vec<(usize, usize)> {
        self.line_break();
        std::mem::take(&mut self.lines)
    }
}

/// Where inline text currently goes.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    None,
    Heading(u8),
    Para,
    ItemText,
    Cell,
}

/// A list item whose text has not been emitted yet (its nested lists come after it).
struct OpenItem {
    depth: usize,
    ordinal: Option<u64>,
    checkbox: bool,
    ticked: bool,
    line: usize,
    /// Where its block was emitted, once it is.
    block: Option<usize>,
}

/// An open list: the next number of an ordered one, and the last item it numbered.
struct OpenList {
    next: Option<u64>,
    /// The block and number of its last numbered item so far.
    last: Option<(usize, u64)>,
    /// For a bulleted list right after an ordered one: the split it may be.
    split: Option<Split>,
}

/// An ordered list that just ended, which a bulleted list may follow at once.
struct Ended {
    item: usize,
    number: u64,
    depth: usize,
    /// How many blocks were out when it ended: any block since means something stood between.
    at: usize,
}

/// The state of one pass over a Markdown source.
struct Reader<'a> {
    src: &'a str,
    lines: Lines,
    out: Vec<Block>,
    inline: Inline,
    target: Target,
    items: Vec<OpenItem>,
    list_depth: usize,
    /// Each open list, innermost last.
    lists: Vec<OpenList>,
    /// The ordered list that ended last, while nothing has followed it yet.
    ended: Option<Ended>,
    /// Ordered lists each followed by a bulleted list, for `split_lists::join`.
    splits: Vec<Split>,
    /// Nesting of code and HTML blocks being skipped.
    skip: usize,
    row: Vec<String>,
    row_line: usize,
}

impl<'a> Reader<'a> {
    fn new(src: &'a str) -> Self {
        Reader {
            src,
            lines: Lines::new(src),
            out: Vec::new(),
            inline: Inline::default(),
            target: Target::None,
            items: Vec::new(),
            list_depth: 0,
            lists: Vec::new(),
            ended: None,
            splits: Vec::new(),
            skip: 0,
            row: Vec::new(),
            row_line: 0,
        }
    }

    /// The text of each span with its line, empty ones dropped.
    fn text_of(&self, spans: &[(usize, usize)]) -> Vec<(String, usize)> {
        spans
            .iter()
            .filter_map(|&(s, e)| {
                let t = collapse_ws(self.src.get(s..e)?);
                (!t.is_empty()).then(|| (t, self.lines.of(s)))
            })
            .collect()
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.skip > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => self.skip += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => self.skip -= 1,
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::TaskListMarker(ticked) => {
                if let Some(it) = self.items.last_mut() {
                    it.checkbox = true;
                    it.ticked = ticked;
                }
            }
            Event::SoftBreak | Event::HardBreak => self.inline.line_break(),
            Event::Rule => {
                self.emit_item();
                let line = self.lines.of(range.start);
                self.out.push(Block::Rule { line });
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {
                if self.target == Target::None
                    && self.items.last().is_some_and(|it| it.block.is_none())
                {
                    self.target = Target::ItemText;
                }
                if self.target != Target::None {
                    self.inline.touch(range.start, range.end);
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                if self.target == Target::ItemText {
                    self.emit_item();
                    self.target = Target::None;
                }
                if matches!(tag, Tag::HtmlBlock)
                    && let Some(html) = self.src.get(range.clone())
                {
                    let lines = &self.lines;
                    super::html::html_blocks(html, range.start, &|o| lines.of(o), &mut self.out);
                }
                self.skip = 1;
            }
            Tag::Heading { level, .. } => {
                self.emit_item();
                self.target = Target::Heading(level as u8);
            }
            Tag::Paragraph => {
                self.target = match self.items.last() {
                    Some(it) if it.block.is_none() => Target::ItemText,
                    Some(_) => Target::None,
                    None => Target::Para,
                };
            }
            Tag::List(start) => {
                self.emit_item();
                self.target = Target::None;
                self.start_list(start);
            }
            Tag::Item => {
                let ordinal = self.lists.last_mut().and_then(|l| {
                    let this = l.next;
                    l.next = this.map(|v| v.saturating_add(1));
                    this
                });
                self.items.push(OpenItem {
                    depth: self.list_depth.saturating_sub(1),
                    ordinal,
                    checkbox: false,
                    ticked: false,
                    line: self.lines.of(range.start),
                    block: None,
                });
                self.target = Target::ItemText;
            }
            Tag::TableHead | Tag::TableRow => {
                self.row.clear();
                self.row_line = self.lines.of(range.start);
            }
            Tag::TableCell => {
                self.inline = Inline::default();
                self.target = Target::Cell;
            }
            Tag::BlockQuote(_) | Tag::Table(_) => self.emit_item(),
            _ => {
                if self.target != Target::None {
                    self.inline.touch(range.start, range.start);
                }
            }
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(range.start),
            TagEnd::Paragraph => self.end_paragraph(),
            TagEnd::Item => {
                self.emit_item();
                if let Some(it) = self.items.pop()
                    && let (Some(block), Some(n)) = (it.block, it.ordinal)
                    && let Some(list) = self.lists.last_mut()
                {
                    list.last = Some((block, n));
                }
                self.target = Target::None;
            }
            TagEnd::List(_) => self.end_list(),
            TagEnd::TableCell => {
                let spans = self.inline.take();
                let text = self.text_of(&spans);
                let cell = text.into_iter().map(|t| t.0).collect::<Vec<_>>().join(" ");
                self.row.push(cell);
                self.target = Target::None;
            }
            TagEnd::TableHead | TagEnd::TableRow => self.out.push(Block::Row {
                cells: std::mem::take(&mut self.row),
                header: tag == TagEnd::TableHead,
                line: self.row_line,
            }),
            _ => {
                if self.target != Target::None {
                    self.inline.touch(range.end, range.end);
                }
            }
        }
    }

    /// Opens a list; a bulleted one right after an ordered one may be a split list.
    fn start_list(&mut self, start: Option<u64>) {
        let depth = self.list_depth;
        let at = self.out.len();
        let split = self
            .ended
            .take()
            .filter(|e| start.is_none() && e.at == at && e.depth == depth)
            .map(|e| Split {
                item: e.item,
                number: e.number,
                bullets: at..at,
            });
        self.list_depth += 1;
        self.lists.push(OpenList {
            next: start,
            last: None,
            split,
        });
    }

    fn end_list(&mut self) {
        self.list_depth = self.list_depth.saturating_sub(1);
        let Some(list) = self.lists.pop() else { return };
        if let Some(mut split) = list.split {
            split.bullets.end = self.out.len();
            self.splits.push(split);
        }
        self.ended = list.last.map(|(item, number)| Ended {
            item,
            number,
            depth: self.list_depth,
            at: self.out.len(),
        });
    }

    fn end_heading(&mut self, start: usize) {
        let spans = self.inline.take();
        let text = self.text_of(&spans);
        if let Target::Heading(level) = self.target {
            let line = text.first().map_or(self.lines.of(start), |t| t.1);
            let text = text.into_iter().map(|t| t.0).collect::<Vec<_>>().join(" ");
            self.out.push(Block::Heading { level, text, line });
        }
        self.target = Target::None;
    }

    /// A paragraph outside lists becomes one block per source line.
    fn end_paragraph(&mut self) {
        if self.target == Target::ItemText {
            self.emit_item();
        } else if self.target == Target::Para {
            let spans = self.inline.take();
            let text = self.text_of(&spans);
            let n = text.len();
            let listy = is_listy(&text);
            for (i, (text, line)) in text.into_iter().enumerate() {
                self.out.push(Block::Para {
                    text,
                    line,
                    last: i + 1 == n,
                    listy,
                });
            }
        }
        self.inline = Inline::default();
        self.target = Target::None;
    }

    /// Emits the open list item's own text, once, before anything nested in it.
    fn emit_item(&mut self) {
        let Some(it) = self.items.last_mut() else {
            return;
        };
        if it.block.is_some() {
            return;
        }
        it.block = Some(self.out.len());
        let (depth, ordinal, checkbox, ticked, line) =
            (it.depth, it.ordinal, it.checkbox, it.ticked, it.line);
        let spans = self.inline.take();
        let lines = self.text_of(&spans);
        // `Hands-on: ...` right under a list without a blank line is Markdown's lazy
        // continuation; the author meant a line of its own.
        let split = lines
            .iter()
            .skip(1)
            .position(|(t, _)| labelled(t).is_some())
            .map_or(lines.len(), |p| p + 1);
        let (own, rest) = lines.split_at(split);
        let text = own
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        self.out.push(Block::Item {
            depth,
            text,
            checkbox,
            ticked,
            line,
            plain: false,
            ordinal,
        });
        for (text, line) in rest {
            self.out.push(Block::Para {
                text: text.clone(),
                line: *line,
                last: true,
                listy: false,
            });
        }
    }
}

/// Several short lines, each starting like a sentence and none introducing the next: the
/// author listed things one per line without bullets. Wrapped prose fails the test because a
/// continuation line starts in lower case.
fn is_listy(lines: &[(String, usize)]) -> bool {
    lines.len() >= 2
        && lines.iter().all(|(t, _)| {
            t.chars().count() <= LISTY_LINE_CHARS
                && !t.ends_with(':')
                && !t.chars().next().is_some_and(char::is_lowercase)
        })
}
