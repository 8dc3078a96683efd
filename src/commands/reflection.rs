//! Getting a reflection from the user: the argument, standard input, or an editor on a template.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;

use super::Context;
use crate::curriculum::{Curriculum, Day, ItemKind};
use crate::error::bad_input;
use crate::render::text::{one_line, plain_inline, title_beyond_key};

/// The note for `--note [TEXT]`: `None` when the flag was not given.
///
/// With no text it reads standard input when that is not a terminal, else opens the editor.
/// An empty note is bad input, so that nothing is written.
pub(super) fn read_note(
    ctx: &Context,
    flag: Option<&Option<String>>,
    plan: &Curriculum,
    day: Option<&Day>,
) -> anyhow::Result<Option<String>> {
    let Some(given) = flag else { return Ok(None) };
    let text = match given {
        Some(text) => text.clone(),
        None if !ctx.stdin_is_terminal => {
            // Read with a bound: a note piped from the wrong file is refused, not held whole.
            let mut text = String::new();
            let bound = u64::try_from(MAX_TEXT_BYTES * 2).unwrap_or(u64::MAX);
            std::io::stdin()
                .take(bound)
                .read_to_string(&mut text)
                .context("cannot read the note from standard input")?;
            text
        }
        None => edit(ctx, &template(plan, day))?,
    };
    require_text(&text).map(Some)
}

/// The most a note or a reason may hold: pages of reflection, and a bound on the size of one
/// line of the log, which every command reads.
pub(super) const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Checks a note (`note TEXT`, `done --note TEXT`): not empty, not over the limit.
pub(super) fn require_text(text: &str) -> anyhow::Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(bad_input("the note is empty, so nothing was recorded"));
    }
    within_limit(text, "the note")?;
    Ok(text.to_string())
}

/// Refuses text over [`MAX_TEXT_BYTES`]; `what` names it in the sentence (`the note`).
pub(super) fn within_limit(text: &str, what: &str) -> anyhow::Result<()> {
    if text.len() <= MAX_TEXT_BYTES {
        return Ok(());
    }
    Err(bad_input(format!(
        "{what} is {:.1} KiB, over the limit of {} KiB, so nothing was recorded",
        text.len() as f64 / 1024.0,
        MAX_TEXT_BYTES / 1024
    )))
}

/// The editor's starting text: the day's title and its questions as comments.
fn template(plan: &Curriculum, day: Option<&Day>) -> String {
    let mut text = String::from("\n");
    if let Some(day) = day {
        let day_name = match title_beyond_key(&day.key, &day.title) {
            Some(title) => format!("{}: {title}", day.key),
            None => day.key.clone(),
        };
        text.push_str(&format!("# Reflection on {day_name} ({})\n", plan.id));
        let questions: Vec<String> = day
            .items
            .iter()
            .filter(|i| i.kind == ItemKind::Question)
            .map(|i| one_line(&plain_inline(&i.text)))
            .collect();
        if !questions.is_empty() {
            text.push_str("#\n# Can you answer:\n");
            for q in questions {
                text.push_str(&format!("#   - {q}\n"));
            }
        }
    }
    text.push_str("#\n# Note insights, gotchas or questions. Lines starting with '#' are ignored;\n# an empty note records nothing.\n");
    text
}

/// Where notes written in the editor wait until they are recorded, inside the home.
pub(super) const DRAFTS_DIR: &str = "local/drafts";

/// Opens the editor on `initial` and returns what was saved, without comment lines.
///
/// The file is a fresh private file (0600, created exclusively under a random name) in the
/// home's [`DRAFTS_DIR`], not in a shared temporary directory: whatever happens once the editor
/// has closed (a failure, a kill), the note stays there until [`super::record`] has appended it,
/// and the next `--note` opens it again. A draft left from an earlier run is offered first.
fn edit(ctx: &Context, initial: &str) -> anyhow::Result<String> {
    let editor = ctx.editor.clone().ok_or_else(|| {
        bad_input(
            "no editor to write the note in: pass it as `--note TEXT`, pipe it in, or set $EDITOR",
        )
    })?;
    let dir = ctx.home.ensure_dir(Some(DRAFTS_DIR))?;
    let earlier = drafts(&dir);
    let mut start = String::new();
    for (path, text) in &earlier {
        start.push_str(&format!(
            "# Kept from a session that was not recorded ({}):\n{text}\n",
            path.display()
        ));
    }
    start.push_str(initial);
    let mut file = tempfile::Builder::new()
        .prefix("note-")
        .suffix(".md")
        .tempfile_in(&dir)
        .with_context(|| format!("cannot create a note file in {}", dir.display()))?;
    file.write_all(start.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {}", file.path().display()))?;
    let (_, path) = file
        .keep()
        .with_context(|| format!("cannot keep the note file in {}", dir.display()))?;
    crate::fs::sync_parent_dir(&path);
    let status = editor_command(&editor, &path)
        .status()
        .with_context(|| format!("cannot start the editor '{editor}'"));
    let saved = std::fs::read_to_string(&path);
    let text = saved.as_deref().map(without_comments).unwrap_or_default();
    let status = match status {
        Ok(status) => status,
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            return Err(e);
        }
    };
    if text.trim().is_empty() || !status.success() {
        // Nothing worth keeping, or the editor failed: earlier drafts stay as they were.
        let _ = std::fs::remove_file(&path);
    } else {
        // The new draft holds the earlier ones (the user kept or cut them): one draft left.
        for (old, _) in earlier {
            let _ = std::fs::remove_file(old);
        }
        ctx.journal.keep_draft(path.clone());
    }
    if !status.success() {
        anyhow::bail!("the editor '{editor}' exited with {status}; nothing was recorded");
    }
    saved.with_context(|| format!("cannot read {}", path.display()))?;
    Ok(text)
}

/// The text of a note file, without the comment lines of the template.
fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Notes in `dir` left by runs that did not record them, oldest first, with their text.
pub(super) fn drafts(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut found: Vec<(std::time::SystemTime, PathBuf, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let path = entry.path();
            let name = path.file_name()?.to_str()?;
            if !(name.starts_with("note-") && name.ends_with(".md")) {
                return None;
            }
            let modified = entry.metadata().ok()?.modified().ok()?;
            let text = without_comments(&std::fs::read_to_string(&path).ok()?);
            (!text.trim().is_empty()).then_some((modified, path, text.trim().to_string()))
        })
        .collect();
    found.sort();
    found
        .into_iter()
        .map(|(_, path, text)| (path, text))
        .collect()
}

#[cfg(unix)]
fn editor_command(editor: &str, path: &std::path::Path) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(path);
    command
}

#[cfg(not(unix))]
fn editor_command(editor: &str, path: &std::path::Path) -> Command {
    let mut command = Command::new(editor);
    command.arg(path);
    command
}
