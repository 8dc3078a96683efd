//! Turns the walk's draft into the final model: drops empty and navigation sections, promotes
//! a trailing `Final` entry and goal lists, falls back to checklists, and assigns stable keys.

use std::collections::HashSet;

use crate::curriculum::model::{
    Curriculum, Day, Item, ItemKind, MetaEntry, Phase, PhaseKind, Section, SectionRole, Warning,
};

use super::build::{DayDraft, DayId, Draft, SectionDraft};
use super::labels::classify_named;
use super::roles;
use super::text::slug;

/// Words that make a plan-level list the plan's goal rather than a section.
const GOAL_WORDS: &[&str] = &[
    "goal",
    "goals",
    "objective",
    "objectives",
    "aim",
    "aims",
    "ziel",
    "ziele",
    "objectif",
    "objectifs",
    "objetivo",
    "objetivos",
    "цель",
    "цели",
    "目标",
];

/// Builds the plan from the draft.
pub(super) fn assemble(
    id: &str,
    title: String,
    front_meta: Vec<MetaEntry>,
    mut draft: Draft,
    mut warnings: Vec<Warning>,
) -> Curriculum {
    let has_days = phases_with_days(&draft);
    let first_day_line = draft.days.first().map_or(usize::MAX, |d| d.line);
    let mut meta = front_meta;
    meta.append(&mut draft.meta);
    let mut sections = Vec::new();
    for s in std::mem::take(&mut draft.sections) {
        let kept_phase = s
            .phase
            .is_some_and(|p| has_days.get(p).copied().unwrap_or(true));
        let empty = s.body.items.is_empty() && s.body.text.is_empty();
        let toc = !s.body.items.is_empty()
            && s.body
                .items
                .iter()
                .all(|i| i.text.starts_with('[') && i.text.contains("](#"));
        if kept_phase || empty || toc {
            continue;
        }
        let first = s
            .title
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if s.line < first_day_line && GOAL_WORDS.contains(&first.as_str()) && !s.body.checkable() {
            let mut parts = s.body.text.clone();
            parts.extend(s.body.items.iter().map(|i| i.text.clone()));
            meta.push(MetaEntry {
                label: s.title.clone(),
                value: parts.join("; "),
            });
            continue;
        }
        sections.push(s);
    }
    promote_named(&mut draft, &mut sections);
    if draft.days.is_empty() {
        promote_checklists(&mut draft, &mut sections);
    }
    if !draft.typed {
        // A plain checklist is a to-do list; plans that name kinds keep unnamed items as topics.
        for d in &mut draft.days {
            checkboxes_are_tasks(&mut d.body.items);
        }
    }
    let last_day_line = draft.days.iter().map(|d| d.line).max().unwrap_or(0);
    let cx = roles::Context {
        phases: &draft.phases,
        has_days: &has_days,
        last_day_line,
    };
    let section_roles: Vec<Option<SectionRole>> =
        sections.iter().map(|s| roles::role(s, &cx)).collect();
    let levels = sections
        .iter()
        .zip(&section_roles)
        .find(|(_, r)| **r == Some(SectionRole::Levels))
        .map(|(s, _)| roles::levels(&s.body.items))
        .unwrap_or_default();
    let phases = keep_phases(&mut draft, &has_days);
    let days = assign_keys(draft.days, &phases, &mut warnings);
    warnings.append(&mut draft.warnings);
    Curriculum {
        id: id.to_string(),
        title,
        meta: meta.into_iter().filter(|m| !m.label.is_empty()).collect(),
        phases,
        days,
        sections: finish_sections(sections, section_roles),
        warnings,
        levels,
        found_by: None,
        readings: Vec::new(),
        chosen: 0,
    }
}

/// Which phases enclose at least one day.
fn phases_with_days(draft: &Draft) -> Vec<bool> {
    let mut has = vec![false; draft.phases.len()];
    for d in &draft.days {
        let mut next = d.phase;
        while let Some(i) = next {
            match has.get_mut(i) {
                Some(h) if !*h => *h = true,
                _ => break,
            }
            next = draft
                .phases
                .get(i)
                .and_then(|p| p.parent.filter(|&q| q < i));
        }
    }
    has
}

