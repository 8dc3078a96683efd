//! Putting a plan's text into the home, for `import` (from a file or a git repository) and
//! `plans update`: one path, so that a replaced plan always keeps its progress the same way.
//!
//! When the id was imported before, the old text's days are matched to the new one's
//! (`curriculum::changes`), what was recorded on a day whose key changed is carried to its new
//! key (`progress::moves`), and what moved, is new or vanished is reported.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::Context;
use crate::curriculum::Curriculum;
use crate::curriculum::changes::{Changes, vanished_key};
use crate::curriculum::parse::parse_file_text_with;
use crate::curriculum::settings::PlanSettings;
use crate::error::bad_input;
use crate::progress::moves::{Move, carry};
use crate::progress::{Event, Folded, reads};
use crate::render::text::plural;
use crate::upstream::Upstream;

/// Moved days with nothing recorded on them listed one by one, at most; more are counted.
const QUIET_MOVES_LISTED: usize = 8;

/// What the parser looks for, said when a file has none of it.
const LOOKED_FOR: &str = "looked for runs of steps (headings of one level, items of one list, table rows or columns, or lines whose labels advance: `Day 1`, `Lesson 2`, `第3课`, `IV`, dates, weekdays), weeks and checklist sections, and found none";

/// Parses `bytes` (the text of `name`) as the plan `id` and puts it in place, replacing an
/// earlier import of that id only with `force`, with what was recorded carried to the days'
/// new keys: the one path of `import` (from a file or a repository) and `plans update`.
///
/// The plan is read the way `reading` (the N-th reading, `import --reading N`) says, else the
/// way chosen for it at an earlier import (kept beside it by rule), else the best way.
pub(super) fn put(
    ctx: &Context,
    id: &str,
    name: &Path,
    bytes: &[u8],
    force: bool,
    upstream: Option<&Upstream>,
    reading: Option<u16>,
) -> anyhow::Result<(Curriculum, Installed)> {
    let utf8 = crate::curriculum::normalize::utf16_as_utf8(bytes);
    let bytes = utf8.as_deref().unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(bad_input(format!(
            "{} is not a text file (it holds binary data)",
            name.display()
        )));
    }
    let dir = ctx.home.plans_dir();
    let mut settings = if dir.join(format!("{id}.md")).exists() {
        PlanSettings::load(&dir, id)?
    } else {
        PlanSettings::default()
    };
    let choice = settings.choice(reading.map(usize::from));
    let plan = parse_file_text_with(id, name, bytes, &choice)?;
    if !plan.is_trackable() {
        // As `validate` says it: exit 1, the one code for a file that yields nothing.
        return Err(nothing_to_track(name));
    }
    if let Some(n) = reading {
        let count = plan.readings.len();
        let Some(chosen) = plan.readings.get(usize::from(n) - 1) else {
            return Err(bad_input(format!(
                "{} has {}; --reading takes 1-{count} (`pymastery validate` lists them)",
                name.display(),
                plural(count, "reading"),
            )));
        };
        settings.reading = Some(chosen.key.clone());
    }
    let installed = install(ctx, &plan, bytes, force, upstream, &settings)?;
    Ok((plan, installed))
}

/// A file with no run of steps to track: what was looked for, and how to mark days.
pub(super) fn nothing_to_track(name: &Path) -> anyhow::Error {
    crate::error::CommandError::failure(format!(
        "{} yields nothing to track: {LOOKED_FOR}",
        name.display()
    ))
    .hinted("mark days as `## Day 1: Title` headings or `- [ ]` checklists; the README shows the format")
    .into()
}

/// What putting a plan in place did.
pub(super) struct Installed {
    pub path: PathBuf,
    /// Whether a plan of this id was there before.
    pub replaced: bool,
    /// Against the plan it replaced, when there was one that could be read.
    pub changes: Option<Changes>,
    /// Per old key, how many events were carried to its new key.
    pub carried: Vec<(String, usize)>,
    /// Per vanished day's key, how many events in effect name it.
    pub left: Vec<(String, usize)>,
}

