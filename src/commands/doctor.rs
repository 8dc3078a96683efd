//! `doctor`: checks the home and, with `--repair`, fixes what can be fixed without losing
//! anything.
//!
//! Checks: the permissions of the home and its files (0700 and 0600, since notes are private),
//! every line of the progress log, an interrupted last line, events naming plans or days that no
//! plan has, and `config.toml`. Read-only (and never creates the home) unless `--repair`, which
//! moves damaged lines to a dated file in `quarantine/` and tightens permissions.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Context;
use crate::cli::DoctorArgs;
use crate::config::Config;
use crate::progress::store::segments;
use crate::progress::store::{Problem, Scan};
use crate::sync::copies as sync_copies;

/// How much of a damaged line to show.
const EXCERPT_CHARS: usize = 60;

/// Whether a finding makes the home unhealthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Severity {
    /// Needs repair: doctor exits 1.
    Problem,
    /// Worth knowing, harmless: events for a plan that was removed are simply not shown.
    Notice,
}

/// One thing doctor found.
#[derive(Debug, Clone, Serialize)]
struct Finding {
    kind: &'static str,
    severity: Severity,
    file: String,
    line: Option<usize>,
    message: String,
    /// Whether `--repair` fixes it.
    #[serde(skip)]
    repairable: bool,
}

impl Finding {
    fn problem(kind: &'static str, file: &Path, line: Option<usize>, message: String) -> Finding {
        Finding {
            kind,
            severity: Severity::Problem,
            file: file.display().to_string(),
            line,
            message,
            repairable: matches!(
                kind,
                "bad-line"
                    | "interrupted-write"
                    | "permissions"
                    | "stale-temp"
                    | "sync-conflict-copy"
            ),
        }
    }

    fn notice(kind: &'static str, file: &Path, line: Option<usize>, message: String) -> Finding {
        Finding {
            severity: Severity::Notice,
            repairable: false,
            ..Finding::problem(kind, file, line, message)
        }
    }

    fn place(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }
}

/// What `--json` prints.
#[derive(Debug, Serialize)]
struct Report {
    healthy: bool,
    /// What is wrong now (after repairs, with `--repair`).
    findings: Vec<Finding>,
    /// What `--repair` did.
    repaired: Vec<String>,
}

