//! Terminal text: colour that respects the user's choice, and plan text made safe to print.

/// Characters no text from outside the binary may bring to a terminal: C0 controls (but line
/// feed and tab), DEL, C1 controls (8-bit CSI and OSC among them), and the bidirectional
/// controls that reorder what is shown (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069), and
/// the line and paragraph separators (U+2028, U+2029), which break a line where no newline is
/// and end a string early in JavaScript that reads our JSON.
pub(crate) fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2028}' | '\u{2029}' | '\u{2066}'..='\u{2069}')
}

/// Removes control and escape characters so that no plan or note text can drive the terminal.
pub fn sanitize(text: &str) -> String {
    text.chars().filter(|c| !is_unsafe(*c)).collect()
}

/// The one door to the terminal: every byte written to stdout passes here.
///
/// Drops what [`is_unsafe`] names and every escape sequence except, when colour is on, the
/// colour ones this program writes (`ESC [ digits ; ... m`), so that text which escaped sanitising on its way
/// (a file name, a log field, a config value) still cannot clear the screen, set the
/// clipboard, or reorder a line. Sequences and UTF-8 characters split across writes are
/// joined first.
pub struct TerminalWriter<W: std::io::Write> {
    inner: W,
    /// Bytes of a UTF-8 character whose end has not been written yet.
    partial: Vec<u8>,
    /// An escape sequence being read: `ESC`, then `[` and parameters.
    escape: String,
    /// Whether colour sequences pass.
    color: bool,
    /// A carriage return waiting for its line feed: CRLF passes (the calendar feed needs it),
    /// a lone CR does not.
    carriage_return: bool,
}

/// Longest colour sequence kept; anything longer is not ours.
const MAX_SGR: usize = 24;

impl<W: std::io::Write> TerminalWriter<W> {
    /// Filters what is written to `inner`; `color` lets this program's colour sequences pass.
    pub fn new(inner: W, color: bool) -> TerminalWriter<W> {
        TerminalWriter {
            inner,
            partial: Vec::new(),
            escape: String::new(),
            color,
            carriage_return: false,
        }
    }

    fn filter(&mut self, mut text: &str, out: &mut String) {
        while !text.is_empty() {
            // Printable ASCII, line feeds and tabs outside a sequence pass as they are, a run
            // at a time: a page of HTML is mostly that.
            if self.escape.is_empty() && !self.carriage_return {
                let plain = text
                    .bytes()
                    .position(|b| !((0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t'))
                    .unwrap_or(text.len());
                out.push_str(&text[..plain]);
                text = &text[plain..];
            }
            let Some(c) = text.chars().next() else {
                break;
            };
            self.push(c, out);
            text = &text[c.len_utf8()..];
        }
    }

    fn push(&mut self, c: char, out: &mut String) {
        if std::mem::take(&mut self.carriage_return) && c == '\n' {
            out.push('\r');
        }
        if c == '\r' && self.escape.is_empty() {
            self.carriage_return = true;
            return;
        }
        if self.escape.is_empty() {
            if c == '\x1b' {
                self.escape.push(c);
            } else if !is_unsafe(c) {
                out.push(c);
            }
            return;
        }
        if self.escape.len() == 1 {
            if c == '[' {
                self.escape.push(c);
            } else {
                // A lone ESC goes; what follows is shown as text.
                self.escape.clear();
                self.push(c, out);
            }
            return;
        }
        if (c.is_ascii_digit() || c == ';') && self.escape.len() < MAX_SGR {
            self.escape.push(c);
        } else if c == 'm' {
            if self.color {
                out.push_str(&self.escape);
                out.push(c);
            }
            self.escape.clear();
        } else {
            self.escape.clear();
            // A CSI sequence's final byte ends it: the whole sequence goes.
            if !('\x40'..='\x7e').contains(&c) {
                self.push(c, out);
            }
        }
    }
}

impl<W: std::io::Write> std::io::Write for TerminalWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.partial.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.partial);
        let mut out = String::with_capacity(bytes.len());
        let mut rest = &bytes[..];
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.filter(text, &mut out);
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    self.filter(&String::from_utf8_lossy(valid), &mut out);
                    match e.error_len() {
                        Some(bad) => {
                            out.push('\u{fffd}');
                            rest = &after[bad..];
                        }
                        None => {
                            self.partial = after.to_vec();
                            break;
                        }
                    }
                }
            }
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// How a day is named in a sentence: `w3.d2 Deque - efficient queues`, or the key alone when
/// the title only repeats it (a plan whose headings are dates: `2026-11-02`).
pub(crate) fn day_name(key: &str, title: &str) -> String {
    match title_beyond_key(key, title) {
        Some(title) => format!("{key} {title}"),
        None => key.to_string(),
    }
}

