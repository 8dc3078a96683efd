//! Fitting text to the terminal: display widths, cutting with `…`, wrapping with a hanging
//! indent, and tables that shrink or drop columns instead of wrapping rows.
//!
//! Widths are display widths (`unicode-width`: CJK and emoji take two columns) of the text
//! with ANSI colour sequences left out. A width of `None` means "keep lines whole", as when
//! output is piped and `COLUMNS` is not set.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The narrowest width lines are fitted to; below it, fitting does more harm than good.
pub(crate) const MIN_WIDTH: usize = 20;

/// The width to fit output to: `COLUMNS` when set to a number, else the terminal's width when
/// stdout is one, else none (lines stay whole, as git and jj do when piped).
pub(crate) fn resolve(columns: Option<&str>, terminal: Option<usize>) -> Option<usize> {
    columns
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0)
        .or(terminal)
        .map(|w| w.max(MIN_WIDTH))
}

/// The text without ANSI escape sequences (CSI `ESC [ ... letter`).
pub(crate) fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            if chars.peek() == Some(&'[') {
                chars.next();
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// The columns `text` takes on a terminal, colour sequences left out.
pub(crate) fn display_width(text: &str) -> usize {
    if text.contains('\x1b') {
        UnicodeWidthStr::width(strip_ansi(text).as_str())
    } else {
        UnicodeWidthStr::width(text)
    }
}

/// Plain `text` cut to at most `width` columns, ending in `…` when something was cut.
pub(crate) fn cut(text: &str, width: usize) -> String {
    if UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    if width > 0 {
        out.push('…');
    }
    out
}

/// The hanging indent of a line: its leading spaces, then a list marker if it has one
/// (`[ ] `, `[x] `, `12. `, `- `, `✓ `), so continuation lines sit under the text.
fn hanging_indent(plain: &str) -> usize {
    let rest = plain.trim_start_matches(' ');
    let lead = plain.len() - rest.len();
    let mut indent = lead;
    let mut rest = rest;
    for marker in ["[ ] ", "[x] ", "- ", "✓ ", "· ", "> "] {
        if let Some(after) = rest.strip_prefix(marker) {
            indent += UnicodeWidthStr::width(marker);
            rest = after;
            break;
        }
    }
    let digits = rest.trim_start_matches(' ');
    let number = digits.trim_start_matches(|c: char| c.is_ascii_digit());
    if number.len() < digits.len()
        && let Some(after) = number.strip_prefix(". ")
    {
        indent += rest.len() - after.len();
    }
    if indent == lead && lead > 0 {
        // An indented line with no marker: continue two columns further in.
        indent += 2;
    }
    indent
}

/// Wrapping at spaces, and between wide (CJK) characters, which are written without spaces;
/// never at hyphens: `rotating-48` and `2026-11-05` stay whole.
fn options(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_separator(textwrap::WordSeparator::Custom(words))
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// The words of a line for wrapping: runs of text between spaces, each wide character a word of
/// its own (a line may break before or after it), trailing spaces kept with the word.
fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        let next = chars.peek().map_or(line.len(), |(j, _)| *j);
        let next_char = chars.peek().map(|(_, c)| *c);
        let wide = |c: char| c.width().unwrap_or(0) > 1;
        // A word ends after a run of spaces, after a wide character (with its spaces), or
        // before a wide character.
        let ends = match next_char {
            None => true,
            Some(n) if c == ' ' => n != ' ',
            Some(n) if wide(c) => n != ' ',
            Some(n) => wide(n),
        };
        if ends {
            words.push(textwrap::core::Word::from(&line[start..next]));
            start = next;
        }
    }
    Box::new(words.into_iter())
}

/// Stands for a space that must not break a line while a line is wrapped (a private-use
/// character, which no text we print holds).
const KEEP: char = '\u{E000}';