/// Drops phases without days (their content became sections) and renumbers the rest.
fn keep_phases(draft: &mut Draft, has_days: &[bool]) -> Vec<Phase> {
    let mut map = vec![None; draft.phases.len()];
    let mut phases = Vec::new();
    for (i, p) in std::mem::take(&mut draft.phases).into_iter().enumerate() {
        if has_days.get(i).copied().unwrap_or(false) {
            if let Some(m) = map.get_mut(i) {
                *m = Some(phases.len());
            }
            let parent = p.parent.and_then(|q| map.get(q).copied().flatten());
            phases.push(Phase { parent, ..p });
        }
    }
    for d in &mut draft.days {
        d.phase = d.phase.and_then(|q| map.get(q).copied().flatten());
    }
    phases
}

/// A checkable section right after the days, at their heading level, named like `Final` or
/// `Capstone`, is the plan's last entry.
fn promote_named(draft: &mut Draft, sections: &mut Vec<SectionDraft>) {
    let (Some(level), Some(last_line)) = (draft.day_level, draft.days.last().map(|d| d.line))
    else {
        return;
    };
    let phase = draft.days.last().and_then(|d| d.phase);
    let mut kept = Vec::new();
    let mut open = true;
    for s in std::mem::take(sections) {
        let named = (open && s.line > last_line && s.level == level && s.body.checkable())
            .then(|| classify_named(&s.title))
            .flatten();
        match named {
            Some(l) => draft.days.push(DayDraft {
                id: DayId::Slug(slug(&l.label)),
                label: l.label,
                title: l.title,
                span: 1,
                phase,
                body: s.body,
                line: s.line,
            }),
            None => {
                if s.line > last_line {
                    open = false;
                }
                kept.push(s);
            }
        }
    }
    *sections = kept;
}

/// A plan with neither days nor weeks: its checklists are what to track.
fn promote_checklists(draft: &mut Draft, sections: &mut Vec<SectionDraft>) {
    let mut kept = Vec::new();
    for s in std::mem::take(sections) {
        if s.body.checkable() {
            draft.days.push(DayDraft {
                id: DayId::Slug(slug(&s.title)),
                label: s.title.clone(),
                title: s.title,
                span: 1,
                phase: None,
                body: s.body,
                line: s.line,
            });
        } else {
            kept.push(s);
        }
    }
    *sections = kept;
}

/// Key prefixes of the numbered phases around a day, innermost first: `w3`, `c2`, `m1`.
fn prefixes(phases: &[Phase], mut next: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(i) = next {
        let Some(p) = phases.get(i) else { break };
        if let Some(n) = p.number {
            let letter = match p.kind {
                PhaseKind::Week => 'w',
                PhaseKind::Cycle => 'c',
                PhaseKind::Part => p
                    .label
                    .chars()
                    .next()
                    .filter(char::is_ascii_alphabetic)
                    .map_or('p', |c| c.to_ascii_lowercase()),
            };
            out.push(format!("{letter}{n}"));
        }
        // Parents always come before their children, so this walk ends.
        next = p.parent.filter(|&q| q < i);
    }
    out
}

/// `d4`, `d4.1`, `d28-30`.
fn day_base(n: u32, sub: Option<u32>, last: u32) -> String {
    let mut key = format!("d{n}");
    if let Some(s) = sub {
        key.push_str(&format!(".{s}"));
    }
    if last > n {
        key.push_str(&format!("-{last}"));
    }
    key
}