pub fn run(ctx: &Context, args: &DoctorArgs, out: &mut dyn Write) -> anyhow::Result<()> {
    if let Some([old, new]) = args.remap.as_deref() {
        return remap(ctx, old, new, out);
    }
    let home = ctx.home.dir();
    if !home.exists() {
        let report = Report {
            healthy: true,
            findings: Vec::new(),
            repaired: Vec::new(),
        };
        if ctx.json {
            crate::render::write_json(out, &serde_json::to_value(&report)?)?;
        } else if !ctx.quiet {
            writeln!(
                out,
                "Nothing recorded yet: {} does not exist, so there is nothing to check.",
                home.display()
            )?;
        }
        return Ok(());
    }

    let store = ctx.store();
    let mut repaired = Vec::new();
    let mut findings = examine(ctx)?;
    if args.repair && findings.iter().any(|f| f.repairable) {
        ctx.home.check_owner()?;
        let others = other_machines_logs(ctx);
        for log in store.files().map_err(crate::progress::store::user_error)? {
            if others.iter().any(|p| p == log.path()) {
                // Its machine repairs it; a line rewritten here would never match there.
                continue;
            }
            let moved = log.repair().map_err(crate::progress::store::user_error)?;
            for bad in &moved.moved {
                repaired.push(format!(
                    "moved {}:{} to {}",
                    log.path().display(),
                    bad.line,
                    moved.quarantine.display()
                ));
            }
        }
        for finding in findings.iter().filter(|f| f.kind == "permissions") {
            let path = PathBuf::from(&finding.file);
            let mode = if path.is_dir() { 0o700 } else { 0o600 };
            set_mode(&path, mode)?;
            repaired.push(format!("set the mode of {} to {mode:04o}", path.display()));
        }
        for finding in findings.iter().filter(|f| f.kind == "stale-temp") {
            let path = PathBuf::from(&finding.file);
            fs::remove_file(&path)
                .map_err(|e| anyhow::anyhow!("cannot remove {}: {e}", path.display()))?;
            repaired.push(format!("removed {}", path.display()));
        }
        // After the modes, so that a copy goes to quarantine/ private.
        merge_copies(ctx, &mut repaired)?;
        findings = examine(ctx)?;
    }

    let healthy = !findings.iter().any(|f| f.severity == Severity::Problem);
    let report = Report {
        healthy,
        findings,
        repaired,
    };
    if ctx.json {
        crate::render::write_json(out, &serde_json::to_value(&report)?)?;
    } else {
        for action in &report.repaired {
            writeln!(out, "{}", labelled("repaired: ", action, ctx.width))?;
        }
        for finding in &report.findings {
            let label = match finding.severity {
                Severity::Problem => "problem",
                Severity::Notice => "notice",
            };
            let label = format!("{}: {label}: ", sanitize_line(&finding.place()));
            writeln!(out, "{}", labelled(&label, &finding.message, ctx.width))?;
        }
        if healthy && !ctx.quiet {
            let notices = report.findings.len();
            let mut summary = format!("The home at {} is healthy", home.display());
            if notices > 0 {
                summary.push_str(&format!(" ({notices} notice{})", plural(notices)));
            }
            writeln!(out, "{}.", sanitize_line(&summary))?;
        }
    }
    if healthy {
        return Ok(());
    }
    let problems: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Problem)
        .collect();
    let hint = if problems.iter().any(|f| f.repairable) {
        "run `pymastery doctor --repair` to move damaged lines to a file in quarantine/ and fix permissions (nothing is deleted)".to_string()
    } else if problems.iter().any(|f| f.kind == "newer-version") {
        "upgrade pymastery: a newer version wrote to this log".to_string()
    } else {
        "fix the files named above by hand".to_string()
    };
    Err(anyhow::Error::new(
        crate::error::CommandError::failure(format!(
            "the home at {} needs repair: {} problem{}",
            home.display(),
            problems.len(),
            plural(problems.len())
        ))
        .hinted(hint),
    ))
}

/// Runs every check and returns what it found, in a stable order.
fn examine(ctx: &Context) -> anyhow::Result<Vec<Finding>> {
    let mut findings = permissions(ctx.home.dir());
    findings.extend(stale_temporary_files(ctx.home.dir()));
    let store = ctx.store();
    let files = match store.files() {
        Ok(files) => files,
        Err(e) => {
            findings.push(unreadable(store.home(), &e));
            Vec::new()
        }
    };
    let mut scans = Vec::new();
    for log in files {
        match log.scan() {
            Ok(Some(scan)) => scans.push((log.path().to_path_buf(), scan)),
            Ok(None) => {}
            Err(e) => findings.push(unreadable(log.path(), &e)),
        }
    }
    // Events taken back (by `undo`, or by a re-import that carried them to a day's new key)
    // name nothing any more, whichever file the undo is in.
    let undone: HashSet<&str> = scans
        .iter()
        .flat_map(|(_, scan)| &scan.events)
        .filter_map(|(_, e)| match &e.kind {
            crate::progress::EventKind::Undo { target } => Some(target.as_str()),
            _ => None,
        })
        .collect();
    let others = other_machines_logs(ctx);
    for (path, scan) in &scans {
        if others.contains(path) {
            findings.extend(log_lines(path, scan).into_iter().map(|f| {
                Finding::notice(
                    "other-machines-line",
                    Path::new(&f.file),
                    f.line,
                    format!(
                        "{} (in another machine's log: sync never sends it on, and `pymastery doctor --repair` on that machine repairs it)",
                        f.message
                    ),
                )
            }));
        } else {
            findings.extend(log_lines(path, scan));
            findings.extend(out_of_range(path, scan));
        }
        findings.extend(unknown_names(ctx, path, scan, &undone));
    }
    findings.extend(copies(ctx));
    findings.extend(set_aside_by_sync(ctx.home.dir()));
    if let Ok(progress) = ctx.progress_all() {
        findings.extend(vanished_ticks(ctx, &progress));
        findings.extend(strayed(ctx, &progress));
    }
    let drafts = ctx.home.dir().join(super::reflection::DRAFTS_DIR);
    for (path, _) in super::reflection::drafts(&drafts) {
        findings.push(Finding::notice(
            "note-draft",
            &path,
            None,
            "a note written in the editor that was never recorded; the next `pymastery done --note` opens it again".to_string(),
        ));
    }
    let config = ctx.home.config_path();
    if config.exists()
        && let Err(e) = Config::load(&config)
    {
        findings.push(Finding::problem("config", &config, None, format!("{e:#}")));
    }
    Ok(findings)
}

