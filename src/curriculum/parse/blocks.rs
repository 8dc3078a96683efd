//! The flat block stream both input paths produce: headings, paragraph lines, list items with
//! their depth, table rows and rules, each with its text as written and its 1-based line.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::labels::{Marker, classify};

/// One structural unit of a plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
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
        line: usize,
        plain: bool,
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

struct OpenItem {
    depth: usize,
    checkbox: bool,
    line: usize,
    emitted: bool,
}

/// Turns Markdown into blocks, skipping code blocks and HTML (so nothing in them is a day).
pub fn markdown_blocks(src: &str) -> Vec<Block> {
    let opts = Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    let lines = Lines::new(src);
    let text_of = |spans: &[(usize, usize)]| -> Vec<(String, usize)> {
        spans
            .iter()
            .filter_map(|&(s, e)| {
                let t = super::text::collapse_ws(src.get(s..e)?);
                (!t.is_empty()).then(|| (t, lines.of(s)))
            })
            .collect()
    };
    let mut out = Vec::new();
    let mut inline = Inline::default();
    let mut target = Target::None;
    let mut items: Vec<OpenItem> = Vec::new();
    let mut list_depth = 0usize;
    let mut skip = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut row_line = 0;
    let emit_item = |items: &mut Vec<OpenItem>, inline: &mut Inline, out: &mut Vec<Block>| {
        if let Some(it) = items.last_mut()
            && !it.emitted
        {
            it.emitted = true;
            let lines = text_of(&inline.take());
            // `Hands-on: ...` right under a list without a blank line is Markdown's lazy
            // continuation; the author meant a line of its own.
            let split = lines
                .iter()
                .skip(1)
                .position(|(t, _)| super::prose::labelled(t).is_some())
                .map_or(lines.len(), |p| p + 1);
            let (own, rest) = lines.split_at(split);
            let text = own
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            out.push(Block::Item {
                depth: it.depth,
                text,
                checkbox: it.checkbox,
                line: it.line,
                plain: false,
            });
            for (text, line) in rest {
                out.push(Block::Para {
                    text: text.clone(),
                    line: *line,
                    last: true,
                    listy: false,
                });
            }
        }
    };
    for (event, range) in Parser::new_ext(src, opts).into_offset_iter() {
        if skip > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) => skip += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock) => skip -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::HtmlBlock => {
                    if target == Target::ItemText {
                        emit_item(&mut items, &mut inline, &mut out);
                        target = Target::None;
                    }
                    skip = 1;
                }
                Tag::Heading { level, .. } => {
                    emit_item(&mut items, &mut inline, &mut out);
                    target = Target::Heading(level as u8);
                }
                Tag::Paragraph => {
                    target = match items.last() {
                        Some(it) if !it.emitted => Target::ItemText,
                        Some(_) => Target::None,
                        None => Target::Para,
                    };
                }
                Tag::List(_) => {
                    emit_item(&mut items, &mut inline, &mut out);
                    target = Target::None;
                    list_depth += 1;
                }
                Tag::Item => {
                    items.push(OpenItem {
                        depth: list_depth.saturating_sub(1),
                        checkbox: false,
                        line: lines.of(range.start),
                        emitted: false,
                    });
                    target = Target::ItemText;
                }
                Tag::TableHead | Tag::TableRow => {
                    row.clear();
                    row_line = lines.of(range.start);
                }
                Tag::TableCell => {
                    inline = Inline::default();
                    target = Target::Cell;
                }
                Tag::BlockQuote(_) | Tag::Table(_) => {
                    emit_item(&mut items, &mut inline, &mut out);
                }
                _ => {
                    if target != Target::None {
                        inline.touch(range.start, range.start);
                    }
                }
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) => {
                    let spans = inline.take();
                    let text = text_of(&spans);
                    if let Target::Heading(level) = target {
                        let line = text.first().map_or(lines.of(range.start), |t| t.1);
                        let text = text.into_iter().map(|t| t.0).collect::<Vec<_>>().join(" ");
                        out.push(Block::Heading { level, text, line });
                    }
                    target = Target::None;
                }
                TagEnd::Paragraph => {
                    if target == Target::ItemText {
                        emit_item(&mut items, &mut inline, &mut out);
                    } else if target == Target::Para {
                        let text = text_of(&inline.take());
                        let n = text.len();
                        let listy = is_listy(&text);
                        for (i, (text, line)) in text.into_iter().enumerate() {
                            out.push(Block::Para {
                                text,
                                line,
                                last: i + 1 == n,
                                listy,
                            });
                        }
                    }
                    inline = Inline::default();
                    target = Target::None;
                }
                TagEnd::Item => {
                    emit_item(&mut items, &mut inline, &mut out);
                    items.pop();
                    target = Target::None;
                }
                TagEnd::List(_) => list_depth = list_depth.saturating_sub(1),
                TagEnd::TableCell => {
                    let text = text_of(&inline.take());
                    row.push(text.into_iter().map(|t| t.0).collect::<Vec<_>>().join(" "));
                    target = Target::None;
                }
                TagEnd::TableHead | TagEnd::TableRow => out.push(Block::Row {
                    cells: std::mem::take(&mut row),
                    header: tag == TagEnd::TableHead,
                    line: row_line,
                }),
                _ => {
                    if target != Target::None {
                        inline.touch(range.end, range.end);
                    }
                }
            },
            Event::TaskListMarker(_) => {
                if let Some(it) = items.last_mut() {
                    it.checkbox = true;
                }
            }
            Event::SoftBreak | Event::HardBreak => inline.line_break(),
            Event::Rule => {
                emit_item(&mut items, &mut inline, &mut out);
                out.push(Block::Rule {
                    line: lines.of(range.start),
                });
            }
            Event::Html(_) | Event::InlineHtml(_) => {}
            _ => {
                if target == Target::None && items.last().is_some_and(|it| !it.emitted) {
                    target = Target::ItemText;
                }
                if target != Target::None {
                    inline.touch(range.start, range.end);
                }
            }
        }
    }
    out
}

