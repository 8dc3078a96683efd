//! Which kind of item a heading, lead-in line or inline label announces, in several languages.

use crate::curriculum::model::ItemKind;

use super::limits::ITEM_LABEL_BYTES;
use super::text::clean_title;

/// The item kind a heading or lead-in names (`READ`, `Practice:`, `By the end, can you answer:`).
pub(super) fn kind_of_heading(text: &str) -> Option<ItemKind> {
    let lower = clean_title(text).to_lowercase();
    let lower = lower.trim_end_matches(':').trim();
    if [
        "can you answer",
        "you should be able to answer",
        "questions",
        "вопросы",
    ]
    .iter()
    .any(|p| lower.contains(p))
    {
        return Some(ItemKind::Question);
    }
    let first = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .find(|w| !w.is_empty())?;
    kind_of_word(first).or_else(|| {
        let last = lower
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
            .find(|w| !w.is_empty())?;
        kind_of_word(last)
    })
}

/// The kind a lead-in line announces: a question phrase, or a label judged by its last word
/// (`Project idea:` introduces free text, not deliverables).
pub(super) fn kind_of_lead_in(text: &str) -> Option<ItemKind> {
    let lower = text.to_lowercase();
    if [
        "can you answer",
        "be able to answer",
        "questions",
        "вопросы",
    ]
    .iter()
    .any(|p| lower.contains(p))
    {
        return Some(ItemKind::Question);
    }
    kind_of_label(text)
}

/// The kind of an inline label (`Hands-on`, `LeetCode Practice`, `Tip`): judged by its last
/// word so that `Project idea` stays free text.
pub(super) fn kind_of_label(label: &str) -> Option<ItemKind> {
    let lower = clean_title(label).to_lowercase();
    if lower.split_whitespace().count() > super::limits::KIND_LABEL_WORDS {
        return None;
    }
    let last = lower
        .rsplit(|c: char| !(c.is_alphanumeric() || c == '-'))
        .find(|w| !w.is_empty())?;
    kind_of_word(last)
}

/// Maps one label word (any case already lowered) to an item kind.
fn kind_of_word(w: &str) -> Option<ItemKind> {
    Some(match w {
        "read" | "reading" | "question" | "questions" | "lesen" | "lire" | "leer" | "читать" => {
            ItemKind::Question
        }
        "code" | "task" | "tasks" | "exercises" | "checklist" | "todo" | "to-do" | "build"
        | "aufgaben" | "aufgabe" | "tâches" | "taches" | "tareas" | "exercices" | "ejercicios"
        | "задачи" | "задания" | "checkliste" | "homework" | "assignment" | "assignments"
        | "hausaufgaben" | "devoirs" | "deberes" => ItemKind::Task,
        "practice" | "leetcode" | "drills" | "drill" | "praxis" | "übung" | "übungen"
        | "pratique" | "práctica" | "practica" | "практика" => ItemKind::Practice,
        "hands-on" | "handson" | "lab" | "labs" | "exercise" | "workshop" => ItemKind::HandsOn,
        "tip" | "tips" | "hint" | "hints" | "note" | "tipp" | "astuce" | "consejo" | "совет" => {
            ItemKind::Tip
        }
        "deliverable" | "deliverables" | "project" | "output" | "outputs" | "ergebnis"
        | "livrables" | "entregables" => ItemKind::Deliverable,
        _ => return None,
    })
}

/// `Hands-on: text`, `**Tip:** text`: an item whose label names its kind (label dropped).
pub(super) fn labelled(text: &str) -> Option<(ItemKind, String)> {
    let (label, rest) = text.split_once(':')?;
    if label.len() > ITEM_LABEL_BYTES || label.contains('`') {
        return None;
    }
    let kind = kind_of_label(label)?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("**")
        .or_else(|| rest.strip_prefix("__"))
        .unwrap_or(rest)
        .trim();
    (!rest.is_empty()).then(|| (kind, rest.to_string()))
}