/// The log files (active and sealed) of other machines in a home that knows its own device:
/// those sync brought.
/// Nothing here creates a device id (doctor only reads).
fn other_machines_logs(ctx: &Context) -> Vec<PathBuf> {
    let local = ctx.home.local_dir();
    if !local.join(crate::progress::device::DEVICE_FILE).is_file() {
        return Vec::new();
    }
    let store = ctx.store();
    let Ok(device) = store.device() else {
        return Vec::new();
    };
    let log_dir = store.log_dir();
    let device_of = |path: &Path| -> Option<String> {
        let rel = path.strip_prefix(&log_dir).ok()?.to_str()?;
        segments::device_of(rel).map(|(device, _)| device.to_string())
    };
    store
        .log_files()
        .map(|files| {
            files
                .into_iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| device_of(p).is_some_and(|d| d != device.id))
                .collect()
        })
        .unwrap_or_default()
}

/// What sync set aside in `quarantine/`: a plan whose edit here did not merge with another
/// machine's, or a remote's version of a log that lacked events this home holds.
fn set_aside_by_sync(home: &Path) -> Vec<Finding> {
    let dir = home.join(crate::home::QUARANTINE_DIR);
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().contains(".sync-"))
        })
        .collect();
    found.sort();
    found
        .iter()
        .map(|path| {
            Finding::notice(
                "set-aside-by-sync",
                path,
                None,
                "set aside by sync: a version that did not merge with another machine's (nothing of it is lost; compare it with the plan or log of that name, and remove it when done)".to_string(),
            )
        })
        .collect()
}

/// Temporary files (`.NAME.tmp-PID`) that a process killed in the middle of a replacement left
/// behind: only those whose process is gone (or, where there is no `/proc` to ask, that are an
/// hour old), so that a write in progress is never touched.
fn stale_temporary_files(home: &Path) -> Vec<Finding> {
    let dirs = [
        "",
        crate::home::LOG_DIR,
        crate::home::LOCAL_DIR,
        crate::home::CACHE_DIR,
        "cache/plans",
        crate::home::QUARANTINE_DIR,
        crate::home::PLANS_DIR,
    ];
    let proc = Path::new("/proc/self").exists();
    let mut found = Vec::new();
    for dir in dirs {
        let Ok(entries) = fs::read_dir(home.join(dir)) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let Some(pid) = name.as_deref().and_then(temp_file_pid) else {
                continue;
            };
            let dead = if proc {
                !Path::new("/proc").join(pid.to_string()).exists()
            } else {
                fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age.as_secs() > 3600)
            };
            if dead && pid != std::process::id() {
                let size = fs::metadata(&path).map_or(0, |m| m.len());
                found.push(Finding::problem(
                    "stale-temp",
                    &path,
                    None,
                    format!(
                        "a temporary file ({size} bytes) left by process {pid}, which is gone: an interrupted replacement; the file it was to replace is intact"
                    ),
                ));
            }
        }
    }
    found
}

/// The process id in a temporary file's name, `.NAME.tmp-PID`.
fn temp_file_pid(name: &str) -> Option<u32> {
    let (_, pid) = name.strip_prefix('.')?.rsplit_once(".tmp-")?;
    pid.parse().ok()
}

