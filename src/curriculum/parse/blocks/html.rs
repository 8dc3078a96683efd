//! The HTML that Markdown allows, read as blocks: `<h1>`-`<h6>` and `<summary>` as headings,
//! `<li>` as list items, `<tr>` as table rows, `<p>` as paragraph lines. Plans copied from web
//! pages or written with `<details>` sections keep their steps there; anything else in the
//! HTML (scripts, styles, attributes) is passed over.

use super::Block;
use crate::curriculum::parse::text::collapse_ws;

/// What an open element collects text for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Capture {
    Heading(u8),
    Para,
    Item,
    Cell,
}

/// Reads one HTML block starting at byte `base` of the source; `line_of` maps a source
/// offset to its line.
pub(super) fn html_blocks(
    html: &str,
    base: usize,
    line_of: &dyn Fn(usize) -> usize,
    out: &mut Vec<Block>,
) {
    let mut capture: Option<(Capture, usize, String)> = None;
    let mut depth = 0usize;
    let mut row: Vec<String> = Vec::new();
    let mut row_line = 0;
    let mut header = false;
    let mut skip = false;
    let mut rest = html;
    let mut at = 0;
    while !rest.is_empty() {
        let Some(open) = rest.find('<') else {
            push_text(&mut capture, rest, skip);
            break;
        };
        push_text(&mut capture, &rest[..open], skip);
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let tag = &after[..close];
        let offset = base + at + open;
        at += open + close + 2;
        rest = &after[close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let line = line_of(offset);
        match (name.as_str(), closing) {
            ("script" | "style", c) => skip = !c,
            ("br", _) => push_text(&mut capture, " ", skip),
            ("ul" | "ol", false) => {
                emit(&mut capture, depth, out);
                depth += 1;
            }
            ("ul" | "ol", true) => {
                emit(&mut capture, depth, out);
                depth = depth.saturating_sub(1);
            }
            ("tr", false) => {
                row.clear();
                row_line = line;
                header = false;
            }
            ("tr", true) if !row.is_empty() => {
                out.push(Block::Row {
                    cells: std::mem::take(&mut row),
                    header,
                    line: row_line,
                });
            }
            ("td" | "th", false) => {
                header |= name == "th";
                capture = Some((Capture::Cell, line, String::new()));
            }
            ("td" | "th", true) => {
                if let Some((Capture::Cell, _, text)) = capture.take() {
                    row.push(collapse_ws(&decode(&text)));
                }
            }
            (h, false) if heading_level(h).is_some() => {
                emit(&mut capture, depth, out);
                capture = heading_level(h).map(|l| (Capture::Heading(l), line, String::new()));
            }
            ("p", false) => {
                emit(&mut capture, depth, out);
                capture = Some((Capture::Para, line, String::new()));
            }
            ("li", false) => {
                emit(&mut capture, depth, out);
                capture = Some((Capture::Item, line, String::new()));
            }
            (h, true) if heading_level(h).is_some() || matches!(h, "p" | "li") => {
                emit(&mut capture, depth, out);
            }
            _ => {}
        }
    }
    emit(&mut capture, depth, out);
}

/// `h1`-`h6` by their level; a `<summary>` opens a section as the smallest heading does.
fn heading_level(name: &str) -> Option<u8> {
    match name {
        "summary" => Some(6),
        _ => name
            .strip_prefix('h')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=6).contains(n)),
    }
}

fn push_text(capture: &mut Option<(Capture, usize, String)>, text: &str, skip: bool) {
    if let Some((_, _, buf)) = capture.as_mut()
        && !skip
    {
        buf.push_str(text);
    }
}

fn emit(capture: &mut Option<(Capture, usize, String)>, depth: usize, out: &mut Vec<Block>) {
    let Some((kind, line, text)) = capture.take() else {
        return;
    };
    let text = collapse_ws(&decode(&text));
    if text.is_empty() {
        return;
    }
    out.push(match kind {
        Capture::Heading(level) => Block::Heading { level, text, line },
        Capture::Para | Capture::Cell => Block::Para {
            text,
            line,
            last: true,
            listy: false,
        },
        Capture::Item => Block::Item {
            depth: depth.saturating_sub(1),
            text,
            checkbox: false,
            ticked: false,
            line,
            plain: false,
            ordinal: None,
        },
    });
}

/// The few character references plans use.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_items_and_rows() {
        let html = "<details><summary>Week 1</summary>\n<h3>Day 1 &amp; 2</h3>\n<ul><li>one<ul><li>sub</li></ul></li></ul>\n<table><tr><th>Day</th></tr><tr><td>1</td></tr></table>";
        let mut out = Vec::new();
        html_blocks(html, 0, &|o| html[..o].matches('\n').count() + 1, &mut out);
        let texts: Vec<String> = out.iter().map(|b| format!("{b:?}")).collect();
        assert!(
            matches!(&out[0], Block::Heading { level: 6, text, .. } if text == "Week 1"),
            "{texts:?}"
        );
        assert!(
            matches!(&out[1], Block::Heading { level: 3, text, line: 2 } if text == "Day 1 & 2"),
            "{texts:?}"
        );
        assert!(
            matches!(&out[2], Block::Item { depth: 0, text, .. } if text == "one"),
            "{texts:?}"
        );
        assert!(
            matches!(&out[3], Block::Item { depth: 1, text, .. } if text == "sub"),
            "{texts:?}"
        );
        assert!(
            matches!(&out[4], Block::Row { header: true, .. }),
            "{texts:?}"
        );
        assert!(
            matches!(&out[5], Block::Row { header: false, .. }),
            "{texts:?}"
        );
    }
}
