//! The review as a Markdown document.

use std::io::Write;

use super::lines::{
    days_off_lines, earlier_pass_text, heatmap, status_word, streak_text, tally_text,
};
use crate::decide::status::{PlanReview, Recent, StatusReport};
use crate::render::text::{Paint, describe_pace, excerpt, one_line, plain_inline, plural};

/// Writes the review as Markdown: a section per plan, the summary, the last days as a table,
/// the reflections and the calendar in a code block.
pub(super) fn write(review: &StatusReport, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "# Weekly review, {}\n", review.today)?;
    for plan in &review.plans {
        plan_section(plan, out)?;
    }
    if !review.earlier_passes.is_empty() {
        writeln!(out, "## Earlier passes\n")?;
        for pass in &review.earlier_passes {
            writeln!(out, "- {}", earlier_pass_text(pass))?;
        }
        writeln!(out)?;
    }
    if !review.not_started.is_empty() {
        writeln!(out, "## Not started\n")?;
        for plan in &review.not_started {
            writeln!(
                out,
                "- `{}` {} ({} days)",
                plan.id,
                one_line(&plan.title),
                plan.days
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "**Streak:** {}\n", streak_text(review))?;
    let lines: Vec<String> = days_off_lines(review)
        .into_iter()
        .chain(review.reviews.line())
        .collect();
    for line in &lines {
        writeln!(out, "- {line}")?;
    }
    if !lines.is_empty() {
        writeln!(out)?;
    }
    writeln!(out, "## Last 7 days\n")?;
    let table = recent_table(&review.recent);
    writeln!(out, "{table}\n")?;
    if !review.reflections.is_empty() {
        writeln!(out, "## Recent reflections\n")?;
        for e in &review.reflections {
            writeln!(
                out,
                "- {} `{}` {}: {}",
                e.date,
                e.plan,
                e.day,
                one_line(e.note.as_deref().unwrap_or_default())
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "## Practice, last {}\n", plural(review.weeks, "week"))?;
    writeln!(
        out,
        "```\n{}```",
        heatmap(review, review.weeks, Paint { enabled: false })
    )?;
    Ok(())
}

/// A plan's section: progress, where it stands, start and pace, forecast, tally.
fn plan_section(plan: &PlanReview, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "## {} (`{}`)\n", one_line(&plan.title), plan.id)?;
    writeln!(
        out,
        "- Progress: {}/{} days ({}%), {} skipped",
        plan.days_done, plan.days_total, plan.percent, plan.days_skipped
    )?;
    if let (Some(key), Some(position)) = (&plan.current_day, &plan.position) {
        writeln!(
            out,
            "- Now at: `{key}` {} ({})",
            one_line(plan.current_title.as_deref().unwrap_or_default()),
            one_line(position)
        )?;
    }
    writeln!(
        out,
        "- Started: {} · pace: {}",
        plan.started,
        describe_pace(plan.pace_days)
    )?;
    if let Some(finish) = plan.forecast_finish {
        writeln!(out, "- Forecast finish: {finish}")?;
    }
    let tally = tally_text(plan, ":");
    writeln!(out, "- {}{}\n", tally[..1].to_uppercase(), &tally[1..])?;
    Ok(())
}

/// The last days as a Markdown table, cells escaped.
fn recent_table(recent: &[Recent]) -> String {
    let cell = |text: String| text.replace('|', "\\|");
    let rows: Vec<Vec<String>> = recent
        .iter()
        .map(
            |Recent {
                 entry: e,
                 items_ticked,
             }| {
                vec![
                    e.date.to_string(),
                    e.plan.to_string(),
                    e.day.to_string(),
                    cell(excerpt(&plain_inline(&e.title), 36)),
                    status_word(e.event).into(),
                    items_ticked.to_string(),
                    cell(
                        e.note
                            .as_deref()
                            .map(|n| excerpt(n, 40))
                            .unwrap_or_default(),
                    ),
                ]
            },
        )
        .collect();
    crate::render::width::markdown_table(
        &["date", "plan", "day", "title", "status", "items", "note"],
        &rows,
    )
}