/// A log file that cannot be read, or is not a regular file.
fn unreadable(path: &Path, err: &crate::progress::StoreError) -> Finding {
    let path = match err {
        crate::progress::StoreError::NotRegular { path, .. }
        | crate::progress::StoreError::Io { path, .. } => path.as_path(),
        _ => path,
    };
    Finding::problem(
        "unreadable",
        path,
        None,
        format!("cannot read the progress log: {err}"),
    )
}

/// Damaged, interrupted and too-new lines of the log.
fn log_lines(path: &Path, scan: &Scan) -> Vec<Finding> {
    scan.bad
        .iter()
        .map(|bad| {
            let excerpt = excerpt(&bad.text);
            match bad.problem {
                Problem::Unparseable => Finding::problem(
                    "bad-line",
                    path,
                    Some(bad.line),
                    format!("not an event ({}): {excerpt}", bad.reason),
                ),
                Problem::Unterminated => Finding::problem(
                    "interrupted-write",
                    path,
                    Some(bad.line),
                    format!("an unfinished last line from an interrupted write: {excerpt}"),
                ),
                Problem::Newer(version) => Finding::problem(
                    "newer-version",
                    path,
                    Some(bad.line),
                    format!("written by a newer pymastery (log format v{version}); kept as it is"),
                ),
            }
        })
        .collect()
}

/// Values no real session has: more minutes than a day holds.
fn out_of_range(path: &Path, scan: &Scan) -> Vec<Finding> {
    scan.events
        .iter()
        .filter_map(|(line, event)| match &event.kind {
            crate::progress::EventKind::Done {
                minutes: Some(minutes),
                ..
            } if *minutes > crate::clock::MAX_MINUTES => Some(Finding::problem(
                "out-of-range",
                path,
                Some(*line),
                format!(
                    "minutes is {minutes}, more than a day holds (at most {}); totals stop at their limit: edit this line to the real figure",
                    crate::clock::MAX_MINUTES
                ),
            )),
            _ => None,
        })
        .collect()
}