/// A day's title as one line of plain text, unless it is empty or only repeats the key.
pub(crate) fn title_beyond_key(key: &str, title: &str) -> Option<String> {
    let title = one_line(&plain_inline(title));
    (!title.is_empty() && !title.eq_ignore_ascii_case(key)).then_some(title)
}

/// Sanitises one line of text: newlines and tabs become spaces too.
pub fn one_line(text: &str) -> String {
    sanitize(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Inline Markdown as plain terminal text: `**bold**` markers go, code spans stay as written.
pub(crate) fn plain_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '*' if !in_code && chars.peek() == Some(&'*') => {
                chars.next();
            }
            _ => out.push(c),
        }
    }
    sanitize(&out)
}

/// The first `max` characters of a one-line version of `text`, with `…` when cut.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    let line = one_line(text);
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// ANSI styling that is a no-op when colour is off.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paint {
    pub enabled: bool,
}

impl Paint {
    fn wrap(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub(crate) fn bold(self, text: &str) -> String {
        self.wrap("1", text)
    }

    pub(crate) fn dim(self, text: &str) -> String {
        self.wrap("2", text)
    }

    pub(crate) fn green(self, text: &str) -> String {
        self.wrap("32", text)
    }

    pub(crate) fn yellow(self, text: &str) -> String {
        self.wrap("33", text)
    }

    pub(crate) fn cyan(self, text: &str) -> String {
        self.wrap("36", text)
    }
}

/// `[#####.....]` for a fraction done.
pub(crate) fn progress_bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0).min(width);
    format!("[{}{}]", "#".repeat(filled), ".".repeat(width - filled))
}

/// `streak 3 days (longest 5)`: the current run of practice, and the longest when longer.
pub(crate) fn describe_streak(current: u32, longest: u32) -> String {
    let mut text = format!("streak {}", plural(current, "day"));
    if longest > current {
        text.push_str(&format!(" (longest {longest})"));
    }
    text
}

/// `1 day`, `3 days`.
pub(crate) fn plural(n: impl TryInto<i64>, word: &str) -> String {
    let n: i64 = n.try_into().unwrap_or(i64::MAX);
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `2 days ahead`, `on track`, `1 day behind`.
pub(crate) fn describe_pace(pace: i64) -> String {
    match pace {
        0 => "on track".to_string(),
        p if p > 0 => format!("{} ahead", plural(p, "day")),
        p => format!("{} behind", plural(-p, "day")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_reach_the_terminal() {
        assert_eq!(sanitize("a\x1b[31mb\x07c\r"), "a[31mbc");
    }

    fn through_the_terminal_writer(pieces: &[&[u8]]) -> String {
        through(pieces, true)
    }

    fn through(pieces: &[&[u8]], color: bool) -> String {
        use std::io::Write as _;
        let mut out = Vec::new();
        let mut writer = TerminalWriter::new(&mut out, color);
        for piece in pieces {
            writer.write_all(piece).unwrap();
        }
        drop(writer);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_terminal_writer_keeps_colour_and_text_and_drops_the_rest() {
        let hostile =
            "a\x1b]52;c;aGk=\x07b\x1b[2Jc\u{9b}31md\u{9d}e\u{202e}f\u{61c}g\x1b[1mbold\x1b[0m\n";
        assert_eq!(
            through_the_terminal_writer(&[hostile.as_bytes()]),
            "a]52;c;aGk=bc31mdefg\x1b[1mbold\x1b[0m\n"
        );
        // Split inside a UTF-8 character and inside a colour sequence.
        let text = "é\x1b[32mok\x1b[0m".as_bytes();
        assert_eq!(
            through_the_terminal_writer(&[&text[..1], &text[1..4], &text[4..]]),
            "é\x1b[32mok\x1b[0m"
        );
        assert_eq!(through_the_terminal_writer(&[b"x\xffy"]), "x\u{fffd}y");
        assert_eq!(through(&[b"\x1b[1mbold\x1b[0m"], false), "bold");
    }

    #[test]
    fn crlf_passes_but_a_lone_carriage_return_does_not() {
        assert_eq!(through(&[b"a\r\nb\rc\r", b"\nd\r"], false), "a\r\nbc\r\nd");
    }

    #[test]
    fn bold_markers_go_but_code_spans_stay() {
        assert_eq!(
            plain_inline("**Level 1** uses `__enter__` and `**kw`"),
            "Level 1 uses `__enter__` and `**kw`"
        );
    }

    #[test]
    fn excerpts_cut_on_characters() {
        assert_eq!(excerpt("привет мир", 7), "привет…");
        assert_eq!(excerpt("a\nb", 10), "a b");
    }
}