/// `line` with the spaces inside what reads as one thing made unbreakable: a `code span` (a
/// command to type: broken in two, its second half looks like another) and "Day 3 of 5". Only
/// what fits in `room` columns: a span no line could hold still wraps, so that no line runs
/// past the edge.
fn protect(line: &str, room: usize) -> std::borrow::Cow<'_, str> {
    let mut ranges = Vec::new();
    // Code spans: a backtick to the next one.
    let ticks: Vec<usize> = line.match_indices('`').map(|(i, _)| i).collect();
    for pair in ticks.chunks_exact(2) {
        ranges.push((pair[0], pair[1]));
    }
    // "Day N of M", "Day 4.1 of 16".
    for (at, _) in line.match_indices("Day ") {
        let rest = &line[at + 4..];
        let number = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let Some(after) = rest[number..].strip_prefix(" of ") else {
            continue;
        };
        let total = after
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(after.len());
        if number > 0 && total > 0 {
            // The last byte, as for a code span's closing backtick.
            ranges.push((at, at + 4 + number + 4 + total - 1));
        }
    }
    ranges.retain(|(from, to)| display_width(&line[*from..=*to]) <= room);
    if ranges.is_empty() {
        return std::borrow::Cow::Borrowed(line);
    }
    let kept: String = line
        .char_indices()
        .map(|(i, c)| {
            let inside = ranges.iter().any(|(from, to)| *from < i && i < *to);
            if c == ' ' && inside { KEEP } else { c }
        })
        .collect();
    std::borrow::Cow::Owned(kept)
}

/// Wraps `body` (its first line indented by `first`, the others by `hang`), never inside what
/// [`protect`] keeps whole: that moves to the next line whole. Words longer than a line are
/// broken.
fn wrap_protected(body: &str, width: usize, first: &str, hang: &str) -> Vec<String> {
    let room = width.saturating_sub(first.len().max(hang.len()));
    let body = protect(body, room);
    let options = options(width)
        .initial_indent(first)
        .subsequent_indent(hang)
        .break_words(true);
    textwrap::wrap(&body, options)
        .into_iter()
        .map(|l| l.trim_end().replace(KEEP, " "))
        .collect()
}

/// One line fitted to `width`: wrapped at spaces, continuation lines indented under the text
/// (after the line's indent and list marker), never inside a code span or "Day N of M".
pub(crate) fn wrap_line(line: &str, width: usize) -> Vec<String> {
    if display_width(line) <= width {
        return vec![line.to_string()];
    }
    let plain = strip_ansi(line);
    let mut indent = hanging_indent(&plain);
    if indent * 2 > width {
        indent = 0;
    }
    let lead = plain.len() - plain.trim_start_matches(' ').len();
    let hang = " ".repeat(indent);
    // textwrap keeps the first line's leading spaces as part of the first word; give them
    // to it as the initial indent instead, so they never wrap alone.
    let body = line.trim_start_matches(' ');
    let first = " ".repeat(lead);
    wrap_protected(body, width, &first, &hang)
}

/// One line fitted to `width` with continuation lines indented by `hang` columns (the line's
/// own indent stays on the first line); unchanged when `width` is `None`.
pub fn wrap_hanging(line: &str, width: Option<usize>, hang: usize) -> String {
    let Some(width) = width else {
        return line.to_string();
    };
    if display_width(line) <= width {
        return line.to_string();
    }
    let lead = line.len() - line.trim_start_matches(' ').len();
    let first = " ".repeat(lead);
    let rest = " ".repeat(hang.min(width / 2));
    wrap_protected(line.trim_start_matches(' '), width, &first, &rest).join("\n")
}

/// A writer that fits every complete line to a width as it passes through: the safety net
/// under every text screen, so that no line runs past the edge of the terminal.
pub(crate) struct FitWriter<'a> {
    inner: &'a mut dyn Write,
    width: Option<usize>,
    pending: Vec<u8>,
}

impl<'a> FitWriter<'a> {
    pub(crate) fn new(inner: &'a mut dyn Write, width: Option<usize>) -> FitWriter<'a> {
        FitWriter {
            inner,
            width,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, line: &[u8]) -> io::Result<()> {
        let Some(width) = self.width else {
            return self.inner.write_all(line);
        };
        let text = String::from_utf8_lossy(line);
        let (body, newline) = match text.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (text.as_ref(), ""),
        };
        let fitted = wrap_line(body, width).join("\n");
        self.inner.write_all(fitted.as_bytes())?;
        self.inner.write_all(newline.as_bytes())
    }
}

impl Write for FitWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.width.is_none() {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            self.emit(&line)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.emit(&rest)?;
        }
        self.inner.flush()
    }
}

/// A column of a [`Table`].
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub header: &'static str,
    /// Columns with a lower priority are dropped first when even shrinking is not enough.
    pub priority: u8,
    /// The narrowest this column may be cut to (0: never cut, drop it instead).
    pub min: usize,
    /// Right-align the cells (numbers).
    pub right: bool,
}