/// Events that name a plan that does not exist, or a day its plan does not have.
fn unknown_names(ctx: &Context, path: &Path, scan: &Scan, undone: &HashSet<&str>) -> Vec<Finding> {
    // Per plan: (first line, count) of its events, and per day key the same.
    let mut plans: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut days: BTreeMap<(&str, &str), (usize, usize)> = BTreeMap::new();
    let mut titles: BTreeMap<(&str, &str), &str> = BTreeMap::new();
    // Per day key, the texts of the items ticked on it.
    let mut ticked: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
    for (line, event) in scan
        .events
        .iter()
        .filter(|(_, e)| !undone.contains(e.id.as_str()))
        .filter(|(_, e)| {
            ctx.plan_flag
                .as_ref()
                .is_none_or(|p| e.plan.eq_ignore_ascii_case(p))
        })
    {
        if let (Some(day), crate::progress::EventKind::Check { texts, .. }) =
            (event.kind.day(), &event.kind)
        {
            let list = ticked.entry((event.plan.as_str(), day)).or_default();
            for text in texts {
                if !list.contains(&text.as_str()) {
                    list.push(text);
                }
            }
        }
        let entry = plans.entry(event.plan.as_str()).or_insert((*line, 0));
        entry.1 += 1;
        if let Some(day) = event.kind.day() {
            let entry = days.entry((event.plan.as_str(), day)).or_insert((*line, 0));
            entry.1 += 1;
            if let Some(title) = event.kind.title().filter(|t| !t.is_empty()) {
                titles.insert((event.plan.as_str(), day), title);
            }
        }
    }
    let mut findings = Vec::new();
    for (plan, (line, count)) in plans {
        if !ctx.catalog.contains(plan) {
            findings.push(Finding::notice(
                "unknown-plan",
                path,
                Some(line),
                format!(
                    "{} plan '{plan}', which is not a built-in or imported plan; kept, but not shown",
                    events_name(count)
                ),
            ));
            continue;
        }
        let curriculum = match ctx.catalog.load(plan) {
            Ok(curriculum) => curriculum,
            Err(e) => {
                findings.push(Finding::problem(
                    "plan",
                    path,
                    Some(line),
                    format!("plan '{plan}' named here cannot be read: {e:#}"),
                ));
                continue;
            }
        };
        // A plan without days gives nothing to check the keys against: its file was emptied or
        // damaged, and what the log holds for it shows nowhere.
        if !curriculum.is_trackable() {
            findings.push(Finding::problem(
                "plan",
                path,
                Some(line),
                format!(
                    "{} plan '{plan}', whose file holds no day any more; put the plan's text back or import it again with --force",
                    events_name(count)
                ),
            ));
            continue;
        }
        for (&(_, day), &(line, count)) in days
            .range((plan, "")..)
            .take_while(|((p, _), _)| *p == plan)
        {
            let known = curriculum.day(day).is_some()
                || curriculum
                    .sections
                    .iter()
                    .any(|s| s.key.eq_ignore_ascii_case(day));
            if !known {
                let recorded = titles
                    .get(&(plan, day))
                    .map_or(String::new(), |t| format!(" ({})", excerpt(t)));
                // `d3~5fa0c1e2`: a day that vanished at a re-import while another took its key.
                let was = day.split_once('~').map_or(String::new(), |(key, _)| {
                    format!(" (it was '{key}' until a re-import dropped it)")
                });
                let items = ticked.get(&(plan, day)).map_or(String::new(), |texts| {
                    let named: Vec<String> = texts.iter().map(|t| excerpt(t)).collect();
                    format!("; items ticked on it: {}", named.join(", "))
                });
                findings.push(Finding::notice(
                    "unknown-day",
                    path,
                    Some(line),
                    format!(
                        "{} day '{day}'{recorded}{was}, which plan '{plan}' does not have{items}; kept, but not shown: `pymastery --plan {plan} doctor --remap {day} NEW` copies them onto a day it has",
                        events_name(count)
                    ),
                ));
            }
        }
    }
    findings
}

/// Events on a day recorded under the title another day of the plan has now: recorded against
/// an older text of the plan (on a machine that had not yet seen a re-import, or by a version
/// that kept progress on the old keys), so shown on the wrong day until remapped.
fn strayed<'a>(
    ctx: &Context,
    progress: &'a crate::progress::Folded<crate::progress::reads::All>,
) -> Vec<Finding> {
    use crate::curriculum::parse::normalise_for_identity as norm;
    let mut plans: BTreeMap<&'a str, Option<crate::curriculum::Curriculum>> = BTreeMap::new();
    // (plan, key recorded, key of the day with that title now) -> (title, events)
    let mut found: BTreeMap<(&'a str, String, String), (&'a str, usize)> = BTreeMap::new();
    for event in progress.events() {
        let (Some(key), Some(title)) = (event.kind.day(), event.kind.title()) else {
            continue;
        };
        let plan = plans
            .entry(event.plan.as_str())
            .or_insert_with(|| ctx.catalog.load(&event.plan).ok());
        let Some(day) = plan.as_ref().and_then(|p| p.day(key)) else {
            continue;
        };
        let recorded = norm(title);
        if recorded.is_empty() || recorded == norm(&day.title) {
            continue;
        }
        let elsewhere = plan
            .as_ref()
            .and_then(|p| p.days.iter().find(|d| norm(&d.title) == recorded));
        if let Some(other) = elsewhere {
            let entry = found
                .entry((event.plan.as_str(), day.key.clone(), other.key.clone()))
                .or_insert((title, 0));
            entry.1 += 1;
        }
    }
    let log_dir = ctx.home.dir().join("log");
    found
        .into_iter()
        .map(|((plan, key, other), (title, count))| {
            Finding::notice(
                "strayed-events",
                &log_dir,
                None,
                format!(
                    "{} day '{key}' of plan '{plan}' as {}, which is day '{other}' now: they were recorded against an older text of the plan and show on the wrong day; `pymastery --plan {plan} doctor --remap {key} {other}` moves them",
                    events_name(count),
                    excerpt(title)
                ),
            )
        })
        .collect()
}

