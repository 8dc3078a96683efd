//! `status`: the weekly review: progress, pace, streaks, the last days, reflections, a heat map.
//!
//! The review is decided by [`crate::decide::status`]; this module loads what it is decided
//! from and renders it as text, Markdown, HTML or JSON.

mod lines;
mod markdown;
mod output;
mod page;
mod text;

use std::io::Write;

use chrono::Duration;
use serde_json::json;

use super::Context;
use crate::cli::{ReviewFormat, StatusArgs};
use crate::curriculum::catalog::load_entry;
use crate::decide::status::{
    LoggedPlan, NotStarted, RECENT_DAYS, ReviewCounts, StatusInputs, StatusReport, StatusRequest,
    needs_whole_log,
};
use crate::error::bad_input;
use crate::progress::{Folded, Progress, reads};
use crate::render::text::Paint;
use crate::render::write_json;

/// Most weeks the heat map shows.
const MAX_WEEKS: u32 = 520;

pub(super) fn run(ctx: &Context, args: &StatusArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if args.weeks == 0 || args.weeks > MAX_WEEKS {
        return Err(bad_input(format!(
            "--weeks {} is out of range (1 to {MAX_WEEKS})",
            args.weeks
        )));
    }
    let target = args.output.as_deref().map(output::target).transpose()?;
    let request = StatusRequest {
        today: ctx.clock.today(),
        weeks: args.weeks,
        all: args.all,
        only: ctx.plan_flag.as_deref(),
    };
    let (review, progress) = build(ctx, &request)?;
    let mut written = Vec::new();
    let out: &mut dyn Write = if target.is_some() { &mut written } else { out };
    if ctx.json {
        write_json(out, &json!(review))?;
    } else {
        match args.format {
            ReviewFormat::Md => markdown::write(&review, out)?,
            ReviewFormat::Html => page::write(ctx, &review, &progress, out)?,
            // A file gets no colour, whatever the terminal does.
            ReviewFormat::Text => {
                let paint = Paint {
                    enabled: ctx.color && target.is_none(),
                };
                text::write(ctx, &review, paint, out)?
            }
        }
    }
    if let Some(path) = target {
        output::save(ctx, &path, &written, args.open)?;
    }
    Ok(())
}

/// The review, and the folded log it was decided from.
fn build(
    ctx: &Context,
    request: &StatusRequest,
) -> anyhow::Result<(StatusReport, Folded<reads::Recent>)> {
    // The recent events (from the checkpoint) serve unless the review reaches further back.
    let mut progress = ctx.progress_recent()?;
    if needs_whole_log(&progress, request) {
        progress = ctx.progress_all()?.into();
    }
    let plans = logged_plans(ctx, &progress)?;
    let off = ctx.days_off(&progress);
    let today = request.today;
    let reviews = ReviewCounts {
        done_last_7_days: ctx.reviews_between(
            &progress,
            today - Duration::days(RECENT_DAYS - 1),
            today,
        )?,
        due: ctx.due_today(&progress, progress.reviews.outlook().due_by(today))?,
    };
    let inputs = StatusInputs {
        progress: &progress,
        plans: &plans,
        not_started: if request.all && request.only.is_none() {
            not_started(ctx, &progress)
        } else {
            Vec::new()
        },
        off: &off,
        reviews,
    };
    let review = StatusReport::build(request, inputs);
    Ok((review, progress))
}

/// The plans in scope that the log names, each loaded; one that is gone is named on stderr.
fn logged_plans(ctx: &Context, progress: &Progress) -> anyhow::Result<Vec<LoggedPlan>> {
    let ids: Vec<String> = match &ctx.plan_flag {
        Some(id) => {
            ctx.catalog.load(id)?;
            vec![id.to_lowercase()]
        }
        None => progress.plans.keys().cloned().collect(),
    };
    let mut plans = Vec::new();
    for id in ids.into_iter().filter(|id| progress.plan(id).is_some()) {
        let plan = ctx.catalog.load(&id).ok();
        if plan.is_none() {
            super::warn(&format!(
                "the log names plan '{id}', which no longer exists; `pymastery doctor` explains"
            ));
        }
        plans.push(LoggedPlan { id, plan });
    }
    Ok(plans)
}

/// The plans in the home never started.
fn not_started(ctx: &Context, progress: &Progress) -> Vec<NotStarted> {
    ctx.catalog
        .entries()
        .iter()
        .filter(|entry| progress.plan(&entry.id).is_none())
        .filter_map(|entry| load_entry(entry).ok())
        .map(|plan| NotStarted {
            id: plan.id.clone(),
            title: plan.title.clone(),
            days: plan.days.len(),
        })
        .collect()
}