/// Writes `bytes` (which parsed to `plan`) as the plan `plan.id`, replacing an earlier import
/// only with `force`, and carries progress to the days' new keys. `upstream` is where the text
/// came from, kept beside it; a plan imported from a file keeps none. `settings` (the reading
/// chosen for it) are kept beside it too, once the text it replaces has been read the old way.
pub(super) fn install(
    ctx: &Context,
    plan: &Curriculum,
    bytes: &[u8],
    force: bool,
    upstream: Option<&Upstream>,
    settings: &PlanSettings,
) -> anyhow::Result<Installed> {
    let id = &plan.id;
    let target = ctx.home.plans_dir().join(format!("{id}.md"));
    // Checked and written under the lock, so that of two imports of one id the second is
    // refused as having come second.
    let _lock = ctx.home.lock("curricula")?;
    let replaced = target.exists();
    if replaced && !force {
        return Err(bad_input(format!(
            "a plan '{id}' was imported already; add --force to replace it, or choose another id with --id"
        )));
    }
    // The text it replaces, read before it is overwritten (a damaged one is simply replaced).
    let old = if replaced {
        ctx.catalog.load(id).ok()
    } else {
        None
    };
    ctx.home.ensure_dir(Some(crate::home::PLANS_DIR))?;
    crate::fs::write_atomically(&target, bytes)?;
    settings.save(&ctx.home.plans_dir(), id)?;
    match upstream {
        Some(upstream) => upstream.save(&ctx.home.plans_dir(), id)?,
        None => Upstream::forget(&ctx.home.plans_dir(), id)?,
    }
    let mut installed = Installed {
        path: target,
        replaced,
        changes: None,
        carried: Vec::new(),
        left: Vec::new(),
    };
    let Some(old) = old else {
        return Ok(installed);
    };
    let changes = Changes::between(&old, plan);
    let moves = moves_of(&changes, plan);
    let anything_moved = !moves.is_empty() || !changes.vanished.is_empty();
    if anything_moved && ctx.store().files().is_ok_and(|f| !f.is_empty()) {
        let progress = ctx.progress_all()?;
        let (events, counts) = carry_in(ctx, &progress, id, &moves);
        installed.carried = moves.iter().map(|m| m.from.clone()).zip(counts).collect();
        installed.left = changes
            .vanished
            .iter()
            .map(|l| (l.key.clone(), count_on(&progress, id, &l.key)))
            .collect();
        if !events.is_empty() {
            super::record_with(ctx, &mut std::io::sink(), |progress| {
                Ok((carry_in(ctx, progress, id, &moves).0, ()))
            })?;
        }
    }
    installed.changes = Some(changes);
    Ok(installed)
}

/// The moves a re-import makes: each day whose key changed, and each vanished day whose key
/// another day took.
fn moves_of(changes: &Changes, plan: &Curriculum) -> Vec<Move> {
    changes
        .rekeyed()
        .into_iter()
        .map(|(from, to)| {
            let title = match plan.day(&to) {
                Some(day) => day.title.clone(),
                None => changes
                    .vanished
                    .iter()
                    .find(|l| l.key.eq_ignore_ascii_case(&from))
                    .map(|l| l.title.clone())
                    .unwrap_or_default(),
            };
            Move {
                from,
                to,
                title,
                unless_titled: None,
            }
        })
        .collect()
}

fn carry_in(
    ctx: &Context,
    progress: &Folded<reads::All>,
    plan: &str,
    moves: &[Move],
) -> (Vec<Event>, Vec<usize>) {
    carry(
        progress.events(),
        plan,
        moves,
        ctx.clock.now(),
        ctx.clock.today(),
    )
}

fn count_on(progress: &Folded<reads::All>, plan: &str, key: &str) -> usize {
    progress
        .events()
        .iter()
        .filter(|e| {
            e.plan.as_str() == plan && e.kind.day().is_some_and(|d| d.eq_ignore_ascii_case(key))
        })
        .count()
}

