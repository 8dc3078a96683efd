//! `check` / `uncheck`: ticks or unticks items of a day or a checkable section.

use std::io::Write;

use super::{Context, pass_of, record};
use crate::cli::CheckArgs;
use crate::curriculum::identity::item_ref;
use crate::curriculum::keys::{Target, check_item, parse_item_ref, resolve_target};
use crate::error::bad_input;
use crate::progress::EventKind;
use crate::render::text::{excerpt, plain_inline};
use crate::schedule;

pub fn run(ctx: &Context, args: &CheckArgs, tick: bool, out: &mut dyn Write) -> anyhow::Result<()> {
    let refs = args
        .items
        .iter()
        .map(|text| parse_item_ref(text))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let verb = if tick { "Checked" } else { "Unchecked" };

    let Some(lines) = record(ctx, out, |progress| {
        let plan_progress = progress.plan(&plan.id);
        let here = schedule::here(&plan, plan_progress, ctx.clock.today());
        // Bare numbers are those of the day `today` shows: after a session, the next day's.
        let shown = schedule::current_day(&plan, plan_progress);
        let prefix = super::plan_prefix(ctx, progress, &plan.id);
        // Items grouped by the day or section they belong to, in the order first named.
        let mut groups: Vec<(Target<'_>, Vec<usize>)> = Vec::new();
        for item in &refs {
            let target = match &item.target {
                Some(text) => resolve_target(&plan, text, here)?,
                None => Target::Day(shown.ok_or_else(|| {
                    bad_input(format!(
                        "{} is finished, so there is no current day; name the day, as in `check d5:{}`",
                        plan.id, item.n
                    ))
                })?),
            };
            check_item(&plan, target, item.n)?;
            match groups.iter_mut().find(|(t, _)| t.key() == target.key()) {
                Some((_, items)) if !items.contains(&item.n) => items.push(item.n),
                Some(_) => {}
                None => groups.push((target, vec![item.n])),
            }
        }
        let pass = pass_of(progress, &plan.id);
        let mut events = Vec::new();
        let mut lines = Vec::new();
        for (target, items) in groups {
            let day = target.key().to_string();
            let title = target.title().to_string();
            // One item on the line; several, one a line under it, so none wraps mid-list.
            let text_of = |items: &[usize]| -> String {
                let texts: Vec<String> = items
                    .iter()
                    .filter_map(|n| target.items().get(n - 1))
                    .map(|i| format!("{}. {}", i.n, excerpt(&plain_inline(&i.text), 60)))
                    .collect();
                match texts.as_slice() {
                    [one] => one.clone(),
                    _ => texts.iter().map(|t| format!("\n  {t}")).collect(),
                }
            };
            // Items already in the state asked for change nothing and are not recorded.
            let checked = progress
                .plan(&plan.id)
                .and_then(|p| p.day(&day))
                .map(|s| s.checked_in(target.items()))
                .unwrap_or_default();
            let (items, unchanged): (Vec<usize>, Vec<usize>) =
                items.into_iter().partition(|n| checked.contains(n) != tick);
            if !unchanged.is_empty() {
                let state = if tick { "ticked" } else { "not ticked" };
                lines.push(format!(
                    "Already {state} on {prefix}{day}, nothing recorded:{}{}",
                    if unchanged.len() == 1 { " " } else { "" },
                    text_of(&unchanged)
                ));
            }
            if items.is_empty() {
                continue;
            }
            let gap = if items.len() == 1 { " " } else { "" };
            lines.push(format!("{verb} {prefix}{day}:{gap}{}", text_of(&items)));
            let refs = items
                .iter()
                .filter_map(|n| item_ref(target.items(), *n))
                .collect();
            let kind = if tick {
                let texts = items
                    .iter()
                    .filter_map(|n| target.items().get(n - 1))
                    .map(|i| i.text.clone())
                    .collect();
                EventKind::Check {
                    day: day.into(),
                    title: title.into(),
                    items,
                    refs,
                    texts,
                }
            } else {
                EventKind::Uncheck {
                    day: day.into(),
                    title: title.into(),
                    items,
                    refs,
                }
            };
            events.push(ctx.event(&plan.id, pass, ctx.clock.today(), kind));
        }
        Ok((events, lines))
    })?
    else {
        return Ok(());
    };
    if !ctx.quiet {
        for line in lines {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}