/// Ticks of the current passes whose item no longer exists in the plan as it is now (its text
/// changed and items were added or removed around it): kept in the log, listed here.
fn vanished_ticks(
    ctx: &Context,
    progress: &crate::progress::Folded<crate::progress::reads::All>,
) -> Vec<Finding> {
    // The text each tick was recorded with, where the event kept it: (plan, key, ref) -> text.
    let mut texts: BTreeMap<(&str, String, &str), &str> = BTreeMap::new();
    for event in progress.events() {
        if let crate::progress::EventKind::Check {
            day,
            refs,
            texts: recorded,
            ..
        } = &event.kind
        {
            for (r, text) in refs.iter().zip(recorded) {
                texts.insert((event.plan.as_str(), day.to_lowercase(), r.as_str()), text);
            }
        }
    }
    let log_dir = ctx.home.dir().join("log");
    let mut findings = Vec::new();
    for (id, pass) in &progress.plans {
        let Ok(plan) = ctx.catalog.load(id) else {
            continue;
        };
        for (key, state) in &pass.days {
            let (title, items) = if let Some(d) = plan.day(key) {
                (d.title.as_str(), d.items.as_slice())
            } else if let Some(s) = plan.sections.iter().find(|s| s.key == *key) {
                (s.title.as_str(), s.items.as_slice())
            } else {
                continue;
            };
            let resolved = crate::curriculum::identity::resolve(items, &state.checked, &state.refs);
            for (r, n) in resolved.vanished {
                let named = match texts.get(&(id.as_str(), key.to_lowercase(), r.as_str())) {
                    Some(text) => format!("item {n}, {}", excerpt(text)),
                    None => format!("item {n} (identity {r})"),
                };
                findings.push(Finding::notice(
                    "vanished-tick",
                    &log_dir,
                    None,
                    format!(
                        "plan '{id}', day '{key}' ({}): the tick of {named} matches no item of the day now; kept, but not shown",
                        excerpt(title)
                    ),
                ));
            }
        }
    }
    findings
}

/// `doctor --remap OLD NEW`: copies the live events of a day the current plan no longer has
/// onto a day it has, as new events (the log is only ever appended to).
fn remap(ctx: &Context, old: &str, new: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    let before = ctx.progress()?;
    let plan = ctx.plan_to_write(&before)?;
    let old_key = old.trim().to_lowercase();
    if let Some(day) = plan.day(&old_key) {
        return remap_other_titles(ctx, &plan, day, new, out);
    }
    record_remap(ctx, out, |progress| {
        let here = crate::schedule::here(&plan, progress.plan(&plan.id), ctx.clock.today());
        let target = crate::curriculum::keys::resolve_target(&plan, new, here)?;
        let events: Vec<crate::progress::Event> = progress
            .events()
            .iter()
            .filter(|e| {
                e.plan == plan.id
                    && e.kind
                        .day()
                        .is_some_and(|d| d.eq_ignore_ascii_case(&old_key))
            })
            .map(|e| {
                ctx.event(
                    &plan.id,
                    e.pass,
                    e.date,
                    e.kind.for_day(target.key(), target.title()),
                )
            })
            .collect();
        if events.is_empty() {
            return Err(crate::error::bad_input(format!(
                "no recorded events of plan '{}' name a day '{old}'",
                plan.id
            )));
        }
        let line = format!(
            "Copied {} event{} of '{old_key}' onto {} ({}); the old lines stay in the log.",
            events.len(),
            plural(events.len()),
            target.key(),
            target.title()
        );
        Ok((events, line))
    })
}

