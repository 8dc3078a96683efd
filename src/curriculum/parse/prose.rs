//! Paragraph lines: bold or plain day lines, labelled items (`**Tip:** ...`), lead-ins that
//! name the kind of the items after them (`Practice:`), and plan facts outside any day.

use crate::curriculum::model::MetaEntry;

use super::build::{Builder, Form, Level};
use super::kinds::{kind_of_lead_in, labelled};
use super::labels::{Marker, classify_line};
use super::limits::{META_INLINE_LABEL_WORDS, META_LABEL_WORDS};
use super::text::{clean_title, strip_strong};

impl Builder {
    pub(super) fn para(&mut self, text: &str, line: usize, last: bool, listy: bool) {
        self.pop_to(Level::TableDay);
        if let Some(l) = self.forced.take() {
            self.flush_note();
            self.pending_meta = None;
            self.pop_to(Level::LineDay);
            return self.open_day(Level::LineDay, l, line, 0);
        }
        if let Some(l) = classify_line(text).filter(|l| l.separated) {
            let bold = text.starts_with("**") || text.starts_with("__");
            let level = match l.marker {
                _ if l.marker.is_day() && self.days_in(Form::Line) => Some(Level::LineDay),
                Marker::Week(_) if bold => Some(Level::LineWeek),
                Marker::Cycle(_) | Marker::Part(_) if bold => Some(Level::LinePhase),
                _ => None,
            };
            if let Some(level) = level {
                self.flush_note();
                self.pending_meta = None;
                self.pop_to(level);
                let is_day = l.marker.is_day();
                if is_day || (self.weeks_as_days && matches!(l.marker, Marker::Week(_))) {
                    self.open_day(level, l, line, 0);
                } else {
                    self.open_phase(level, l, text, line);
                }
                return;
            }
        }
        if self.body_frame().is_some() {
            if self.in_day()
                && let Some((kind, rest)) = labelled(text)
            {
                self.flush_note();
                self.draft.typed = true;
                if let Some(body) = self.body() {
                    body.push(0, rest, false, kind);
                }
                return;
            }
            if self.lead_in(text) {
                return;
            }
            if listy {
                self.flush_note();
                if let Some(body) = self.body() {
                    body.push(0, text.to_string(), false, body.kind);
                }
                return;
            }
            self.note.push(text.to_string());
            if last {
                self.flush_note();
            }
            return;
        }
        self.top_level(text);
    }

    /// A line ending in `:` that names a kind (`Practice:`, `By the end, can you answer:`).
    pub(super) fn lead_in(&mut self, text: &str) -> bool {
        let Some(head) = strip_strong(text).strip_suffix(':').map(str::to_string) else {
            return false;
        };
        let Some(kind) = kind_of_lead_in(&head) else {
            return false;
        };
        self.flush_note();
        self.draft.typed |= self.in_day();
        if let Some(body) = self.body() {
            body.kind = kind;
        }
        true
    }

    /// Text outside any day or section: plan facts (`**Goal:** ...`, `Цель:` + list).
    pub(super) fn top_level(&mut self, text: &str) {
        self.pending_meta = None;
        let plain = strip_strong(text);
        if let Some(label) = plain.strip_suffix(':')
            && label.split_whitespace().count() <= META_LABEL_WORDS
        {
            self.draft.meta.push(MetaEntry {
                label: clean_title(label),
                value: String::new(),
            });
            self.pending_meta = Some(self.draft.meta.len() - 1);
            return;
        }
        let bold = text.starts_with("**") || text.starts_with("__");
        if let Some((label, value)) = plain.split_once(':')
            && !value.trim().is_empty()
            && (bold
                || (label.split_whitespace().count() <= META_INLINE_LABEL_WORDS
                    && self.draft.days.is_empty()))
            && !label.contains('`')
            && !value.starts_with("//")
        {
            self.draft.meta.push(MetaEntry {
                label: clean_title(label),
                value: value.trim().to_string(),
            });
        }
    }
}
