//! Plain-text plans: day and week lines become headings, underlined lines section headings,
//! other lines items with a depth from their indentation.

use super::Block;
use crate::curriculum::parse::labels::{Marker, classify};

/// True when the text has no Markdown structure but names days or weeks line by line.
///
/// Bullets alone do not make a file Markdown: people write `- item` under bare `Day 1:` lines
/// in plain text too, indented as they like, which Markdown would read as code or prose.
pub(crate) fn looks_plain(src: &str) -> bool {
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
            marked = matches!(
                l.marker,
                Marker::Day { .. } | Marker::Week(_) | Marker::Date(_)
            );
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
pub(crate) fn plain_blocks(src: &str) -> Vec<Block> {
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
        let ticked = matches!(t.get(..3), Some("[x]" | "[X]"));
        let (checkbox, text) = match t.get(..3) {
            Some("[ ]" | "[x]" | "[X]") => (true, t.get(3..).unwrap_or("").trim()),
            _ => (false, t),
        };
        out.push(Block::Item {
            depth: indent.saturating_sub(base) / 2,
            text: text.to_string(),
            checkbox,
            ticked,
            line,
            plain: true,
            ordinal: None,
        });
    }
    out
}