/// `doctor --remap OLD NEW` where OLD names a day still: the events on it recorded under
/// another title (what an earlier re-import left on a key that another day took) are taken
/// back and recorded again on NEW; what was recorded for the day there now stays.
fn remap_other_titles(
    ctx: &Context,
    plan: &crate::curriculum::Curriculum,
    day: &crate::curriculum::Day,
    new: &str,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    record_remap(ctx, out, |progress| {
        let here = crate::schedule::here(plan, progress.plan(&plan.id), ctx.clock.today());
        let target = crate::curriculum::keys::resolve_target(plan, new, here)?;
        if target.key().eq_ignore_ascii_case(&day.key) {
            return Err(crate::error::bad_input(format!(
                "'{new}' is the day '{}' itself; name the day its events belong to",
                day.key
            )));
        }
        let moved = crate::progress::moves::Move {
            from: day.key.clone(),
            to: target.key().to_string(),
            title: target.title().to_string(),
            unless_titled: Some(day.title.clone()),
        };
        let (events, counts) = crate::progress::moves::carry(
            progress.events(),
            &plan.id,
            &[moved],
            ctx.clock.now(),
            ctx.clock.today(),
        );
        let count = counts.first().copied().unwrap_or(0);
        if count == 0 {
            return Err(crate::error::bad_input(format!(
                "plan '{}' still has a day '{}' ({}), and everything recorded on it was recorded for that day; only the events of a day the plan no longer has, or recorded under another title, are remapped",
                plan.id, day.key, day.title
            )));
        }
        let line = format!(
            "Moved {count} event{} of '{}' recorded under another title than '{}' onto {} ({}); the old lines stay in the log, taken back.",
            plural(count),
            day.key,
            day.title,
            target.key(),
            target.title()
        );
        Ok((events, line))
    })
}

/// Records what a remap decides (with every event in effect at hand) and says what it did.
fn record_remap(
    ctx: &Context,
    out: &mut dyn Write,
    decide: impl FnOnce(
        &crate::progress::Folded<crate::progress::reads::All>,
    ) -> anyhow::Result<(Vec<crate::progress::Event>, String)>,
) -> anyhow::Result<()> {
    if let Some(line) = super::record_with(ctx, out, decide)?
        && !ctx.quiet
    {
        writeln!(out, "{}", sanitize_line(&line))?;
    }
    Ok(())
}

/// Event ids in the log files, leaving out the copies folder-sync tools made.
fn known_ids(ctx: &Context) -> anyhow::Result<HashSet<String>> {
    let mut known = HashSet::new();
    for log in ctx
        .store()
        .files()
        .map_err(crate::progress::store::user_error)?
    {
        let name = log
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if sync_copies::is_conflict_copy(&name) {
            continue;
        }
        let bytes = log
            .read_bytes()
            .map_err(crate::progress::store::user_error)?
            .unwrap_or_default();
        known.extend(
            bytes
                .split(|&b| b == b'\n')
                .filter_map(sync_copies::line_id),
        );
    }
    Ok(known)
}

/// The copies folder-sync tools left beside a log file, with how many events they alone hold.
fn copies(ctx: &Context) -> Vec<Finding> {
    let found = sync_copies::find(ctx.home.dir());
    if found.is_empty() {
        return Vec::new();
    }
    let known = known_ids(ctx).unwrap_or_default();
    found
        .iter()
        .map(|copy| {
            let missing = fs::read(&copy.path)
                .map(|bytes| sync_copies::missing_lines(&bytes, &known))
                .unwrap_or_default();
            let events = missing.iter().filter(|&&b| b == b'\n').count();
            Finding::problem(
                "sync-conflict-copy",
                &copy.path,
                None,
                format!(
                    "a copy a folder-sync tool left beside a log file, with {events} event{} that no log file has; `doctor --repair` adds them to this machine's log and moves the copy to quarantine/",
                    plural(events)
                ),
            )
        })
        .collect()
}

