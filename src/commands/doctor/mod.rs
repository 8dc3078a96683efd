//! `doctor`: checks the home and, with `--repair`, fixes what can be fixed without losing
//! anything.
//!
//! Checks: the permissions of the home and its files (0700 and 0600, since notes are private),
//! every line of the progress log, an interrupted last line, events naming plans or days that no
//! plan has, and `config.toml`. Read-only (and never creates the home) unless `--repair`, which
//! moves damaged lines to a dated file in `quarantine/` and tightens permissions.
//!
//! This module reads the home and hands what it read to the checks in
//! [`crate::decide::doctor`]; `repair` changes the home, `render` says what was found.

mod files;
mod logs;
mod remap;
mod render;
mod repair;
mod sync;

use std::io::Write;

use super::Context;
use crate::cli::DoctorArgs;
use crate::decide::doctor::{self as decide, Finding, Report};

/// Checks the home and reports; with `--repair` repairs it first, with `--remap` moves the
/// events of a day instead.
pub(super) fn run(ctx: &Context, args: &DoctorArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some([old, new]) = args.remap.as_deref() {
        return remap::run(ctx, old, new, out);
    }
    let home = ctx.home.dir();
    // A home that does not exist is healthy, and is not created to be checked.
    let exists = home.exists();
    let report = if exists {
        check(ctx, args.repair)?
    } else {
        Report::new(Vec::new(), Vec::new())
    };
    if ctx.json {
        crate::render::write_json(out, &serde_json::to_value(&report)?)?;
    } else if exists {
        out.write_all(render::text(&report, home, ctx.width, ctx.quiet).as_bytes())?;
    } else if !ctx.quiet {
        writeln!(out, "{}", render::nothing_yet(home))?;
    }
    if report.healthy {
        return Ok(());
    }
    Err(render::needs_repair(&report, home))
}

/// Examines the home and, with `repair` and something to repair, repairs it and examines it
/// again: the report says what is wrong now.
fn check(ctx: &Context, repair: bool) -> anyhow::Result<Report> {
    let findings = examine(ctx);
    if !repair || !findings.iter().any(Finding::repairable) {
        return Ok(Report::new(findings, Vec::new()));
    }
    let repaired = repair::run(ctx, &findings)?;
    Ok(Report::new(examine(ctx), repaired))
}

/// Runs every check and returns what it found, in a stable order.
fn examine(ctx: &Context) -> Vec<Finding> {
    let home = ctx.home.dir();
    let mut findings = files::permissions(home);
    findings.extend(files::stale_temporary_files(home));
    let logs = logs::read(ctx);
    findings.extend(logs.unreadable);
    let undone = decide::undone(logs.scans.iter().map(|(_, scan)| scan));
    for (path, scan) in &logs.scans {
        if logs.others.contains(path) {
            let lines = decide::log_lines(path, scan);
            findings.extend(lines.into_iter().map(decide::from_other_machine));
        } else {
            findings.extend(decide::log_lines(path, scan));
            findings.extend(decide::out_of_range(path, scan));
        }
        let only = ctx.plan_flag.as_deref();
        findings.extend(decide::unknown_names(path, scan, &undone, only, |plan| {
            lookup(ctx, plan)
        }));
    }
    findings.extend(sync::copies(ctx));
    findings.extend(sync::set_aside(home));
    if let Ok(progress) = ctx.progress_all() {
        let log_dir = home.join(crate::home::LOG_DIR);
        let load = |plan: &str| ctx.catalog.load(plan).ok();
        findings.extend(decide::vanished_ticks(&progress, load, &log_dir));
        findings.extend(decide::strayed(&progress, load, &log_dir));
    }
    findings.extend(files::note_drafts(home));
    findings.extend(files::config(ctx));
    findings
}

/// What the catalog has of a plan the log names.
fn lookup(ctx: &Context, plan: &str) -> decide::Known {
    if !ctx.catalog.contains(plan) {
        return decide::Known::Missing;
    }
    match ctx.catalog.load(plan) {
        Ok(curriculum) => decide::Known::Plan(Box::new(curriculum)),
        Err(e) => decide::Known::Unreadable(format!("{e:#}")),
    }
}
