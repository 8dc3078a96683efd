//! `check` / `uncheck`: ticks or unticks items of a day or a checkable section.

use std::io::Write;

use super::{Context, pass_of, record};
use crate::cli::CheckArgs;
use crate::curriculum::keys::parse_item_ref;
use crate::decide::check::{self as decide, Group};
use crate::render::text::{excerpt, plain_inline};

pub(super) fn run(
    ctx: &Context,
    args: &CheckArgs,
    tick: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let refs = args
        .items
        .iter()
        .map(|text| parse_item_ref(text))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let Some(lines) = record(ctx, out, |progress| {
        let groups = decide::decide(&plan, progress, &refs, tick, ctx.clock.today())?;
        let prefix = super::plan_prefix(ctx, progress, &plan.id);
        let pass = pass_of(progress, &plan.id);
        let events = (groups.iter())
            .filter_map(|group| group.kind(tick))
            .map(|kind| ctx.event(&plan.id, pass, ctx.clock.today(), kind))
            .collect();
        let lines: Vec<String> = groups
            .iter()
            .flat_map(|g| lines(g, tick, &prefix))
            .collect();
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

/// What `check` says of a group: the items already so, then those changed.
fn lines(group: &Group, tick: bool, prefix: &str) -> Vec<String> {
    let target = group.target;
    let day = target.key();
    // One item on the line; several, one a line under it, so none wraps mid-list.
    let list = |items: &[usize]| -> String {
        let texts: Vec<String> = (items.iter())
            .filter_map(|n| target.items().get(n - 1))
            .map(|i| format!("{}. {}", i.n, excerpt(&plain_inline(&i.text), 60)))
            .collect();
        match texts.as_slice() {
            [one] => format!(" {one}"),
            _ => texts.iter().map(|t| format!("\n  {t}")).collect(),
        }
    };
    let mut lines = Vec::new();
    if !group.unchanged.is_empty() {
        let state = if tick { "ticked" } else { "not ticked" };
        let items = list(&group.unchanged);
        lines.push(format!(
            "Already {state} on {prefix}{day}, nothing recorded:{items}"
        ));
    }
    if !group.changed.is_empty() {
        let verb = if tick { "Checked" } else { "Unchecked" };
        lines.push(format!("{verb} {prefix}{day}:{}", list(&group.changed)));
    }
    lines
}