impl Column {
    pub(crate) fn new(header: &'static str, priority: u8) -> Column {
        Column {
            header,
            priority,
            min: 0,
            right: false,
        }
    }

    /// A column whose cells may be cut with `…` down to `min` columns.
    pub(crate) fn shrink(mut self, min: usize) -> Column {
        self.min = min;
        self
    }

    pub(crate) fn right(mut self) -> Column {
        self.right = true;
        self
    }
}

/// A plain table, two spaces between columns, fitted to a width: long cells shrink with `…`,
/// then the least useful columns go. Rows never wrap.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Indent before each row.
    pub indent: usize,
    pub header: bool,
}

const GAP: usize = 2;

impl Table {
    pub(crate) fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            indent: 0,
            header: true,
        }
    }

    pub(crate) fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn natural(&self, i: usize) -> usize {
        let header = if self.header {
            UnicodeWidthStr::width(self.columns[i].header)
        } else {
            0
        };
        self.rows
            .iter()
            .map(|r| r.get(i).map_or(0, |c| UnicodeWidthStr::width(c.as_str())))
            .max()
            .unwrap_or(0)
            .max(header)
    }

    /// Column widths (`None`: dropped) that fit `width`.
    fn layout(&self, width: Option<usize>) -> Vec<Option<usize>> {
        let mut widths: Vec<Option<usize>> = (0..self.columns.len())
            .map(|i| Some(self.natural(i)))
            .collect();
        // Columns with nothing in them go.
        for (i, w) in widths.iter_mut().enumerate() {
            if self
                .rows
                .iter()
                .all(|r| r.get(i).is_none_or(String::is_empty))
            {
                *w = None;
            }
        }
        let Some(width) = width else {
            return widths;
        };
        loop {
            let shown: Vec<usize> = widths.iter().flatten().copied().collect();
            let total =
                self.indent + shown.iter().sum::<usize>() + GAP * shown.len().saturating_sub(1);
            if total <= width {
                return widths;
            }
            let mut excess = total - width;
            // Shrink the widest shrinkable columns first, down to their minimum.
            let mut order: Vec<usize> = (0..widths.len())
                .filter(|i| self.columns[*i].min > 0 && widths[*i].is_some())
                .collect();
            order.sort_by_key(|i| std::cmp::Reverse(widths[*i].unwrap_or(0)));
            while excess > 0 {
                let Some(&i) = order
                    .iter()
                    .filter(|i| widths[**i].unwrap_or(0) > self.columns[**i].min)
                    .max_by_key(|i| widths[**i].unwrap_or(0))
                else {
                    break;
                };
                if let Some(w) = widths[i].as_mut() {
                    *w -= 1;
                }
                excess -= 1;
            }
            if excess == 0 {
                return widths;
            }
            // Still too wide: drop the least useful column left, and try again from its width.
            let drop = (0..widths.len())
                .filter(|i| widths[*i].is_some())
                .min_by_key(|i| (self.columns[*i].priority, std::cmp::Reverse(*i)));
            let shown_count = widths.iter().flatten().count();
            match drop {
                Some(i) if shown_count > 1 => {
                    widths[i] = None;
                    for (j, w) in widths.iter_mut().enumerate() {
                        if w.is_some() {
                            *w = Some(self.natural(j));
                        }
                    }
                }
                _ => return widths,
            }
        }
    }

    /// The table as lines (with a trailing newline each), fitted to `width`.
    pub(crate) fn render(&self, width: Option<usize>) -> String {
        let widths = self.layout(width);
        let mut out = String::new();
        let mut line = |cells: Vec<&str>| {
            let mut text = " ".repeat(self.indent);
            let mut first = true;
            for (i, cell) in cells.iter().enumerate() {
                let Some(w) = widths.get(i).copied().flatten() else {
                    continue;
                };
                if !first {
                    text.push_str(&" ".repeat(GAP));
                }
                first = false;
                let cell = cut(cell, w);
                let pad = w.saturating_sub(UnicodeWidthStr::width(cell.as_str()));
                if self.columns[i].right {
                    text.push_str(&" ".repeat(pad));
                    text.push_str(&cell);
                } else {
                    text.push_str(&cell);
                    text.push_str(&" ".repeat(pad));
                }
            }
            out.push_str(text.trim_end());
            out.push('\n');
        };
        if self.header {
            line(self.columns.iter().map(|c| c.header).collect());
        }
        for row in &self.rows {
            line(row.iter().map(String::as_str).collect());
        }
        out
    }
}

