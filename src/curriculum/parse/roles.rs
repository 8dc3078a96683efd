//! Roles of plan-level sections: the daily session structure, levels over ranges of phases,
//! and what continues after the last phase. Recognised here, once, by structure where it can
//! be (a `Word N (Phases a-b)` list; a phase numbered past the plan's last) and by the words
//! in `words.rs` where it cannot, so that commands only read the result.

use crate::curriculum::model::{Item, Phase, PhaseKind, PhaseLevel, SectionRole};

use super::draft::SectionDraft;
use super::text::{clean_title, trim_separators};
use super::words::{CONTINUATION_WORDS, SESSION_WORDS, Unit, label_word};

/// What the parser knows about the plan around a section.
pub(super) struct Context<'a> {
    /// Every phase the walk saw, by the index sections refer to.
    pub phases: &'a [Phase],
    /// Which of them enclose days.
    pub has_days: &'a [bool],
    /// The line of the plan's last day.
    pub last_day_line: usize,
}

/// The role of a section, if it has one.
pub(super) fn role(s: &SectionDraft, cx: &Context) -> Option<SectionRole> {
    if levels(&s.body.items).len() >= 2 {
        return Some(SectionRole::Levels);
    }
    let title = s.title.to_lowercase();
    if s.body.items.len() >= 2 && SESSION_WORDS.iter().any(|w| title.contains(w)) {
        return Some(SectionRole::Session);
    }
    let after_days = s.line > cx.last_day_line;
    if after_days
        && (beyond_last_phase(s, cx) || CONTINUATION_WORDS.iter().any(|w| title.contains(w)))
    {
        return Some(SectionRole::Continuation);
    }
    None
}

/// A phase with no days numbered past every phase of its kind that has days (`Cycle 5+` after
/// cycles 1-4).
fn beyond_last_phase(s: &SectionDraft, cx: &Context) -> bool {
    let Some(phase) = s.phase.and_then(|i| cx.phases.get(i)) else {
        return false;
    };
    let last = cx
        .phases
        .iter()
        .zip(cx.has_days)
        .filter(|(p, has)| **has && p.kind == phase.kind)
        .filter_map(|(p, _)| p.number)
        .max();
    matches!((phase.number, last), (Some(n), Some(last)) if n > last)
}

/// The levels a list states: `**Level 2** (Cycles 3-4): Combine concepts`, `Stufe 3 (Zyklen
/// 5+): ...`. Any word may name the level; the range must name a phase unit.
pub(super) fn levels(items: &[Item]) -> Vec<PhaseLevel> {
    items.iter().filter_map(|i| level(&i.text)).collect()
}

fn level(text: &str) -> Option<PhaseLevel> {
    let t = clean_title(text);
    let word_end = t.find(|c: char| !c.is_alphabetic())?;
    let after = t.get(word_end..)?.strip_prefix(' ')?;
    let n_end = after
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after.len());
    if word_end == 0 || n_end == 0 {
        return None;
    }
    let label = t.get(..word_end + 1 + n_end)?.to_string();
    let rest = after
        .get(n_end..)?
        .trim_start_matches([' ', '(', ':', '-', '–', '—']);
    let unit_end = rest.find(|c: char| !c.is_alphabetic())?;
    let (unit, _) = label_word(&rest.get(..unit_end)?.to_lowercase(), false)?;
    let kind = match unit {
        Unit::Cycle => PhaseKind::Cycle,
        Unit::Week => PhaseKind::Week,
        Unit::Part => PhaseKind::Part,
        Unit::Day => return None,
    };
    let range = rest.get(unit_end..)?.trim_start();
    let digits = |s: &str| -> Option<(u32, usize)> {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        Some((s.get(..end)?.parse().ok()?, end))
    };
    let (first, used) = digits(range)?;
    let mut tail = range.get(used..)?;
    let last = if let Some(t2) = tail.strip_prefix('+') {
        tail = t2;
        None
    } else if let Some(t2) = tail.trim_start().strip_prefix(['-', '–', '—']) {
        let t2 = t2.trim_start();
        let (l, used) = digits(t2)?;
        tail = t2.get(used..)?;
        Some(l)
    } else {
        Some(first)
    };
    let text = trim_separators(tail.trim_start_matches([')', ' '])).to_string();
    Some(PhaseLevel {
        label,
        kind,
        first,
        last,
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_over_ranges_in_any_language() {
        let l = level("**Level 2** (Cycles 3-4): Combine concepts").expect("level");
        assert_eq!(
            (l.label.as_str(), l.kind, l.first, l.last, l.text.as_str()),
            ("Level 2", PhaseKind::Cycle, 3, Some(4), "Combine concepts")
        );
        let l = level("**Stufe 3** (Zyklen 5+): Architektur").expect("level");
        assert_eq!((l.first, l.last), (5, None));
        let l = level("Уровень 1 (недели 1–4): основы").expect("level");
        assert_eq!((l.kind, l.first, l.last), (PhaseKind::Week, 1, Some(4)));
        assert!(level("Python 3 (Days 1-2): setup").is_none());
        assert!(level("Read chapter 2 carefully").is_none());
    }
}