impl Installed {
    fn carried_from(&self, key: &str) -> usize {
        lookup(&self.carried, key)
    }

    /// What changed, one line each, for the terminal (empty when nothing did).
    pub(super) fn lines(&self) -> Vec<String> {
        let Some(changes) = &self.changes else {
            return Vec::new();
        };
        let mut lines = Vec::new();
        let moved: Vec<_> = changes.moved().collect();
        let quiet: Vec<_> = moved
            .iter()
            .filter(|p| self.carried_from(&p.old_key) == 0)
            .collect();
        for pair in &moved {
            let kept = self.carried_from(&pair.old_key) > 0;
            if kept || quiet.len() <= QUIET_MOVES_LISTED {
                lines.push(format!(
                    "{}: {} → {}{}",
                    shown_title(&pair.new_title, &pair.new_key),
                    pair.old_key,
                    pair.new_key,
                    if kept { ", progress kept" } else { "" }
                ));
            }
        }
        if quiet.len() > QUIET_MOVES_LISTED {
            lines.push(format!(
                "{} other days renumbered, with nothing recorded on them",
                quiet.len()
            ));
        }
        for pair in changes.matched.iter().filter(|p| p.renamed()) {
            lines.push(format!(
                "renamed: {} '{}' → '{}'",
                pair.new_key, pair.old_title, pair.new_title
            ));
        }
        for pair in &changes.matched {
            for (n, old, new) in &pair.reworded {
                lines.push(format!(
                    "reworded: {} item {n}: '{old}' → '{new}'",
                    pair.new_key
                ));
            }
        }
        for day in &changes.added {
            lines.push(format!("new: {} {}", day.key, day.title));
        }
        for day in &changes.vanished {
            let left = lookup(&self.left, &day.key);
            let kept = if left == 0 {
                String::new()
            } else {
                let parked = self
                    .carried
                    .iter()
                    .any(|(k, _)| k.eq_ignore_ascii_case(&day.key));
                let key = if parked {
                    vanished_key(&day.key, &day.title)
                } else {
                    day.key.to_lowercase()
                };
                format!(", what was recorded on it is kept as '{key}': `pymastery doctor` lists it")
            };
            lines.push(format!("vanished: {} {}{kept}", day.key, day.title));
        }
        lines
    }

    /// The same for `--json`: `moved`, `renamed`, `reworded`, `added`, `vanished`.
    pub(super) fn json(&self) -> Value {
        let Some(changes) = &self.changes else {
            return Value::Null;
        };
        json!({
            "moved": changes.moved().map(|p| json!({
                "title": p.new_title,
                "from": p.old_key,
                "to": p.new_key,
                "events": self.carried_from(&p.old_key),
            })).collect::<Vec<_>>(),
            "renamed": changes.matched.iter().filter(|p| p.renamed()).map(|p| json!({
                "key": p.new_key,
                "from": p.old_title,
                "to": p.new_title,
            })).collect::<Vec<_>>(),
            "reworded": changes.matched.iter().flat_map(|p| p.reworded.iter().map(|(n, old, new)| json!({
                "day": p.new_key,
                "n": n,
                "from": old,
                "to": new,
            }))).collect::<Vec<_>>(),
            "added": changes.added.iter().map(|l| json!({"key": l.key, "title": l.title})).collect::<Vec<_>>(),
            "vanished": changes.vanished.iter().map(|l| json!({
                "key": l.key,
                "title": l.title,
                "events": lookup(&self.left, &l.key),
            })).collect::<Vec<_>>(),
        })
    }
}

fn lookup(counts: &[(String, usize)], key: &str) -> usize {
    counts
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, n)| n)
        .sum()
}

/// A day's title, or its key when it has none.
fn shown_title<'a>(title: &'a str, key: &'a str) -> &'a str {
    if title.trim().is_empty() { key } else { title }
}