/// Appends the events of each folder-sync copy that no log file has to this machine's log, as
/// they are (each keeps its id, clock and device), then moves the copy to `quarantine/`.
fn merge_copies(ctx: &Context, repaired: &mut Vec<String>) -> anyhow::Result<()> {
    let found = sync_copies::find(ctx.home.dir());
    if found.is_empty() {
        return Ok(());
    }
    let store = ctx.store();
    let device = super::device_id(&store)?;
    store.migrate(&device)?;
    let own = store.device_file(&device);
    for copy in found {
        let bytes = fs::read(&copy.path)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", copy.path.display()))?;
        let mut locked = own.lock().map_err(crate::progress::store::user_error)?;
        // Read under the lock, so that an event appended meanwhile is not added twice.
        let known = known_ids(ctx)?;
        let missing = sync_copies::missing_lines(&bytes, &known);
        let events = missing.iter().filter(|&&b| b == b'\n').count();
        if events > 0 {
            locked.append_lines(missing, |file, lines| {
                std::io::Write::write_all(file, lines)
            })?;
        }
        drop(locked);
        let moved = sync_copies::set_aside(ctx.home.dir(), &copy)
            .map_err(|e| anyhow::anyhow!("cannot move {} aside: {e}", copy.path.display()))?;
        repaired.push(format!(
            "added {events} event{} of {} to {}, and moved the copy to {}",
            plural(events),
            copy.path.display(),
            own.path().display(),
            moved.display()
        ));
    }
    Ok(())
}

/// The home, its files, and the imported plans must be private: notes are personal.
fn permissions(home: &Path) -> Vec<Finding> {
    let mut paths = vec![home.to_path_buf()];
    let dirs = [
        crate::home::PLANS_DIR,
        crate::home::LOG_DIR,
        crate::home::LOCAL_DIR,
        crate::home::QUARANTINE_DIR,
    ];
    for dir in std::iter::once(home.to_path_buf()).chain(dirs.map(|d| home.join(d))) {
        if let Ok(entries) = fs::read_dir(&dir) {
            let mut found: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            found.sort();
            paths.extend(found);
        }
    }
    paths
        .iter()
        .filter_map(|path| {
            let meta = fs::symlink_metadata(path).ok()?;
            let (wanted, what) = if meta.is_dir() {
                (0o700, "directory")
            } else if meta.is_file() {
                (0o600, "file")
            } else {
                return None;
            };
            let mode = mode_of(&meta)?;
            (mode & 0o077 != 0).then(|| {
                Finding::problem(
                    "permissions",
                    path,
                    None,
                    format!(
                        "{what} mode is {mode:04o}, so other users can {}; it should be {wanted:04o}",
                        if mode & 0o022 != 0 { "change it" } else { "read it" }
                    ),
                )
            })
        })
        .collect()
}

#[cfg(unix)]
fn mode_of(meta: &fs::Metadata) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(meta.permissions().mode() & 0o777)
}

#[cfg(not(unix))]
fn mode_of(_meta: &fs::Metadata) -> Option<u32> {
    None
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .map_err(|e| anyhow::anyhow!("cannot change the mode of {}: {e}", path.display()))
}

#[cfg(not(unix))]
fn set_mode(_path: &Path, _mode: u32) -> anyhow::Result<()> {
    Ok(())
}

/// The start of a damaged line, safe to print: control characters shown as `?`.
fn excerpt(text: &str) -> String {
    let mut shown: String = text
        .chars()
        .take(EXCERPT_CHARS)
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    if text.chars().count() > EXCERPT_CHARS {
        shown.push('…');
    }
    format!("`{}`", crate::render::text::sanitize(&shown))
}

/// `label` then `text` (sanitised), fitted to `width` with continuation lines under the text
/// rather than under the label.
fn labelled(label: &str, text: &str, width: Option<usize>) -> String {
    crate::render::width::wrap_hanging(
        &format!("{label}{}", sanitize_line(text)),
        width,
        crate::render::width::display_width(label),
    )
}

/// One line of output: no control characters, no line breaks.
fn sanitize_line(text: &str) -> String {
    crate::render::text::sanitize(text).replace(['\n', '\t'], " ")
}

/// `1 event names` / `3 events name`.
fn events_name(n: usize) -> String {
    if n == 1 {
        "1 event names".to_string()
    } else {
        format!("{n} events name")
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
