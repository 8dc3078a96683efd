//! Day and item references as the user types them: `w3.d2`, `#5`, `today`, `next`, `d5:3`.
//!
//! Keys are matched case-insensitively. Errors are bad input naming the reference and what the
//! plan does have.

use super::model::{Curriculum, Day, Item, Section};
use crate::error::bad_input;

/// What a reference names: a day of the plan, or a plan-level section.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target<'a> {
    Day(&'a Day),
    Section(&'a Section),
}

impl<'a> Target<'a> {
    pub(crate) fn key(&self) -> &'a str {
        match self {
            Target::Day(d) => &d.key,
            Target::Section(s) => &s.key,
        }
    }

    pub(crate) fn title(&self) -> &'a str {
        match self {
            Target::Day(d) => &d.title,
            Target::Section(s) => &s.title,
        }
    }

    pub(crate) fn items(&self) -> &'a [Item] {
        match self {
            Target::Day(d) => &d.items,
            Target::Section(s) => &s.items,
        }
    }
}

/// What `today` and `next` mean for a plan at this moment.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Here<'a> {
    /// The day practised today, else the current day (`None` when the plan is finished).
    pub today: Option<&'a Day>,
    /// The day after `today` still to do.
    pub next: Option<&'a Day>,
}

/// Resolves a day reference: a key, `#N`, `Day 5`, `today` or `next`.
pub(crate) fn resolve_day<'a>(
    plan: &'a Curriculum,
    text: &str,
    here: Here<'a>,
) -> anyhow::Result<&'a Day> {
    let wanted = text.trim().to_lowercase();
    let found = match wanted.as_str() {
        "today" | "current" => here.today,
        "next" => here.next,
        _ => match wanted.strip_prefix('#') {
            Some(n) => n
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .and_then(|n| plan.days.get(n - 1)),
            None => plan.day(&wanted).or_else(|| by_label(plan, &wanted)),
        },
    };
    found.ok_or_else(|| unknown_day(plan, text))
}

/// Resolves a reference to a day or, failing that, to a plan-level section.
pub(crate) fn resolve_target<'a>(
    plan: &'a Curriculum,
    text: &str,
    here: Here<'a>,
) -> anyhow::Result<Target<'a>> {
    match resolve_day(plan, text, here) {
        Ok(day) => Ok(Target::Day(day)),
        Err(err) => match resolve_section(plan, text) {
            Some(section) => Ok(Target::Section(section)),
            None => Err(err),
        },
    }
}

/// A section whose key is `text`, or the only one whose key contains it as a word.
pub(crate) fn resolve_section<'a>(plan: &'a Curriculum, text: &str) -> Option<&'a Section> {
    let wanted = text.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    if let Some(exact) = plan.sections.iter().find(|s| s.key == wanted) {
        return Some(exact);
    }
    let mut matches = plan
        .sections
        .iter()
        .filter(|s| s.key.split('-').any(|word| word == wanted) || s.key.starts_with(&wanted));
    let first = matches.next()?;
    matches.next().is_none().then_some(first)
}

/// `day 5`, `Day 4.1`, `d05`: the forms people write besides the key.
fn by_label<'a>(plan: &'a Curriculum, wanted: &str) -> Option<&'a Day> {
    let compact: String = wanted.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(d) = plan.days.iter().find(|d| {
        let label: String = d
            .label
            .to_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        label == compact
    }) {
        return Some(d);
    }
    let number = compact
        .strip_prefix("day")
        .or_else(|| compact.strip_prefix('d'))?;
    let number = number.trim_start_matches('0');
    let key = if number.is_empty() {
        "d0".to_string()
    } else {
        format!("d{number}")
    };
    plan.day(&key)
}

/// The error for a day the plan does not have, with what it does have.
pub(crate) fn unknown_day(plan: &Curriculum, text: &str) -> anyhow::Error {
    let text = text.trim();
    if plan.days.is_empty() {
        return bad_input(format!(
            "no day '{text}' in {}: the plan has no days",
            plan.id
        ));
    }
    let n = plan.days.len();
    let weeks: Vec<u32> = plan
        .phases
        .iter()
        .filter(|p| p.kind == super::model::PhaseKind::Week)
        .filter_map(|p| p.number)
        .collect();
    let range = match (weeks.iter().min(), weeks.iter().max()) {
        (Some(lo), Some(hi)) if plan.days.iter().any(|d| d.key.starts_with('w')) => {
            format!("weeks {lo}-{hi}, keys like {}", plan.days[0].key)
        }
        _ => format!("days {} to {}", plan.days[0].key, plan.days[n - 1].key),
    };
    bad_input(format!(
        "no day '{text}' in {} ({range}, or #1-#{n})",
        plan.id
    ))
}

/// One item reference: `3`, or `d5:3` / `readiness:2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemRef {
    /// The day or section reference before the colon, if any.
    pub target: Option<String>,
    pub n: usize,
}

/// Parses `3` or `d5:3`; the number must be a positive whole number.
pub(crate) fn parse_item_ref(text: &str) -> anyhow::Result<ItemRef> {
    let (target, number) = match text.rsplit_once(':') {
        Some((target, number)) => (Some(target.trim().to_string()), number),
        None => (None, text),
    };
    let n = number
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| {
            bad_input(format!(
                "'{text}' is not an item: write its number (3) or DAY:NUMBER (d5:3)"
            ))
        })?;
    Ok(ItemRef {
        target: target.filter(|t| !t.is_empty()),
        n,
    })
}

/// Checks that item `n` exists in the target.
pub(crate) fn check_item(plan: &Curriculum, target: Target<'_>, n: usize) -> anyhow::Result<()> {
    let count = target.items().len();
    if n >= 1 && n <= count {
        return Ok(());
    }
    let have = match count {
        0 => "it has no items to check".to_string(),
        1 => "it has item 1 only".to_string(),
        _ => format!("items are 1-{count}"),
    };
    Err(bad_input(format!(
        "no item {n} in {} of {}: {have}",
        target.key(),
        plan.id
    )))
}