/// A Markdown table (GitHub's pipe tables), each column padded to its widest cell so that the
/// source reads as a table too. Cells are written as given: escape `|` in them first.
pub(crate) fn markdown_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| display_width(c))
                .chain([display_width(h)])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = cells
            .zip(&widths)
            .map(|(cell, &w)| {
                format!(
                    "{cell}{}",
                    " ".repeat(w.saturating_sub(display_width(cell)))
                )
            })
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    let mut lines = vec![line(&mut header.iter().copied())];
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    lines.push(format!("|{}|", rule.join("|")));
    for row in rows {
        lines.push(line(&mut row.iter().map(String::as_str)));
    }
    lines.join("\n")
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_span_and_day_n_of_m_move_whole_to_the_next_line() {
        assert_eq!(
            wrap_line("next: run `pymastery done --note` tonight", 24),
            ["next: run", "`pymastery done --note`", "tonight"]
        );
        assert_eq!(
            wrap_line("Python Study Plan · Day 3 of 16", 24),
            ["Python Study Plan ·", "Day 3 of 16"]
        );
        // A span no line can hold wraps rather than run past the edge.
        let lines = wrap_line("run `pymastery review d1 -p interview --rate good`", 20);
        assert!(lines.iter().all(|l| display_width(l) <= 20), "{lines:?}");
    }

    #[test]
    fn widths_count_columns_not_bytes() {
        assert_eq!(display_width("日本語"), 6);
        assert_eq!(display_width("\x1b[1mab\x1b[0m"), 2);
        assert_eq!(display_width("🎉x"), 3);
    }

    #[test]
    fn cutting_ends_in_an_ellipsis_within_the_width() {
        assert_eq!(cut("hello world", 8), "hello w…");
        assert_eq!(cut("日本語テキスト", 7), "日本語…");
        assert!(display_width(&cut("日本語テキスト", 7)) <= 7);
        assert_eq!(cut("short", 8), "short");
    }

    #[test]
    fn items_wrap_under_their_text() {
        let lines = wrap_line(
            "  [ ] 12. one two three four five six seven eight nine ten",
            30,
        );
        assert_eq!(lines[0], "  [ ] 12. one two three four");
        assert!(lines[1].starts_with("          five"), "{lines:?}");
        assert!(lines.iter().all(|l| display_width(l) <= 30));
    }

    #[test]
    fn wide_text_breaks_between_characters() {
        let lines = wrap_line("  [ ] 1. 阅读 listobject.c 中的实现解释为什么追加操作", 24);
        assert!(lines.iter().all(|l| display_width(l) <= 24), "{lines:?}");
        assert_eq!(lines[0], "  [ ] 1. 阅读");
        // The CJK run after the word is not one unbreakable word: it fills the line.
        assert!(
            lines[1].starts_with("         listobject.c 中"),
            "{lines:?}"
        );
        assert_eq!(
            wrap_line("see rotating-48 now", 12),
            ["see", "rotating-48", "now"]
        );
    }

    #[test]
    fn columns_resolve_before_the_terminal() {
        assert_eq!(resolve(Some("80"), Some(120)), Some(80));
        assert_eq!(resolve(None, Some(120)), Some(120));
        assert_eq!(resolve(Some("x"), None), None);
        assert_eq!(resolve(None, None), None);
        assert_eq!(resolve(Some("5"), None), Some(MIN_WIDTH));
    }

    #[test]
    fn tables_shrink_then_drop_columns() {
        let mut table = Table::new(vec![
            Column::new("id", 9),
            Column::new("title", 8).shrink(8),
            Column::new("source", 1),
        ]);
        table.row(vec![
            "a".into(),
            "a long title of words".into(),
            "built-in".into(),
        ]);
        let wide = table.render(None);
        assert!(wide.contains("a long title of words  built-in"), "{wide}");
        let narrow = table.render(Some(24));
        assert!(narrow.lines().all(|l| display_width(l) <= 24), "{narrow}");
        assert!(narrow.contains('…'), "{narrow}");
        let tiny = table.render(Some(12));
        assert!(!tiny.contains("source"), "{tiny}");
    }
}