/// Gives every day a unique lower-case key. Numbers that restart each week (or month, or
/// cycle) get the enclosing phases as a prefix, as few levels as make the keys unique.
fn assign_keys(drafts: Vec<DayDraft>, phases: &[Phase], warnings: &mut Vec<Warning>) -> Vec<Day> {
    let context: Vec<Vec<String>> = drafts.iter().map(|d| prefixes(phases, d.phase)).collect();
    let key_at = |d: &DayDraft, ctx: &[String], depth: usize| -> String {
        let (base, min) = match &d.id {
            DayId::Num {
                n,
                sub,
                last,
                week: Some(w),
            } => {
                return format!("w{w}.{}", day_base(*n, *sub, *last));
            }
            DayId::Num { n, sub, last, .. } => (day_base(*n, *sub, *last), 0),
            DayId::Weekday(k) => ((*k).to_string(), 1),
            DayId::Week(n) => return format!("w{n}"),
            DayId::Slug(s) if s.is_empty() => return "day".to_string(),
            DayId::Slug(s) => return s.clone(),
        };
        let take = depth.max(min).min(ctx.len());
        let mut parts: Vec<&str> = ctx.iter().take(take).rev().map(String::as_str).collect();
        parts.push(&base);
        parts.join(".")
    };
    let mut depth = 0;
    while depth < 3 {
        let mut seen = HashSet::with_capacity(drafts.len());
        let clash = drafts
            .iter()
            .zip(&context)
            .any(|(d, ctx)| !seen.insert(key_at(d, ctx, depth)));
        if !clash {
            break;
        }
        depth += 1;
    }
    let depth = depth.min(2);
    let mut used: HashSet<String> = HashSet::with_capacity(drafts.len());
    let mut days = Vec::with_capacity(drafts.len());
    for (i, (d, ctx)) in drafts.into_iter().zip(&context).enumerate() {
        let key = unique(key_at(&d, ctx, depth), &mut used, d.line, "day", warnings);
        let mut items = d.body.items;
        number(&mut items);
        // A bare `### Monday` names its day by its label alone.
        let title = if d.title.trim().is_empty() {
            d.label.clone()
        } else {
            d.title
        };
        days.push(Day {
            key,
            ordinal: i + 1,
            label: d.label,
            title,
            span: d.span.max(1),
            phase: d.phase,
            notes: d.body.text,
            items,
            line: d.line,
        });
    }
    days
}

/// Makes `key` unique by appending `-2`, `-3` ..., warning when it had to.
fn unique(
    key: String,
    used: &mut HashSet<String>,
    line: usize,
    what: &str,
    warnings: &mut Vec<Warning>,
) -> String {
    let key = key.to_lowercase();
    if used.insert(key.clone()) {
        return key;
    }
    let mut k = 2;
    loop {
        let candidate = format!("{key}-{k}");
        if used.insert(candidate.clone()) {
            warnings.push(Warning {
                line,
                message: format!("duplicate {what} key `{key}` renamed to `{candidate}`"),
            });
            return candidate;
        }
        k += 1;
    }
}

fn checkboxes_are_tasks(items: &mut [Item]) {
    for it in items {
        if it.checkbox && it.kind == ItemKind::Topic {
            it.kind = ItemKind::Task;
        }
        checkboxes_are_tasks(&mut it.children);
    }
}

/// Numbers items 1..n among their siblings.
fn number(items: &mut [Item]) {
    for (i, it) in items.iter_mut().enumerate() {
        it.n = i + 1;
        number(&mut it.children);
    }
}

fn finish_sections(drafts: Vec<SectionDraft>, roles: Vec<Option<SectionRole>>) -> Vec<Section> {
    let mut used = HashSet::new();
    let mut ignored = Vec::new();
    drafts
        .into_iter()
        .zip(roles)
        .map(|(s, role)| {
            let base = slug(&s.title);
            let base = if base.is_empty() {
                "section".to_string()
            } else {
                base
            };
            let key = unique(base, &mut used, s.line, "section", &mut ignored);
            let checkable = s.body.checkable();
            let mut items = s.body.items;
            number(&mut items);
            Section {
                key,
                title: s.title,
                checkable,
                text: s.body.text,
                items,
                line: s.line,
                role,
            }
        })
        .collect()
}
