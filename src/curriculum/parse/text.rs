//! Small text helpers for titles, labels and keys.

/// Drops separators between a label and its title: spaces, dashes, colons, dots, pipes.
pub(super) fn trim_separators(s: &str) -> &str {
    s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '.' | '|' | '·' | '•' | ',' | ')')
    })
    .trim_end()
}

/// Removes emoji, pictographs and symbols (and separators) at the start of a title.
pub(super) fn strip_leading_symbols(s: &str) -> String {
    s.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | '–' | '—' | ':' | '|' | '·' | '•' | '>' | '#' | '*' | '='
            )
            || (!c.is_ascii() && !c.is_alphanumeric() && !"“‘«„¿¡([".contains(c))
    })
    .trim_end()
    .to_string()
}

/// Removes `**` (and `__` around whole words) outside inline code: titles read without them.
pub(super) fn strip_strong(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_code = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '`' {
            in_code = !in_code;
            out.push(c);
        } else if !in_code && c == '*' && chars.peek() == Some(&'*') {
            chars.next();
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// A clean display title: links reduced to their text, emphasis markers and leading symbols
/// removed, whitespace collapsed.
pub(super) fn clean_title(s: &str) -> String {
    collapse_ws(&strip_leading_symbols(&strip_strong(&strip_links(s))))
}

/// `[text](url)` and `![alt](url)` become `text` and `alt`; other brackets stay.
pub(super) fn strip_links(s: &str) -> String {
    if !s.contains("](") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let (before, from) = rest.split_at(open);
        let Some(close) = from.find("](") else { break };
        let Some(end) = from.get(close + 2..).and_then(|t| t.find(')')) else {
            break;
        };
        out.push_str(before.strip_suffix('!').unwrap_or(before));
        out.push_str(from.get(1..close).unwrap_or(""));
        rest = from.get(close + 2 + end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Collapses runs of whitespace (including newlines and tabs) into single spaces.
pub(super) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lower-case slug: letters and digits kept, everything else a single `-`.
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '.' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches(['-', '.']).to_string()
}

/// At most `max` characters of `s`, with `…` when cut.
pub(super) fn truncate_chars(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
