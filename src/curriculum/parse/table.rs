//! Tables: rows that are days (`| Day 3 | Joins | ... |`, or a number under a `Day` header)
//! and rows that are items of the section or day they sit in.

use crate::curriculum::model::ItemKind;

use super::build::{Builder, Level};
use super::draft::Form;
use super::kinds::kind_of_heading;
use super::labels::{Marker, classify, row_day};
use super::text::clean_title;

impl Builder {
    pub(super) fn row(&mut self, cells: &[String], header: bool, line: usize) {
        self.flush_note();
        self.pending_meta = None;
        if header {
            self.header = cells.to_vec();
            return;
        }
        let forced = self.forced.take().map(|l| {
            let col = cells.iter().position(|c| !clean_title(c).is_empty());
            (l, col.unwrap_or(0))
        });
        let is_forced = forced.is_some();
        let found = forced.or_else(|| row_day(cells, &self.header, true));
        let names_week = found
            .as_ref()
            .is_some_and(|(l, _)| matches!(l.marker, Marker::Week(_)));
        self.draft.week_rows |= names_week;
        let is_entry = is_forced
            || if names_week {
                self.weeks_as_days
            } else {
                self.days_in(Form::Table)
            };
        if is_entry && let Some((mut l, col)) = found {
            self.pop_to(Level::TableDay);
            let header = self.header.clone();
            let rest: Vec<(usize, &String)> = cells
                .iter()
                .enumerate()
                .filter(|(i, c)| *i > col && !is_placeholder(c) && !is_state(&header, *i, c))
                .collect();
            if l.title.is_empty()
                && let Some((_, t)) = rest.first()
            {
                l.title = (*t).clone();
            }
            let skip_title = usize::from(rest.first().is_some_and(|(_, t)| **t == l.title));
            self.open_day(Level::TableDay, l, line, 0);
            if let Some(body) = self.body() {
                for (i, cell) in rest.into_iter().skip(skip_title) {
                    let kind = header
                        .get(i)
                        .and_then(|h| kind_of_heading(h))
                        .unwrap_or(ItemKind::Topic);
                    for part in cell_tasks(cell) {
                        body.push(0, part, false, kind);
                    }
                }
            }
            return;
        }
        let header = self.header.clone();
        let kept: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if is_state(&header, i, c) {
                    String::new()
                } else {
                    c.clone()
                }
            })
            .collect();
        let text = row_text(&kept, &self.header);
        if text.is_empty() {
            return;
        }
        if !self.has_body() {
            self.orphan(false, line);
        }
        if let Some(body) = self.body() {
            body.push(0, text, false, body.kind);
        }
    }
}

/// A table row as one item: `Week 1 · Core Python · CLI tool`.
fn row_text(cells: &[String], header: &[String]) -> String {
    cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !is_placeholder(c))
        .map(|(i, c)| {
            let head = header.get(i).map(|h| clean_title(h)).unwrap_or_default();
            let numeric = !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit());
            match classify(&format!("{head} {c}")) {
                Some(l) if numeric && l.title.is_empty() => l.label,
                _ => c.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Headers of columns that record progress (`Done`, `✓`), not something to do.
const STATE_HEADERS: &[&str] = &[
    "done",
    "status",
    "complete",
    "completed",
    "check",
    "checked",
    "progress",
    "erledigt",
    "fertig",
    "готово",
    "сделано",
    "выполнено",
    "статус",
    "完成",
    "状态",
    "hecho",
    "estado",
    "fait",
    "statut",
    "feito",
    "fatto",
    "klaar",
    "✓",
    "✔",
    "✅",
    "☑",
    "[x]",
    "[ ]",
];

/// A cell that records state: under a state header, or a bare checkbox or tick mark.
pub(super) fn is_state(header: &[String], col: usize, cell: &str) -> bool {
    let head = header
        .get(col)
        .map(|h| h.trim().trim_matches(['*', '_', ' ']).to_lowercase())
        .unwrap_or_default();
    let t = cell.trim();
    let mark = matches!(
        t,
        "[ ]" | "[x]" | "[X]" | "☐" | "☑" | "☒" | "✓" | "✔" | "✅" | "❌" | "⬜" | "✗" | "✘"
    );
    mark || (!head.is_empty() && STATE_HEADERS.contains(&head.as_str()) && t.chars().count() <= 12)
}

/// A cell that holds nothing to do: empty, or a placeholder (`-`, `—`, `n/a`, `TBD`).
fn is_placeholder(cell: &str) -> bool {
    let t = clean_title(cell).to_lowercase();
    let t = t.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    t.is_empty()
        || t.chars()
            .all(|c| matches!(c, '-' | '–' | '—' | '.' | '…' | '?' | '/'))
        || matches!(
            t,
            "n/a" | "na" | "tbd" | "tba" | "none" | "нет" | "keine" | "aucun"
        )
}

/// The tasks a cell holds: one per `<br>` line or `<li>` entry, list bullets dropped.
fn cell_tasks(cell: &str) -> Vec<String> {
    let mut s = cell.to_string();
    for tag in ["<br/>", "<br />", "<BR>", "<li>", "<LI>"] {
        s = s.replace(tag, "<br>");
    }
    for tag in [
        "<ul>", "</ul>", "<ol>", "</ol>", "</li>", "<UL>", "</UL>", "</LI>",
    ] {
        s = s.replace(tag, "");
    }
    s.split("<br>")
        .map(|p| {
            p.trim()
                .trim_start_matches(['-', '*', '•', '+'])
                .trim()
                .to_string()
        })
        .filter(|p| !is_placeholder(p))
        .collect()
}