/// Several short lines, each starting like a sentence and none introducing the next: the
/// author listed things one per line without bullets. Wrapped prose fails the test because a
/// continuation line starts in lower case.
fn is_listy(lines: &[(String, usize)]) -> bool {
    lines.len() >= 2
        && lines.iter().all(|(t, _)| {
            t.chars().count() <= super::limits::LISTY_LINE_CHARS
                && !t.ends_with(':')
                && !t.chars().next().is_some_and(char::is_lowercase)
        })
}

/// True when the text has no Markdown structure but names days or weeks line by line.
///
/// Bullets alone do not make a file Markdown: people write `- item` under bare `Day 1:` lines
/// in plain text too, indented as they like, which Markdown would read as code or prose.
pub fn looks_plain(src: &str) -> bool {
    let mut marked = false;
    for line in src.lines() {
        let t = line.trim_start();
        let md = t.starts_with('#')
            || t.starts_with('|')
            || t.starts_with('>')
            || t.starts_with("```")
            || t.starts_with("~~~")
            || t.starts_with('<')
            || t.starts_with("**");
        if md {
            return false;
        }
        if !marked
            && list_marker_len(t).is_none()
            && let Some(l) = classify(t)
        {
            marked = matches!(l.marker, Marker::Day { .. } | Marker::Week(_));
        }
    }
    marked
}

/// The length of a list marker (`- `, `* `, `+ `, `1. `, `1) `) at the start of a line.
fn list_marker_len(t: &str) -> Option<usize> {
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return Some(2);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && matches!(t.as_bytes().get(digits..digits + 2), Some(b". " | b") ")))
        .then_some(digits + 2)
}

/// A separator line of dashes, equals signs or box-drawing characters.
fn is_rule(t: &str) -> bool {
    let t = t.trim();
    t.chars().count() >= 3
        && t.chars()
            .all(|c| matches!(c, '-' | '=' | '_' | '*' | '─' | '━' | '—' | '–' | '~'))
}

/// Turns a plain-text plan into blocks: the first line is the title, day and week lines are
/// headings, underlined lines are section headings, other lines are items.
pub fn plain_blocks(src: &str) -> Vec<Block> {
    let lines: Vec<&str> = src.lines().collect();
    let mut out = Vec::new();
    let mut titled = false;
    let mut underlined_prev = false;
    let mut base_indent: Option<usize> = None;
    for (i, raw) in lines.iter().enumerate() {
        let line = i + 1;
        let t = raw.trim();
        if t.is_empty() {
            underlined_prev = false;
            continue;
        }
        if is_rule(t) {
            if !underlined_prev {
                out.push(Block::Rule { line });
            }
            underlined_prev = false;
            continue;
        }
        let underlined = lines.get(i + 1).is_some_and(|n| is_rule(n));
        underlined_prev = underlined;
        let marker = classify(t).map(|l| l.marker);
        let marker = marker.as_ref();
        let level = match marker {
            Some(m) if m.is_day() && !titled => 5,
            _ if !titled => 1,
            Some(Marker::Cycle(_)) => 3,
            Some(Marker::Week(_)) => 4,
            Some(m) if m.is_day() => 5,
            _ if underlined => 2,
            _ => 0,
        };
        titled = true;
        let indent = raw.len() - raw.trim_start().len();
        if level > 0 {
            base_indent = None;
            out.push(Block::Heading {
                level,
                text: t.to_string(),
                line,
            });
            continue;
        }
        // Depth counts from the first line under each heading, however far that is indented.
        let base = *base_indent.get_or_insert(indent);
        // Bullets that are not Markdown list markers (`•`, `▪`) are just decoration here.
        let t = t
            .trim_start_matches(['•', '◦', '▪', '▫', '‣', '∙', '·'])
            .trim_start();
        let t = list_marker_len(t)
            .and_then(|n| t.get(n..))
            .map_or(t, str::trim_start);
        let (checkbox, text) = match t.get(..3) {
            Some("[ ]" | "[x]" | "[X]") => (true, t.get(3..).unwrap_or("").trim()),
            _ => (false, t),
        };
        out.push(Block::Item {
            depth: indent.saturating_sub(base) / 2,
            text: text.to_string(),
            checkbox,
            line,
            plain: true,
        });
    }
    out
}
