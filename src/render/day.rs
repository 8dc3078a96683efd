//! A day (or a checkable section) with its items grouped by kind, as text and as JSON.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::text::{Paint, one_line, plain_inline, title_beyond_key};
use crate::curriculum::{Day, Item, ItemKind};
use crate::progress::DayState;

/// A day's items as `--json` shows them, with their check state.
pub(crate) fn items_json(items: &[Item], checked: &BTreeSet<usize>) -> Value {
    Value::Array(
        items
            .iter()
            .map(|item| {
                let mut value = json!({
                    "n": item.n,
                    "kind": item.kind.as_str(),
                    "text": item.text,
                    "checked": checked.contains(&item.n),
                });
                if !item.children.is_empty() {
                    value["children"] = items_json(&item.children, &BTreeSet::new());
                }
                value
            })
            .collect(),
    )
}

/// A day as `today --json` and `show DAY --json` print it.
pub(crate) fn day_json(day: &Day, state: Option<&DayState>) -> Value {
    let checked = state.map_or_else(BTreeSet::new, |s| s.checked_in(&day.items));
    let mut value = json!({
        "key": day.key,
        "ordinal": day.ordinal,
        "label": day.label,
        "title": day.title,
        "span": day.span,
        "done": state.is_some_and(|s| s.done.is_some()),
        "skipped": state.is_some_and(|s| s.skipped.is_some() && s.done.is_none()),
        "items": items_json(&day.items, &checked),
    });
    if let Some(state) = state {
        value["done_on"] = json!(state.done);
        value["minutes"] = json!(state.minutes);
        value["notes"] = state
            .notes
            .iter()
            .map(|(date, text)| json!({ "date": date, "text": text }))
            .collect();
    }
    if !day.notes.is_empty() {
        value["text"] = json!(day.notes);
    }
    value
}

/// Items grouped under their kind's heading, numbered, with check marks.
pub(crate) fn items_text(items: &[Item], checked: &BTreeSet<usize>, paint: Paint) -> String {
    let mut out = String::new();
    let mut kinds: Vec<ItemKind> = Vec::new();
    for item in items {
        if !kinds.contains(&item.kind) {
            kinds.push(item.kind);
        }
    }
    let width = items.len().to_string().len();
    let mixed = kinds.len() > 1;
    for kind in kinds {
        if mixed {
            out.push_str(&format!("{}\n", paint.bold(kind.heading())));
        }
        for item in items.iter().filter(|i| i.kind == kind) {
            if kind == ItemKind::Tip {
                // Advice, not work: nobody ticks a tip.
                out.push_str(&format!("  {}\n", one_line(&plain_inline(&item.text))));
                continue;
            }
            let mark = if checked.contains(&item.n) {
                paint.green("[x]")
            } else {
                "[ ]".to_string()
            };
            let number = format!("{:>width$}.", item.n);
            out.push_str(&format!(
                "  {mark} {} {}\n",
                paint.dim(&number),
                one_line(&plain_inline(&item.text))
            ));
            children_text(&item.children, 2, &mut out);
        }
    }
    out
}

fn children_text(children: &[Item], depth: usize, out: &mut String) {
    for child in children {
        out.push_str(&format!(
            "{}    - {}\n",
            "  ".repeat(depth),
            one_line(&plain_inline(&child.text))
        ));
        children_text(&child.children, depth + 1, out);
    }
}

/// A day's heading line: `w3.d2  Deque - efficient queues`, with its state.
pub(crate) fn day_heading(day: &Day, state: Option<&DayState>, paint: Paint) -> String {
    // A title that only repeats the key (a plan whose headings are dates) is not said twice.
    let mut line = match title_beyond_key(&day.key, &day.title) {
        Some(title) => format!("{}  {}", paint.cyan(&day.key), paint.bold(&title)),
        None => paint.cyan(&day.key),
    };
    if day.span > 1 {
        line.push_str(&paint.dim(&format!("  ({} days)", day.span)));
    }
    match state {
        Some(s) if s.done.is_some() => line.push_str(&format!("  {}", paint.green("✓ done"))),
        Some(s) if s.skipped.is_some() => line.push_str(&format!("  {}", paint.yellow("skipped"))),
        _ => {}
    }
    line
}

/// The day's free text, items and recorded notes.
pub(crate) fn day_body(day: &Day, state: Option<&DayState>, paint: Paint) -> String {
    let mut out = String::new();
    for note in &day.notes {
        out.push_str(&format!("{}\n", one_line(&plain_inline(note))));
    }
    if !day.notes.is_empty() && !day.items.is_empty() {
        out.push('\n');
    }
    let checked = state.map_or_else(BTreeSet::new, |s| s.checked_in(&day.items));
    out.push_str(&items_text(&day.items, &checked, paint));
    if let Some(state) = state.filter(|s| !s.notes.is_empty()) {
        out.push_str(&format!("\n{}\n", paint.bold("Notes")));
        for (date, text) in &state.notes {
            out.push_str(&format!(
                "  {} {}\n",
                paint.dim(&date.to_string()),
                one_line(text)
            ));
        }
    }
    out
}
