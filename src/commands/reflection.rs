//! Getting a reflection from the user: the argument, standard input, or an editor on a template.

use std::io::Read;
use std::process::Command;

use anyhow::Context as _;

use super::Context;
use crate::curriculum::{Curriculum, Day, ItemKind};
use crate::error::bad_input;
use crate::render::text::{one_line, plain_inline};

/// The note for `--note [TEXT]`: `None` when the flag was not given.
///
/// With no text it reads standard input when that is not a terminal, else opens the editor.
/// An empty note is bad input, so that nothing is written.
pub fn read_note(
    ctx: &Context,
    flag: Option<&Option<String>>,
    plan: &Curriculum,
    day: Option<&Day>,
) -> anyhow::Result<Option<String>> {
    let Some(given) = flag else { return Ok(None) };
    let text = match given {
        Some(text) => text.clone(),
        None if !ctx.stdin_is_terminal => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read the note from standard input")?;
            text
        }
        None => edit(ctx, &template(plan, day))?,
    };
    let text = text.trim().to_string();
    if text.is_empty() {
        return Err(bad_input("the note is empty, so nothing was recorded"));
    }
    Ok(Some(text))
}

/// Checks a note given as an argument (`note TEXT`).
pub fn require_text(text: &str) -> anyhow::Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(bad_input("the note is empty, so nothing was recorded"));
    }
    Ok(text.to_string())
}

/// The editor's starting text: the day's title and its questions as comments.
fn template(plan: &Curriculum, day: Option<&Day>) -> String {
    let mut text = String::from("\n");
    if let Some(day) = day {
        text.push_str(&format!(
            "# Reflection on {}: {} ({})\n",
            day.key,
            one_line(&plain_inline(&day.title)),
            plan.id
        ));
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

/// Opens the editor on `initial` and returns what was saved, without comment lines.
fn edit(ctx: &Context, initial: &str) -> anyhow::Result<String> {
    let editor = ctx.editor.clone().ok_or_else(|| {
        bad_input(
            "no editor to write the note in: pass it as `--note TEXT`, pipe it in, or set $EDITOR",
        )
    })?;
    let path = std::env::temp_dir().join(format!("pymastery-note-{}.md", std::process::id()));
    std::fs::write(&path, initial).with_context(|| format!("cannot write {}", path.display()))?;
    let status = editor_command(&editor, &path)
        .status()
        .with_context(|| format!("cannot start the editor '{editor}'"));
    let saved = std::fs::read_to_string(&path);
    let _ = std::fs::remove_file(&path);
    let status = status?;
    if !status.success() {
        anyhow::bail!("the editor '{editor}' exited with {status}; nothing was recorded");
    }
    let saved = saved.with_context(|| format!("cannot read {}", path.display()))?;
    Ok(saved
        .lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n"))
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
